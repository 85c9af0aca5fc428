// Lambert solver: published cases, every input error, and re-propagation over random problems.
#include <gtest/gtest.h>
#include <hwy/targets.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include "astro/kepler.hpp"
#include "astro/lambert.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/lambert_standard_set.hpp"

namespace ger::astro {
namespace {

constexpr double mu_earth = 398600.435507;       // [km^3/s^2] DE440
constexpr double mu_sun = 1.32712440041279419e11;  // [km^3/s^2] DE440
constexpr double au = 149'597'870.7;               // [km]
constexpr double pi = 3.141592653589793;

double rel(const Vec3& a, const Vec3& b) { return norm(a - b) / norm(b); }

// Re-propagation with the module's universal-variable Kepler propagator (astro/kepler.hpp), an
// independent formulation of the same two-body motion.
State land(const Vec3& r1, const Vec3& v1, double tof, double mu) { return propagate(State{r1, v1}, tof, mu); }

// Curtis, "Orbital Mechanics for Engineering Students", 3rd ed. (2014), Example 5.2: geocentric, 1 h,
// mu = 398600 km^3/s^2; the book prints 5 significant figures.
TEST(Lambert, CurtisExample5_2) {
    std::array<LambertSolution, 1> out;
    const auto res = solve_lambert({5000, 10000, 2100}, {-14600, 2500, 7000}, 3600.0, 398600.0, out);
    ASSERT_EQ(res.count, 1u);
    EXPECT_EQ(res.status, LambertStatus::ok);
    const double tol = 5e-4;  // [km/s] half a unit in the book's last printed digit
    EXPECT_NEAR(out[0].v1.x, -5.9925, tol);
    EXPECT_NEAR(out[0].v1.y, 1.9254, tol);
    EXPECT_NEAR(out[0].v1.z, 3.2456, tol);
    EXPECT_NEAR(out[0].v2.x, -3.3125, tol);
    EXPECT_NEAR(out[0].v2.y, -4.1966, tol);
    EXPECT_NEAR(out[0].v2.z, -0.38529, tol);
    EXPECT_EQ(out[0].revs, 0);
    EXPECT_EQ(out[0].branch, LambertBranch::single);
}

// Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed. (2013), Example 7-5: 76 min,
// short way, mu = 398600.4418 km^3/s^2; the book prints 6 decimals.
TEST(Lambert, ValladoExample7_5) {
    std::array<LambertSolution, 1> out;
    const auto res =
        solve_lambert({15945.34, 0, 0}, {12214.83899, 10249.46731, 0}, 76.0 * 60.0, 398600.4418, out);
    ASSERT_EQ(res.count, 1u);
    const double tol = 5e-6;  // [km/s]
    EXPECT_NEAR(out[0].v1.x, 2.058913, tol);
    EXPECT_NEAR(out[0].v1.y, 2.915965, tol);
    EXPECT_NEAR(out[0].v1.z, 0.0, tol);
    EXPECT_NEAR(out[0].v2.x, -3.451565, tol);
    EXPECT_NEAR(out[0].v2.y, 0.910315, tol);
    EXPECT_NEAR(out[0].v2.z, 0.0, tol);
}

TEST(Lambert, RetrogradeReversesAngularMomentum) {
    std::array<LambertSolution, 1> out;
    solve_lambert({5000, 10000, 2100}, {-14600, 2500, 7000}, 3600.0, mu_earth, out, 0,
                  LambertDirection::retrograde);
    EXPECT_LT(cross(Vec3{5000, 10000, 2100}, out[0].v1).z, 0.0);
    solve_lambert({5000, 10000, 2100}, {-14600, 2500, 7000}, 3600.0, mu_earth, out);
    EXPECT_GT(cross(Vec3{5000, 10000, 2100}, out[0].v1).z, 0.0);
}

TEST(Lambert, CollinearIsReportedNotGuessed) {
    std::array<LambertSolution, 3> out;
    auto res = solve_lambert({7000, 0, 0}, {-9000, 0, 0}, 3600.0, mu_earth, out, 1);
    EXPECT_EQ(res.status, LambertStatus::collinear);
    EXPECT_EQ(res.count, 0u);
    res = solve_lambert({7000, 0, 0}, {9000, 0, 0}, 3600.0, mu_earth, out, 1);
    EXPECT_EQ(res.status, LambertStatus::collinear);
    EXPECT_EQ(res.count, 0u);
}

TEST(Lambert, MultiRevolutionReturnsBothBranchesInOrder) {
    std::array<LambertSolution, lambert_max_solutions(5)> out;
    const Vec3 r1{7000, 0, 0}, r2{0, 8000, 1000};
    const double period = 2 * pi * std::sqrt(std::pow(7500.0, 3) / mu_earth);
    const auto res = solve_lambert(r1, r2, 2.6 * period, mu_earth, out, 5);
    ASSERT_EQ(res.status, LambertStatus::ok);
    ASSERT_EQ(res.count, 5u);  // 0 rev, (1 left, 1 right), (2 left, 2 right); 3 revs need more time
    EXPECT_EQ(out[1].revs, 1);
    EXPECT_EQ(out[1].branch, LambertBranch::left);
    EXPECT_EQ(out[2].branch, LambertBranch::right);
    EXPECT_EQ(out[4].revs, 2);
    for (std::size_t i = 0; i < res.count; ++i) {
        const auto p = land(r1, out[i].v1, 2.6 * period, mu_earth);
        EXPECT_LT(rel(p.r_km, r2), 1e-9) << "solution " << i;
    }
}

// Found by tests/fuzz/lambert_csv: a time of flight of more revolutions than an int holds converted the count
// with undefined behaviour. It is clamped to max_revs: every arc up to max_revs, each landing on target.
TEST(Lambert, ATimeOfFlightOfMoreRevolutionsThanAnIntHoldsGivesTheArcsUpToMaxRevs) {
    std::array<LambertSolution, lambert_max_solutions(2)> out;
    const Vec3 r1{7000, 0, 0}, r2{0, 8000, 1000};
    const double period = 2 * pi * std::sqrt(std::pow(7500.0, 3) / mu_earth);
    const double tof = 1e10 * period;  // about 1e10 revolutions: beyond INT_MAX
    const auto res = solve_lambert(r1, r2, tof, mu_earth, out, 2);
    EXPECT_EQ(res.count, 5u);  // 0 rev, (1 left, 1 right), (2 left, 2 right)
    EXPECT_EQ(out[4].revs, 2);
}

TEST(Lambert, BadInputThrowsNamingTheValue) {
    std::array<LambertSolution, 3> out;
    const Vec3 r1{7000, 0, 0}, r2{0, 8000, 0};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    auto message = [&](auto&& call) -> std::string {
        try {
            call();
        } catch (const LambertError& e) {
            return e.what();
        }
        return "no throw";
    };
    EXPECT_NE(message([&] { solve_lambert({nan, 0, 0}, r2, 100, mu_earth, out); }).find("r1"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, {0, inf, 0}, 100, mu_earth, out); }).find("r2"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert({}, r2, 100, mu_earth, out); }).find("r1 is the zero vector"),
              std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, {}, 100, mu_earth, out); }).find("r2 is the zero vector"),
              std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 0.0, mu_earth, out); }).find("tof = 0"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, -5.0, mu_earth, out); }).find("tof = -5"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, nan, mu_earth, out); }).find("tof = nan"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 100, 0.0, out); }).find("mu = 0"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 100, -1.0, out); }).find("mu = -1"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 100, inf, out); }).find("mu = inf"), std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 100, mu_earth, out, -1); }).find("max_revs = -1"),
              std::string::npos);
    EXPECT_NE(message([&] { solve_lambert(r1, r2, 100, mu_earth, out, 2); }).find("needs 5"), std::string::npos);
    EXPECT_THROW(solve_lambert(r1, r2, 100, mu_earth, out, 2), std::invalid_argument);
}

