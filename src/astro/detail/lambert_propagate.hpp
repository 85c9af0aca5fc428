// A small two-body propagator in universal variables, private to the Lambert checks (tests and
// `ger bench lambert`): it is independent of the solver's own formulation, which is what a
// re-propagation check needs. The module's real propagator is astro/kepler.hpp.
// Method: Curtis, "Orbital Mechanics for Engineering Students", 3rd ed., Algorithms 3.3 and 3.4
// (Newton iteration on the universal anomaly chi, Stumpff functions C(z), S(z)).
#pragma once

#include <algorithm>
#include <cmath>

#include "astro/vec3.hpp"

namespace ger::astro::detail {

struct LambertPropagated {
    Vec3 r;  // [km]
    Vec3 v;  // [km/s]
    bool converged = false;
};

// Stumpff functions; below |z| < 1e-3 the closed forms cancel, so four series terms are used
// (truncation ~ z^4 / 14! < 1e-22).
inline void lambert_stumpff(double z, double& c, double& s) {
    if (std::abs(z) < 1e-3) {
        c = 1.0 / 2 - z / 24 + z * z / 720 - z * z * z / 40320;
        s = 1.0 / 6 - z / 120 + z * z / 5040 - z * z * z / 362880;
    } else if (z > 0) {
        const double sz = std::sqrt(z);
        c = (1.0 - std::cos(sz)) / z;
        s = (sz - std::sin(sz)) / (sz * z);
    } else {
        const double sz = std::sqrt(-z);
        c = (std::cosh(sz) - 1.0) / (-z);
        s = (std::sinh(sz) - sz) / (sz * (-z));
    }
}

// dt_s >= 0 (forward in time only, which is all the Lambert checks need).
inline LambertPropagated lambert_propagate(const Vec3& r0, const Vec3& v0, double dt_s, double mu) {
    const double rn = norm(r0);
    const double vr = dot(r0, v0) / rn;
    const double alpha = 2.0 / rn - dot(v0, v0) / mu;  // 1/a [1/km]
    const double smu = std::sqrt(mu);
    if (alpha > 0) {
        // Whole periods change nothing; removing them keeps Newton in the well-behaved first orbit.
        const double period = 2.0 * 3.141592653589793 / (std::sqrt(mu * alpha) * alpha);
        dt_s = std::fmod(dt_s, period);
    }
    double chi = smu * std::abs(alpha) * dt_s;
    if (alpha < 0) {
        // Hyperbolic start (Vallado Algorithm 8): closer than sqrt(mu)|alpha| dt for long arcs.
        const double a = 1.0 / alpha;
        const double sign = dt_s > 0 ? 1.0 : -1.0;
        chi = sign * std::sqrt(-a) *
              std::log((-2.0 * mu * alpha * dt_s) / (dot(r0, v0) + sign * std::sqrt(-mu * a) * (1.0 - rn * alpha)));
        if (!std::isfinite(chi)) chi = smu * std::abs(alpha) * dt_s;
    }
    bool converged = false;
    double c = 0, s = 0;
    // F(chi) = sqrt(mu) t(chi) - sqrt(mu) dt is increasing (dF/dchi = r > 0), so Newton is safeguarded by
    // a bracket and falls back to bisection: near-radial arcs (e -> 1) otherwise send it astray.
    auto residual = [&](double x, double& slope) {
        const double z = alpha * x * x;
        lambert_stumpff(z, c, s);
        const double x2 = x * x;
        slope = rn * vr / smu * x * (1.0 - z * s) + (1.0 - alpha * rn) * x2 * c + rn;
        return rn * vr / smu * x2 * c + (1.0 - alpha * rn) * x2 * x * s + rn * x - smu * dt_s;
    };
    double lo = 0.0, hi = alpha > 0 ? 2.0 * 3.141592653589793 / std::sqrt(alpha) : std::max(chi, 1.0);
    double slope = 0;
    while (alpha <= 0 && residual(hi, slope) < 0) lo = hi, hi *= 2.0;
    if (!(chi > lo && chi < hi)) chi = 0.5 * (lo + hi);
    for (int it = 0; it < 500; ++it) {
        const double f = residual(chi, slope);
        // At the rounding floor of F (terms of size r0 chi and sqrt(mu) dt) Newton can only dither.
        if (std::abs(f) <= 1e-15 * (rn * std::abs(chi) + smu * dt_s)) {
            converged = true;
            break;
        }
        if (f < 0) lo = chi; else hi = chi;
        double next = chi - f / slope;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const double step = next - chi;
        chi = next;
        if (std::abs(step) <= 1e-12 * std::max(1.0, std::abs(chi)) || hi - lo <= 1e-15 * std::abs(chi)) {
            converged = true;
            break;
        }
    }
    const double z = alpha * chi * chi;
    lambert_stumpff(z, c, s);
    const double chi2 = chi * chi;
    const double fl = 1.0 - chi2 / rn * c;
    const double gl = dt_s - chi2 * chi / smu * s;
    LambertPropagated out;
    out.r = r0 * fl + v0 * gl;
    const double r = norm(out.r);
    const double fdot = smu / (r * rn) * (alpha * chi2 * chi * s - chi);
    const double gdot = 1.0 - chi2 / r * c;
    out.v = r0 * fdot + v0 * gdot;
    out.converged = converged;
    return out;
}

}  // namespace ger::astro::detail
