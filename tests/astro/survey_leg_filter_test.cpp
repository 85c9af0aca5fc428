// The survey's leg filter (astro/detail/leg_plane_bound.hpp): it must never reject a leg that the Lambert solver
// shows to be within its burn limits (the pruning's safety) and it must reject the cases the geometry rules out.
// survey_leg_row_test checks the vectorised row screen against it lane for lane.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

#include "astro/constants.hpp"
#include "astro/detail/leg_plane_bound.hpp"
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

}  // namespace
}  // namespace ger::astro::detail
