// The survey's row screen (astro/detail/survey_leg_row.hpp): on every instruction set the binary carries that this
// CPU can run, it keeps exactly the legs the scalar tests keep (the date's need, leg_may_fit, leg_tof_may_fit),
// in date order, each with its own second end, time of flight and length, and writes nothing past its padding.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "astro/constants.hpp"
#include "astro/detail/leg_tof_bound.hpp"
#include "astro/detail/survey_leg_row.hpp"
#include "hwy/targets.h"
#include "leg_end_samples.hpp"

namespace ger::astro::detail {
namespace {

using namespace leg_samples;
constexpr double day_s = 86400.0;
constexpr std::size_t n = 1003;  // dates in a table: not a multiple of any vector width

// Dates at random (each date's end independent of the next) or on one orbit a day apart (the survey's rows, where
// kept legs come in runs and whole vectors pass).
LegEndTable random_dates(std::mt19937_64& rng, std::vector<Vec3>& r, std::vector<Vec3>& w) {
    std::uniform_real_distribution<double> radius(0.8 * au, 1.8 * au), lat(0, 0.5);
    r.resize(n);
    w.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        r[j] = random_direction(rng, lat(rng)) * radius(rng);
        w[j] = orbit_velocity(rng, r[j]);
    }
    LegEndTable table;
    table.assign(r, w, gm_sun_km3_s2);
    return table;
}
LegEndTable orbit_dates(std::vector<Vec3>& r, std::vector<Vec3>& w) {
    const double rate = std::sqrt(gm_sun_km3_s2 / (au * au * au)), v = rate * au;
    r.resize(n);
    w.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        const double a = rate * day_s * static_cast<double>(j);
        r[j] = {au * std::cos(a), au * std::sin(a), 0};
        w[j] = {-v * std::sin(a), v * std::cos(a), 0};
    }
    LegEndTable table;
    table.assign(r, w, gm_sun_km3_s2);
    return table;
}

struct Tally {
    int kept = 0, by_need = 0, by_geometry = 0, by_time = 0;
};

// One row screened and checked against the scalar tests.
void check_row(const char* target, int row, const LegEndTable& table, const std::vector<Vec3>& r, const LegEnd& a,
               std::size_t first, const LegRowLimits& limits, Tally& tally) {
    const std::size_t count = n - first;
    const double guard = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> rx(n + leg_row_padding + 4, guard), ry(rx), rz(rx), tof(rx);
    std::vector<std::int64_t> steps(rx.size(), -7);
    const std::size_t kept =
        screen_leg_row(a, table.from(first), count, limits, {rx.data(), ry.data(), rz.data(), tof.data(), steps.data()});
    std::size_t k = 0;
    for (std::size_t m = 0; m < count; ++m) {
        const LegEnd b = table.at(first + m);
        const double leg_tof = static_cast<double>(m + 1) * limits.step_s;
        const bool need_ok = limits.need == nullptr || !(limits.need[m] + limits.need_offset > limits.need_limit);
        const bool geometry_ok = leg_may_fit(a, b, limits.b1, limits.b2, limits.slack);
        const bool time_ok = leg_tof_may_fit(a, b, leg_tof, limits.b1, limits.b2, limits.slack, limits.mu);
        if (!need_ok) {
            ++tally.by_need;
            continue;
        }
        if (!geometry_ok) {
            ++tally.by_geometry;
            continue;
        }
        if (!time_ok) {
            ++tally.by_time;
            continue;
        }
        ++tally.kept;
        ASSERT_LT(k, kept) << target << " row " << row << ": leg " << m << " kept by the scalar tests, not the screen";
        ASSERT_EQ(steps[k], static_cast<std::int64_t>(m + 1)) << target << " row " << row << " kept leg " << k;
        ASSERT_EQ(rx[k], r[first + m].x);
        ASSERT_EQ(ry[k], r[first + m].y);
        ASSERT_EQ(rz[k], r[first + m].z);
        ASSERT_EQ(tof[k], leg_tof);
        ++k;
    }
    ASSERT_EQ(k, kept) << target << " row " << row << ": the screen kept legs the scalar tests rule out";
    // Nothing written past the kept legs' padding.
    for (std::size_t j = kept + leg_row_padding; j < rx.size(); ++j) {
        ASSERT_TRUE(std::isnan(rx[j]) && std::isnan(tof[j]) && steps[j] == -7) << target << " row " << row << " wrote " << j;
    }
}

