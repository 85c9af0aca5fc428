// NEA survey: the fast combined search against the brute-force reference (every grid trajectory evaluated one
// by one with the scalar Lambert solver) on a coarse grid, the pruning bound against the true minimum over a
// seeded random sample of the catalogue, and parallel/sharded runs against the single-thread answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "astro/catalog.hpp"
#include "astro/error.hpp"
#include "astro/survey.hpp"
#include "bundled_catalog.hpp"

namespace ger::astro {
namespace {

const Catalog& catalog() { return testing::bundled_catalog(); }
const CatalogObject& find(std::string_view designation) { return testing::bundled_object(designation); }

// Coarse grid: two launch years, launch every 8 days, legs on a 4-day grid, NHATS limits otherwise.
SurveyCriteria coarse() {
    SurveyCriteria c;
    c.launch_first = parse_utc_iso8601("2027-01-01");
    c.launch_last = parse_utc_iso8601("2028-12-31");
    c.launch_step_days = 8;
    c.tof_step_days = 4;
    return c;
}

void expect_same_trip(const std::optional<RoundTrip>& a, const std::optional<RoundTrip>& b, const std::string& what) {
    ASSERT_EQ(a.has_value(), b.has_value()) << what;
    if (!a) return;
    // Legs come from the batch (fast) and the scalar solver (brute force): they agree to ~1e-13.
    EXPECT_NEAR(a->total_dv_km_s, b->total_dv_km_s, 1e-9) << what;
    EXPECT_EQ(a->duration_days, b->duration_days) << what;
}

TEST(Survey, GridValidatesCriteria) {
    const ErfaEphemeris eph;
    auto c = coarse();
    c.launch_step_days = 6;  // not a multiple of 4
    EXPECT_THROW(SurveyGrid(c, eph), AstroError);
    c = coarse();
    c.tof_step_days = 0;
    EXPECT_THROW(SurveyGrid(c, eph), AstroError);
    c = coarse();
    c.max_duration_days = 10;
    EXPECT_THROW(SurveyGrid(c, eph), AstroError);
    c = coarse();
    c.launch_last = parse_utc_iso8601("2026-01-01");
    EXPECT_THROW(SurveyGrid(c, eph), AstroError);
    const SurveyGrid g(coarse(), eph);
    EXPECT_EQ(g.launch_stride(), 2);
    EXPECT_EQ(g.max_duration_steps(), 112);
    EXPECT_EQ(g.min_stay_steps(), 2);
    EXPECT_EQ(g.launch_count(), 92);
    // Entry speed from 125 km: escape speed 11.072 km/s, so v_inf <= 4.627 km/s meets 12 km/s.
    EXPECT_NEAR(g.entry_speed(0.0), 11.0714, 1e-3);
    EXPECT_NEAR(g.max_return_vinf(), 4.6274, 1e-3);
    // Injection from 400 km LEO at C3 = 0: (sqrt(2) - 1) v_c, v_c = 7.6685 km/s.
    EXPECT_NEAR(g.injection_dv(0.0), 3.1764, 1e-3);
}

TEST(Survey, FastSearchEqualsBruteForce) {
    const ErfaEphemeris eph;
    const SurveyGrid g(coarse(), eph);
    SurveyWorkspace ws;
    int viable = 0;
    for (const char* name : {"2000 SG344", "2006 RH120", "1991 VG", "2008 HU4", "2012 UV136", "433"}) {
        const auto& obj = find(name);
        const auto fast = survey_target(g, obj, ws, false);
        const auto brute = survey_target_brute_force(g, obj);
        EXPECT_EQ(fast.viable_count, brute.viable_count) << name;
        expect_same_trip(fast.min_dv, brute.min_dv, std::string(name) + " min dv");
        expect_same_trip(fast.min_duration, brute.min_duration, std::string(name) + " min duration");
        if (fast.min_dv) {
            ++viable;
            const auto& t = *fast.min_dv;
            EXPECT_LE(t.c3_km2_s2, 60.0);
            EXPECT_LE(t.entry_speed_km_s, 12.0);
            EXPECT_GE(t.stay_days, 8.0);
            EXPECT_LE(t.duration_days, 450.0);
            EXPECT_NEAR(t.total_dv_km_s, t.injection_dv_km_s + t.arrival_dv_km_s + t.departure_dv_km_s, 1e-12);
            EXPECT_EQ(t.duration_days, t.out_days + t.stay_days + t.back_days);
            EXPECT_LE(fast.min_duration->duration_days, t.duration_days);
            EXPECT_GE(fast.min_duration->total_dv_km_s, t.total_dv_km_s);
            // The bound never exceeds the minimum.
            EXPECT_LE(fast.dv_lower_bound_km_s, t.total_dv_km_s) << name;
        }
        // With pruning on, the answer is the same.
        const auto pruned = survey_target(g, obj, ws, true);
        EXPECT_EQ(pruned.viable_count, fast.viable_count) << name;
    }
    EXPECT_GE(viable, 3);  // the comparison must exercise the combination, not only empty sets
}

TEST(Survey, TighterLimitsStillMatchBruteForce) {
    // Near the boundary of the limits every filter of the fast path is exercised (C3, entry, dv coupling).
    const ErfaEphemeris eph;
    auto c = coarse();
    c.max_total_dv_km_s = 7.0;
    c.max_c3_km2_s2 = 20;
    c.max_entry_speed_km_s = 11.5;
    c.min_stay_days = 16;
    c.max_duration_days = 300;
    const SurveyGrid g(c, eph);
    SurveyWorkspace ws;
    for (const char* name : {"2000 SG344", "2006 RH120", "1991 VG"}) {
        const auto& obj = find(name);
        const auto fast = survey_target(g, obj, ws, false);
        const auto brute = survey_target_brute_force(g, obj);
        EXPECT_EQ(fast.viable_count, brute.viable_count) << name;
        expect_same_trip(fast.min_dv, brute.min_dv, name);
        expect_same_trip(fast.min_duration, brute.min_duration, name);
    }
}

TEST(Survey, BoundNeverExceedsTheMinimumOnARandomSample) {
    // Relaxed dv limit so that every object with a C3/entry-feasible trajectory has a minimum to compare with.
    const ErfaEphemeris eph;
    auto c = coarse();
    c.launch_last = parse_utc_iso8601("2027-12-31");
    c.launch_step_days = 16;
    c.tof_step_days = 8;
    c.max_total_dv_km_s = 1e6;
    const SurveyGrid g(c, eph);
    SurveyWorkspace ws;
    std::mt19937_64 rng(20250101);
    std::uniform_int_distribution<std::size_t> pick(0, catalog().objects.size() - 1);
    int compared = 0;
    for (int n = 0; n < 300; ++n) {
        const auto& obj = catalog().objects[pick(rng)];
        const auto r = survey_target(g, obj, ws, false);
        if (!r.min_dv) {
            continue;
        }
        ++compared;
        ASSERT_LE(r.dv_lower_bound_km_s, r.min_dv->total_dv_km_s + 1e-9) << obj.designation;
    }
    EXPECT_GT(compared, 50);
}

TEST(Survey, PruningNeverDropsAViableTarget) {
    const ErfaEphemeris eph;
    auto c = coarse();
    c.launch_step_days = 16;
    c.tof_step_days = 8;
    const SurveyGrid g(c, eph);
    SurveyWorkspace ws;
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, catalog().objects.size() - 1);
    int pruned = 0, viable = 0;
    // Every pruning level (whole object, departure dates, arrival dates) must leave the answer unchanged.
    for (int n = 0; n < 400; ++n) {
        const auto& obj = catalog().objects[pick(rng)];
        const auto with = survey_target(g, obj, ws, true);
        const auto without = survey_target(g, obj, ws, false);
        pruned += with.pruned;
        ASSERT_EQ(with.viable_count, without.viable_count) << obj.designation;
        ASSERT_EQ(with.min_dv.has_value(), without.min_dv.has_value()) << obj.designation;
        if (with.min_dv) {
            EXPECT_EQ(with.min_dv->total_dv_km_s, without.min_dv->total_dv_km_s) << obj.designation;
            EXPECT_EQ(with.min_duration->duration_days, without.min_duration->duration_days) << obj.designation;
        }
        EXPECT_LE(with.legs_solved, without.legs_solved);
    }
    for (const char* name : {"2000 SG344", "2006 RH120"}) {
        const auto r = survey_target(g, find(name), ws, true);
        EXPECT_FALSE(r.pruned) << name;
        viable += r.viable_count > 0;
    }
    EXPECT_GT(pruned, 50);  // the bound does prune
    EXPECT_EQ(viable, 2);
}

TEST(Survey, ThreadsAndShardsGiveTheSingleThreadAnswer) {
    const ErfaEphemeris eph;
    auto c = coarse();
    c.launch_step_days = 16;
    c.tof_step_days = 8;
    const SurveyGrid g(c, eph);
    const auto& objs = catalog().objects;
    std::vector<std::size_t> idx;
    for (std::size_t k = 0; k < objs.size(); k += 500) idx.push_back(k);
    idx.push_back(static_cast<std::size_t>(&find("2000 SG344") - objs.data()));
    std::sort(idx.begin(), idx.end());
    const auto one = run_survey(g, objs, idx, {.threads = 1});
    const auto two = run_survey(g, objs, idx, {.threads = 3});
    ASSERT_TRUE(one.complete);
    ASSERT_EQ(one.results.size(), two.results.size());
    for (std::size_t k = 0; k < one.results.size(); ++k) {
        EXPECT_EQ(one.results[k].index, two.results[k].index);
        EXPECT_EQ(one.results[k].viable_count, two.results[k].viable_count);
        EXPECT_EQ(one.results[k].min_dv.has_value(), two.results[k].min_dv.has_value());
        if (one.results[k].min_dv) {
            EXPECT_EQ(one.results[k].min_dv->total_dv_km_s, two.results[k].min_dv->total_dv_km_s);
        }
    }
    // Shards: disjoint, their union is the whole, and each object's result is the same.
    std::vector<std::size_t> merged;
    for (int s = 0; s < 3; ++s) {
        const auto mine = survey_shard(g, objs, idx, s, 3);
        const auto part = run_survey(g, objs, mine, {.threads = 1});
        for (const auto& r : part.results) {
            merged.push_back(r.index);
            const auto it = std::find_if(one.results.begin(), one.results.end(), [&](const auto& x) { return x.index == r.index; });
            ASSERT_NE(it, one.results.end());
            EXPECT_EQ(it->viable_count, r.viable_count);
        }
    }
    std::sort(merged.begin(), merged.end());
    EXPECT_EQ(merged, idx);
    EXPECT_THROW((void)survey_shard(g, objs, idx, 3, 3), AstroError);
    // Cancellation before the start finishes nothing and says so.
    std::atomic<bool> stop{true};
    SurveyControl control;
    control.cancel = &stop;
    const auto cancelled = run_survey(g, objs, idx, {.threads = 2}, control);
    EXPECT_FALSE(cancelled.complete);
    EXPECT_TRUE(cancelled.results.empty());
}

}  // namespace
}  // namespace ger::astro
