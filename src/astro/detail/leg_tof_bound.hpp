// A necessary condition for a survey leg that knows its time of flight, tested after the geometric leg filter
// (leg_plane_bound.hpp) and before the Lambert solve. Shared by the CPU search (the vectorised copy in
// survey_leg_row.cpp is checked against this one) and the CUDA kernels, so both skip the same legs.
//
// The geometric filter asks whether *some* conic arc from r1 to r2 meets both burn limits. This one asks whether
// the arc the solver will return, the 0-revolution prograde one with the leg's time of flight, can. In Izzo's
// variables (lambda, x; Izzo 2015, eqs. 5-18) that arc has
//   angular momentum  H(x) = gamma sigma (y + lambda x),   y = sqrt(1 - lambda^2 (1 - x^2)),  gamma = sqrt(mu s / 2)
//   energy            eps(x) = mu (x^2 - 1) / s
//   time of flight    T(x), strictly decreasing on x > -1 (the solver's own premise).
// |y| >= |lambda x| makes dH/dx = gamma sigma lambda (1 + lambda x / y) carry the sign of lambda: H is monotone in
// x, and its inverse is x = (k^2 - 1 + lambda^2) / (2 k lambda) with k = H / (gamma sigma). A burn of at most b_i at
// r_i onto a body moving with w_i bounds the arc's transverse speed H / r_i to within c_i (the in-plane part of
// b_i, leg_plane_bound.hpp) of the body's, and its speed to within b_i of |w_i|, which caps eps. So H lies in an
// interval, hence x does, hence T does: a leg whose T lies outside [T(x_hi), T(x_lo)] has no arc within the limits
// and its cost would be +inf.
// The radial speeds narrow that interval (on shard 0/100 they leave a fifth of the Lambert solves): with k as above,
// y - lambda x = (1 - lambda^2) / k, so with rho = (r1 - r2) / c
//   V_r1 = gamma (p1 k + q1 / k) / (2 lambda r1),   p1 = lambda^2 (1 - rho) - (1 + rho),
//   V_r2 = -gamma (p2 k + q2 / k) / (2 lambda r2),  q1 = (1 - lambda^2)(lambda^2 (1 - rho) + 1 + rho),
// p2 and q2 the same with rho -> -rho (Izzo 2015, Algorithm 1's velocities),
// and the burn bounds |V_ri - w_i . r_i / r_i| by c_i too. Where p_i < 0, p k + q / k decreases from +inf to -inf
// on k > 0, so the radial interval maps to a k interval by one quadratic's positive root at each end; where
// p_i >= 0 (at most one end: p1 + p2 = 2 lambda^2 - 2 < 0) that end is left out. docs/VALIDATION.md "NEA survey"
// gives the proof.
//
// Safety margins: H and eps are widened by `slack` relative (the solver keeps both to ~1e-12), the radial speeds by
// `slack` of |w_i| + b_i, the k interval's radial ends and T by tof_bound_margin relative; an x that lands where
// Lancaster's closed form loses digits (|x - 1| < 0.03, Battin's band in the solver) is moved outward to the band's
// edge, which only widens the T interval; transfer angles near pi (|lambda| < tof_bound_min_lambda), where x(H) is
// ill-conditioned, and collinear geometries are kept; an end whose p_i is above -radial_min_slope (its roots lose
// digits as p_i -> 0) is left out of the narrowing.
#pragma once

#include <cmath>

#include "astro/detail/leg_plane_bound.hpp"