// Property: Kepler-propagating (r1, v1) for tof lands on r2 (and arrives with v2), for thousands of
// random problems with up to 3 revolutions, both senses, Sun and Earth.
TEST(Lambert, RepropagationLandsOnTarget) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    auto direction = [&] {
        const double z = 2 * u01(rng) - 1, lon = 2 * pi * u01(rng), s = std::sqrt(1 - z * z);
        return Vec3{s * std::cos(lon), s * std::sin(lon), z};
    };
    std::array<LambertSolution, lambert_max_solutions(3)> out;
    int checked = 0, multi = 0;
    double worst_r = 0, worst_v = 0;
    for (int i = 0; i < 4000; ++i) {
        const bool sun = i % 2 == 0;
        const double mu = sun ? mu_sun : mu_earth;
        const double lo = sun ? 0.7 * au : 7000.0, hi = sun ? 1.7 * au : 42000.0;
        const Vec3 r1 = direction() * (lo + (hi - lo) * u01(rng));
        const Vec3 r2 = direction() * (lo + (hi - lo) * u01(rng));
        const double a = 0.5 * (norm(r1) + norm(r2));
        const double tof = (0.05 + 3.0 * u01(rng)) * 2 * pi * std::sqrt(a * a * a / mu);
        const auto dir = (i / 2) % 2 == 0 ? LambertDirection::prograde : LambertDirection::retrograde;
        const auto res = solve_lambert(r1, r2, tof, mu, out, 3, dir);
        ASSERT_NE(res.status, LambertStatus::not_converged) << "problem " << i;
        for (std::size_t k = 0; k < res.count; ++k) {
            const auto p = land(r1, out[k].v1, tof, mu);
            const double er = rel(p.r_km, r2), ev = rel(p.v_km_s, out[k].v2);
            worst_r = std::max(worst_r, er);
            worst_v = std::max(worst_v, ev);
            EXPECT_LT(er, 1e-6) << "problem " << i << " solution " << k;
            EXPECT_LT(ev, 1e-6) << "problem " << i << " solution " << k;
            ++checked;
            multi += out[k].revs > 0;
        }
    }
    EXPECT_GT(checked, 4000);
    EXPECT_GT(multi, 1000);
    std::printf("re-propagation: %d arcs (%d multi-rev), worst position error %.3g, velocity %.3g\n", checked,
                multi, worst_r, worst_v);
}

