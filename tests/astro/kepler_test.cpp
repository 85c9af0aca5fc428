// Two-body propagation and elements: a cited reference case, conservation laws, reversibility, periodicity,
// near-parabolic and hyperbolic arcs, the iteration bound, elements <-> state round trips (seeded, random).
#include "astro/kepler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "astro/constants.hpp"
#include "astro/error.hpp"

using namespace ger::astro;

namespace {
constexpr double mu_earth_vallado = 398600.4418;  // [km^3/s^2] Vallado 4th ed. (EGM-96) for his example 2-4
constexpr double mu_sun = gm_sun_km3_s2;
constexpr double reversibility_rel = 1e-10;
constexpr double conservation_rel = 1e-11;
constexpr int expected_max_iterations = 12;  // measured max is printed by IterationBound

double energy(const State& s, double mu) { return 0.5 * dot(s.v_km_s, s.v_km_s) - mu / norm(s.r_km); }

// A random orbit about the Sun with perihelion q in [0.3, 5] au and eccentricity e, at a random anomaly
// within `max_r_over_q` of perihelion (hyperbolas stay near the Sun, not at 1e30 km).
State random_state(std::mt19937_64& rng, double e) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double q = (0.3 + 4.7 * u(rng)) * au_km;
    const double p = q * (1 + e);
    const double nu_max = e < 1 ? pi : 0.9 * std::acos(-1.0 / e);
    const double nu = (2 * u(rng) - 1) * nu_max;
    const double rn = p / (1 + e * std::cos(nu));
    const double vs = std::sqrt(mu_sun / p);
    const Vec3 pv{1, 0, 0}, qv{0, 1, 0};
    State s{pv * (rn * std::cos(nu)) + qv * (rn * std::sin(nu)), pv * (-vs * std::sin(nu)) + qv * (vs * (e + std::cos(nu)))};
    // Random orientation: rotate about z, then x, then z.
    const double a1 = two_pi * u(rng), a2 = pi * u(rng), a3 = two_pi * u(rng);
    const auto rz = [](Vec3 v, double a) { return Vec3{std::cos(a) * v.x - std::sin(a) * v.y, std::sin(a) * v.x + std::cos(a) * v.y, v.z}; };
    const auto rx = [](Vec3 v, double a) { return Vec3{v.x, std::cos(a) * v.y - std::sin(a) * v.z, std::sin(a) * v.y + std::cos(a) * v.z}; };
    s.r_km = rz(rx(rz(s.r_km, a1), a2), a3);
    s.v_km_s = rz(rx(rz(s.v_km_s, a1), a2), a3);
    return s;
}

double rel(const Vec3& a, const Vec3& b) { return norm(a - b) / norm(b); }
}  // namespace

TEST(Stumpff, SeriesAndClosedFormsAgreeAtTheSwitch) {
    EXPECT_EQ(stumpff(0).c2, 0.5);
    EXPECT_EQ(stumpff(0).c3, 1.0 / 6.0);
    for (double z : {1.0, -1.0}) {
        const Stumpff a = stumpff(std::nextafter(z, 0.0)), b = stumpff(std::nextafter(z, 2 * z));
        EXPECT_NEAR(a.c2, b.c2, 1e-14);
        EXPECT_NEAR(a.c3, b.c3, 1e-14);
    }
    EXPECT_NEAR(stumpff(pi * pi).c2, 2.0 / (pi * pi), 1e-15);  // (1 - cos pi) / pi^2
}

// Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Example 2-4 (KEPLER), 40 min.
TEST(Kepler, ValladoExample2_4) {
    const State s0{{1131.340, -2282.343, 6672.423}, {-5.64305, 4.30333, 2.42879}, Frame::icrf, Body::earth};
    const State s = propagate(s0, 40 * 60.0, mu_earth_vallado);
    EXPECT_NEAR(s.r_km.x, -4219.7527, 1e-3);
    EXPECT_NEAR(s.r_km.y, 4363.0292, 1e-3);
    EXPECT_NEAR(s.r_km.z, -3958.7666, 1e-3);
    EXPECT_NEAR(s.v_km_s.x, 3.689866, 1e-6);
    EXPECT_NEAR(s.v_km_s.y, -1.916735, 1e-6);
    EXPECT_NEAR(s.v_km_s.z, -6.112511, 1e-6);
    EXPECT_EQ(s.frame, Frame::icrf);
    EXPECT_EQ(s.centre, Body::earth);
}

