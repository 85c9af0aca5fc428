#include "astro/kepler.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {

namespace {

// |z| below which the Stumpff series replace the closed forms (their cancellation costs < 1 digit there).
constexpr double stumpff_series_limit = 1.0;
// Laguerre's method order (Conway 1986: n = 5 converges from any start for Kepler's equation).
constexpr double laguerre_n = 5.0;
// Relative step below which chi (and the anomalies) count as converged; the next step would be below 1e-26.
constexpr double convergence_rel = 1e-13;
// Tolerance for the singular-orbit conventions (equatorial, circular).
constexpr double singular_tol = 1e-11;

[[noreturn]] void invalid(const std::string& what) { throw AstroError(AstroErrc::invalid_argument, what); }

std::string num(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

double wrap_two_pi(double x) {
    x = std::fmod(x, two_pi);
    return x < 0 ? x + two_pi : x;
}

void check_mu(double mu) {
    if (!(mu > 0) || !std::isfinite(mu)) invalid("gravitational parameter mu " + num(mu) + " km^3/s^2 must be > 0");
}

// Solves the universal Kepler equation for chi [km^0.5] and returns r, v. See kepler.hpp for the method.
void propagate_rv(const Vec3& r0, const Vec3& v0, double dt, double mu, Vec3& r, Vec3& v, int& iterations) {
    check_mu(mu);
    if (!is_finite(r0) || !is_finite(v0) || !std::isfinite(dt)) {
        invalid("propagate: non-finite state or dt (dt_s = " + num(dt) + ")");
    }
    const double r0n = norm(r0);
    const double h = norm(cross(r0, v0));
    if (!(r0n > 0) || !(h > 0)) invalid("propagate: |r| and |r x v| must be > 0 (rectilinear orbits unsupported)");
    iterations = 0;
    if (dt == 0) {
        r = r0;
        v = v0;
        return;
    }
    const double sqmu = std::sqrt(mu);
    const double v0sq = dot(v0, v0);
    const double sigma0 = dot(r0, v0) / sqmu;
    const double alpha = 2.0 / r0n - v0sq / mu;  // 1/a [1/km]
    const double e = norm(((v0sq - mu / r0n) * r0 - dot(r0, v0) * v0) / mu);
    const double q = h * h / (mu * (1.0 + e));  // periapsis distance [km]

    // Elliptic: reduce dt to (-P/2, P/2]; the state is periodic.
    if (alpha > 0) {
        const double period = two_pi / (sqmu * alpha * std::sqrt(alpha));
        if (std::fabs(dt) > 0.5 * period) dt -= period * std::round(dt / period);
    }
    // Bracket: F(0) = -sqmu dt and F' = r >= q, so the root lies between 0 and sqmu dt / q; for an ellipse
    // |chi| <= 2 pi / sqrt(alpha) for |dt| <= P.
    // The root can sit on the bound itself (start at periapsis, short dt): widen it by a few ulps' worth.
    double bound = sqmu * std::fabs(dt) / q * (1.0 + 1e-12);
    if (alpha > 0) bound = std::min(bound, two_pi / std::sqrt(alpha));
    // Moving away from periapsis on an open orbit, r only grows: r >= r0 gives a much tighter bound.
    if (alpha <= 0 && sigma0 * dt >= 0) bound = std::min(bound, sqmu * std::fabs(dt) / r0n * (1.0 + 1e-12));
    double lo = dt > 0 ? 0.0 : -bound;
    double hi = dt > 0 ? bound : 0.0;

    // Starting value from Kepler's equation in the eccentric or hyperbolic anomaly (chi = dE / sqrt(alpha) or
    // dH / sqrt(-alpha)): for clearly elliptic or hyperbolic orbits it is the root up to rounding, which keeps the
    // Laguerre polish to 1-3 iterations even deep in the exponential regime of long hyperbolic arcs, where a poor
    // start would creep by ~1/sqrt(-alpha) per iteration. Near-parabolic orbits start from the local rate;
    // F is then nearly a cubic polynomial, for which Laguerre's method converges from anywhere.
    double chi = sqmu * dt / r0n;
    const double tilt = std::fabs(alpha) * r0n;
    if (tilt > 1e-6 && std::fabs(e - 1.0) > 1e-6) {
        if (alpha > 0 && e < 1) {
            const double sa = std::sqrt(alpha);
            const double e0 = std::atan2(sigma0 * sa, 1.0 - r0n * alpha);
            const double m = e0 - e * std::sin(e0) + sqmu * alpha * sa * dt;
            chi = (eccentric_anomaly(m, e) - e0) / sa;
        } else if (alpha < 0 && e > 1) {
            const double sa = std::sqrt(-alpha);
            const double h0 = std::asinh(sigma0 * sa / e);
            const double m = e * std::sinh(h0) - h0 + sqmu * (-alpha) * sa * dt;
            chi = (hyperbolic_anomaly(m, e) - h0) / sa;
        }
    }
    if (!std::isfinite(chi) || chi < lo || chi > hi) chi = 0.5 * (lo + hi);

    const double beta = 1.0 - alpha * r0n;
    double c2 = 0.5, c3 = 1.0 / 6.0, z = 0;
    bool converged = false;
    while (iterations < kepler_max_iterations) {
        ++iterations;
        z = alpha * chi * chi;
        const Stumpff sf = stumpff(z);
        c2 = sf.c2;
        c3 = sf.c3;
        const double f = sigma0 * chi * chi * c2 + beta * chi * chi * chi * c3 + r0n * chi - sqmu * dt;
        const double fp = chi * chi * c2 + sigma0 * chi * (1.0 - z * c3) + r0n * (1.0 - z * c2);
        const double fpp = sigma0 * (1.0 - z * c2) + beta * chi * (1.0 - z * c3);
        if (f == 0) {
            converged = true;
            break;
        }
        if (f < 0) {
            lo = chi;
        } else {
            hi = chi;
        }
        const double disc = (laguerre_n - 1) * (laguerre_n - 1) * fp * fp - laguerre_n * (laguerre_n - 1) * f * fpp;
        const double denom = fp + std::copysign(std::sqrt(std::fabs(disc)), fp);
        double next = chi - laguerre_n * f / denom;
        if (!std::isfinite(next) || next < lo || next > hi) next = 0.5 * (lo + hi);  // bisection safeguard
        const double step = std::fabs(next - chi);
        chi = next;
        if (step <= convergence_rel * std::fabs(chi) || hi - lo <= convergence_rel * std::fabs(chi)) {
            z = alpha * chi * chi;
            const Stumpff s2 = stumpff(z);
            c2 = s2.c2;
            c3 = s2.c3;
            converged = true;
            break;
        }
    }
    if (!converged) {
        throw AstroError(AstroErrc::no_convergence, "universal Kepler equation: no convergence in " +
                                                        std::to_string(kepler_max_iterations) +
                                                        " iterations (dt_s = " + num(dt) + ")");
    }
    const double chi2 = chi * chi;
    const double f = 1.0 - chi2 * c2 / r0n;
    // g from the solved equation instead of dt - chi^3 c3 / sqrt(mu): no cancellation for long hyperbolic arcs.
    const double g = (sigma0 * chi2 * c2 + r0n * chi * (1.0 - z * c3)) / sqmu;
    r = f * r0 + g * v0;
    const double rn = norm(r);
    const double fdot = sqmu * chi * (z * c3 - 1.0) / (rn * r0n);
    const double gdot = 1.0 - chi2 * c2 / rn;
    v = fdot * r0 + gdot * v0;
}

}  // namespace

Stumpff stumpff(double z) noexcept {
    if (std::fabs(z) < stumpff_series_limit) {
        // c2 = sum (-z)^k / (2k+2)!, c3 = sum (-z)^k / (2k+3)!; 12 terms reach 1e-17 at |z| = 1.
        double c2 = 0, c3 = 0, term2 = 0.5, term3 = 1.0 / 6.0;
        for (int k = 0; k < 12; ++k) {
            c2 += term2;
            c3 += term3;
            term2 *= -z / ((2.0 * k + 3) * (2.0 * k + 4));
            term3 *= -z / ((2.0 * k + 4) * (2.0 * k + 5));
        }
        return {c2, c3};
    }
    if (z > 0) {
        const double s = std::sqrt(z);
        const double sh = std::sin(0.5 * s);
        return {2.0 * sh * sh / z, (s - std::sin(s)) / (z * s)};
    }
    const double s = std::sqrt(-z);
    const double sh = std::sinh(0.5 * s);
    return {2.0 * sh * sh / (-z), (std::sinh(s) - s) / (-z * s)};
}

State propagate(const State& s0, double dt_s, double mu_km3_s2, PropagationReport& report) {
    State out = s0;
    propagate_rv(s0.r_km, s0.v_km_s, dt_s, mu_km3_s2, out.r_km, out.v_km_s, report.iterations);
    return out;
}

State propagate(const State& s0, double dt_s, double mu_km3_s2) {
    PropagationReport report;
    return propagate(s0, dt_s, mu_km3_s2, report);
}

void propagate(std::span<const State> s0, std::span<const double> dt_s, double mu_km3_s2, std::span<State> out) {
    if (dt_s.size() != s0.size() || out.size() != s0.size()) {
        invalid("propagate batch: spans of different lengths (" + std::to_string(s0.size()) + ", " +
                std::to_string(dt_s.size()) + ", " + std::to_string(out.size()) + ")");
    }
    int iterations = 0;
    for (std::size_t k = 0; k < s0.size(); ++k) {
        out[k] = s0[k];
        propagate_rv(s0[k].r_km, s0[k].v_km_s, dt_s[k], mu_km3_s2, out[k].r_km, out[k].v_km_s, iterations);
    }
}

double eccentric_anomaly(double mean_anomaly_rad, double e) {
    if (!(e >= 0 && e < 1) || !std::isfinite(mean_anomaly_rad)) {
        invalid("eccentric_anomaly: need 0 <= e < 1 and finite M; got e = " + num(e) + ", M = " + num(mean_anomaly_rad));
    }
    // Solve on M in (-pi, pi] and add the whole turns back.
    const double turns = std::round(mean_anomaly_rad / two_pi);
    const double m = mean_anomaly_rad - turns * two_pi;
    double ea = m + (m >= 0 ? 0.85 : -0.85) * e;  // Danby's starter: converges for every e < 1
    if (e < 0.1) ea = m + e * std::sin(m);
    for (int it = 0; it < kepler_max_iterations; ++it) {
        const double se = e * std::sin(ea), ce = e * std::cos(ea);
        const double f = ea - se - m, fp = 1.0 - ce;
        const double step = f / (fp - 0.5 * f * se / fp);  // Halley
        ea -= step;
        if (std::fabs(step) <= convergence_rel * std::max(1.0, std::fabs(ea))) return ea + turns * two_pi;
    }
    throw AstroError(AstroErrc::no_convergence, "Kepler's equation: no convergence for M = " + num(mean_anomaly_rad) +
                                                    ", e = " + num(e));
}

double hyperbolic_anomaly(double mean_anomaly_rad, double e) {
    if (!(e > 1) || !std::isfinite(mean_anomaly_rad)) {
        invalid("hyperbolic_anomaly: need e > 1 and finite M; got e = " + num(e) + ", M = " + num(mean_anomaly_rad));
    }
    const double m = mean_anomaly_rad;
    double ha = std::asinh(m / e);  // exact for large |M|/e up to the -H term; good start everywhere
    if (std::fabs(m) > 6 * e) ha = std::copysign(std::log(2.0 * std::fabs(m) / e), m);
    for (int it = 0; it < kepler_max_iterations; ++it) {
        const double sh = e * std::sinh(ha), ch = e * std::cosh(ha);
        const double f = sh - ha - m, fp = ch - 1.0;
        const double step = f / (fp - 0.5 * f * sh / fp);  // Halley
        ha -= step;
        if (std::fabs(step) <= convergence_rel * std::max(1.0, std::fabs(ha))) return ha;
    }
    throw AstroError(AstroErrc::no_convergence, "hyperbolic Kepler equation: no convergence for M = " +
                                                    num(mean_anomaly_rad) + ", e = " + num(e));
}

Elements elements_from_state(const State& s, double mu) {
    check_mu(mu);
    const Vec3& r = s.r_km;
    const Vec3& v = s.v_km_s;
    const double rn = norm(r);
    const Vec3 h = cross(r, v);
    const double hn = norm(h);
    if (!is_finite(r) || !is_finite(v) || !(rn > 0) || !(hn > 0)) {
        invalid("elements_from_state: need finite r, v with |r| > 0 and |r x v| > 0");
    }
    const Vec3 e_vec = ((dot(v, v) - mu / rn) * r - dot(r, v) * v) / mu;
    Elements el;
    el.e = norm(e_vec);
    if (std::fabs(el.e - 1.0) < near_parabolic_e) {
        invalid("elements_from_state: e = " + num(el.e) + " is within 1e-10 of 1 (parabolic); propagate the State");
    }
    el.a_km = 1.0 / (2.0 / rn - dot(v, v) / mu);
    const Vec3 hu = h / hn;
    el.i_rad = std::acos(std::clamp(hu.z, -1.0, 1.0));
    const Vec3 n{-h.y, h.x, 0.0};  // ascending node direction, z x h
    const double nn = norm(n);
    Vec3 node{1.0, 0.0, 0.0};
    if (nn > singular_tol * hn) {
        node = n / nn;
        el.raan_rad = wrap_two_pi(std::atan2(node.y, node.x));
    }
    Vec3 ref = node;  // where the anomaly is measured from: periapsis, or the node for a circular orbit
    if (el.e > singular_tol) {
        el.argp_rad = wrap_two_pi(std::atan2(dot(cross(node, e_vec), hu), dot(node, e_vec)));
        ref = e_vec / el.e;
    }
    const double nu = std::atan2(dot(cross(ref, r), hu), dot(ref, r));
    const double e = el.e;
    if (e < 1) {
        const double ea = std::atan2(std::sqrt(1.0 - e * e) * std::sin(nu), e + std::cos(nu));
        el.mean_anomaly_rad = wrap_two_pi(ea - e * std::sin(ea));
    } else {
        const double ha = std::asinh(std::sqrt(e * e - 1.0) * std::sin(nu) / (1.0 + e * std::cos(nu)));
        el.mean_anomaly_rad = e * std::sinh(ha) - ha;
    }
    return el;
}

State state_from_elements(const Elements& el, double mu, Frame frame, Body centre) {
    check_mu(mu);
    const double e = el.e;
    const bool elliptic = e < 1;
    if (!(e >= 0) || std::fabs(e - 1.0) < near_parabolic_e || !std::isfinite(el.a_km) || el.a_km == 0 ||
        (elliptic != (el.a_km > 0))) {
        invalid("state_from_elements: inconsistent a_km = " + num(el.a_km) + ", e = " + num(e) +
                " (need a > 0 with 0 <= e < 1, or a < 0 with e > 1)");
    }
    double nu;
    if (elliptic) {
        const double ea = eccentric_anomaly(el.mean_anomaly_rad, e);
        nu = 2.0 * std::atan2(std::sqrt(1.0 + e) * std::sin(0.5 * ea), std::sqrt(1.0 - e) * std::cos(0.5 * ea));
    } else {
        const double ha = hyperbolic_anomaly(el.mean_anomaly_rad, e);
        nu = 2.0 * std::atan(std::sqrt((e + 1.0) / (e - 1.0)) * std::tanh(0.5 * ha));
    }
    const double p = el.a_km * (1.0 - e * e);  // semi-latus rectum [km], > 0 for both branches
    const double cn = std::cos(nu), sn = std::sin(nu);
    const double rn = p / (1.0 + e * cn);
    const double vs = std::sqrt(mu / p);
    const double co = std::cos(el.raan_rad), so = std::sin(el.raan_rad);
    const double cw = std::cos(el.argp_rad), sw = std::sin(el.argp_rad);
    const double ci = std::cos(el.i_rad), si = std::sin(el.i_rad);
    const Vec3 pv{co * cw - so * sw * ci, so * cw + co * sw * ci, sw * si};   // periapsis direction
    const Vec3 qv{-co * sw - so * cw * ci, -so * sw + co * cw * ci, cw * si};  // 90 deg ahead in the plane
    State s;
    s.r_km = (rn * cn) * pv + (rn * sn) * qv;
    s.v_km_s = (-vs * sn) * pv + (vs * (e + cn)) * qv;
    s.frame = frame;
    s.centre = centre;
    return s;
}

State state_from_elements_at(const Elements& el, Instant epoch, Instant t, double mu, Frame frame, Body centre) {
    check_mu(mu);
    Elements at = el;
    const double n = std::sqrt(mu / std::fabs(el.a_km * el.a_km * el.a_km));  // mean motion [rad/s]
    at.mean_anomaly_rad = el.mean_anomaly_rad + n * to_seconds(t - epoch);
    if (el.e < 1) at.mean_anomaly_rad = wrap_two_pi(at.mean_anomaly_rad);
    return state_from_elements(at, mu, frame, centre);
}

void states_from_elements_at(std::span<const Elements> elements, std::span<const Instant> epochs, Instant t, double mu,
                             std::span<Vec3> r_km, std::span<Vec3> v_km_s) {
    if (epochs.size() != elements.size() || r_km.size() != elements.size() || v_km_s.size() != elements.size()) {
        invalid("states_from_elements_at: spans of different lengths");
    }
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const State s = state_from_elements_at(elements[k], epochs[k], t, mu);
        r_km[k] = s.r_km;
        v_km_s[k] = s.v_km_s;
    }
}