// Structure-of-arrays outputs for batch tests.
struct BatchResult {
    std::vector<double> v[6];
    std::vector<LambertStatus> status;
    explicit BatchResult(std::size_t n) : status(n) {
        for (auto& c : v) c.assign(n, 0.0);
    }
    LambertBatchOutput view() { return {v[0], v[1], v[2], v[3], v[4], v[5], status}; }
    Vec3 v1(std::size_t i) const { return {v[0][i], v[1][i], v[2][i]}; }
    Vec3 v2(std::size_t i) const { return {v[3][i], v[4][i], v[5][i]}; }
};

LambertBatchInput view(const LambertProblemSet& s, LambertDirection dir = LambertDirection::prograde) {
    return {s.r1x, s.r1y, s.r1z, s.r2x, s.r2y, s.r2z, s.tof, s.mu, dir};
}

// The vector kernel equals the scalar solver to 1e-12 relative on the standard set (odd size, so the
// padded tail runs too), both senses, and on a geocentric set.
TEST(LambertBatch, EqualsScalar) {
    auto set = lambert_standard_set(20'011);
    for (auto dir : {LambertDirection::prograde, LambertDirection::retrograde}) {
        BatchResult out(set.size());
        solve_lambert_batch(view(set, dir), out.view());
        std::array<LambertSolution, 1> ref;
        double worst = 0;
        for (std::size_t i = 0; i < set.size(); ++i) {
            const auto res = solve_lambert({set.r1x[i], set.r1y[i], set.r1z[i]}, {set.r2x[i], set.r2y[i], set.r2z[i]},
                                           set.tof[i], set.mu, ref, 0, dir);
            ASSERT_EQ(res.count, 1u);
            ASSERT_EQ(out.status[i], LambertStatus::ok) << i;
            const double e = std::max(rel(out.v1(i), ref[0].v1), rel(out.v2(i), ref[0].v2));
            worst = std::max(worst, e);
            EXPECT_LT(e, 1e-12) << "problem " << i;
        }
        std::printf("batch (%s) vs scalar: worst relative difference %.3g\n", lambert_batch_target().c_str(), worst);
    }
    // Geocentric: scale the set to 7000-42000 km and 0.05-3 periods.
    auto geo = lambert_standard_set(5'003, 7);
    geo.mu = mu_earth;
    for (std::size_t i = 0; i < geo.size(); ++i) {
        for (auto* c : {&geo.r1x, &geo.r1y, &geo.r1z, &geo.r2x, &geo.r2y, &geo.r2z}) (*c)[i] *= 24500.0 / au;
        geo.tof[i] *= std::sqrt(std::pow(24500.0 / au, 3) * mu_sun / mu_earth);
    }
    BatchResult out(geo.size());
    solve_lambert_batch(view(geo), out.view());
    std::array<LambertSolution, 1> ref;
    for (std::size_t i = 0; i < geo.size(); ++i) {
        solve_lambert({geo.r1x[i], geo.r1y[i], geo.r1z[i]}, {geo.r2x[i], geo.r2y[i], geo.r2z[i]}, geo.tof[i], geo.mu,
                      ref);
        ASSERT_EQ(out.status[i], LambertStatus::ok) << i;
        EXPECT_LT(std::max(rel(out.v1(i), ref[0].v1), rel(out.v2(i), ref[0].v2)), 1e-12) << "problem " << i;
    }
}

// Every instruction set the binary carries (AVX-512, AVX2, SSE4, ...) that this CPU can run gives the
// scalar answer, so the result does not depend on the machine beyond ~1e-13.
TEST(LambertBatch, EveryCompiledTargetEqualsScalar) {
    const auto set = lambert_standard_set(2'003, 99);
    std::array<LambertSolution, 1> ref;
    int targets = 0;
    for (std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
        hwy::SetSupportedTargetsForTest(target);
        BatchResult out(set.size());
        solve_lambert_batch(view(set), out.view());
        ++targets;
        for (std::size_t i = 0; i < set.size(); ++i) {
            solve_lambert({set.r1x[i], set.r1y[i], set.r1z[i]}, {set.r2x[i], set.r2y[i], set.r2z[i]}, set.tof[i],
                          set.mu, ref);
            ASSERT_EQ(out.status[i], LambertStatus::ok) << hwy::TargetName(target) << " " << i;
            ASSERT_LT(std::max(rel(out.v1(i), ref[0].v1), rel(out.v2(i), ref[0].v2)), 1e-12)
                << hwy::TargetName(target) << " problem " << i;
        }
        std::printf("target %s ok\n", lambert_batch_target().c_str());
    }
    hwy::SetSupportedTargetsForTest(0);
    EXPECT_GE(targets, 2);
}

// A problem's answer does not depend on where it sits in a batch: two vectors solved side by side
// (astro/detail/vec_pair-inl.h), one vector, or the padded tail give the same bits, on every compiled target (the
// survey's results must not change with how its legs happen to be batched). Problems near x = 1 (Battin's series)
// and hyperbolic ones sit beside ordinary ones, so vectors take different branches.
TEST(LambertBatch, AnswerDoesNotDependOnThePositionInTheBatch) {
    auto set = lambert_standard_set(131, 5);
    for (std::size_t i = 0; i < set.size(); i += 7) set.tof[i] *= 0.05;  // fast, hyperbolic arcs
    for (std::size_t i = 3; i < set.size(); i += 11) set.tof[i] *= 25.0;  // slow, near-parabolic x
    const std::size_t n = set.size();
    int targets = 0;
    for (std::int64_t target : hwy::SupportedAndGeneratedTargets()) {
        hwy::SetSupportedTargetsForTest(target);
        ++targets;
        BatchResult whole(n);
        solve_lambert_batch(view(set), whole.view());
        for (std::size_t offset : {std::size_t{1}, std::size_t{3}, std::size_t{5}, std::size_t{8}, std::size_t{13},
                                   std::size_t{17}, n - 1}) {
            const std::size_t m = n - offset;
            auto tail = [&](const std::vector<double>& c) { return std::span<const double>(c).subspan(offset); };
            BatchResult part(m);
            solve_lambert_batch({tail(set.r1x), tail(set.r1y), tail(set.r1z), tail(set.r2x), tail(set.r2y),
                                 tail(set.r2z), tail(set.tof), set.mu, LambertDirection::prograde},
                                part.view());
            for (int k = 0; k < 6; ++k) {
                ASSERT_EQ(0, std::memcmp(whole.v[k].data() + offset, part.v[k].data(), m * sizeof(double)))
                    << hwy::TargetName(target) << ", component " << k << ", offset " << offset;
            }
            ASSERT_TRUE(std::equal(part.status.begin(), part.status.end(), whole.status.begin() + offset));
        }
    }
    hwy::SetSupportedTargetsForTest(0);
    EXPECT_GE(targets, 2);
}

// Parallel equals serial, bit for bit, for any thread count.
TEST(LambertBatch, ThreadedEqualsSerialBitForBit) {
    const auto set = lambert_standard_set(50'001);
    BatchResult serial(set.size());
    solve_lambert_batch(view(set), serial.view());
    for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
        BatchResult par(set.size());
        solve_lambert_batch_threaded(view(set), par.view(), threads);
        for (int k = 0; k < 6; ++k) {
            EXPECT_EQ(0, std::memcmp(serial.v[k].data(), par.v[k].data(), set.size() * sizeof(double)))
                << "component " << k << ", threads " << threads;
        }
        EXPECT_EQ(serial.status, par.status);
    }
}

TEST(LambertBatch, PerProblemStatusAndErrors) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    LambertProblemSet s = lambert_standard_set(11);
    s.r1x[1] = nan;                                   // invalid
    s.r2x[2] = s.r2y[2] = s.r2z[2] = 0.0;             // zero position
    s.tof[3] = 0.0;                                   // tof <= 0
    s.tof[4] = -1.0;
    s.r2x[5] = -2 * s.r1x[5], s.r2y[5] = -2 * s.r1y[5], s.r2z[5] = -2 * s.r1z[5];  // antiparallel
    s.r2x[6] = 3 * s.r1x[6], s.r2y[6] = 3 * s.r1y[6], s.r2z[6] = 3 * s.r1z[6];     // parallel
    BatchResult out(s.size());
    solve_lambert_batch(view(s), out.view());
    const LambertStatus expect[] = {LambertStatus::ok,        LambertStatus::invalid_input, LambertStatus::invalid_input,
                                    LambertStatus::invalid_input, LambertStatus::invalid_input, LambertStatus::collinear,
                                    LambertStatus::collinear, LambertStatus::ok,            LambertStatus::ok,
                                    LambertStatus::ok,        LambertStatus::ok};
    for (std::size_t i = 0; i < s.size(); ++i) {
        EXPECT_EQ(out.status[i], expect[i]) << i;
        EXPECT_EQ(std::isnan(out.v[0][i]), expect[i] != LambertStatus::ok) << i;
    }
    auto bad_mu = s;
    bad_mu.mu = 0.0;
    EXPECT_THROW(solve_lambert_batch(view(bad_mu), out.view()), LambertError);
    BatchResult short_out(s.size() - 1);
    EXPECT_THROW(solve_lambert_batch(view(s), short_out.view()), LambertError);
    EXPECT_THROW(solve_lambert_batch_threaded(view(s), short_out.view(), 2), LambertError);
}

}  // namespace
}  // namespace ger::astro
