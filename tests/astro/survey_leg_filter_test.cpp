// The survey's leg filter (astro/detail/leg_plane_bound.hpp): it must never reject a leg that the Lambert solver
// shows to be within its burn limits (the pruning's safety), it must reject the cases the geometry rules out, and
// the vectorised row loop must give the scalar test's answer lane for lane on whatever ISA this CPU dispatches to.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>
#include <vector>

#include "astro/constants.hpp"
#include "astro/detail/survey_leg_filter.hpp"
#include "astro/lambert.hpp"
#include "leg_end_samples.hpp"

namespace ger::astro::detail {
namespace {

using namespace leg_samples;

// Safety: for seeded random legs (0..2 revolutions, both senses, every branch), budgets set to the burns the
// solver's arcs actually need are never rejected.
TEST(SurveyLegFilter, NeverRejectsALegTheSolverShowsWithinItsLimits) {
    std::mt19937_64 rng(20261126);
    std::uniform_real_distribution<double> radius(0.6 * au, 2.5 * au), tof_days(5, 500), lat(0, 0.7);
    std::array<LambertSolution, lambert_max_solutions(2)> sols{};
    int checked = 0;
    for (int trial = 0; trial < 20000; ++trial) {
        const Vec3 r1 = random_direction(rng, lat(rng)) * radius(rng);
        const Vec3 r2 = random_direction(rng, lat(rng)) * radius(rng);
        const Vec3 w1 = orbit_velocity(rng, r1), w2 = orbit_velocity(rng, r2);
        const auto dir = trial % 4 == 3 ? LambertDirection::retrograde : LambertDirection::prograde;
        const auto res = solve_lambert(r1, r2, tof_days(rng) * 86400.0, gm_sun_km3_s2, sols, 2, dir);
        for (std::size_t k = 0; k < res.count; ++k) {
            const double b1 = norm(sols[k].v1 - w1), b2 = norm(sols[k].v2 - w2);
            ASSERT_TRUE(leg_may_fit(end_of(r1, w1), end_of(r2, w2), b1 * (1 + 1e-9) + 1e-9, b2 * (1 + 1e-9) + 1e-9,
                                    slack))
                << "trial " << trial << " arc " << k << ": needs " << b1 << " and " << b2 << " km/s";
            ++checked;
        }
    }
    EXPECT_GT(checked, 20000);
}

// The tests reject what geometry rules out: an asteroid 20 deg above the ecliptic, a quarter orbit ahead of the
// Earth, cannot be left for the Earth with a 1 km/s burn and 4.6 km/s v-infinity (the plane through both needs
// ~10 km/s out of plane at the Earth); the same leg is possible with generous budgets.
TEST(SurveyLegFilter, RejectsALegOutOfThePlaneAndKeepsItWithGenerousBudgets) {
    const double v_circ = std::sqrt(gm_sun_km3_s2 / au);
    const double lat = 20 * M_PI / 180;
    const Vec3 ra{0, au * std::cos(lat), au * std::sin(lat)};
    const Vec3 va{-v_circ * std::cos(lat), 0, 0};
    const Vec3 re{au, 0, 0}, ve{0, v_circ, 0};
    const LegEnd a = end_of(ra, va), e = end_of(re, ve);
    EXPECT_FALSE(leg_may_fit(a, e, 1.0, 4.6, slack));
    EXPECT_TRUE(leg_may_fit(a, e, 40.0, 40.0, slack));
    // Energy alone: an asteroid at 3 AU cannot reach an Earth-crossing arc with small burns at both ends.
    const Vec3 far{3 * au, 0, 0}, vfar{0, std::sqrt(gm_sun_km3_s2 / (3 * au)), 0};
    EXPECT_FALSE(leg_may_fit(end_of(far, vfar), end_of(Vec3{0, au, 0}, Vec3{-v_circ, 0, 0}), 1.0, 1.0, slack));
}

// The dispatched row loop equals the scalar test lane for lane, budgets spread around each lane's threshold.
TEST(SurveyLegFilter, RowLoopEqualsTheScalarTest) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> radius(0.8 * au, 1.8 * au), budget(0, 12), lat(0, 0.5);
    constexpr std::size_t n = 1003;  // not a multiple of any vector width
    std::vector<Vec3> r(n), w(n);
    for (std::size_t j = 0; j < n; ++j) {
        r[j] = random_direction(rng, lat(rng)) * radius(rng);
        w[j] = orbit_velocity(rng, r[j]);
    }
    LegEndTable table;
    table.assign(r, w, gm_sun_km3_s2);
    std::vector<unsigned char> keep(n);
    int kept = 0, rejected = 0;
    for (int row = 0; row < 40; ++row) {
        const Vec3 r1 = random_direction(rng, lat(rng)) * radius(rng);
        const LegEnd a = end_of(r1, orbit_velocity(rng, r1));
        const double b1 = budget(rng), b2 = budget(rng);
        const std::size_t first = static_cast<std::size_t>(row) % 5, count = n - first;
        legs_may_fit(a, table, first, count, b1, b2, slack, keep.data());
        for (std::size_t m = 0; m < count; ++m) {
            const bool scalar = leg_may_fit(a, table.at(first + m), b1, b2, slack);
            ASSERT_EQ(keep[m] != 0, scalar) << "row " << row << " lane " << m;
            (scalar ? kept : rejected) += 1;
        }
    }
    EXPECT_GT(kept, 1000);
    EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace ger::astro::detail
