// The survey's time-of-flight leg test (astro/detail/leg_tof_bound.hpp): it must never reject a leg whose
// 0-revolution prograde arc the Lambert solver shows to be within the burn limits (the pruning's safety, over the
// whole range of geometries and times of flight, near-parabolic and near-pi transfers included), it must reject
// what timing rules out where the geometric filter cannot, and the vectorised batch must give the scalar test's
// answer lane for lane on whatever ISA this CPU dispatches to.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>
#include <vector>

#include "astro/constants.hpp"
#include "astro/detail/leg_tof_bound.hpp"
#include "astro/detail/survey_tof_filter.hpp"
#include "astro/lambert.hpp"
#include "leg_end_samples.hpp"
#include "hwy/targets.h"

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

// Safety: budgets set to the burns the solver's 0-revolution prograde arc actually needs are never rejected, by
// the scalar test and by the vectorised batch.
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
        const TofFilterBatch one{&r2.x, &r2.y, &r2.z, &w2.x, &w2.y, &w2.z, &tof};
        unsigned char keep = 0;
        legs_tof_may_fit(a, one, 1, b1, b2, slack, gm_sun_km3_s2, &keep);
        ASSERT_EQ(keep, 1) << "trial " << trial << " (batch)";
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

void batch_equals_scalar(const char* target);

// The batch equals the scalar test lane for lane on every instruction set the binary carries that this CPU can run
// (AVX-512, AVX2, SSE4, ..., Highway's scalar target), with budgets spread around each lane's threshold, and it
// rejects a real share of the legs that the geometric filter keeps.
TEST(SurveyTofFilter, BatchEqualsTheScalarTestOnEveryCompiledTarget) {
    int targets = 0;
    for (std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
        hwy::SetSupportedTargetsForTest(target);
        batch_equals_scalar(hwy::TargetName(target));
        ++targets;
        if (HasFatalFailure()) break;
    }
    hwy::SetSupportedTargetsForTest(0);
    EXPECT_GE(targets, 2);
}

void batch_equals_scalar(const char* target) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> radius(0.8 * au, 1.8 * au), budget(0, 12), lat(0, 0.5);
    constexpr std::size_t n = 1003;  // not a multiple of any vector width
    std::vector<double> rx(n), ry(n), rz(n), wx(n), wy(n), wz(n), tof(n);
    std::vector<unsigned char> keep(n);
    int kept = 0, rejected = 0, rejected_after_geometry = 0;
    for (int row = 0; row < 40; ++row) {
        const Vec3 r1 = random_direction(rng, lat(rng)) * radius(rng);
        const LegEnd a = end_of(r1, orbit_velocity(rng, r1));
        for (std::size_t m = 0; m < n; ++m) {
            const Vec3 r = second_end(rng, r1, radius(rng), static_cast<int>(m));
            const Vec3 w = orbit_velocity(rng, r);
            rx[m] = r.x, ry[m] = r.y, rz[m] = r.z, wx[m] = w.x, wy[m] = w.y, wz[m] = w.z;
            tof[m] = random_tof_s(rng);
        }
        const double b1 = budget(rng), b2 = budget(rng);
        const std::size_t count = n - static_cast<std::size_t>(row) % 5;
        const TofFilterBatch batch{rx.data(), ry.data(), rz.data(), wx.data(), wy.data(), wz.data(), tof.data()};
        legs_tof_may_fit(a, batch, count, b1, b2, slack, gm_sun_km3_s2, keep.data());
        for (std::size_t m = 0; m < count; ++m) {
            const LegEnd b = end_of({rx[m], ry[m], rz[m]}, {wx[m], wy[m], wz[m]});
            const bool scalar = leg_tof_may_fit(a, b, tof[m], b1, b2, slack, gm_sun_km3_s2);
            ASSERT_EQ(keep[m] != 0, scalar) << target << " row " << row << " lane " << m;
            (scalar ? kept : rejected) += 1;
            if (!scalar && leg_may_fit(a, b, b1, b2, slack)) ++rejected_after_geometry;
        }
    }
    EXPECT_GT(kept, 1000);
    EXPECT_GT(rejected, 1000);
    EXPECT_GT(rejected_after_geometry, 1000);
}

}  // namespace
}  // namespace ger::astro::detail