void states_from_elements_over(const Elements& el, Instant epoch, std::span<const Instant> times, double mu,
                               std::span<Vec3> r_km, std::span<Vec3> v_km_s) {
    if (r_km.size() != times.size() || v_km_s.size() != times.size()) {
        invalid("states_from_elements_over: spans of different lengths");
    }
    if (times.empty()) return;
    // Validates the elements and mu exactly as the per-instant call does (and covers e >= 1).
    const State first = state_from_elements_at(el, epoch, times[0], mu);
    r_km[0] = first.r_km;
    v_km_s[0] = first.v_km_s;
    const double e = el.e;
    if (!(e < 1)) {
        for (std::size_t j = 1; j < times.size(); ++j) {
            const State s = state_from_elements_at(el, epoch, times[j], mu);
            r_km[j] = s.r_km;
            v_km_s[j] = s.v_km_s;
        }
        return;
    }
    const double a = el.a_km;
    const double n = std::sqrt(mu / std::fabs(a * a * a));
    const double co = std::cos(el.raan_rad), so = std::sin(el.raan_rad);
    const double cw = std::cos(el.argp_rad), sw = std::sin(el.argp_rad);
    const double ci = std::cos(el.i_rad), si = std::sin(el.i_rad);
    const Vec3 pv{co * cw - so * sw * ci, so * cw + co * sw * ci, sw * si};
    const Vec3 qv{-co * sw - so * cw * ci, -so * sw + co * cw * ci, cw * si};
    const double b_over_a = std::sqrt(1.0 - e * e);
    const double sqrt_mu_a = std::sqrt(mu * a);
    double m_prev = 0, ea = 0;
    bool warm = false;
    for (std::size_t j = 1; j < times.size(); ++j) {
        // M on (-pi, pi], as eccentric_anomaly reduces it.
        double m = wrap_two_pi(el.mean_anomaly_rad + n * to_seconds(times[j] - epoch));
        if (m > pi) m -= two_pi;
        if (warm) {
            double dm = m - m_prev;
            dm -= std::round(dm / two_pi) * two_pi;
            ea += dm;
            ea -= std::round((ea - m) / two_pi) * two_pi;  // same turn as m
        } else {
            ea = eccentric_anomaly(m, e);
        }
        int it = 0;
        for (; it < kepler_max_iterations; ++it) {
            const double se = e * std::sin(ea), ce = e * std::cos(ea);
            const double f = ea - se - m, fp = 1.0 - ce;
            const double step = f / (fp - 0.5 * f * se / fp);  // Halley, as eccentric_anomaly
            ea -= step;
            if (std::fabs(step) <= convergence_rel * std::max(1.0, std::fabs(ea))) break;
        }
        if (it == kepler_max_iterations) ea = eccentric_anomaly(m, e);  // the robust starter decides
        m_prev = m;
        warm = true;
        const double ce = std::cos(ea), se = std::sin(ea);
        const double r = a * (1.0 - e * ce);
        const double x = a * (ce - e), y = a * b_over_a * se;
        const double vx = -sqrt_mu_a / r * se, vy = sqrt_mu_a / r * b_over_a * ce;
        r_km[j] = x * pv + y * qv;
        v_km_s[j] = vx * pv + vy * qv;
    }
}

}  // namespace ger::astro