namespace ger::astro::detail {

inline constexpr double tof_bound_margin = 1e-9;      // relative widening of the T interval
inline constexpr double tof_bound_min_lambda = 1e-4;  // below: transfer angle too close to pi to bound x
inline constexpr double tof_bound_band = 0.03;        // |x - 1| below this: use the band's edge
inline constexpr double tof_bound_max_x = 1e6;        // above: T taken as 0 (a fast hyperbola)
inline constexpr double tof_bound_min_u = 3e-8;       // x within this of -1: T taken as +inf
inline constexpr double radial_min_slope = 1e-4;      // the radial speed narrows k where -p is at least this
inline constexpr double tof_bound_pi = 3.141592653589793238462643383279502884;

// Lancaster's T(x) (lambert_geometry.hpp's lambert_tof for n = 0, without Battin's series: callers keep x out of
// the band). Written with plain C math calls so the CUDA kernels can use it.
GER_HOST_DEVICE static inline double tof_bound_lancaster(double x, double lambda) {
    const double u = 1.0 - x * x;
    const double y = sqrt(1.0 - lambda * lambda * u);
    const double su = sqrt(fabs(u));
    if (u > 0) {
        const double psi = atan2(su * (y - lambda * x), x * y + lambda * u);
        return (psi / su - x + lambda * y) / u;
    }
    const double psi = asinh(su * (y - lambda * x));
    return (x - lambda * y - psi / su) / (-u);
}

// The positive root of f(k) = p k + q / k = target for p < 0 < q (f decreases from +inf to -inf), written so that
// neither sign of the target cancels.
GER_HOST_DEVICE static inline double radial_root(double p, double q, double target) {
    const double root_d = sqrt(target * target - 4.0 * p * q);
    return target >= 0 ? 2.0 * q / (target + root_d) : (root_d - target) / (-2.0 * p);
}

// One end's radial speed V_r = f(k) / kappa, f(k) = p k + q / k, confined to [v_lo, v_hi] [km/s]: narrows the
// bracket [k_lo, k_hi] to the k that allow it where f is decreasing by a margin (p <= -radial_min_slope; the other
// shape, convex in k, is left alone). Both ends widened by tof_bound_margin relative.
GER_HOST_DEVICE static inline void radial_narrowing(double p, double q, double kappa, double v_lo, double v_hi,
                                                    double& k_lo, double& k_hi) {
    if (!(p <= -radial_min_slope)) return;
    const double f_lo = kappa > 0 ? kappa * v_lo : kappa * v_hi, f_hi = kappa > 0 ? kappa * v_hi : kappa * v_lo;
    const double k_min = radial_root(p, q, f_hi) * (1.0 - tof_bound_margin);
    const double k_max = radial_root(p, q, f_lo) * (1.0 + tof_bound_margin);
    k_lo = k_lo > k_min ? k_lo : k_min;
    k_hi = k_hi < k_max ? k_hi : k_max;
}

// Whether the 0-revolution prograde arc from a (the row's fixed end, r1) to b (r2) in tof_s seconds can meet the
// burn limits b1 at a and b2 at b [km/s]. False only when it cannot. mu [km^3/s^2].
GER_HOST_DEVICE static inline bool leg_tof_may_fit(const LegEnd& a, const LegEnd& b, double tof_s, double b1,
                                                   double b2, double slack, double mu) {
    const double nx = a.ry * b.rz - a.rz * b.ry;
    const double ny = a.rz * b.rx - a.rx * b.rz;
    const double nz = a.rx * b.ry - a.ry * b.rx;
    const double n2 = nx * nx + ny * ny + nz * nz;
    if (n2 <= plane_bound_min_sin * plane_bound_min_sin * a.q * b.q) return true;
    const double nn = sqrt(n2);
    // Geometry as lambert_geometry builds it (p m = |r1 x r2|^2 keeps lambda and sigma free of cancellation).
    const double cx = b.rx - a.rx, cy = b.ry - a.ry, cz = b.rz - a.rz;
    const double c = sqrt(cx * cx + cy * cy + cz * cz);
    const double s = 0.5 * (a.s + b.s + c);
    const double dd = a.rx * b.rx + a.ry * b.ry + a.rz * b.rz;
    const double big = a.s * b.s + fabs(dd), small = n2 / big;
    const double p = dd >= 0 ? big : small, m = dd >= 0 ? small : big;
    const double sign = nz < 0 ? -1.0 : 1.0;  // prograde: the arc's momentum has h.z >= 0
    const double lambda = sign * sqrt(p / (2.0 * s * s));
    if (fabs(lambda) < tof_bound_min_lambda) return true;
    const double gamma = sqrt(0.5 * mu * s);
    const double gamma_sigma = gamma * sqrt(2.0 * m) / c;
    // Each end's momentum along the arc's normal, and the in-plane part of its burn.
    const double w1n = (nx * a.wx + ny * a.wy + nz * a.wz) / nn, w2n = (nx * b.wx + ny * b.wy + nz * b.wz) / nn;
    const double c1sq = b1 * b1 - w1n * w1n, c2sq = b2 * b2 - w2n * w2n;
    if (c1sq < 0 || c2sq < 0) return false;
    const double h1 = sign * (nx * a.hx + ny * a.hy + nz * a.hz) / nn;
    const double h2 = sign * (nx * b.hx + ny * b.hy + nz * b.hz) / nn;
    const double c1 = sqrt(c1sq), c2 = sqrt(c2sq);
    const double htol = slack * (a.s * (a.u + b1) + b.s * (b.u + b2));
    const double lo1 = h1 - a.s * c1, lo2 = h2 - b.s * c2, hi1 = h1 + a.s * c1, hi2 = h2 + b.s * c2;
    const double h_lo = (lo1 > lo2 ? lo1 : lo2) - htol;
    const double h_hi = (hi1 < hi2 ? hi1 : hi2) + htol;
    if (!(h_hi >= h_lo) || !(h_hi > 0)) return false;
    // k = H / (gamma sigma) in [k_lo, k_hi] (k_lo = 0: no lower bound), narrowed by each end's radial speed.
    double k_lo = h_lo > 0 ? h_lo / gamma_sigma : 0.0;
    double k_hi = h_hi / gamma_sigma;
    const double rho = (a.s - b.s) / c, alpha = c / s, l2 = lambda * lambda;
    const double v1tol = slack * (a.u + b1), v2tol = slack * (b.u + b2);
    const double rad1 = (a.rx * a.wx + a.ry * a.wy + a.rz * a.wz) / a.s;
    const double rad2 = (b.rx * b.wx + b.ry * b.wy + b.rz * b.wz) / b.s;
    radial_narrowing(l2 * (1.0 - rho) - (1.0 + rho), alpha * (l2 * (1.0 - rho) + (1.0 + rho)),
                     2.0 * lambda * a.s / gamma, rad1 - c1 - v1tol, rad1 + c1 + v1tol, k_lo, k_hi);
    radial_narrowing(l2 * (1.0 + rho) - (1.0 - rho), alpha * (l2 * (1.0 + rho) + (1.0 - rho)),
                     -2.0 * lambda * b.s / gamma, rad2 - c2 - v2tol, rad2 + c2 + v2tol, k_lo, k_hi);
    if (!(k_hi >= k_lo)) return false;
    // k -> x: increasing for lambda > 0, decreasing for lambda < 0; k = 0 is x -> -inf or +inf.
    const auto x_of = [&](double k) { return (k * k - 1.0 + lambda * lambda) / (2.0 * k * lambda); };
    const double inf = HUGE_VAL;
    double x_lo = 0, x_hi = 0;
    if (lambda > 0) {
        x_lo = k_lo > 0 ? x_of(k_lo) : -inf;
        x_hi = x_of(k_hi);
    } else {
        x_lo = x_of(k_hi);
        x_hi = k_lo > 0 ? x_of(k_lo) : inf;
    }
    // Energy: the speed at r_i is at most |w_i| + b_i, so eps <= min_i of that, and x^2 <= 1 + s eps_max / mu.
    const double e1 = 0.5 * (a.u + b1) * (a.u + b1) - a.mu_s, e2 = 0.5 * (b.u + b2) * (b.u + b2) - b.mu_s;
    const double e_max = (e1 < e2 ? e1 : e2) + slack * (a.mu_s + b.mu_s);
    const double x2_max = 1.0 + s * e_max / mu;
    if (x2_max < 0) return false;
    const double x_max = sqrt(x2_max);
    x_lo = x_lo > -x_max ? x_lo : -x_max;
    x_hi = x_hi < x_max ? x_hi : x_max;
    if (x_lo > x_hi) return false;
    // T is decreasing: the arc's T lies in [T(x_hi), T(x_lo)].
    const double t = sqrt(2.0 * mu / (s * s * s)) * tof_s;
    double t_min = 0;
    if (x_hi < tof_bound_max_x) {
        const double xb = fabs(x_hi - 1.0) < tof_bound_band ? 1.0 + tof_bound_band : x_hi;
        t_min = x_hi <= -1.0 ? inf : tof_bound_lancaster(xb, lambda);
    }
    double t_max = inf;
    if (x_lo > -1.0 + tof_bound_min_u) {
        const double xa = fabs(x_lo - 1.0) < tof_bound_band ? 1.0 - tof_bound_band : x_lo;
        t_max = tof_bound_lancaster(xa, lambda);
    }
    return t >= t_min * (1.0 - tof_bound_margin) && t <= t_max * (1.0 + tof_bound_margin);
}

}  // namespace ger::astro::detail