TEST(Kepler, ConservationReversibilityAndIterationBound) {
    std::mt19937_64 rng(20330301);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double eccentricities[] = {0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0, 1.0001, 1.01, 1.5, 3.0, 10.0};
    int max_iterations = 0;
    double worst_rev = 0, worst_energy = 0, worst_h = 0;
    for (double e : eccentricities) {
        for (int k = 0; k < 300; ++k) {
            const State s0 = random_state(rng, e);
            const double dt = (2 * u(rng) - 1) * 3e8 * std::pow(10.0, -3 * u(rng));  // up to ~10 years, both ways
            PropagationReport fwd, back;
            const State s1 = propagate(s0, dt, mu_sun, fwd);
            const State s2 = propagate(s1, -dt, mu_sun, back);
            max_iterations = std::max({max_iterations, fwd.iterations, back.iterations});
            const double de = std::fabs(energy(s1, mu_sun) - energy(s0, mu_sun)) /
                              (mu_sun / norm(s0.r_km));  // relative to the potential: e = 1 has zero energy
            const double dh = rel(cross(s1.r_km, s1.v_km_s), cross(s0.r_km, s0.v_km_s));
            worst_energy = std::max(worst_energy, de);
            worst_h = std::max(worst_h, dh);
            const double rev = std::max(rel(s2.r_km, s0.r_km), rel(s2.v_km_s, s0.v_km_s));
            if (rev > worst_rev) std::printf("  forward+back %.2g at e %g dt %.6g s\n", rev, e, dt);
            worst_rev = std::max(worst_rev, rev);
            EXPECT_LT(de, conservation_rel) << "e " << e << " dt " << dt;
            EXPECT_LT(dh, conservation_rel) << "e " << e << " dt " << dt;
            EXPECT_LT(rel(s2.r_km, s0.r_km), reversibility_rel) << "e " << e << " dt " << dt;
            EXPECT_LT(rel(s2.v_km_s, s0.v_km_s), reversibility_rel) << "e " << e << " dt " << dt;
        }
    }
    std::printf("kepler: max iterations %d (bound %d), worst energy %.2g, |h| %.2g, forward+back %.2g\n",
                max_iterations, kepler_max_iterations, worst_energy, worst_h, worst_rev);
    EXPECT_LE(max_iterations, expected_max_iterations);
}

TEST(Kepler, PeriodicOrbitReturnsAfterWholePeriods) {
    std::mt19937_64 rng(3);
    for (double e : {0.0, 0.3, 0.9, 0.999}) {
        for (int k = 0; k < 50; ++k) {
            const State s0 = random_state(rng, e);
            const double a = 1.0 / (2.0 / norm(s0.r_km) - dot(s0.v_km_s, s0.v_km_s) / mu_sun);
            const double period = two_pi * std::sqrt(a * a * a / mu_sun);
            // The period from a state is ill-conditioned near e = 1: 1/a = 2/r - v^2/mu loses log10(2a/r) digits,
            // so the tolerance grows with 2a/r (up to 4000 for e = 0.999 near perihelion).
            const double tol = std::max(1e-10, 1e-12 * 2 * a / norm(s0.r_km));
            for (double n : {1.0, -1.0, 7.0}) {
                const State s1 = propagate(s0, n * period, mu_sun);
                EXPECT_LT(rel(s1.r_km, s0.r_km), tol) << e;
                EXPECT_LT(rel(s1.v_km_s, s0.v_km_s), tol) << e;
            }
        }
    }
}

TEST(Kepler, SplitArcsComposeNearParabolicAndHyperbolic) {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (double e : {0.999999, 1.0, 1.000001, 2.0, 30.0}) {
        for (int k = 0; k < 100; ++k) {
            const State s0 = random_state(rng, e);
            const double dt1 = (2 * u(rng) - 1) * 1e8, dt2 = (2 * u(rng) - 1) * 1e8;
            const State direct = propagate(s0, dt1 + dt2, mu_sun);
            const State split = propagate(propagate(s0, dt1, mu_sun), dt2, mu_sun);
            EXPECT_LT(rel(split.r_km, direct.r_km), 1e-10) << e;
            EXPECT_LT(rel(split.v_km_s, direct.v_km_s), 1e-10) << e;
        }
    }
    // Parabola from perihelion: Barker's equation, t = sqrt(2 q^3 / mu) (D + D^3 / 3), D = tan(nu / 2).
    const double q = au_km;
    const State peri{{q, 0, 0}, {0, std::sqrt(2 * mu_sun / q), 0}};
    const double d = std::tan(0.5 * 2.0);  // nu = 2 rad
    const double t = std::sqrt(2 * q * q * q / mu_sun) * (d + d * d * d / 3);
    const State s = propagate(peri, t, mu_sun);
    EXPECT_NEAR(norm(s.r_km), q * (1 + d * d), 1e-9 * q * (1 + d * d));
    EXPECT_NEAR(std::atan2(s.r_km.y, s.r_km.x), 2.0, 1e-11);
}

