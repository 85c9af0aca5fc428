#include <gtest/gtest.h>

#include "model/error.hpp"
#include "model/planned_date.hpp"

namespace {

using namespace ger::model;
using namespace std::chrono;

TEST(model_PlannedDate, ParsesDayMonthAndYear) {
    const auto day = parse_planned_date("2033-03-14");
    EXPECT_EQ(day.precision, DatePrecision::day);
    EXPECT_EQ(day.date, 2033y / March / 14);

    const auto month = parse_planned_date("2033-03");
    EXPECT_EQ(month.precision, DatePrecision::month);
    EXPECT_EQ(month.first_day(), sys_days{2033y / March / 1});
    EXPECT_EQ(month.last_day(), sys_days{2033y / March / 31});

    const auto year = parse_planned_date("2033");
    EXPECT_EQ(year.precision, DatePrecision::year);
    EXPECT_EQ(year.first_day(), sys_days{2033y / January / 1});
    EXPECT_EQ(year.last_day(), sys_days{2033y / December / 31});
}

TEST(model_PlannedDate, PrintsWhatItParsed) {
    for (const char* text : {"2033", "2033-03", "2033-03-14", "0999-01-01", "2024-02-29"}) {
        EXPECT_EQ(parse_planned_date(text).to_string(), text);
    }
}

TEST(model_PlannedDate, LeapYears) {
    EXPECT_NO_THROW(parse_planned_date("2024-02-29"));  // divisible by 4
    EXPECT_NO_THROW(parse_planned_date("2000-02-29"));  // divisible by 400
    EXPECT_THROW(parse_planned_date("2023-02-29"), ParseError);
    EXPECT_THROW(parse_planned_date("1900-02-29"), ParseError);  // divisible by 100, not 400
    EXPECT_EQ(parse_planned_date("2024-02").last_day(), sys_days{2024y / February / 29});
    EXPECT_EQ(parse_planned_date("2023-02").last_day(), sys_days{2023y / February / 28});
}

TEST(model_PlannedDate, ImpossibleDateNamesTheText) {
    try {
        parse_planned_date("2023-02-30");
        FAIL() << "2023-02-30 was accepted";
    } catch (const ParseError& e) {
        EXPECT_STREQ(e.what(), "2023-02-30: day 30 does not exist in February 2023");
    }
}

TEST(model_PlannedDate, RejectsMalformedText) {
    for (const char* text : {"", "33", "20333", "2033-3", "2033-03-1", "2033/03/14", "2033-13", "2033-00",
                             "2033-04-31", "2033-01-00", "abcd", "2033-0a", "-033", "2033-03-14T00", " 2033"}) {
        EXPECT_THROW(parse_planned_date(text), ParseError) << text;
    }
}

TEST(model_LaunchWindow, ParsesSingleDateAndWindow) {
    const auto single = parse_launch_window("2033-03");
    EXPECT_FALSE(single.end);
    EXPECT_EQ(single.latest(), sys_days{2033y / March / 31});

    const auto window = parse_launch_window("2033-03-01/2033-06-30");
    ASSERT_TRUE(window.end);
    EXPECT_EQ(window.earliest(), sys_days{2033y / March / 1});
    EXPECT_EQ(window.latest(), sys_days{2033y / June / 30});
    EXPECT_EQ(window.to_string(), "2033-03-01/2033-06-30");
}

TEST(model_LaunchWindow, RejectsBackwardsAndMalformedWindows) {
    EXPECT_THROW(parse_launch_window("2033-06/2033-03"), ParseError);
    EXPECT_THROW(parse_launch_window("2033/2034/2035"), ParseError);
    EXPECT_THROW(parse_launch_window("2033-03-01/"), ParseError);
    EXPECT_THROW(parse_launch_window("/2033"), ParseError);
    EXPECT_THROW(parse_launch_window("2033-02-30/2033-06"), ParseError);
}

}  // namespace
