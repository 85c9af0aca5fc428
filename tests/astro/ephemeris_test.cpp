// Ephemerides: physical sanity, velocity = d(position)/dt, batch = scalar, range errors, the tabulated
// ephemeris' interpolation error against its source (figures quoted in docs/ASTRO.md), parallel = serial.
#include "astro/ephemeris.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <thread>

#include "astro/constants.hpp"
#include "astro/error.hpp"

using namespace ger::astro;

namespace {
const ErfaEphemeris erfa;
constexpr std::array<Body, 10> non_sun = {Body::mercury, Body::venus,  Body::earth,  Body::moon,    Body::mars,
                                          Body::jupiter, Body::saturn, Body::uranus, Body::neptune, Body::emb};
}  // namespace

TEST(ErfaEphemeris, EarthAndMarsArePhysical) {
    for (double d = -365.25 * 20; d < 365.25 * 50; d += 37.3) {
        const State e = erfa.state(Body::earth, Instant::from_days_since_j2000(d));
        EXPECT_EQ(e.frame, Frame::ecliptic_j2000);
        EXPECT_EQ(e.centre, Body::sun);
        EXPECT_GT(norm(e.r_km) / au_km, 0.983);
        EXPECT_LT(norm(e.r_km) / au_km, 1.017);
        EXPECT_GT(norm(e.v_km_s), 29.2);
        EXPECT_LT(norm(e.v_km_s), 30.3);
        EXPECT_LT(std::abs(e.r_km.z), 2e4);  // Earth stays within ~1e-4 rad of the J2000 ecliptic this century
        const State m = erfa.state(Body::mars, Instant::from_days_since_j2000(d));
        EXPECT_GT(norm(m.r_km) / au_km, 1.38);
        EXPECT_LT(norm(m.r_km) / au_km, 1.67);
        const double incl = std::acos(unit(cross(m.r_km, m.v_km_s)).z);
        EXPECT_NEAR(incl / deg_to_rad, 1.85, 0.02);  // Mars' inclination to the J2000 ecliptic
        const State moon = erfa.state(Body::moon, Instant::from_days_since_j2000(d));
        EXPECT_GT(norm(moon.r_km - e.r_km), 356000.0);
        EXPECT_LT(norm(moon.r_km - e.r_km), 407000.0);
    }
    EXPECT_EQ(erfa.state(Body::sun, Instant{}).r_km, (Vec3{}));
}

TEST(ErfaEphemeris, VelocityIsTheDerivativeOfPosition) {
    // eraEpv00 and eraMoon98 differentiate their series analytically; eraPlan94's velocities omit the
    // perturbations' derivatives, so they differ from d(position)/dt by up to its documented velocity error.
    constexpr double h_days = 0.01;
    constexpr double consistent_rel = 2e-5;      // central-difference truncation for the Moon
    constexpr double plan94_velocity_km_s = 0.05;  // measured 36 m/s (Saturn); plan94 vs DE200 Rdot: 27 m/s
    for (Body b : non_sun) {
        double worst = 0;
        for (double d = -3000.0; d < 18000.0; d += 97.0) {
            const double dates[3] = {d - h_days, d, d + h_days};
            Vec3 r[3], v[3];
            erfa.states(b, dates, r, v);
            const Vec3 fd = (r[2] - r[0]) / (2 * h_days * day_s);
            worst = std::max(worst, norm(fd - v[1]));
            if (b == Body::earth || b == Body::moon || b == Body::emb) {
                EXPECT_LT(norm(fd - v[1]), consistent_rel * norm(v[1])) << body_name(b) << " " << d;
            } else {
                EXPECT_LT(norm(fd - v[1]), plan94_velocity_km_s) << body_name(b) << " " << d;
            }
        }
        std::printf("%-8s max |v - d(r)/dt| = %.3g m/s\n", std::string(body_name(b)).c_str(), worst * 1e3);
    }
}

