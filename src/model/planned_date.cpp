#include "model/planned_date.hpp"

#include <array>
#include <cstdio>

#include "model/error.hpp"

namespace ger::model {

namespace {

constexpr std::array<std::string_view, 12> month_names{"January", "February", "March",     "April",
                                                       "May",     "June",     "July",      "August",
                                                       "September", "October", "November", "December"};

// Reads exactly `text.size()` ASCII digits; std::from_chars would also accept a leading '-' for int.
std::optional<int> parse_digits(std::string_view text) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

[[noreturn]] void fail(std::string_view text, const std::string& why) {
    throw ParseError(std::string(text) + ": " + why);
}

std::string pad(int value, int width) {
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

}  // namespace

std::chrono::sys_days PlannedDate::first_day() const {
    using namespace std::chrono;
    switch (precision) {
        case DatePrecision::year: return sys_days{date.year() / January / 1};
        case DatePrecision::month: return sys_days{date.year() / date.month() / 1};
        case DatePrecision::day: break;
    }
    return sys_days{date};
}

std::chrono::sys_days PlannedDate::last_day() const {
    using namespace std::chrono;
    switch (precision) {
        case DatePrecision::year: return sys_days{date.year() / December / 31};
        case DatePrecision::month: return sys_days{year_month_day_last{date.year(), month_day_last{date.month()}}};
        case DatePrecision::day: break;
    }
    return sys_days{date};
}

std::string PlannedDate::to_string() const {
    std::string out = pad(static_cast<int>(date.year()), 4);
    if (precision == DatePrecision::year) return out;
    out += '-' + pad(static_cast<int>(static_cast<unsigned>(date.month())), 2);
    if (precision == DatePrecision::month) return out;
    out += '-' + pad(static_cast<int>(static_cast<unsigned>(date.day())), 2);
    return out;
}

std::string LaunchWindow::to_string() const {
    return end ? start.to_string() + "/" + end->to_string() : start.to_string();
}

PlannedDate parse_planned_date(std::string_view text) {
    using namespace std::chrono;
    constexpr std::string_view expected = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) fail(text, std::string(expected));
    if ((text.size() >= 7 && text[4] != '-') || (text.size() == 10 && text[7] != '-')) {
        fail(text, std::string(expected));
    }
    const auto y = parse_digits(text.substr(0, 4));
    if (!y) fail(text, std::string(expected));
    PlannedDate out;
    out.precision = DatePrecision::year;
    out.date = year{*y} / January / 1;
    if (text.size() == 4) return out;

    const auto m = parse_digits(text.substr(5, 2));
    if (!m) fail(text, std::string(expected));
    if (*m < 1 || *m > 12) fail(text, "month " + std::to_string(*m) + " does not exist (months are 01 to 12)");
    out.precision = DatePrecision::month;
    out.date = year{*y} / month{static_cast<unsigned>(*m)} / 1;
    if (text.size() == 7) return out;

    const auto d = parse_digits(text.substr(8, 2));
    if (!d) fail(text, std::string(expected));
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        fail(text, "day " + std::to_string(*d) + " does not exist in " +
                       std::string(month_names[static_cast<std::size_t>(*m - 1)]) + " " + pad(*y, 4));
    }
    out.precision = DatePrecision::day;
    out.date = ymd;
    return out;
}

LaunchWindow parse_launch_window(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return LaunchWindow{parse_planned_date(text), std::nullopt};
    if (text.find('/', slash + 1) != std::string_view::npos) {
        fail(text, "a window has exactly one '/' between its start and its end");
    }
    LaunchWindow window{parse_planned_date(text.substr(0, slash)), parse_planned_date(text.substr(slash + 1))};
    if (window.end->last_day() < window.start.first_day()) {
        fail(text, "the window ends before it starts");
    }
    return window;
}

}  // namespace ger::model