TEST(Kepler, MeanAnomalyPropagationMatchesUniversalVariables) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const Instant epoch = Instant::from_days_since_j2000(12000.0);
    for (double e : {0.0, 0.2, 0.7, 0.99, 1.3, 4.0}) {
        for (int k = 0; k < 100; ++k) {
            const State s0 = random_state(rng, e);
            const Elements el = elements_from_state(s0, mu_sun);
            const Instant t = epoch + ticks_from_seconds((2 * u(rng) - 1) * 2e8);
            const State a = state_from_elements_at(el, epoch, t, mu_sun);
            const State b = propagate(s0, to_seconds(t - epoch), mu_sun);
            EXPECT_LT(rel(a.r_km, b.r_km), 1e-9) << e;
            EXPECT_LT(rel(a.v_km_s, b.v_km_s), 1e-9) << e;
        }
    }
}

// The grid variant (one orbit, many dates: the survey's asteroid table) against the per-instant model and against
// universal-variable propagation, an independent algorithm; daily for 20 years, so warm starts cross many turns.
TEST(Kepler, OrbitOverADateGridMatchesPerInstantAndUniversalVariables) {
    std::mt19937_64 rng(23);
    const Instant epoch = Instant::from_days_since_j2000(7000.0);
    for (double e : {0.0, 0.05, 0.5, 0.9, 0.999, 1.5}) {
        for (int k = 0; k < 5; ++k) {
            const State s0 = random_state(rng, e);
            const Elements el = elements_from_state(s0, mu_sun);
            std::vector<Instant> times;
            for (int d = 0; d < 7300; ++d) times.push_back(epoch + ticks_from_seconds((d - 2000) * 86400.0 + 0.25));
            std::vector<Vec3> r(times.size()), v(times.size());
            states_from_elements_over(el, epoch, times, mu_sun, r, v);
            double worst_model = 0, worst_uv = 0;
            for (std::size_t j = 0; j < times.size(); j += 7) {
                const State a = state_from_elements_at(el, epoch, times[j], mu_sun);
                worst_model = std::max({worst_model, rel(r[j], a.r_km), rel(v[j], a.v_km_s)});
                const State b = propagate(s0, to_seconds(times[j] - epoch), mu_sun);
                worst_uv = std::max({worst_uv, rel(r[j], b.r_km), rel(v[j], b.v_km_s)});
            }
            EXPECT_LT(worst_model, 1e-12) << "e = " << e;
            EXPECT_LT(worst_uv, 1e-9) << "e = " << e;
        }
    }
    std::vector<Vec3> r(2), v(1);
    const Elements el = elements_from_state(random_state(rng, 0.3), mu_sun);
    EXPECT_THROW(states_from_elements_over(el, epoch, std::vector<Instant>(2, epoch), mu_sun, r, v), AstroError);
}

TEST(Elements, RoundTrips) {
    std::mt19937_64 rng(13);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int k = 0; k < 3000; ++k) {
        Elements el;
        const bool hyperbolic = k % 3 == 0;
        el.e = hyperbolic ? 1.001 + 5 * u(rng) : 0.999 * u(rng);
        el.a_km = (hyperbolic ? -1 : 1) * (0.2 + 30 * u(rng)) * au_km;
        el.i_rad = 0.01 + (pi - 0.02) * u(rng);
        el.raan_rad = two_pi * u(rng);
        el.argp_rad = two_pi * u(rng);
        el.mean_anomaly_rad = hyperbolic ? 10 * (2 * u(rng) - 1) : two_pi * u(rng);
        const State s = state_from_elements(el, mu_sun);
        const Elements back = elements_from_state(s, mu_sun);
        const auto angle_diff = [](double x, double y) { return std::fabs(std::remainder(x - y, two_pi)); };
        EXPECT_NEAR(back.a_km / el.a_km, 1.0, 1e-9);
        EXPECT_NEAR(back.e, el.e, 1e-10);
        EXPECT_LT(angle_diff(back.i_rad, el.i_rad), 1e-10);
        EXPECT_LT(angle_diff(back.raan_rad, el.raan_rad), 1e-10);
        if (el.e > 1e-3) {
            EXPECT_LT(angle_diff(back.argp_rad, el.argp_rad), 1e-8) << el.e;
            EXPECT_LT(angle_diff(back.mean_anomaly_rad, el.mean_anomaly_rad), 1e-8) << el.e;
        }
        const State s2 = state_from_elements(back, mu_sun);
        EXPECT_LT(rel(s2.r_km, s.r_km), 1e-11);
        EXPECT_LT(rel(s2.v_km_s, s.v_km_s), 1e-11);
    }
}

