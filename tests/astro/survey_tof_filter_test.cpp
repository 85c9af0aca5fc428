// The survey's time-of-flight leg test (astro/detail/leg_tof_bound.hpp): it must never reject a leg whose
// 0-revolution prograde arc the Lambert solver shows to be within the burn limits (the pruning's safety, over the
// whole range of geometries and times of flight, near-parabolic and near-pi transfers included), it must reject
// what timing rules out where the geometric filter cannot, and the vectorised row screen must keep such legs too
// (survey_leg_row_test checks it against this test lane for lane).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>

#include "astro/constants.hpp"
#include "astro/detail/leg_tof_bound.hpp"
#include "astro/detail/survey_leg_row.hpp"
#include "astro/lambert.hpp"
#include "leg_end_samples.hpp"

namespace ger::astro::detail {
namespace {

using namespace leg_samples;
constexpr double day_s = 86400.0;

// The second end of a leg: random, or (one in four) nearly opposite or nearly aligned with the first, where the
// transfer angle is close to pi or 0 and lambda or the plane is ill-conditioned.
Vec3 second_end(std::mt19937_64& rng, const Vec3& r1, double radius, int trial) {
    std::uniform_real_distribution<double> wobble(-1e-3, 1e-3), lat(0, 0.7);
    if (trial % 8 == 1) return (r1 * (-1 / norm(r1)) + Vec3{wobble(rng), wobble(rng), wobble(rng)}) * radius;
    if (trial % 8 == 5) return (r1 * (1 / norm(r1)) + Vec3{wobble(rng), wobble(rng), wobble(rng)}) * radius;
    return random_direction(rng, lat(rng)) * radius;
}

// Times of flight from hours (fast hyperbolas, x far above 1) through near-parabolic arcs (x in Battin's band) to
// years (x next to -1).
double random_tof_s(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> log_days(std::log(0.05), std::log(2000.0));
    return std::exp(log_days(rng)) * day_s;
}

// Legs kept by screen_leg_row on the one-leg row from `a` to the table's only date, in tof_s.
std::size_t screen_one(const LegEnd& a, const LegEndTable& table, double b1, double b2, double tof_s) {
    std::array<double, 1 + leg_row_padding> rx{}, ry{}, rz{}, tof{};
    std::array<std::int64_t, 1 + leg_row_padding> steps{};
    return screen_leg_row(a, table.from(0), 1, {b1, b2, slack, gm_sun_km3_s2, tof_s},
                          {rx.data(), ry.data(), rz.data(), tof.data(), steps.data()});
}

// Safety: budgets set to the burns the solver's 0-revolution prograde arc actually needs are never rejected, by
// the scalar test and by the vectorised row screen.
TEST(SurveyTofFilter, NeverRejectsALegTheSolverShowsWithinItsLimits) {
    std::mt19937_64 rng(20261206);
    std::uniform_real_distribution<double> radius(0.6 * au, 2.5 * au), lat(0, 0.7);
    std::array<LambertSolution, 1> sol{};
    int checked = 0, hyperbolic = 0, near_parabolic = 0;
    for (int trial = 0; trial < 60000; ++trial) {
        const Vec3 r1 = random_direction(rng, lat(rng)) * radius(rng);
        const Vec3 r2 = second_end(rng, r1, radius(rng), trial);
        const Vec3 w1 = orbit_velocity(rng, r1), w2 = orbit_velocity(rng, r2);
        const double tof = random_tof_s(rng);
        const auto res = solve_lambert(r1, r2, tof, gm_sun_km3_s2, sol, 0, LambertDirection::prograde);
        if (res.count != 1) continue;
        const double b1 = norm(sol[0].v1 - w1) * (1 + 1e-9) + 1e-9, b2 = norm(sol[0].v2 - w2) * (1 + 1e-9) + 1e-9;
        const LegEnd a = end_of(r1, w1), b = end_of(r2, w2);
        ASSERT_TRUE(leg_tof_may_fit(a, b, tof, b1, b2, slack, gm_sun_km3_s2))
            << "trial " << trial << ": tof " << tof / day_s << " d, needs " << b1 << " and " << b2 << " km/s";
        const double energy = 0.5 * dot(sol[0].v1, sol[0].v1) - gm_sun_km3_s2 / norm(r1);
        hyperbolic += energy > 0 ? 1 : 0;
        near_parabolic += std::abs(energy) < 20 ? 1 : 0;
        // The row screen on a one-date row (the geometric test is safe too, survey_leg_filter_test).
        LegEndTable table;
        table.assign(std::span(&r2, 1), std::span(&w2, 1), gm_sun_km3_s2);
        ASSERT_EQ(screen_one(a, table, b1, b2, tof), 1u) << "trial " << trial << " (row screen)";
        ++checked;
    }
    EXPECT_GT(checked, 55000);
    EXPECT_GT(hyperbolic, 1000);
    EXPECT_GT(near_parabolic, 100);
}

// It rejects what timing rules out and the geometric filter cannot: an asteroid on the Earth's orbit 60 degrees
// ahead of it. Leaving on that circle for the Earth takes 5/6 of a year (the arc is the orbit itself, no burn);
// arriving in 20 days needs ~10 km/s at the Earth, so with a 3 km/s departure burn and a 4.6 km/s v-infinity the
// leg is hopeless, which no time-independent test sees (the same ends pass leg_may_fit).
TEST(SurveyTofFilter, RejectsALegWhoseTimeOfFlightNoArcWithinTheLimitsHas) {
    const double v_circ = std::sqrt(gm_sun_km3_s2 / au);
    const double year_s = 2 * M_PI * std::sqrt(au * au * au / gm_sun_km3_s2);
    const double ahead = M_PI / 3;
    const Vec3 ra{au * std::cos(ahead), au * std::sin(ahead), 0}, va{-v_circ * std::sin(ahead), v_circ * std::cos(ahead), 0};
    const Vec3 re{au, 0, 0}, ve{0, v_circ, 0};
    const LegEnd a = end_of(ra, va), e = end_of(re, ve);
    EXPECT_TRUE(leg_may_fit(a, e, 3.0, 4.6, slack));
    EXPECT_FALSE(leg_tof_may_fit(a, e, 20 * day_s, 3.0, 4.6, slack, gm_sun_km3_s2));
    EXPECT_TRUE(leg_tof_may_fit(a, e, 5.0 / 6.0 * year_s, 0.01, 0.01, slack, gm_sun_km3_s2));
    // The solver agrees: at 20 days the arc needs more than the budgets.
    std::array<LambertSolution, 1> sol{};
    ASSERT_EQ(solve_lambert(ra, re, 20 * day_s, gm_sun_km3_s2, sol, 0, LambertDirection::prograde).count, 1u);
    EXPECT_TRUE(norm(sol[0].v1 - va) > 3.0 || norm(sol[0].v2 - ve) > 4.6);
}

// It rejects what the radial speed rules out and the momentum and energy tests cannot: a body at r1 moving as the
// 150-day arc does but 3 km/s slower outward. Its transverse speed is the arc's (H is in the bracket) and its speed
// within the energy cap, so only the radial part of the 3 km/s burn exceeds a 2 km/s limit; with 3.01 km/s the
// leg is kept. The row screen agrees.
TEST(SurveyTofFilter, RejectsALegWhoseRadialSpeedNoArcWithinTheLimitsHas) {
    const double angle = 100.0 * M_PI / 180.0, tof = 150 * day_s;
    const Vec3 r1{au, 0, 0}, r2{1.2 * au * std::cos(angle), 1.2 * au * std::sin(angle), 0};
    std::array<LambertSolution, 1> sol{};
    ASSERT_EQ(solve_lambert(r1, r2, tof, gm_sun_km3_s2, sol, 0, LambertDirection::prograde).count, 1u);
    const Vec3 w1 = sol[0].v1 - r1 * (3.0 / norm(r1)), w2 = sol[0].v2;
    const LegEnd a = end_of(r1, w1), b = end_of(r2, w2);
    EXPECT_TRUE(leg_may_fit(a, b, 2.0, 0.5, slack));
    EXPECT_FALSE(leg_tof_may_fit(a, b, tof, 2.0, 0.5, slack, gm_sun_km3_s2));
    EXPECT_TRUE(leg_tof_may_fit(a, b, tof, 3.01, 0.5, slack, gm_sun_km3_s2));
    LegEndTable table;
    table.assign(std::span(&r2, 1), std::span(&w2, 1), gm_sun_km3_s2);
    EXPECT_EQ(screen_one(a, table, 2.0, 0.5, tof), 0u);
    EXPECT_EQ(screen_one(a, table, 3.01, 0.5, tof), 1u);
}

}  // namespace
}  // namespace ger::astro::detail
