// Coverage, gaps, overlaps, opportunities, conflicts, the critical path and the stepwise path on a crafted
// roadmap whose answers are worked out by hand (day counts checked with Python's datetime).
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/analysis.hpp"
#include "crafted_dataset.hpp"
#include "model/bundled.hpp"
#include "model/validation.hpp"

namespace ger::analysis {
namespace {

using testing::crafted_dataset;

AnalysisOptions options() {
    AnalysisOptions o;
    o.today_year = 2026;
    o.horizon_year = 2040;
    return o;
}

TEST(Findings, CraftedDatasetIsValid) { EXPECT_TRUE(model::validate(crafted_dataset()).empty()); }

TEST(Coverage, CountsLeadAndPartnersPerPeriod) {
    const auto c = coverage(crafted_dataset(), options());
    EXPECT_EQ(c.counted_missions, 8);  // the cancelled one is left out
    ASSERT_EQ(c.periods.size(), 6u);   // 2010-2014 ... 2035-2039
    EXPECT_EQ(c.periods.front(), (Period{2010, 2014}));
    EXPECT_EQ(c.periods.back(), (Period{2035, 2039}));
    const auto cell = std::find_if(c.cells.begin(), c.cells.end(),
                                   [](const CoverageCell& x) { return x.objective == "o1" && x.agency == "A"; });
    ASSERT_NE(cell, c.cells.end());
    EXPECT_EQ(cell->total, 5);
    EXPECT_EQ(cell->by_period, (std::vector<int>{1, 0, 1, 1, 1, 1}));
    EXPECT_EQ(std::count_if(c.cells.begin(), c.cells.end(), [](const CoverageCell& x) { return x.objective == "o3"; }),
              0);
    const auto moon = std::find_if(c.destinations.begin(), c.destinations.end(),
                                   [](const DestinationCoverage& x) { return x.destination == "Moon"; });
    ASSERT_NE(moon, c.destinations.end());
    EXPECT_EQ(moon->missions, 3);
    EXPECT_EQ(moon->human, 1);
    EXPECT_EQ(moon->agencies, (std::vector<std::string>{"A", "B", "C"}));
}

TEST(Coverage, PeriodCellsCountEachMissionOnce) {
    auto data = crafted_dataset();
    for (auto& m : data.missions) {
        if (m.id == "moon-b") m.partners = {"A"};  // A now takes part in both o2 missions
    }
    const auto c = coverage(data, options());
    const auto o2_a = std::find_if(c.cells.begin(), c.cells.end(),
                                   [](const CoverageCell& x) { return x.objective == "o2" && x.agency == "A"; });
    ASSERT_NE(o2_a, c.cells.end());
    EXPECT_EQ(o2_a->total, 2);
    std::vector<std::string> seen;
    for (const auto& p : c.period_cells) {
        seen.push_back(p.objective + "@" + std::to_string(c.periods.at(p.period).first_year) + ":" +
                       std::to_string(p.missions.size()));
    }
    // o1: leo-station 2010, cis-robot 2024 (2020-2024), cis-crew 2027, moon-crew 2031, nea-crew 2033, mars-crew
    // 2035; o2: moon-a and moon-b once each although two agencies take part in moon-b; o4: cis-robot.
    EXPECT_EQ(seen, (std::vector<std::string>{"o1@2010:1", "o1@2020:1", "o1@2025:1", "o1@2030:2", "o1@2035:1",
                                              "o2@2025:2", "o4@2020:1"}));
}

TEST(Gaps, ObjectivesAndPrecursors) {
    const auto g = gaps(crafted_dataset(), options());
    std::vector<std::string> seen;
    for (const auto& gap : g) {
        seen.push_back(std::string(to_string(gap.kind)) + ":" + gap.objective + gap.destination);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"objective-unaddressed:o3", "objective-unaddressed:o4",
                                              "no-precursor:Mars", "no-precursor:NEA"}));
    EXPECT_TRUE(g[0].missions.empty());  // only the cancelled mission named o3
    EXPECT_EQ(g[1].missions, (std::vector<std::string>{"cis-robot"}));  // completed: outside the horizon
    EXPECT_EQ(g[2].missions, (std::vector<std::string>{"mars-crew"}));
    ASSERT_TRUE(g[3].period);
    EXPECT_EQ(*g[3].period, (Period{2030, 2034}));
}

TEST(Gaps, IdleDestinationsWithinAShortHorizon) {
    auto o = options();
    o.horizon_year = 2030;
    std::vector<std::string> idle;
    for (const auto& gap : gaps(crafted_dataset(), o)) {
        if (gap.kind == GapKind::destination_idle) idle.push_back(gap.destination);
    }
    EXPECT_EQ(idle, (std::vector<std::string>{"NEA", "Mars"}));
}

