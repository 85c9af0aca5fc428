// Earth-Mars minimum-C3 launch windows 2026-2035 against the published NASA mission design handbook:
//
//   L. M. Burke, R. D. Falck, M. L. McGuire, "Interplanetary Mission Design Handbook: Earth-to-Mars Mission
//   Opportunities 2026 to 2045", NASA/TM-2010-216764, NASA Glenn Research Center, October 2010.
//   NTRS 20100037210, https://ntrs.nasa.gov/citations/20100037210
//   Tables 2-6 ("energy minima" of the 2026, 2028, 2031, 2033 and 2035 opportunities: the Type I and Type II
//   minimum-C3 rows) and Table 1 ("Data for optimal missions: 2026 to 2045").
//
// The PDF itself could not be reached from the machine this was written on. The values below are the TM's rows
// as transcribed, identically to the last printed digit, by several independent sources; the citable one is
// GitHub VisVivaSpace/lamberto, tests/mars_2026_validation.rs (Table 2, all rows; commit 6ec02730) and
// tests/multi_opportunity_validation.rs (Table 1 optima 2026, 2033, 2035). (lamberto's header credits the TM
// to Sergeyevsky et al., JPL: wrong authors, right numbers.) The 2028-2035 rows come from further
// transcriptions (research notes in other GitHub projects) that agree with lamberto wherever they overlap.
// Confidence: high for every row except 2035 Type II (17.52, two transcriptions, no arrival v-infinity):
// medium. The handbook's method, as the transcriptions report it: MIDAS, ballistic Lambert transfers, arrival as
// a flyby (so the C3 is the departure-only optimum), Type I/II by transfer angle below/above 180 deg, JPL DE
// ephemeris; dates printed as m/d/yy (compared here as 00:00 UTC of that day).
//
// Two departure points are compared, both with ger's ERFA ephemeris (eraEpv00 Earth, eraPlan94 Mars ~7,700 km):
//  - "earth": departure from the geocentre (Body::earth), what `ger porkchop --from earth` computes;
//  - "emb":   departure from the Earth-Moon barycentre (Body::emb: geocentre + Moon offset x GM_moon /
//             (GM_earth + GM_moon), eraMoon98), what `ger porkchop --from emb` computes, the usual departure body
//             of DE-ephemeris mission design tools. At the handbook's own dates it reproduces the handbook's C3 to
//             <= 0.1 % where the geocentre differs by up to 0.9 % (the Earth's ~12 m/s monthly wobble about the
//             barycentre: dC3 = 2 v_inf dv ~ 0.07 km^2/s^2), so the handbook evidently departs from the
//             barycentre. (Inferred from these numbers, not from the TM's text, which could not be read.)
// The tolerances (3 % in C3, +/- 3 days in each date) are asserted for every row except the documented
// known differences below; for those the test asserts the facts that explain them instead.
//
// Known differences (see docs/VALIDATION.md):
//  - 2026 Type I: ger's minimum within Type I (10.42 geocentre, 10.48 barycentre: 6 % below the handbook's
//    11.11, dates within 2.6 days) is not an interior minimum but the point of the Type I / II boundary
//    (transfer angle 180 deg) where Mars is at its node (ecliptic latitude 0.003 deg): there the plane-change
//    ridge that elsewhere separates the types collapses, and the Type I C3 keeps falling up to it. The handbook's
//    row is a point at 176.8 deg two days away, whose C3 ger reproduces to 0.1 % at its dates. A difference in
//    where the search may go (MIDAS evidently keeps off theta = 180 deg), not in the model.
//  - 2035 Types I and II: the transcribed dates are inconsistent with the transcribed C3: at 2035-04-21 ->
//    2035-11-03 ger gives C3 ~ 35, not 10.19 (and 45, not 17.52, at 2035-06-12 -> 2036-07-28). Mars' 2035
//    opposition is mid-September, so an April departure is ~5 months early for a minimum-energy transfer.
//    Searched over the whole opportunity, ger's (barycentric) Type I minimum is 10.194 (+0.04 %, TOF 195.5 d,
//    arrival v-infinity 2.696) and its long-flight Type II minimum 17.524 (+0.03 %, TOF 417 d): the handbook's
//    C3 and times of flight, with both dates about 63 days later. Until the TM's Table 6 is read, these rows
//    are compared in C3, time of flight and v-infinity only, and the date offsets are reported.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "astro/bodies.hpp"
#include "astro/ephemeris.hpp"
#include "astro/porkchop.hpp"

