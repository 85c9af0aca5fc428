// Porkchop grid: typed errors, per-cell properties, Type I/II by the prograde arc's transfer angle, threads,
// minimum refinement within a type, and a circular coplanar case with the analytic Hohmann C3 and time of flight.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "astro/constants.hpp"
#include "astro/error.hpp"
#include "astro/porkchop.hpp"

namespace ger::astro {
namespace {

// float storage: 2^-24 relative per value, a few roundings in the per-cell arithmetic.
constexpr double float_rel = 1e-6;
// Grid (1-day Hermite tables, float) vs evaluate_transfer (ERFA directly, double): the table error is ~0.1 km
// in position (docs/ASTRO.md), worth ~1e-5 relative in C3 on short arcs.
constexpr double table_rel = 2e-4;

PorkchopRequest mars_2033(double step_days = 4.0) {
    PorkchopRequest q;
    q.from = Body::earth;
    q.to = Body::mars;
    q.depart_first = parse_utc_iso8601("2033-03-01");
    q.depart_last = parse_utc_iso8601("2033-06-30");
    q.arrive_first = parse_utc_iso8601("2033-10-01");
    q.arrive_last = parse_utc_iso8601("2034-04-01");
    q.depart_step_days = step_days;
    q.second_step_days = step_days;
    return q;
}

AstroErrc code_of(const PorkchopRequest& q, std::string& message) {
    ErfaEphemeris eph;
    try {
        (void)compute_porkchop(q, eph);
    } catch (const AstroError& e) {
        message = e.what();
        return e.code();
    }
    ADD_FAILURE() << "no AstroError";
    return AstroErrc::invalid_argument;
}

TEST(Porkchop, InvertedDepartureRangeNamesTheDates) {
    auto q = mars_2033();
    std::swap(q.depart_first, q.depart_last);
    std::string m;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    EXPECT_NE(m.find("2033-06-30"), std::string::npos) << m;
    EXPECT_NE(m.find("inverted"), std::string::npos) << m;
}

TEST(Porkchop, InvertedArrivalRange) {
    auto q = mars_2033();
    std::swap(q.arrive_first, q.arrive_last);
    std::string m;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    EXPECT_NE(m.find("arrival range"), std::string::npos) << m;
}

TEST(Porkchop, ArrivalBeforeEveryDeparture) {
    auto q = mars_2033();
    q.arrive_first = parse_utc_iso8601("2032-01-01");
    q.arrive_last = parse_utc_iso8601("2033-03-01");
    std::string m;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    EXPECT_NE(m.find("2033-03-01"), std::string::npos) << m;
    EXPECT_NE(m.find("before the first departure"), std::string::npos) << m;
}

TEST(Porkchop, DateOutsideTheEphemerisSpanNamesTheSpan) {
    auto q = mars_2033();
    // eraEpv00 (the Earth) is used 1900-2100 only.
    q.depart_first = parse_utc_iso8601("2099-11-01");
    q.depart_last = parse_utc_iso8601("2100-03-01");
    q.arrive_first = parse_utc_iso8601("2100-06-01");
    q.arrive_last = parse_utc_iso8601("2100-12-01");
    std::string m;
    EXPECT_EQ(code_of(q, m), AstroErrc::ephemeris_out_of_range);
    EXPECT_NE(m.find("departure date 2100-03-01"), std::string::npos) << m;
    EXPECT_NE(m.find("earth"), std::string::npos) << m;
    EXPECT_NE(m.find("2100-01-01"), std::string::npos) << m;
}

TEST(Porkchop, BadStepsOrbitsAndTypes) {
    std::string m;
    auto q = mars_2033();
    q.depart_step_days = 0;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    EXPECT_NE(m.find("departure step 0"), std::string::npos) << m;
    q = mars_2033();
    q.capture.eccentricity = 1.0;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    q = mars_2033();
    q.parking_alt_km = -5;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    q = mars_2033();
    q.type1 = q.type2 = false;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
    q = mars_2033();
    q.axis = PorkchopAxis::time_of_flight;
    q.tof_first_days = 0;
    q.tof_last_days = 300;
    EXPECT_EQ(code_of(q, m), AstroErrc::invalid_argument);
}

TEST(Porkchop, GridShapeAndAxes) {
    ErfaEphemeris eph;
    const auto g = compute_porkchop(mars_2033(1.0), eph);
    EXPECT_EQ(g.departure_count(), 122U);  // 2033-03-01 .. 2033-06-30 inclusive
    EXPECT_EQ(g.second_count(), 183U);     // 2033-10-01 .. 2034-04-01 inclusive
    // Axis steps are TDB days; UTC midnights drift from them by |TDB - TT| < 1.7 ms.
    EXPECT_EQ(format_utc_iso8601(g.departure(121)), "2033-06-30T00:00:00Z");
    EXPECT_EQ(format_utc_iso8601(g.arrival(0, 182)), "2034-04-01T00:00:00Z");
    EXPECT_NEAR(g.tof_days(0, 0), 214.0, 1e-6);
    EXPECT_TRUE(g.has(TransferType::type1));
    EXPECT_TRUE(g.has(TransferType::type2));
}

TEST(Porkchop, C3IsTheSquaredDepartureVinfInEveryCell) {
    ErfaEphemeris eph;
    const auto g = compute_porkchop(mars_2033(), eph);
    std::size_t checked = 0;
    for (auto t : transfer_types) {
        const auto c = g.cells(t);
        for (std::size_t k = 0; k < g.cell_count(); ++k) {
            if (std::isnan(c.c3_km2_s2[k])) continue;
            const double vx = c.vinf_dep_x_km_s[k], vy = c.vinf_dep_y_km_s[k], vz = c.vinf_dep_z_km_s[k];
            ASSERT_NEAR(c.c3_km2_s2[k], vx * vx + vy * vy + vz * vz, 4 * float_rel * c.c3_km2_s2[k]) << k;
            // DLA from the stored vector, rotated to ICRF.
            const Vec3 q = ecliptic_to_icrf(Vec3{vx, vy, vz});
            ASSERT_NEAR(c.dla_deg[k], std::asin(q.z / norm(q)) * 180 / pi, 1e-4) << k;
            ++checked;
        }
    }
    EXPECT_GT(checked, g.cell_count() * 9 / 10);  // Types I and II together cover (nearly) every cell
}

// The handbook convention: one prograde arc per cell, in the field of the type its transfer angle decides.
TEST(Porkchop, EachCellHoldsOneTypeTheOneItsTransferAngleDecides) {
    ErfaEphemeris eph;
    const auto g = compute_porkchop(mars_2033(), eph);
    const auto one = g.cells(TransferType::type1), two = g.cells(TransferType::type2);
    std::size_t n1 = 0, n2 = 0;
    for (std::size_t k = 0; k < g.cell_count(); ++k) {
        const bool has1 = !std::isnan(one.c3_km2_s2[k]), has2 = !std::isnan(two.c3_km2_s2[k]);
        ASSERT_FALSE(has1 && has2) << "cell " << k << " has an arc of each type";
        ASSERT_TRUE(has1 || has2) << "cell " << k << " has no transfer";  // every tof > 0 here
        n1 += has1;
        n2 += has2;
        // Every field of a type is NaN exactly where its C3 is.
        for (const auto& c : {one, two}) {
            const bool nan = std::isnan(c.c3_km2_s2[k]);
            ASSERT_EQ(std::isnan(c.vinf_dep_x_km_s[k]), nan) << k;
            ASSERT_EQ(std::isnan(c.dla_deg[k]), nan) << k;
            ASSERT_EQ(std::isnan(c.vinf_arr_km_s[k]), nan) << k;
            ASSERT_EQ(std::isnan(c.dv_total_km_s[k]), nan) << k;
        }
    }
    // The 2033 window straddles theta = 180 deg: both regions are large.
    EXPECT_GT(n1, g.cell_count() / 5);
    EXPECT_GT(n2, g.cell_count() / 5);
}

TEST(Porkchop, CellsMatchDirectEvaluationOfTheProgradeArcAndItsType) {
    ErfaEphemeris eph;
    const auto q = mars_2033();
    const auto g = compute_porkchop(q, eph);
    std::mt19937_64 rng(2033);
    std::uniform_int_distribution<std::size_t> cell(0, g.cell_count() - 1);
    int seen[2] = {0, 0};
    for (int n = 0; n < 300; ++n) {
        const std::size_t k = cell(rng), i = k / g.second_count(), j = k % g.second_count();
        const auto p = evaluate_transfer(q, eph, g.departure(i), g.arrival(i, j));
        ASSERT_TRUE(p.has_value());
        // Prograde: the angle is swept counter-clockwise seen from +z, and the type is the angle's.
        const Vec3 r1 = eph.state(Body::earth, p->depart).r_km;
        const double hz = cross(r1, p->vinf_dep_km_s + eph.state(Body::earth, p->depart).v_km_s).z;
        EXPECT_GT(hz, 0.0) << k;
        EXPECT_EQ(p->type, p->transfer_angle_deg < 180.0 ? TransferType::type1 : TransferType::type2) << k;
        const TransferType other = p->type == TransferType::type1 ? TransferType::type2 : TransferType::type1;
        EXPECT_FALSE(evaluate_transfer(q, eph, p->depart, p->arrive, other).has_value()) << k;
        ASSERT_TRUE(evaluate_transfer(q, eph, p->depart, p->arrive, p->type).has_value()) << k;
        ++seen[static_cast<int>(p->type)];
        const auto c = g.cells(p->type);
        EXPECT_TRUE(std::isnan(g.cells(other).c3_km2_s2[k])) << k;
        EXPECT_NEAR(c.c3_km2_s2[k], p->c3_km2_s2, table_rel * p->c3_km2_s2 + 1e-4) << k;
        EXPECT_NEAR(c.vinf_arr_km_s[k], p->vinf_arr_km_s, table_rel * p->vinf_arr_km_s + 1e-4) << k;
        EXPECT_NEAR(c.dv_total_km_s[k], p->dv_total_km_s, table_rel * p->dv_total_km_s + 1e-4) << k;
        EXPECT_NEAR(c.dla_deg[k], p->dla_deg, 0.01) << k;
    }
    EXPECT_GT(seen[0], 50);
    EXPECT_GT(seen[1], 50);
}

// Asking for one type solves only its cells; they equal the two-type grid's, and the other type's region is
// NaN ("no transfer of this type").
TEST(Porkchop, OneTypeGridHoldsOnlyThatTypesRegion) {
    ErfaEphemeris eph;
    const auto both = compute_porkchop(mars_2033(), eph);
    for (auto t : transfer_types) {
        auto q = mars_2033();
        q.type1 = t == TransferType::type1;
        q.type2 = t == TransferType::type2;
        const auto g = compute_porkchop(q, eph);
        const TransferType other = t == TransferType::type1 ? TransferType::type2 : TransferType::type1;
        EXPECT_TRUE(g.has(t));
        EXPECT_FALSE(g.has(other));
        EXPECT_THROW((void)g.cells(other), AstroError);
        const auto a = g.cells(t).c3_km2_s2, b = both.cells(t).c3_km2_s2, o = both.cells(other).c3_km2_s2;
        std::size_t nan = 0;
        for (std::size_t k = 0; k < g.cell_count(); ++k) {
            ASSERT_EQ(std::memcmp(&a[k], &b[k], sizeof(float)), 0) << k;
            if (!std::isnan(o[k])) {
                ASSERT_TRUE(std::isnan(a[k])) << k;
                ++nan;
            }
        }
        EXPECT_GT(nan, g.cell_count() / 5);
    }
}

// On a 1-day axis the Earth (and the Earth-Moon barycentre) comes from eraEpv00 every second date and a
// degree-7 Hermite between (<= 4.1 m, 5e-8 km/s from eraEpv00 itself, porkchop.cpp): cells at interpolated
// departures (odd i) still equal the direct evaluation to float precision, and so do their departure v-infinity
// vectors, where the Earth's velocity enters directly. A cubic through 2-day nodes (1.5 km, 3e-5 km/s) would
// fail both.
class PorkchopDeparture : public testing::TestWithParam<Body> {};
INSTANTIATE_TEST_SUITE_P(EarthAndBarycentre, PorkchopDeparture, testing::Values(Body::earth, Body::emb),
                         [](const testing::TestParamInfo<Body>& p) { return std::string(body_name(p.param)); });

TEST_P(PorkchopDeparture, InterpolatedDepartureStatesMatchDirectEvaluation) {
    ErfaEphemeris eph;
    auto q = mars_2033(1.0);
    q.from = GetParam();
    const auto g = compute_porkchop(q, eph);
    std::size_t compared = 0;
    double worst_c3 = 0, worst_v = 0;
    for (std::size_t i = 1; i < g.departure_count(); i += 6) {  // odd: between two nodes
        for (std::size_t j = 0; j < g.second_count(); j += 7) {
            const auto p = evaluate_transfer(q, eph, g.departure(i), g.arrival(i, j));
            ASSERT_TRUE(p.has_value());
            if (std::abs(p->transfer_angle_deg - 180.0) < 20.0) continue;  // the ridge amplifies any difference
            const auto c = g.cells(p->type);
            const std::size_t k = i * g.second_count() + j;
            const double dc3 = std::abs(c.c3_km2_s2[k] - p->c3_km2_s2) / p->c3_km2_s2;
            const double dv = norm(Vec3{c.vinf_dep_x_km_s[k], c.vinf_dep_y_km_s[k], c.vinf_dep_z_km_s[k]} -
                                   p->vinf_dep_km_s);
            worst_c3 = std::max(worst_c3, dc3);
            worst_v = std::max(worst_v, dv);
            EXPECT_LT(dc3, 2 * float_rel) << i << ' ' << j;
            EXPECT_LT(dv, 2e-6) << i << ' ' << j;  // float storage: 2^-24 of a few km/s
            ++compared;
        }
    }
    std::printf("interpolated departures from %s: %zu cells, worst C3 %.2g relative, worst v_inf %.2g km/s\n",
                std::string(body_name(GetParam())).c_str(), compared, worst_c3, worst_v);
    EXPECT_GT(compared, 200U);
    // Node choice is per date, not per thread: 1 and 2 threads agree bit for bit on this axis too.
    auto q1 = q;
    q1.threads = 1;
    auto q2 = q;
    q2.threads = 2;
    const auto a = compute_porkchop(q1, eph), b = compute_porkchop(q2, eph);
    for (auto t : transfer_types) {
        ASSERT_EQ(std::memcmp(a.cells(t).c3_km2_s2.data(), b.cells(t).c3_km2_s2.data(), a.cell_count() * sizeof(float)),
                  0);
    }
}

TEST(Porkchop, ParallelEqualsSerialBitForBit) {
    ErfaEphemeris eph;
    auto q = mars_2033(2.0);
    q.threads = 1;
    const auto serial = compute_porkchop(q, eph);
    q.threads = 3;
    const auto parallel = compute_porkchop(q, eph);
    for (auto t : transfer_types) {
        const auto a = serial.cells(t), b = parallel.cells(t);
        for (std::size_t k = 0; k < serial.cell_count(); ++k) {
            ASSERT_EQ(std::memcmp(&a.c3_km2_s2[k], &b.c3_km2_s2[k], sizeof(float)), 0) << k;
            ASSERT_EQ(std::memcmp(&a.dv_total_km_s[k], &b.dv_total_km_s[k], sizeof(float)), 0) << k;
        }
    }
}

TEST(Porkchop, TimeOfFlightAxisMatchesArrivalDateAxis) {
    ErfaEphemeris eph;
    auto by_date = mars_2033(1.0);
    auto by_tof = by_date;
    by_tof.axis = PorkchopAxis::time_of_flight;
    by_tof.tof_first_days = 150;
    by_tof.tof_last_days = 300;
    const auto a = compute_porkchop(by_date, eph), b = compute_porkchop(by_tof, eph);
    // Cell (i, tof) of b is cell (i, arrival = departure + tof) of a when on a's arrival axis.
    const double a0 = by_date.arrive_first.days_since_j2000();
    std::size_t compared = 0;
    for (std::size_t i = 0; i < b.departure_count(); i += 7) {
        for (std::size_t j = 0; j < b.second_count(); j += 5) {
            const double arr = b.arrival(i, j).days_since_j2000();
            const double ja = std::round(arr - a0);
            if (ja < 0 || ja >= static_cast<double>(a.second_count())) continue;
            const std::size_t ka = i * a.second_count() + static_cast<std::size_t>(ja);
            const std::size_t kb = i * b.second_count() + j;
            for (auto t : transfer_types) {
                const float ca = a.cells(t).c3_km2_s2[ka], cb = b.cells(t).c3_km2_s2[kb];
                ASSERT_EQ(std::isnan(ca), std::isnan(cb)) << i << ' ' << j;
                if (std::isnan(ca)) continue;
                EXPECT_NEAR(ca, cb, 1e-5 * ca);
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 100U);
}

TEST(Porkchop, RefinedMinimumIsBelowTheGridMinimumAndWithinOneStep) {
    ErfaEphemeris eph;
    for (auto objective : {PorkchopObjective::c3, PorkchopObjective::total_dv}) {
        const auto q = mars_2033(5.0);
        const auto g = compute_porkchop(q, eph);
        const auto m = porkchop_minimum(g, eph, objective);
        ASSERT_TRUE(m.has_value());
        const auto value = [&](const PorkchopPoint& p) {
            return objective == PorkchopObjective::c3 ? p.c3_km2_s2 : p.dv_total_km_s;
        };
        EXPECT_LE(value(m->refined), value(m->grid));
        EXPECT_GT(value(m->refined), 0.97 * value(m->grid));  // a 5-day grid is not far off
        EXPECT_LE(std::abs(to_days(m->refined.depart - m->grid.depart)), q.depart_step_days);
        EXPECT_LE(std::abs(to_days(m->refined.arrive - m->grid.arrive)), q.second_step_days);
        EXPECT_LT(m->evaluations, 400);
        // A finer grid's best cell agrees with the refined minimum.
        const auto fine = porkchop_minimum(compute_porkchop(mars_2033(0.5), eph), eph, objective);
        ASSERT_TRUE(fine.has_value());
        EXPECT_NEAR(value(fine->grid), value(m->refined), 2e-4 * value(m->refined));
        EXPECT_NEAR(value(fine->refined), value(m->refined), 1e-7 * value(m->refined));
        EXPECT_LE(std::abs(to_days(fine->refined.depart - m->refined.depart)), 0.05);
    }
}

// A planner asking for the best Type I (or II) transfer gets one of that type: the refinement does not cross
// theta = 180 deg, and no cell of the type beats it.
TEST(Porkchop, MinimumOfATypeIsOfThatType) {
    ErfaEphemeris eph;
    const auto g = compute_porkchop(mars_2033(2.0), eph);
    for (auto t : transfer_types) {
        const auto m = porkchop_minimum(g, eph, PorkchopObjective::c3, t);
        ASSERT_TRUE(m.has_value());
        EXPECT_EQ(m->grid.type, t);
        EXPECT_EQ(m->refined.type, t);
        if (t == TransferType::type1) {
            EXPECT_LT(m->refined.transfer_angle_deg, 180.0);
        } else {
            EXPECT_GT(m->refined.transfer_angle_deg, 180.0);
        }
        const auto c3 = g.cells(t).c3_km2_s2;
        for (std::size_t k = 0; k < g.cell_count(); ++k) {
            if (!std::isnan(c3[k])) {
                ASSERT_GE(c3[k], m->refined.c3_km2_s2 * (1 - table_rel)) << k;
            }
        }
    }
    // The overall minimum of this window is the Type II one (docs/VALIDATION.md: 2033, Type II, C3 7.70).
    const auto best = porkchop_minimum(g, eph);
    ASSERT_TRUE(best.has_value());
    EXPECT_EQ(best->refined.type, TransferType::type2);
    EXPECT_NEAR(best->refined.c3_km2_s2, 7.7038, 1e-3);
}

TEST(Porkchop, DeltaVFromParkingAndCaptureOrbits) {
    ErfaEphemeris eph;
    auto q = mars_2033();
    q.parking_alt_km = 200;
    q.capture = {400, 0.0};
    const auto p = evaluate_transfer(q, eph, parse_utc_iso8601("2033-04-20"), parse_utc_iso8601("2033-12-01"),
                                     TransferType::type1);
    ASSERT_TRUE(p.has_value());
    const double rp = radius_earth_km + 200, mu = gm_earth_km3_s2;
    EXPECT_NEAR(p->dv_depart_km_s, std::sqrt(p->c3_km2_s2 + 2 * mu / rp) - std::sqrt(mu / rp), 1e-12);
    const double ra = radius_mars_km + 400, mm = gm_mars_system_km3_s2;
    EXPECT_NEAR(p->dv_arrive_km_s, std::sqrt(p->vinf_arr_km_s * p->vinf_arr_km_s + 2 * mm / ra) - std::sqrt(mm / ra),
                1e-12);
    q.capture.eccentricity = 0.9;  // an elliptic capture costs less
    const auto e = evaluate_transfer(q, eph, p->depart, p->arrive, TransferType::type1);
    EXPECT_LT(e->dv_arrive_km_s, p->dv_arrive_km_s);
}

// From the Earth-Moon barycentre, C3 is measured from the barycentre's heliocentric velocity (the handbooks'
// convention) but the injection burn leaves an Earth parking orbit: the Earth's GM and radius, not the Earth-Moon
// system's GM. The same for a capture at the barycentre (--to emb).
TEST(Porkchop, BarycentreDepartureUsesTheEarthsParkingOrbit) {
    ErfaEphemeris eph;
    auto q = mars_2033();
    q.from = Body::emb;
    const Instant dep = parse_utc_iso8601("2033-04-20"), arr = parse_utc_iso8601("2033-12-01");
    const auto b = evaluate_transfer(q, eph, dep, arr, TransferType::type1);
    ASSERT_TRUE(b.has_value());
    const double rp = radius_earth_km + 200, mu = gm_earth_km3_s2;
    EXPECT_NEAR(b->dv_depart_km_s, std::sqrt(b->c3_km2_s2 + 2 * mu / rp) - std::sqrt(mu / rp), 1e-12);
    q.from = Body::earth;
    const auto e = evaluate_transfer(q, eph, dep, arr, TransferType::type1);
    ASSERT_TRUE(e.has_value());
    EXPECT_NE(b->c3_km2_s2, e->c3_km2_s2);  // the departure point moved by ~4,700 km and ~12 m/s
    EXPECT_NEAR(b->c3_km2_s2, e->c3_km2_s2, 0.01 * e->c3_km2_s2);
    EXPECT_NEAR(std::sqrt(b->c3_km2_s2), std::sqrt(e->c3_km2_s2), 0.016);  // 12-13.5 m/s, + the arc's change
    EXPECT_NEAR(b->vinf_arr_km_s, e->vinf_arr_km_s, 1e-3);  // same arrival; the arc moves with its start
    // Mars -> barycentre: the capture orbit is the Earth's too.
    PorkchopRequest back;
    back.from = Body::mars;
    back.to = Body::emb;
    back.capture = {400, 0.0};
    const Instant d2 = parse_utc_iso8601("2035-05-01"), a2 = parse_utc_iso8601("2036-01-01");
    const auto r = evaluate_transfer(back, eph, d2, a2);
    ASSERT_TRUE(r.has_value());
    const double rc = radius_earth_km + 400;
    EXPECT_NEAR(r->dv_arrive_km_s,
                std::sqrt(r->vinf_arr_km_s * r->vinf_arr_km_s + 2 * mu / rc) - std::sqrt(mu / rc), 1e-12);
}

// Two circular coplanar orbits (1 au and Mars' 1.523679 au) phased for a Hohmann transfer departing at the
// epoch: the minimum C3 is the Hohmann one, (v_c1 (sqrt(2 r2 / (r1 + r2)) - 1))^2, at tof = pi sqrt(a^3/mu).
TEST(Porkchop, CircularCoplanarMinimumIsHohmann) {
    const double r1 = au_km, r2 = 1.523679 * au_km, mu = gm_sun_km3_s2;
    const double a = 0.5 * (r1 + r2);
    const double tof_s = pi * std::sqrt(a * a * a / mu);
    const double c3 = std::pow(std::sqrt(mu / r1) * (std::sqrt(2 * r2 / (r1 + r2)) - 1), 2);
    const double n2 = std::sqrt(mu / (r2 * r2 * r2));
    const Instant epoch = parse_utc_iso8601("2030-01-01");
    PorkchopRequest q;
    q.from = SmallBodyOrbit{"inner", Elements{r1, 0, 0, 0, 0, 0}, epoch};
    q.to = SmallBodyOrbit{"outer", Elements{r2, 0, 0, 0, 0, pi - n2 * tof_s}, epoch};
    q.depart_first = epoch - ticks_from_seconds(30 * day_s);
    q.depart_last = epoch + ticks_from_seconds(30 * day_s);
    q.axis = PorkchopAxis::time_of_flight;
    q.tof_first_days = 180;
    q.tof_last_days = 340;
    q.depart_step_days = q.second_step_days = 3;
    ErfaEphemeris eph;
    const auto g = compute_porkchop(q, eph);
    const auto m = porkchop_minimum(g, eph);
    ASSERT_TRUE(m.has_value());
    EXPECT_NEAR(m->refined.c3_km2_s2, c3, 1e-4 * c3);
    EXPECT_NEAR(m->refined.tof_days, tof_s / day_s, 0.5);
    EXPECT_NEAR(to_days(m->refined.depart - epoch), 0.0, 0.5);
    EXPECT_NEAR(m->refined.transfer_angle_deg, 180.0, 1.0);
    EXPECT_NEAR(m->refined.dv_total_km_s, std::sqrt(c3) + m->refined.vinf_arr_km_s, 1e-12);  // GM 0: dv = v_inf
    // Coplanar, C3 is smooth across theta = 180 deg, and the Hohmann arc lies on it: each type's minimum
    // runs up to the boundary from its own side and stops there, keeping its type.
    for (auto t : transfer_types) {
        const auto mt = porkchop_minimum(g, eph, PorkchopObjective::c3, t);
        ASSERT_TRUE(mt.has_value());
        EXPECT_EQ(mt->refined.type, t);
        if (t == TransferType::type1) {
            EXPECT_LT(mt->refined.transfer_angle_deg, 180.0);
        } else {
            EXPECT_GT(mt->refined.transfer_angle_deg, 180.0);
        }
        EXPECT_NEAR(mt->refined.transfer_angle_deg, 180.0, 1.0);
        EXPECT_NEAR(mt->refined.c3_km2_s2, c3, 1e-3 * c3);
    }
}

TEST(Porkchop, CancelStopsTheGrid) {
    ErfaEphemeris eph;
    std::atomic<bool> cancel{true};
    PorkchopControl control;
    control.cancel = &cancel;
    EXPECT_THROW((void)compute_porkchop(mars_2033(1.0), eph, control), PorkchopCancelled);
}

TEST(Porkchop, ProgressReachesEveryCell) {
    ErfaEphemeris eph;
    std::atomic<std::size_t> last{0}, total{0};
    PorkchopControl control;
    control.progress = [&](std::size_t done, std::size_t all) {
        std::size_t prev = last.load();
        while (done > prev && !last.compare_exchange_weak(prev, done)) {
        }
        total = all;
    };
    const auto g = compute_porkchop(mars_2033(1.0), eph, control);
    EXPECT_EQ(last.load(), g.cell_count());
    EXPECT_EQ(total.load(), g.cell_count());
}

}  // namespace
}  // namespace ger::astro
