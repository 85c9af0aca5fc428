// Cross-check against poliastro 0.17 (Debian python3-poliastro), an independent Izzo implementation:
// >= 10,000 seeded random problems, 0-3 revolutions, both branches, both senses, Sun and Earth mu.
//
// Branch mapping: poliastro solves one (M, lowpath) at a time; lowpath=True starts from Izzo's x0r and
// lands on our LambertBranch::right, lowpath=False on LambertBranch::left. For M = 0 lowpath is ignored.
// poliastro raises ValueError when M exceeds the feasible revolutions, the same cut as ours up to the
// tolerance on T_min, so feasibility may differ only for T within rounding of T_min (counted, bounded).
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "astro/lambert.hpp"

namespace ger::astro {
namespace {

constexpr double mu_earth = 398600.435507;         // [km^3/s^2] DE440
constexpr double mu_sun = 1.32712440041279419e11;  // [km^3/s^2] DE440
constexpr double au = 149'597'870.7;               // [km]
constexpr double pi = 3.141592653589793;
constexpr int max_revs = 3;
constexpr int problems = 10'000;
constexpr double velocity_tolerance = 1e-8;  // relative, per the solver's accuracy promise

struct Query {
    int problem;
    int revs;
    LambertBranch branch;
    bool found = false;  // ours
    LambertSolution sol;
};

TEST(LambertPoliastro, AgreesOnRandomProblems) {
    const std::string python = "/usr/bin/python3";
    const std::string script = std::string(GER_SOURCE_DIR) + "/tests/astro/lambert_poliastro.py";
    if (!std::filesystem::exists(python)) GTEST_SKIP() << "no " << python;

    const auto dir = std::filesystem::temp_directory_path();
    const auto in_path = dir / ("ger_lambert_poliastro_in_" + std::to_string(getpid()) + ".txt");
    const auto out_path = dir / ("ger_lambert_poliastro_out_" + std::to_string(getpid()) + ".txt");

    std::mt19937_64 rng(20150101);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    auto direction = [&] {
        const double z = 2 * u01(rng) - 1, lon = 2 * pi * u01(rng), s = std::sqrt(1 - z * z);
        return Vec3{s * std::cos(lon), s * std::sin(lon), z};
    };
    std::vector<Query> queries;
    {
        std::ofstream in(in_path);
        in.precision(17);
        std::array<LambertSolution, lambert_max_solutions(max_revs)> out;
        for (int i = 0; i < problems; ++i) {
            const bool sun = i % 2 == 0;
            const double mu = sun ? mu_sun : mu_earth;
            const double lo = sun ? 0.7 * au : 7000.0, hi = sun ? 1.7 * au : 42000.0;
            const Vec3 r1 = direction() * (lo + (hi - lo) * u01(rng));
            const Vec3 r2 = direction() * (lo + (hi - lo) * u01(rng));
            const double a = 0.5 * (norm(r1) + norm(r2));
            const double tof = (0.05 + 3.0 * u01(rng)) * 2 * pi * std::sqrt(a * a * a / mu);
            const bool prograde = (i / 2) % 2 == 0;
            const auto res = solve_lambert(r1, r2, tof, mu, out, max_revs,
                                           prograde ? LambertDirection::prograde : LambertDirection::retrograde);
            ASSERT_EQ(res.status, LambertStatus::ok) << "problem " << i;
            for (int n = 0; n <= max_revs; ++n) {
                for (auto branch : {LambertBranch::left, LambertBranch::right}) {
                    Query q{i, n, n == 0 ? LambertBranch::single : branch, false, {}};
                    for (std::size_t k = 0; k < res.count; ++k) {
                        if (out[k].revs == n && out[k].branch == q.branch) {
                            q.found = true;
                            q.sol = out[k];
                        }
                    }
                    in << queries.size() << ' ' << mu << ' ' << r1.x << ' ' << r1.y << ' ' << r1.z << ' ' << r2.x
                       << ' ' << r2.y << ' ' << r2.z << ' ' << tof << ' ' << n << ' ' << (prograde ? 1 : 0) << ' '
                       << (branch == LambertBranch::right ? 1 : 0) << '\n';
                    queries.push_back(q);
                    if (n == 0) break;
                }
            }
        }
    }
    const std::string cmd = python + " " + script + " " + in_path.string() + " " + out_path.string();
    const int rc = std::system(cmd.c_str());
    std::filesystem::remove(in_path);
    if (WIFEXITED(rc) && WEXITSTATUS(rc) == 77) GTEST_SKIP() << "poliastro is not installed for " << python;
    ASSERT_EQ(rc, 0) << cmd;

    std::ifstream result(out_path);
    std::string line;
    std::size_t compared = 0, multi = 0, feasibility_mismatch = 0, answered = 0;
    std::map<std::string, int> poliastro_failures;
    double worst = 0;
    while (std::getline(result, line)) {
        std::istringstream is(line);
        std::size_t id = 0;
        std::string tag;
        is >> id >> tag;
        ASSERT_LT(id, queries.size());
        const Query& q = queries[id];
        ++answered;
        if (tag != "ok") {
            std::string reason;
            is >> reason;
            if (q.found) {
                ++poliastro_failures[reason];
                ++feasibility_mismatch;
            }
            continue;
        }
        if (!q.found) {
            ++feasibility_mismatch;
            continue;
        }
        Vec3 v1, v2;
        is >> v1.x >> v1.y >> v1.z >> v2.x >> v2.y >> v2.z;
        const double e1 = norm(q.sol.v1 - v1) / norm(v1), e2 = norm(q.sol.v2 - v2) / norm(v2);
        worst = std::max({worst, e1, e2});
        EXPECT_LT(std::max(e1, e2), velocity_tolerance)
            << "query " << id << " problem " << q.problem << " revs " << q.revs << " branch "
            << lambert_branch_name(q.branch) << " ours v1 " << q.sol.v1.x << "," << q.sol.v1.y << "," << q.sol.v1.z
            << " poliastro " << v1.x << "," << v1.y << "," << v1.z;
        ++compared;
        multi += q.revs > 0;
    }
    std::filesystem::remove(out_path);
    EXPECT_EQ(answered, queries.size());
    EXPECT_GE(compared, 10'000u);
    EXPECT_GE(multi, 3'000u);
    // Feasibility can only differ within rounding of T_min (or where poliastro fails to converge there).
    EXPECT_LE(feasibility_mismatch, compared / 1000);
    for (const auto& [reason, count] : poliastro_failures) std::printf("poliastro failed %d x: %s\n", count, reason.c_str());
    std::printf("poliastro: %zu arcs compared (%zu multi-rev), worst relative velocity difference %.3g, "
                "%zu feasibility mismatches\n", compared, multi, worst, feasibility_mismatch);
}

}  // namespace
}  // namespace ger::astro