namespace ger::astro {
namespace {

constexpr double c3_rel = 0.03;    // the tolerance: 3 % in C3
constexpr double date_days = 3.0;  // ... and +/- 3 days in each date

enum class Known { none, boundary_2026_type1, dates_2035 };

struct HandbookRow {
    const char* opportunity;
    const char* table;
    TransferType type;
    const char* depart;     // Earth departure, m/d/yy in the TM
    const char* arrive;     // Mars arrival
    double c3_km2_s2;       // minimum C3 of this type [km^2/s^2]
    double vinf_arr_km_s;   // Mars arrival v-infinity at that point [km/s]; NaN: not transcribed
    Known known;
};

// Burke, Falck & McGuire 2010, NASA/TM-2010-216764, Tables 2-6, min-C3 rows (transcriptions: see the header).
const HandbookRow handbook[] = {
    {"2026", "Table 2", TransferType::type1, "2026-11-14", "2027-08-09", 11.11, 2.915, Known::boundary_2026_type1},
    {"2026", "Table 2", TransferType::type2, "2026-10-31", "2027-08-19", 9.144, 2.729, Known::none},
    {"2028", "Table 3", TransferType::type1, "2028-12-10", "2029-07-20", 9.048, 4.892, Known::none},
    {"2028", "Table 3", TransferType::type2, "2028-12-02", "2029-10-16", 8.928, 3.261, Known::none},
    {"2031", "Table 4", TransferType::type1, "2031-01-28", "2031-08-06", 9.00, 5.541, Known::none},
    {"2031", "Table 4", TransferType::type2, "2031-02-23", "2032-01-09", 8.237, 5.530, Known::none},
    {"2033", "Table 5", TransferType::type1, "2033-04-06", "2033-10-01", 8.412, 3.956, Known::none},
    {"2033", "Table 5", TransferType::type2, "2033-04-28", "2034-01-27", 7.781, 4.377, Known::none},
    {"2035", "Table 6", TransferType::type1, "2035-04-21", "2035-11-03", 10.19, 2.692, Known::dates_2035},
    {"2035", "Table 6", TransferType::type2, "2035-06-12", "2036-07-28", 17.52, NAN, Known::dates_2035},  // medium
};

// The two departure points compared: the geocentre and the Earth-Moon barycentre.
constexpr Body departures[] = {Body::earth, Body::emb};
const char* model_name(Body from) { return from == Body::emb ? "emb" : "earth"; }

PorkchopRequest departing_from(Body from) {
    PorkchopRequest q;
    q.from = from;
    return q;
}

Instant date(const char* iso) { return parse_utc_iso8601(iso); }
Ticks days(double d) { return ticks_from_seconds(d * 86400.0); }
std::string day(Instant t) { return format_utc_iso8601(t).substr(0, 16); }
const char* type_name(TransferType t) { return t == TransferType::type1 ? "I" : "II"; }

// The refined minimum C3 of `type` departing `from`, over departure +/- dep_days, arrival +/- arr_days around
// the given dates.
PorkchopPoint minimum_around(const Ephemeris& eph, Body from, TransferType type, Instant dep, Instant arr,
                             double dep_days, double arr_days) {
    PorkchopRequest q = departing_from(from);
    q.depart_first = dep - days(dep_days);
    q.depart_last = dep + days(dep_days);
    q.arrive_first = arr - days(arr_days);
    q.arrive_last = arr + days(arr_days);
    q.type1 = type == TransferType::type1;
    q.type2 = type == TransferType::type2;
    const auto grid = compute_porkchop(q, eph);
    const auto m = porkchop_minimum(grid, eph, PorkchopObjective::c3, type);
    if (!m) throw std::runtime_error("no transfer in the window");
    return m->refined;
}

// At the handbook's own dates, the prograde arc of the row's type: C3 and arrival v-infinity within 3 % (the
// model check, independent of any search), for the rows whose dates are consistent with their C3.
TEST(PorkchopHandbook, TransferAtTheHandbookDatesMatches) {
    const ErfaEphemeris eph;
    std::printf("%-5s %-3s %8s | %8s %7s | %8s %7s | %6s %6s %6s\n", "opp", "typ", "C3 hb", "earth", "d%", "emb",
                "d%", "vinf hb", "earth", "emb");
    for (const auto& row : handbook) {
        const auto pe = evaluate_transfer(departing_from(Body::earth), eph, date(row.depart), date(row.arrive));
        const auto pb = evaluate_transfer(departing_from(Body::emb), eph, date(row.depart), date(row.arrive));
        ASSERT_TRUE(pe && pb) << row.opportunity;
        std::printf("%-5s %-3s %8.4f | %8.4f %+6.2f%% | %8.4f %+6.2f%% | %6.3f %6.3f %6.3f  theta %.2f\n",
                    row.opportunity, type_name(row.type), row.c3_km2_s2, pe->c3_km2_s2,
                    100 * (pe->c3_km2_s2 / row.c3_km2_s2 - 1), pb->c3_km2_s2, 100 * (pb->c3_km2_s2 / row.c3_km2_s2 - 1),
                    row.vinf_arr_km_s, pe->vinf_arr_km_s, pb->vinf_arr_km_s, pe->transfer_angle_deg);
        if (row.known == Known::dates_2035) {
            // The transcribed dates do not belong to the transcribed C3 (see the header): C3 is 2-3.5 times larger.
            EXPECT_GT(pe->c3_km2_s2, 2 * row.c3_km2_s2) << row.opportunity << " " << type_name(row.type);
            continue;
        }
        EXPECT_EQ(pe->type, row.type) << row.opportunity;
        EXPECT_NEAR(pe->c3_km2_s2, row.c3_km2_s2, c3_rel * row.c3_km2_s2) << row.opportunity << " " << type_name(row.type);
        EXPECT_NEAR(pe->vinf_arr_km_s, row.vinf_arr_km_s, c3_rel * row.vinf_arr_km_s) << row.opportunity;
        // Departing from the Earth-Moon barycentre reproduces the handbook's C3 ten times closer.
        EXPECT_NEAR(pb->c3_km2_s2, row.c3_km2_s2, 0.002 * row.c3_km2_s2) << row.opportunity << " " << type_name(row.type);
        EXPECT_NEAR(pb->vinf_arr_km_s, row.vinf_arr_km_s, 0.002 * row.vinf_arr_km_s) << row.opportunity;
    }
}

// The check: ger's minimum C3 of each opportunity and type within 3 % and +/- 3 days of the handbook's.
// Window: departure +/- 60 days, arrival +/- 90 days around the handbook's dates, 1-day grid, refined within the
// type. Asserted in full for the Earth-Moon barycentre departure (`--from emb`, the handbook's convention); for
// the geocentre (`ger porkchop --from earth`) the same, except the 2028 Type II arrival date (see below).
TEST(PorkchopHandbook, MinimumC3WithinThreePercentAndThreeDays) {
    const ErfaEphemeris eph;
    std::printf("%-5s %-3s %-5s %8s %8s %7s %-16s %-16s %7s %7s %7s\n", "opp", "typ", "model", "C3 hb", "C3 ger", "d%",
                "depart", "arrive", "ddep", "darr", "theta");
    int compared = 0;
    for (const auto& row : handbook) {
        if (row.known != Known::none) continue;  // PorkchopHandbook.KnownDifferences
        const Instant dep = date(row.depart), arr = date(row.arrive);
        for (Body from : departures) {
            const bool emb = from == Body::emb;
            const PorkchopPoint p = minimum_around(eph, from, row.type, dep, arr, 60, 90);
            const double ddep = to_days(p.depart - dep), darr = to_days(p.arrive - arr);
            std::printf("%-5s %-3s %-5s %8.4f %8.4f %+6.2f%% %-16s %-16s %+7.2f %+7.2f %7.2f\n", row.opportunity,
                        type_name(row.type), emb ? "emb" : "earth", row.c3_km2_s2, p.c3_km2_s2,
                        100 * (p.c3_km2_s2 / row.c3_km2_s2 - 1), day(p.depart).c_str(), day(p.arrive).c_str(), ddep,
                        darr, p.transfer_angle_deg);
            const std::string what = std::string(row.opportunity) + " Type " + type_name(row.type) +
                                     (emb ? " (Earth-Moon barycentre)" : " (geocentre)");
            EXPECT_EQ(p.type, row.type) << what;
            EXPECT_NEAR(p.c3_km2_s2, row.c3_km2_s2, c3_rel * row.c3_km2_s2) << what;
            EXPECT_NEAR(ddep, 0.0, date_days) << what;
            const bool flat_2028 = !emb && std::string(row.opportunity) == "2028" && row.type == TransferType::type2;
            if (!flat_2028) {
                EXPECT_NEAR(darr, 0.0, date_days) << what;
            } else {
                // Known difference: the geocentric 2028 Type II minimum arrives 5.5 days before the handbook's
                // (the barycentric one 0.25 day after it). The valley is flat along the arrival date: at the
                // handbook's dates the geocentric C3 is within 0.1 % of its minimum, less than the 0.8 % the
                // departure body moves it, so the departure body decides where along the valley the minimum is.
                const auto at_hb = evaluate_transfer(departing_from(Body::earth), eph, dep, arr, row.type);
                ASSERT_TRUE(at_hb.has_value());
                EXPECT_LT(at_hb->c3_km2_s2 / p.c3_km2_s2 - 1, 0.001) << what;
                EXPECT_NEAR(darr, 0.0, 7.0) << what;
            }
            ++compared;
        }
    }
    EXPECT_EQ(compared, 14);  // 7 rows x 2 models
}

// Ecliptic latitude of a heliocentric position [deg].
double latitude_deg(const Vec3& r) { return std::asin(r.z / std::sqrt(dot(r, r))) * 180.0 / M_PI; }

// The rows that do not reproduce as printed, and the facts that explain them (see the header).
TEST(PorkchopHandbook, KnownDifferences) {
    const ErfaEphemeris eph;
    for (Body from : departures) {
        const char* model = model_name(from);
        // 2026 Type I: ger's minimum within Type I is not an interior minimum but a point of the boundary
        // theta = 180 deg where Mars is at its node: there the plane-change ridge that elsewhere separates the
        // types collapses, and the Type I C3 keeps falling up to it. It is below the handbook's value and within
        // the date tolerance of the handbook's dates.
        const auto& r26 = handbook[0];
        const PorkchopPoint p =
            minimum_around(eph, from, TransferType::type1, date(r26.depart), date(r26.arrive), 60, 90);
        const double ddep = to_days(p.depart - date(r26.depart)), darr = to_days(p.arrive - date(r26.arrive));
        std::printf("2026 I  %-5s C3 %.4f (hb %.3f, %+.2f%%) %s -> %s (%+.2f, %+.2f d) theta %.4f\n", model,
                    p.c3_km2_s2, r26.c3_km2_s2, 100 * (p.c3_km2_s2 / r26.c3_km2_s2 - 1), day(p.depart).c_str(),
                    day(p.arrive).c_str(), ddep, darr, p.transfer_angle_deg);
        EXPECT_NEAR(p.transfer_angle_deg, 180.0, 0.05) << model;
        EXPECT_LT(p.c3_km2_s2, r26.c3_km2_s2) << model;
        EXPECT_GT(p.c3_km2_s2, 0.9 * r26.c3_km2_s2) << model;
        EXPECT_NEAR(ddep, 0.0, date_days) << model;
        EXPECT_NEAR(darr, 0.0, date_days) << model;
        const State mars = eph.state(Body::mars, p.arrive);
        EXPECT_LT(std::abs(latitude_deg(mars.r_km)), 0.2) << model << ": Mars not at its node";
        std::printf("        Mars ecliptic latitude at arrival %.3f deg\n", latitude_deg(mars.r_km));

        // 2035: the transcribed dates are inconsistent with the transcribed C3 (PorkchopHandbook.Transfer...).
        // Over the whole opportunity, ger's Type I minimum and its long-flight Type II valley have the handbook's
        // C3 within 3 % and times of flight within 10 days, about two months after the transcribed dates.
        struct Search {
            const HandbookRow& row;
            const char* depart[2];
            const char* arrive[2];
        };
        const Search searches[] = {{handbook[8], {"2035-03-01", "2035-10-31"}, {"2035-08-01", "2036-06-30"}},
                                   {handbook[9], {"2035-06-01", "2035-10-31"}, {"2036-05-01", "2036-12-31"}}};
        for (const auto& s : searches) {
            PorkchopRequest q = departing_from(from);
            q.depart_first = date(s.depart[0]);
            q.depart_last = date(s.depart[1]);
            q.arrive_first = date(s.arrive[0]);
            q.arrive_last = date(s.arrive[1]);
            q.type1 = s.row.type == TransferType::type1;
            q.type2 = !q.type1;
            const auto grid = compute_porkchop(q, eph);
            const auto mm = porkchop_minimum(grid, eph, PorkchopObjective::c3, s.row.type);
            ASSERT_TRUE(mm.has_value());
            const auto& x = mm->refined;
            const double tof_hb = to_days(date(s.row.arrive) - date(s.row.depart));
            std::printf("2035 %-2s %-5s C3 %.4f (hb %.3f, %+.2f%%) %s -> %s (%+.2f, %+.2f d) TOF %.1f (hb %.0f) "
                        "vinf %.3f theta %.2f\n",
                        type_name(s.row.type), model, x.c3_km2_s2, s.row.c3_km2_s2,
                        100 * (x.c3_km2_s2 / s.row.c3_km2_s2 - 1), day(x.depart).c_str(), day(x.arrive).c_str(),
                        to_days(x.depart - date(s.row.depart)), to_days(x.arrive - date(s.row.arrive)), x.tof_days,
                        tof_hb, x.vinf_arr_km_s, x.transfer_angle_deg);
            EXPECT_NEAR(x.c3_km2_s2, s.row.c3_km2_s2, c3_rel * s.row.c3_km2_s2) << model;
            EXPECT_NEAR(x.tof_days, tof_hb, 10.0) << model;
            for (Instant t : {x.depart, x.arrive}) {  // an interior minimum, not the search box's edge
                EXPECT_GT(to_days(t - (t == x.depart ? q.depart_first : q.arrive_first)), 2.0) << model;
                EXPECT_GT(to_days((t == x.depart ? q.depart_last : q.arrive_last) - t), 2.0) << model;
            }
            EXPECT_GT(to_days(x.depart - date(s.row.depart)), 40.0) << model << ": the 2035 dates now agree?";
            if (!std::isnan(s.row.vinf_arr_km_s)) {
                EXPECT_NEAR(x.vinf_arr_km_s, s.row.vinf_arr_km_s, c3_rel * s.row.vinf_arr_km_s) << model;
            }
        }
    }
}

}  // namespace
}  // namespace ger::astro
