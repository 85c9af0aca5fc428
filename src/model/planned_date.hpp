// A date as firm as the plan behind it: a day for missions that flew, a month or a year for plans,
// and a window "start/end" when an agency gives a range.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "model/enums.hpp"

namespace ger::model {

// A calendar date (UTC) known to the day, the month or the year. `date` is the first day of the period.
struct PlannedDate {
    std::chrono::year_month_day date{};
    DatePrecision precision = DatePrecision::day;

    std::chrono::sys_days first_day() const;  // the earliest day the period allows
    std::chrono::sys_days last_day() const;   // the latest day the period allows
    std::string to_string() const;            // "2033", "2033-03" or "2033-03-14"
    friend bool operator==(const PlannedDate&, const PlannedDate&) = default;
};

// A launch: one planned date, or a window "2033-03-01/2033-06-30" (ISO 8601 interval).
struct LaunchWindow {
    PlannedDate start;
    std::optional<PlannedDate> end;  // set for a window; `end` is never before `start`

    std::chrono::sys_days earliest() const { return start.first_day(); }
    std::chrono::sys_days latest() const { return end ? end->last_day() : start.last_day(); }
    std::string to_string() const;
    friend bool operator==(const LaunchWindow&, const LaunchWindow&) = default;
};

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD". Throws ParseError naming the text and what is wrong
// (e.g. "2023-02-30: day 30 does not exist in February 2023").
PlannedDate parse_planned_date(std::string_view text);
// Parses a PlannedDate or "A/B" window.
LaunchWindow parse_launch_window(std::string_view text);

}  // namespace ger::model