TEST(Overlaps, DifferentAgenciesSameDestinationAndObjective) {
    const auto o = overlaps(crafted_dataset(), options());
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].destination, "Moon");
    EXPECT_EQ(o[0].objective, "o2");
    EXPECT_EQ(o[0].missions, (std::vector<std::string>{"moon-a", "moon-b"}));
    EXPECT_EQ(o[0].agencies, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(format_day(o[0].from), "2028-03-01");

    // Shorter activity: moon-a (launch by 2028-03-31) is over before moon-b launches in 2029-01.
    auto short_activity = options();
    short_activity.default_activity_days = 200;
    EXPECT_TRUE(overlaps(crafted_dataset(), short_activity).empty());
}

TEST(Opportunities, CapabilityOfAnotherAgency) {
    const auto o = opportunities(crafted_dataset());
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].mission, "moon-crew");
    EXPECT_EQ(o[0].capability, "cap-lander");
    EXPECT_EQ(o[0].provider, "B");
    EXPECT_FALSE(o[0].partnered);
}

TEST(Conflicts, MissionBeforeCapabilityReadiness) {
    const auto c = conflicts(crafted_dataset());
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].kind, ConflictKind::before_readiness);
    EXPECT_EQ(c[0].mission, "cis-crew");
    EXPECT_EQ(c[0].other, "cap-hab");
    EXPECT_EQ(c[0].days, 183);  // 2027-12-01 -> 2028-06-01

    auto data = crafted_dataset();
    data.missions[2].launch = model::parse_launch_window("2028-06-01");  // on the readiness day: fine
    EXPECT_TRUE(conflicts(data).empty());
    data.missions[7].launch = model::parse_launch_window("2031-05");  // mars-crew before its precursor
    const auto p = conflicts(data);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].kind, ConflictKind::before_precursor);
    EXPECT_EQ(p[0].days, 1);  // latest 2031-05-31, precursor 2031-06-01
}

TEST(CriticalPath, KnownSlackPerStep) {
    const auto data = crafted_dataset();
    EXPECT_EQ(default_goal(data, options()), "mars-crew");
    const auto path = critical_path(data, "mars-crew");
    EXPECT_EQ(path.ancestors, 4u);  // moon-crew, cap-hab, cap-lander, moon-b
    ASSERT_EQ(path.steps.size(), 4u);
    const std::vector<std::pair<std::string, long long>> expected{
        {"moon-b", 2312},      // 2029-01-31 -> 2030-01-01 (335) + 1977
        {"cap-lander", 1977},  // 2030-01-01 -> 2031-06-01 (516) + 1461
        {"moon-crew", 1461},   // finish 2031-07-01 (30 days) -> 2035-07-01
        {"mars-crew", 0}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(path.steps[i].id, expected[i].first) << i;
        ASSERT_TRUE(path.steps[i].slack_days) << i;
        EXPECT_EQ(*path.steps[i].slack_days, expected[i].second) << i;
    }
    EXPECT_THROW(critical_path(data, "no-such-mission"), std::invalid_argument);

    // A lander ready only on 2036-06-01 would delay the goal: negative slack, 2031-06-01 - 2036-06-01 (-1827)
    // + 1461 = -366 days.
    auto late = data;
    late.capabilities[1].readiness = model::parse_planned_date("2036-06-01");
    const auto late_path = critical_path(late, "mars-crew");
    ASSERT_EQ(late_path.steps.size(), 4u);
    EXPECT_EQ(late_path.steps[1].id, "cap-lander");
    EXPECT_EQ(*late_path.steps[1].slack_days, -366);
}

TEST(StepwisePath, EachStepChecked) {
    const auto steps = stepwise_path(crafted_dataset(), options());
    ASSERT_EQ(steps.size(), 4u);
    EXPECT_TRUE(steps[0].ok);
    EXPECT_TRUE(steps[1].ok);
    EXPECT_EQ(steps[1].first_human_mission, "cis-crew");
    EXPECT_TRUE(steps[2].ok);
    EXPECT_EQ(steps[2].first_human_mission, "moon-crew");
    EXPECT_EQ(steps[2].first_robotic_mission, "moon-a");
    EXPECT_FALSE(steps[3].ok);  // no robotic mission to Mars
    EXPECT_NE(steps[3].message.find("no robotic mission"), std::string::npos);
}

TEST(Analyze, JsonHasEveryKeyAndNamesRecords) {
    const auto j = to_json(analyze(crafted_dataset(), options()));
    for (const char* key : {"coverage", "gaps", "overlaps", "opportunities", "conflicts", "critical_path",
                            "stepwise_path"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_EQ(j["conflicts"][0]["mission"], "cis-crew");
    EXPECT_EQ(j["critical_path"]["steps"][0]["slack_days"], 2312);
}

TEST(Analyze, BundledDatasetRuns) {
    const auto a = analyze(model::bundled_dataset(), options());
    EXPECT_EQ(a.coverage.counted_missions + 0, a.coverage.counted_missions);
    EXPECT_GT(a.coverage.counted_missions, 50);
    ASSERT_TRUE(a.critical_path.has_value() || !default_goal(model::bundled_dataset(), options()));
    ASSERT_EQ(a.stepwise_path.size(), 4u);
    EXPECT_TRUE(a.stepwise_path[0].ok);  // the ISS
}

}  // namespace
}  // namespace ger::analysis