// The Earth-Moon barycentre is the Earth plus the geocentric Moon x GM_moon / (GM_earth + GM_moon): on the
// Earth-Moon line, 4,330-4,950 km from the geocentre (the Moon at 356,000-407,000 km), moving 12-13 m/s
// relative to it; same span as the Earth. (Against an independent model: tests/astro/astropy_compare_test.)
TEST(ErfaEphemeris, EarthMoonBarycentreIsTheMassWeightedMeanOfEarthAndMoon) {
    const double f = gm_moon_km3_s2 / (gm_earth_km3_s2 + gm_moon_km3_s2);
    EXPECT_NEAR(1 / f - 1, 81.3005682, 1e-6);  // DE440's EMRAT
    EXPECT_NEAR(f * gm_earth_moon_km3_s2, gm_moon_km3_s2, 1e-6);
    std::vector<double> days;
    for (double d = -36000.0; d < 36000.0; d += 97.3) days.push_back(d);  // 1901-2098
    std::vector<Vec3> re(days.size()), ve(days.size()), rm(days.size()), vm(days.size()), rb(days.size()),
        vb(days.size());
    erfa.states(Body::earth, days, re, ve);
    erfa.states(Body::moon, days, rm, vm);
    erfa.states(Body::emb, days, rb, vb);
    double min_off = 1e9, max_off = 0, min_dv = 1e9, max_dv = 0;
    for (std::size_t k = 0; k < days.size(); ++k) {
        EXPECT_LT(norm(rb[k] - (re[k] + (rm[k] - re[k]) * f)), 1e-6) << days[k];  // rounding of |r| ~ 1.5e8 km
        EXPECT_LT(norm(vb[k] - (ve[k] + (vm[k] - ve[k]) * f)), 1e-12) << days[k];
        const Vec3 off = rb[k] - re[k];
        EXPECT_LT(norm(cross(off, rm[k] - re[k])) / (norm(off) * norm(rm[k] - re[k])), 1e-9);  // on the line
        EXPECT_GT(dot(off, rm[k] - re[k]), 0);  // towards the Moon
        min_off = std::min(min_off, norm(off));
        max_off = std::max(max_off, norm(off));
        min_dv = std::min(min_dv, norm(vb[k] - ve[k]));
        max_dv = std::max(max_dv, norm(vb[k] - ve[k]));
    }
    std::printf("barycentre - geocentre: %.1f .. %.1f km, %.2f .. %.2f m/s\n", min_off, max_off, 1e3 * min_dv,
                1e3 * max_dv);
    EXPECT_GT(min_off, 4300.0);
    EXPECT_LT(max_off, 5000.0);
    EXPECT_GT(min_dv, 0.0115);
    EXPECT_LT(max_dv, 0.0135);
    const ValidSpan se = erfa.valid_span(Body::earth), sb = erfa.valid_span(Body::emb);
    EXPECT_EQ(sb.first_tdb_days, se.first_tdb_days);
    EXPECT_EQ(sb.last_tdb_days, se.last_tdb_days);
    const State s = erfa.state(Body::emb, Instant::from_days_since_j2000(12000.25));
    EXPECT_EQ(s.frame, Frame::ecliptic_j2000);
    EXPECT_EQ(s.centre, Body::sun);
    try {
        erfa.state(Body::emb, Instant::from_days_since_j2000(40000.0));
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::ephemeris_out_of_range);
        EXPECT_NE(std::string(e.what()).find("emb"), std::string::npos) << e.what();
    }
}

TEST(ErfaEphemeris, BatchEqualsScalar) {
    std::vector<double> days;
    for (int k = 0; k < 50; ++k) days.push_back(-10000.0 + 600.0 * k);
    std::vector<Vec3> r(days.size()), v(days.size());
    for (Body b : non_sun) {
        erfa.states(b, days, r, v);
        for (std::size_t k = 0; k < days.size(); ++k) {
            const State s = erfa.state(b, Instant::from_days_since_j2000(days[k]));
            EXPECT_LT(norm(s.r_km - r[k]), 1e-6 * au_km * 1e-6);  // two-part vs one-part date: < 0.2 m
            EXPECT_LT(norm(s.v_km_s - v[k]), 1e-9);
        }
    }
}

TEST(ErfaEphemeris, RangeErrorsNameTheDateAndSpan) {
    try {
        erfa.state(Body::earth, Instant::from_days_since_j2000(40000.0));
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::ephemeris_out_of_range);
        const std::string what = e.what();
        EXPECT_NE(what.find("2109-"), std::string::npos) << what;
        EXPECT_NE(what.find("1899-12-31"), std::string::npos) << what;
        EXPECT_NE(what.find("earth"), std::string::npos) << what;
    }
    EXPECT_NO_THROW(erfa.state(Body::mars, Instant::from_days_since_j2000(40000.0)));
    const double nan_day[1] = {NAN};
    Vec3 r[1], v[1];
    EXPECT_THROW(erfa.states(Body::mars, nan_day, r, v), AstroError);
    const double two_days[2] = {0, 1};
    try {
        erfa.states(Body::mars, two_days, r, v);
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::invalid_argument);
    }
}

