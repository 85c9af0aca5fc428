// The survey's exact count of viable pairs (astro/detail/survey_count.hpp) against counting every pair, on sets
// small enough for the comparison sort and large enough for the radix sort of the leg costs, with tied costs,
// zero costs and costs spanning several binary exponents (so more than one radix pass runs).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "astro/detail/survey_count.hpp"

namespace ger::astro::detail {
namespace {

struct Leg {
    int key1, key2;
    double cost;
};

std::uint64_t count_pairs(const std::vector<Leg>& points, const std::vector<Leg>& queries, double limit) {
    std::uint64_t n = 0;
    for (const auto& q : queries) {
        for (const auto& p : points) {
            n += static_cast<std::uint64_t>(p.key1 <= q.key1 && p.key2 >= q.key2 && q.cost + p.cost <= limit);
        }
    }
    return n;
}

// Costs in km/s as legs have them: mostly 0.5-12, a share repeated exactly, some 0 and some tiny.
double random_cost(std::mt19937_64& rng, std::vector<double>& seen) {
    std::uniform_real_distribution<double> cost(0.5, 12.0), unit(0, 1);
    const double u = unit(rng);
    if (u < 0.1 && !seen.empty()) return seen[static_cast<std::size_t>(unit(rng) * static_cast<double>(seen.size()))];
    if (u < 0.12) return 0.0;
    if (u < 0.15) return cost(rng) * 1e-6;
    seen.push_back(cost(rng));
    return seen.back();
}

void expect_count_matches(std::size_t n_points, std::size_t n_queries, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> date(0, 400);
    std::vector<double> seen;
    std::vector<Leg> points(n_points), queries(n_queries);
    for (auto& p : points) p = {date(rng), date(rng), random_cost(rng, seen)};
    for (auto& q : queries) q = {date(rng), date(rng), random_cost(rng, seen)};
    DominanceCounter counter;
    for (const double limit : {0.0, 6.0, 12.0, 30.0}) {
        counter.clear();
        for (const auto& p : points) counter.add_point(p.key1, p.key2, p.cost);
        for (const auto& q : queries) counter.add_query(q.key1, q.key2, q.cost);
        const std::uint64_t expected = count_pairs(points, queries, limit);
        EXPECT_EQ(counter.count(limit), expected) << n_points << " points, " << n_queries << " queries, limit " << limit;
        if (limit >= 12.0) {
            EXPECT_GT(expected, 0u);
        }
    }
}

TEST(SurveyCount, EqualsCountingEveryPairWithFewLegs) { expect_count_matches(300, 200, 1); }

TEST(SurveyCount, EqualsCountingEveryPairWithManyLegs) {
    expect_count_matches(12000, 3000, 2);
    expect_count_matches(3000, 12000, 3);
}

}  // namespace
}  // namespace ger::astro::detail
