#include "cli/lambert_csv.hpp"

#include <array>
#include <charconv>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <vector>

#include "astro/lambert.hpp"
#include "cli/command.hpp"

namespace ger::cli {
namespace {

constexpr double day_s = 86'400.0;  // [s] SI day, the unit of tof_days
// The CLI sizes storage per row from max_revs; beyond this the arcs are not meaningful transfers anyway.
constexpr int max_revs_limit = 1000;
constexpr std::array<const char*, 9> required_columns = {"mu_km3_s2", "r1x_km", "r1y_km", "r1z_km", "r2x_km",
                                                         "r2y_km",    "r2z_km", "tof_days", "max_revs"};

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const auto comma = line.find(',', start);
        fields.push_back(trim(std::string_view(line).substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return fields;
}

// Shortest text that reads back to the same double.
std::string number(double v) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), ec == std::errc() ? end : buf.data());
}

template <class T>
T parse_field(const std::string& text, std::size_t line_no, const char* column) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        throw CommandError("line " + std::to_string(line_no) + ", column " + column + ": '" + text + "' is not " +
                           (std::is_integral_v<T> ? "an integer" : "a number"));
    }
    return value;
}

void emit(std::ostringstream& out, const LambertCsvOptions& o, bool& first, std::size_t row, const astro::LambertSolution* s,
          astro::LambertStatus status) {
    const auto st = astro::lambert_status_name(status);
    if (o.format == "json") {
        out << (first ? "[\n  " : ",\n  ") << "{\"row\": " << row;
        if (s != nullptr) {
            out << ", \"revs\": " << s->revs << ", \"branch\": \"" << astro::lambert_branch_name(s->branch)
                << "\", \"v1_km_s\": [" << number(s->v1.x) << ", " << number(s->v1.y) << ", " << number(s->v1.z)
                << "], \"v2_km_s\": [" << number(s->v2.x) << ", " << number(s->v2.y) << ", " << number(s->v2.z)
                << "]";
        }
        out << ", \"status\": \"" << st << "\"}";
    } else {
        out << row << ',';
        if (s != nullptr) {
            out << s->revs << ',' << astro::lambert_branch_name(s->branch) << ',' << number(s->v1.x) << ','
                << number(s->v1.y) << ',' << number(s->v1.z) << ',' << number(s->v2.x) << ',' << number(s->v2.y) << ','
                << number(s->v2.z);
        } else {
            out << ",,,,,,,";
        }
        out << ',' << st << '\n';
    }
    first = false;
}

}  // namespace

std::string solve_lambert_csv(std::istream& in, const LambertCsvOptions& o) {
    std::string line;
    std::size_t line_no = 0;
    std::array<std::size_t, required_columns.size()> col{};
    std::size_t header_fields = 0;
    bool have_header = false;
    while (!have_header && std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;
        const auto names = split(line);
        header_fields = names.size();
        for (std::size_t k = 0; k < required_columns.size(); ++k) {
            std::size_t j = 0;
            while (j < names.size() && names[j] != required_columns[k]) ++j;
            if (j == names.size()) {
                throw CommandError("line " + std::to_string(line_no) + ": header lacks column " + required_columns[k]);
            }
            col[k] = j;
        }
        have_header = true;
    }
    if (!have_header) throw CommandError("no header row (expected columns mu_km3_s2, r1x_km, ..., max_revs)");

    const auto direction = o.retrograde ? astro::LambertDirection::retrograde : astro::LambertDirection::prograde;
    std::ostringstream out;
    if (o.format == "csv") out << "row,revs,branch,v1x_km_s,v1y_km_s,v1z_km_s,v2x_km_s,v2y_km_s,v2z_km_s,status\n";
    bool first = true;
    std::vector<astro::LambertSolution> storage;
    std::size_t row = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;
        const auto f = split(line);
        if (f.size() != header_fields) {
            throw CommandError("line " + std::to_string(line_no) + ": " + std::to_string(f.size()) +
                               " fields, the header has " + std::to_string(header_fields));
        }
        double v[8];
        for (std::size_t k = 0; k < 8; ++k) v[k] = parse_field<double>(f[col[k]], line_no, required_columns[k]);
        const int max_revs = parse_field<int>(f[col[8]], line_no, "max_revs");
        if (max_revs < 0 || max_revs > max_revs_limit) {
            throw CommandError("line " + std::to_string(line_no) + ", column max_revs: " + std::to_string(max_revs) +
                               " is outside 0.." + std::to_string(max_revs_limit));
        }
        storage.resize(astro::lambert_max_solutions(max_revs));
        astro::LambertResult res;
        try {
            res = astro::solve_lambert({v[1], v[2], v[3]}, {v[4], v[5], v[6]}, v[7] * day_s, v[0], storage, max_revs,
                                       direction);
        } catch (const astro::LambertError& e) {
            throw CommandError("line " + std::to_string(line_no) + ": " + e.what());
        }
        for (std::size_t k = 0; k < res.count; ++k) emit(out, o, first, row, &storage[k], astro::LambertStatus::ok);
        if (res.count == 0) emit(out, o, first, row, nullptr, res.status);
        ++row;
    }
    if (o.format == "json") out << (first ? "[]\n" : "\n]\n");
    return out.str();
}

}  // namespace ger::cli