// Interpolation error of the cubic Hermite table against its source. Printed for docs/ASTRO.md; asserted with
// named bounds about 2x above the measured values.
TEST(TabulatedEphemeris, InterpolationErrorAgainstSource) {
    struct Case {
        Body body;
        double step_days;
        double max_pos_km;    // asserted bound [km]
        double max_vel_km_s;  // asserted bound [km/s]
    };
    const Case cases[] = {
        {Body::mercury, 1.0, 40.0, 1.5e-3}, {Body::venus, 1.0, 0.5, 2e-5}, {Body::earth, 1.0, 0.25, 1e-5},
        {Body::moon, 1.0, 12.0, 5e-4},      {Body::mars, 1.0, 0.02, 1e-6}, {Body::jupiter, 1.0, 2e-4, 2e-8},
        {Body::earth, 4.0, 50.0, 5e-4},     {Body::mars, 4.0, 5.0, 5e-5},  {Body::earth, 0.5, 0.015, 1e-6},
        {Body::emb, 1.0, 0.08, 3e-6},       {Body::emb, 4.0, 20.0, 2e-4},
    };
    const double first = 7305.0, last = first + 3 * 365.25;  // 2020-2023
    std::mt19937_64 rng(2033);
    std::uniform_real_distribution<double> when(first, last);
    std::vector<double> days(1500);
    for (double& d : days) d = when(rng);
    std::vector<Vec3> r0(days.size()), v0(days.size()), r1(days.size()), v1(days.size());
    std::vector<Vec3> rm(days.size()), rp(days.size()), scratch(days.size());
    constexpr double fd_days = 0.01;
    const auto shift = [](std::vector<double> d, double by) {
        for (double& x : d) x += by;
        return d;
    };
    for (const Case& c : cases) {
        const Body one[1] = {c.body};
        const TabulatedEphemeris tab(erfa, one, first, last, c.step_days);
        erfa.states(c.body, days, r0, v0);
        tab.states(c.body, days, r1, v1);
        // Reference velocity: the derivative of the source positions (what the table interpolates; see the NOTE
        // in ephemeris.hpp on eraPlan94's own velocities).
        erfa.states(c.body, shift(days, -fd_days), rm, scratch);
        erfa.states(c.body, shift(days, fd_days), rp, scratch);
        for (std::size_t k = 0; k < days.size(); ++k) v0[k] = (rp[k] - rm[k]) / (2 * fd_days * day_s);
        double max_dr = 0, max_dv = 0;
        for (std::size_t k = 0; k < days.size(); ++k) {
            max_dr = std::max(max_dr, norm(r1[k] - r0[k]));
            max_dv = std::max(max_dv, norm(v1[k] - v0[k]));
        }
        std::printf("tabulated %-8s step %.1f d: max |dr| %.4g km, max |dv| %.4g km/s\n",
                    std::string(body_name(c.body)).c_str(), c.step_days, max_dr, max_dv);
        EXPECT_LT(max_dr, c.max_pos_km) << body_name(c.body);
        EXPECT_LT(max_dv, c.max_vel_km_s) << body_name(c.body);
        // Nodes are reproduced exactly.
        const double node[1] = {first + 3 * c.step_days};
        Vec3 rn[1], vn[1], rs[1], vs[1];
        tab.states(c.body, node, rn, vn);
        erfa.states(c.body, node, rs, vs);
        EXPECT_LT(norm(rn[0] - rs[0]), 1e-6);
    }
}

TEST(TabulatedEphemeris, SpanAndBodiesAreChecked) {
    const Body bodies[2] = {Body::earth, Body::mars};
    const TabulatedEphemeris tab(erfa, bodies, 0.0, 100.5, 2.0);
    EXPECT_EQ(tab.node_count(), 52u);
    EXPECT_EQ(tab.valid_span(Body::earth).last_tdb_days, 102.0);
    EXPECT_TRUE(tab.provides(Body::mars));
    EXPECT_FALSE(tab.provides(Body::venus));
    try {
        tab.state(Body::venus, Instant{});
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::unknown_body);
    }
    try {
        tab.state(Body::earth, Instant::from_days_since_j2000(103.0));
        FAIL();
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::ephemeris_out_of_range);
    }
    EXPECT_THROW(TabulatedEphemeris(erfa, bodies, 0.0, 10.0, 0.0), AstroError);
    EXPECT_THROW(TabulatedEphemeris(erfa, bodies, 36000.0, 37000.0, 1.0), AstroError);  // beyond epv00's span
}

TEST(TabulatedEphemeris, ParallelEqualsSerial) {
    const Body bodies[2] = {Body::earth, Body::mars};
    const TabulatedEphemeris tab(erfa, bodies, 10000.0, 12000.0, 1.0);
    std::vector<double> days(20000);
    for (std::size_t k = 0; k < days.size(); ++k) days[k] = 10000.0 + 0.1 * static_cast<double>(k);
    std::vector<Vec3> r(days.size()), v(days.size());
    tab.states(Body::mars, days, r, v);
    constexpr std::size_t threads = 4, chunk = 5000;
    std::vector<Vec3> rp(days.size()), vp(days.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            tab.states(Body::mars, std::span(days).subspan(t * chunk, chunk), std::span(rp).subspan(t * chunk, chunk),
                       std::span(vp).subspan(t * chunk, chunk));
        });
    }
    for (auto& th : pool) th.join();
    EXPECT_EQ(r, rp);
    EXPECT_EQ(v, vp);
}
