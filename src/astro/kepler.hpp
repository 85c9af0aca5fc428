// Two-body (Keplerian) motion: universal-variable propagation of states, classical elements <-> state, and fast
// mean-anomaly propagation of elements (asteroid catalogues).
//
// propagate() handles elliptic, parabolic and hyperbolic orbits (any e), forward and backward in time. Kepler's
// universal equation F(chi) = 0 is solved by Laguerre's method (n = 5) safeguarded by bisection inside a bracket
// from the periapsis bound r >= q (F is increasing with slope r), so it converges for every non-degenerate
// orbit within kepler_max_iterations (typically 2-5 iterations); elliptic time spans are first reduced modulo
// the period. Rectilinear orbits (|r x v| = 0) are not supported.
//
// Everything here is a pure function: no allocation, safe to call concurrently.
#pragma once

#include <span>

#include "astro/frames.hpp"
#include "astro/time.hpp"
#include "astro/vec3.hpp"

namespace ger::astro {

// Hard bound on the universal-variable and Kepler-equation iterations; exceeding it throws
// AstroError(no_convergence) (never observed: see tests/astro/kepler_test.cpp).
inline constexpr int kepler_max_iterations = 50;

// Stumpff functions c2(z) = (1 - cos sqrt z) / z and c3(z) = (sqrt z - sin sqrt z) / sqrt(z)^3, continued to z <= 0.
struct Stumpff {
    double c2;
    double c3;
};
Stumpff stumpff(double z) noexcept;

struct PropagationReport {
    int iterations = 0;  // universal-variable iterations used (<= kepler_max_iterations)
};

// State after dt_s [s] (negative: backwards) on the two-body orbit about s0.centre with gravitational parameter
// mu_km3_s2 [km^3/s^2]; frame and centre are kept. Throws AstroError(invalid_argument) for mu <= 0, r = 0,
// h = 0 (rectilinear) or non-finite input, AstroError(no_convergence) if the iteration bound is hit.
State propagate(const State& s0, double dt_s, double mu_km3_s2);
State propagate(const State& s0, double dt_s, double mu_km3_s2, PropagationReport& report);

// Batch: out[k] = propagate(s0[k], dt_s[k], mu). All spans the same length (else invalid_argument).
void propagate(std::span<const State> s0, std::span<const double> dt_s, double mu_km3_s2, std::span<State> out);

// Classical elements. Elliptic: a > 0, 0 <= e < 1, mean_anomaly in [0, 2 pi). Hyperbolic: a < 0, e > 1,
// mean_anomaly = e sinh H - H (unbounded). Angles in [0, 2 pi) except i in [0, pi].
// Conventions for singular orbits: equatorial (i = 0 or pi): raan = 0 and argp is measured from +x;
// circular (e = 0): argp = 0 and the anomaly is measured from the node (or +x if also equatorial).
struct Elements {
    double a_km = 0;              // semi-major axis [km]
    double e = 0;                 // eccentricity [-]
    double i_rad = 0;             // inclination [rad]
    double raan_rad = 0;          // right ascension (longitude) of the ascending node [rad]
    double argp_rad = 0;          // argument of periapsis [rad]
    double mean_anomaly_rad = 0;  // mean anomaly [rad] at the state's or the catalogue's epoch
};

// Elements of the osculating orbit of s in s's frame about s's centre. Throws AstroError(invalid_argument) for
// mu <= 0, r = 0, h = 0, or |e - 1| < near_parabolic_e (elements are undefined there; propagate states).
inline constexpr double near_parabolic_e = 1e-10;
Elements elements_from_state(const State& s, double mu_km3_s2);
// The state for elements (the frame and centre are the caller's). Throws AstroError(invalid_argument) for
// invalid elements (a and e inconsistent, e < 0, |e - 1| < near_parabolic_e, mu <= 0).
State state_from_elements(const Elements& el, double mu_km3_s2, Frame frame = Frame::ecliptic_j2000,
                          Body centre = Body::sun);

// Kepler's equation M = E - e sin E (0 <= e < 1) and M = e sinh H - H (e > 1); Halley iterations within
// kepler_max_iterations. [rad]
double eccentric_anomaly(double mean_anomaly_rad, double e);
double hyperbolic_anomaly(double mean_anomaly_rad, double e);

// State at t of the orbit whose elements hold at `epoch`: M(t) = M0 + n (t - epoch), n = sqrt(mu / |a|^3).
State state_from_elements_at(const Elements& el, Instant epoch, Instant t, double mu_km3_s2,
                             Frame frame = Frame::ecliptic_j2000, Body centre = Body::sun);
// Batch over a catalogue at one instant t: r_km[k], v_km_s[k] for elements[k] at epochs[k]. Spans the same
// length (else invalid_argument).
void states_from_elements_at(std::span<const Elements> elements, std::span<const Instant> epochs, Instant t,
                             double mu_km3_s2, std::span<Vec3> r_km, std::span<Vec3> v_km_s);
// One orbit at many instants (a survey's date grid): r_km[j], v_km_s[j] at times[j], the model of
// state_from_elements_at, computed faster for elliptic orbits (the orientation once, each Kepler solve started
// from the previous instant's eccentric anomaly, the state from E without the true anomaly); it agrees with
// state_from_elements_at to ~1e-15 relative, not bit for bit. Spans the same length (else invalid_argument).
void states_from_elements_over(const Elements& el, Instant epoch, std::span<const Instant> times, double mu_km3_s2,
                               std::span<Vec3> r_km, std::span<Vec3> v_km_s);

}  // namespace ger::astro