TEST(Elements, SingularOrbitsRoundTripThroughTheirConventions) {
    // Circular equatorial, circular inclined, eccentric equatorial, retrograde equatorial.
    const double r = au_km, v = std::sqrt(mu_sun / au_km);
    const State cases[] = {
        {{r, 0, 0}, {0, v, 0}},
        {{0, r, 0}, {-v * 0.6, 0, v * 0.8}},
        {{r, r, 0}, {-v * 0.9, v * 0.5, 0}},
        {{r, 0, 0}, {0, -1.2 * v, 0}},
    };
    for (const State& s : cases) {
        const Elements el = elements_from_state(s, mu_sun);
        const State back = state_from_elements(el, mu_sun);
        EXPECT_LT(rel(back.r_km, s.r_km), 1e-12);
        EXPECT_LT(rel(back.v_km_s, s.v_km_s), 1e-12);
    }
    const Elements circ = elements_from_state(cases[0], mu_sun);
    EXPECT_NEAR(circ.e, 0, 1e-15);
    EXPECT_EQ(circ.raan_rad, 0);
    EXPECT_NEAR(circ.i_rad, 0, 1e-15);
    EXPECT_NEAR(elements_from_state(cases[3], mu_sun).i_rad, pi, 1e-15);
}

TEST(Elements, KeplerEquationSolvers) {
    for (double e : {0.0, 0.5, 0.9, 0.999, 0.999999}) {
        for (double m = -20; m <= 20; m += 0.037) {
            const double ea = eccentric_anomaly(m, e);
            EXPECT_NEAR(ea - e * std::sin(ea), m, 1e-12 * std::max(1.0, std::fabs(m)));
        }
    }
    for (double e : {1.000001, 1.1, 3.0, 100.0}) {
        for (double m = -1000; m <= 1000; m += 0.731) {
            const double ha = hyperbolic_anomaly(m, e);
            EXPECT_NEAR(e * std::sinh(ha) - ha, m, 1e-12 * std::max(1.0, std::fabs(m)));
        }
    }
}

TEST(Kepler, BatchAndErrors) {
    std::mt19937_64 rng(17);
    std::vector<State> s0, out(64);
    std::vector<double> dt;
    for (int k = 0; k < 64; ++k) {
        s0.push_back(random_state(rng, 0.01 * k));
        dt.push_back(1e6 * k);
    }
    propagate(s0, dt, mu_sun, out);
    for (int k = 0; k < 64; ++k) EXPECT_EQ(out[k].r_km, propagate(s0[k], dt[k], mu_sun).r_km);

    std::vector<Elements> els;
    std::vector<Instant> epochs;
    for (int k = 0; k < 64; ++k) {
        els.push_back(elements_from_state(s0[k], mu_sun));
        epochs.push_back(Instant::from_days_since_j2000(k));
    }
    std::vector<Vec3> r(64), v(64);
    const Instant t = Instant::from_days_since_j2000(1000);
    states_from_elements_at(els, epochs, t, mu_sun, r, v);
    for (int k = 0; k < 64; ++k) EXPECT_EQ(r[k], state_from_elements_at(els[k], epochs[k], t, mu_sun).r_km);

    const auto code = [](auto&& f) {
        try {
            f();
        } catch (const AstroError& e) {
            return e.code();
        }
        return AstroErrc{};
    };
    const State ok{{au_km, 0, 0}, {0, 30, 0}};
    EXPECT_EQ(code([&] { propagate(ok, 1.0, 0.0); }), AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { propagate(State{}, 1.0, mu_sun); }), AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { propagate(State{{au_km, 0, 0}, {30, 0, 0}}, 1.0, mu_sun); }), AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { propagate(ok, NAN, mu_sun); }), AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { propagate(std::span(s0), std::span(dt).first(3), mu_sun, std::span(out)); }),
              AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { state_from_elements(Elements{au_km, 1.5, 0, 0, 0, 0}, mu_sun); }),
              AstroErrc::invalid_argument);
    EXPECT_EQ(code([&] { eccentric_anomaly(1.0, 1.0); }), AstroErrc::invalid_argument);
    const State parabola{{au_km, 0, 0}, {0, std::sqrt(2 * mu_sun / au_km), 0}};
    EXPECT_EQ(code([&] { elements_from_state(parabola, mu_sun); }), AstroErrc::invalid_argument);
}