void screen_equals_scalar(const char* target, Tally& random_tally, Tally& orbit_tally) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> budget(0, 12), step_days(0.05, 5), lat(0, 0.5), radius(0.8 * au, 1.8 * au);
    std::uniform_real_distribution<double> need(0, 10);
    std::vector<Vec3> r, w, orbit_r, orbit_w;
    const LegEndTable random_table = random_dates(rng, r, w);
    const LegEndTable orbit_table = orbit_dates(orbit_r, orbit_w);
    std::vector<double> needs(n + leg_row_padding);
    for (auto& x : needs) x = need(rng);
    for (int row = 0; row < 60; ++row) {
        const Vec3 r1 = random_direction(rng, lat(rng)) * radius(rng);
        const LegEnd a = end_of(r1, orbit_velocity(rng, r1));
        const std::size_t first = static_cast<std::size_t>(row) % 5;
        LegRowLimits limits{budget(rng), budget(rng), slack, gm_sun_km3_s2, step_days(rng) * day_s};
        if (row % 3 == 2) limits = {limits.b1, limits.b2, slack, gm_sun_km3_s2, limits.step_s, needs.data(), 1.5, 8.0};
        if (row % 4 == 3) limits.b1 = limits.b2 = 40;  // generous: most legs pass, whole vectors at a time
        check_row(target, row, random_table, r, a, first, limits, random_tally);
        if (testing::Test::HasFatalFailure()) return;
        limits.step_s = day_s;
        check_row(target, row, orbit_table, orbit_r, a, first, limits, orbit_tally);
        if (testing::Test::HasFatalFailure()) return;
    }
}

TEST(SurveyLegRow, ScreenKeepsExactlyWhatTheScalarTestsKeepOnEveryCompiledTarget) {
    int targets = 0;
    for (std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
        hwy::SetSupportedTargetsForTest(target);
        Tally random_tally, orbit_tally;
        screen_equals_scalar(hwy::TargetName(target), random_tally, orbit_tally);
        if (HasFatalFailure()) break;
        ++targets;
        // Every way out is exercised, on both kinds of row.
        for (const Tally* t : {&random_tally, &orbit_tally}) {
            EXPECT_GT(t->kept, 1000) << hwy::TargetName(target);
            EXPECT_GT(t->by_need, 1000) << hwy::TargetName(target);
            EXPECT_GT(t->by_geometry, 1000) << hwy::TargetName(target);
            EXPECT_GT(t->by_time, 1000) << hwy::TargetName(target);
        }
    }
    hwy::SetSupportedTargetsForTest(0);
    EXPECT_GE(targets, 2);
}

// An empty row keeps nothing and writes nothing.
TEST(SurveyLegRow, AnEmptyRowKeepsNothing) {
    std::vector<Vec3> r, w;
    const LegEndTable table = orbit_dates(r, w);
    std::vector<double> out(leg_row_padding, -1.0);
    std::vector<std::int64_t> steps(leg_row_padding, -1);
    EXPECT_EQ(screen_leg_row(table.at(0), table.from(1), 0, {40, 40, slack, gm_sun_km3_s2, day_s},
                             {out.data(), out.data(), out.data(), out.data(), steps.data()}),
              0u);
    for (std::size_t j = 0; j < leg_row_padding; ++j) EXPECT_EQ(out[j], -1.0);
}

}  // namespace
}  // namespace ger::astro::detail
