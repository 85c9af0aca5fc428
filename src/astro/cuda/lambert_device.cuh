// Device 0-revolution prograde Izzo solve, one problem per thread, double precision: the arithmetic of
// astro/lambert.cpp and astro/detail/lambert_geometry.hpp (same equations, constants and stopping rule), so a leg
// agrees with the CPU batch solver to ~1e-13 relative (the two differ only in rounding and FMA contraction).
#pragma once

#include <cmath>

namespace ger::astro::cuda {

struct D3 {
    double x, y, z;
};
__device__ inline D3 sub(D3 a, D3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
__device__ inline double dot3(D3 a, D3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
__device__ inline double norm3(D3 a) { return sqrt(dot3(a, a)); }
__device__ inline D3 cross3(D3 a, D3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
__device__ inline D3 scale3(D3 a, double s) { return {a.x * s, a.y * s, a.z * s}; }
__device__ inline D3 load3(const double* p, int j) { return {p[3 * j], p[3 * j + 1], p[3 * j + 2]}; }

// Constants as in lambert.hpp / lambert.cpp / detail/lambert_geometry.hpp.
constexpr double dev_pi = 3.141592653589793238462643383279502884;
constexpr double dev_collinear_sin = 1e-10;     // lambert_collinear_sin
constexpr double dev_battin_band = 0.03;        // detail::lambert_battin_band
constexpr int dev_battin_terms = 18;            // detail::lambert_battin_terms
constexpr double dev_step_tolerance = 1e-11;    // lambert.cpp step_tolerance
constexpr int dev_max_iterations = 20;          // lambert_max_iterations

__device__ inline double tof_x(double x, double y, double lambda) {
    if (fabs(x - 1.0) < dev_battin_band) {
        const double eta = y - lambda * x;
        const double s1 = 0.5 * (1.0 - lambda - x * eta);
        double term = 1.0, sum = 1.0;
        for (int k = 0; k < dev_battin_terms; ++k) {
            term *= (3.0 + k) / (2.5 + k) * s1;
            sum += term;
        }
        const double q = 4.0 / 3.0 * sum;
        return 0.5 * (eta * eta * eta * q + 4.0 * lambda * eta);
    }
    const double u = 1.0 - x * x;
    const double su = sqrt(fabs(u));
    if (u > 0) {
        const double psi = atan2(su * (y - lambda * x), x * y + lambda * u);
        return (psi / su - x + lambda * y) / u;
    }
    const double psi = asinh(su * (y - lambda * x));
    return (x - lambda * y - psi / su) / (-u);
}

// Solves r1 -> r2 in tof_s (prograde). Returns false when collinear or not converged (the CPU leg is then not ok).
__device__ inline bool lambert0(D3 r1v, D3 r2v, double tof_s, double mu, D3& v1, D3& v2) {
    const double r1 = norm3(r1v), r2 = norm3(r2v);
    const double c = norm3(sub(r2v, r1v));
    const double s = 0.5 * (r1 + r2 + c);
    const D3 h = cross3(r1v, r2v);
    const double hn = norm3(h);
    const double rr = r1 * r2;
    if (!(hn > dev_collinear_sin * rr)) return false;
    const double d = dot3(r1v, r2v);
    double p = 0, m = 0;
    if (d >= 0) {
        p = rr + d;
        m = hn * hn / p;
    } else {
        m = rr - d;
        p = hn * hn / m;
    }
    const double lambda_abs = sqrt(p / (2.0 * s * s));
    const double rho = (r1 - r2) / c;
    const double sigma = sqrt(2.0 * m) / c;
    const D3 ir1 = scale3(r1v, 1.0 / r1), ir2 = scale3(r2v, 1.0 / r2);
    const D3 ih = scale3(h, 1.0 / hn);
    const double sign = h.z < 0 ? -1.0 : 1.0;
    const double lambda = sign * lambda_abs;
    const D3 it1 = scale3(cross3(ih, ir1), sign), it2 = scale3(cross3(ih, ir2), sign);
    const double t = sqrt(2.0 * mu / (s * s * s)) * tof_s;

    // Initial guess (Izzo eq. 30, as initial_guess_zero_rev).
    const double l2 = lambda * lambda, l3 = l2 * lambda;
    const double t00 = acos(lambda) + lambda * sqrt(1.0 - l2);
    const double t1 = 2.0 / 3.0 * (1.0 - l3);
    double x;
    if (t >= t00) {
        x = pow(t00 / t, 2.0 / 3.0) - 1.0;
    } else if (t < t1) {
        const double l5 = l3 * l2;
        x = 2.5 * t1 / t * (t1 - t) / (1.0 - l5) + 1.0;
    } else {
        x = exp(log(2.0) * log(t / t00) / log(t1 / t00)) - 1.0;
    }
    // Householder iterations (lambert.cpp householder, n = 0).
    bool converged = false;
    for (int it = 1; it <= dev_max_iterations; ++it) {
        const double y = sqrt(1.0 - l2 * (1.0 - x * x));
        const double tx = tof_x(x, y, lambda);
        const double f = tx - t;
        const double u = 1.0 - x * x;
        const double l5 = l3 * l2;
        const double y3 = y * y * y, y5 = y3 * y * y;
        const double d1 = (3.0 * tx * x - 2.0 + 2.0 * l3 * x / y) / u;
        const double d2 = (3.0 * tx + 5.0 * x * d1 + 2.0 * (1.0 - l2) * l3 / y3) / u;
        const double d3 = (7.0 * x * d2 + 8.0 * d1 - 6.0 * (1.0 - l2) * l5 * x / y5) / u;
        const double d1sq = d1 * d1;
        double xn = x - f * (d1sq - 0.5 * f * d2) / (d1 * (d1sq - f * d2) + d3 * f * f / 6.0);
        if (!isfinite(xn)) break;
        if (xn <= -1.0) xn = 0.5 * (x - 1.0);
        const double step = xn - x;
        x = xn;
        if (fabs(step) < dev_step_tolerance) {
            converged = true;
            break;
        }
    }
    if (!converged) return false;
    // Velocities (lambert.cpp reconstruct).
    const double y = sqrt(1.0 - l2 * (1.0 - x * x));
    const double gamma = sqrt(0.5 * mu * s);
    const double ly = lambda * y;
    const double vr1 = gamma * ((ly - x) - rho * (ly + x)) / r1;
    const double vr2 = -gamma * ((ly - x) + rho * (ly + x)) / r2;
    const double vt = gamma * sigma * (y + lambda * x);
    const double vt1 = vt / r1, vt2 = vt / r2;
    v1 = {ir1.x * vr1 + it1.x * vt1, ir1.y * vr1 + it1.y * vt1, ir1.z * vr1 + it1.z * vt1};
    v2 = {ir2.x * vr2 + it2.x * vt2, ir2.y * vr2 + it2.y * vt2, ir2.z * vr2 + it2.z * vt2};
    return true;
}

}  // namespace ger::astro::cuda
