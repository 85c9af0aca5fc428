// Lambert solver: published cases, every input error, and re-propagation over random problems.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <random>

#include "astro/detail/lambert_propagate.hpp"
#include "astro/lambert.hpp"

namespace ger::astro {
namespace {

constexpr double mu_earth = 398600.435507;       // [km^3/s^2] DE440
constexpr double mu_sun = 1.32712440041279419e11;  // [km^3/s^2] DE440
constexpr double au = 149'597'870.7;               // [km]
constexpr double pi = 3.141592653589793;

double rel(const Vec3& a, const Vec3& b) { return norm(a - b) / norm(b); }

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
        const auto p = detail::lambert_propagate(r1, out[i].v1, 2.6 * period, mu_earth);
        EXPECT_LT(rel(p.r, r2), 1e-9) << "solution " << i;
    }
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
            const auto p = detail::lambert_propagate(r1, out[k].v1, tof, mu);
            ASSERT_TRUE(p.converged) << "problem " << i << " k " << k << " revs " << out[k].revs << " 1/a " << (2 / norm(r1) - dot(out[k].v1, out[k].v1) / mu) << " r1 " << norm(r1) << " tof " << tof << " rel " << rel(p.r, r2);
            const double er = rel(p.r, r2), ev = rel(p.v, out[k].v2);
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

}  // namespace
}  // namespace ger::astro
