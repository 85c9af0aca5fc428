// Scalar pieces of Izzo's Lambert solver shared by the scalar solver and the batch tail/reference:
// the problem geometry (lambda, T, unit vectors) and the non-dimensional time-of-flight function T(x).
// Internal: equations are numbered as in Izzo (2015).
#pragma once

#include <cmath>

#include "astro/lambert.hpp"

namespace ger::astro::detail {

inline constexpr double lambert_pi = 3.141592653589793238462643383279502884;

// Below |x - 1| < this, T(x) is summed from Battin's hypergeometric series (eq. 20): Lancaster's closed
// form (eq. 18) divides by (1 - x^2)^1.5 and would lose about 1e-16 / 0.046^1.5 ~ 1e-14 relative there.
inline constexpr double lambert_battin_band = 0.03;
// Terms of the series 2F1(3,1;5/2;S1): inside the band |S1| <= 2 * 0.03, so 18 terms reach 1e-19.
inline constexpr int lambert_battin_terms = 18;

struct LambertGeometry {
    double r1 = 0, r2 = 0;  // [km] radii
    double c = 0, s = 0;    // [km] chord and semi-perimeter
    double lambda = 0;      // Izzo's lambda, sign carries the transfer sense
    double sigma = 0;       // sqrt(1 - rho^2), rho = (r1 - r2) / c
    double rho = 0;
    Vec3 ir1, ir2, it1, it2;  // radial and transverse unit vectors at both ends
    bool collinear = false;
};

// lambda^2 = 1 - c/s and 1 - rho^2 both cancel badly near a transfer angle of pi or 0; with
// p = r1 r2 + r1.r2, m = r1 r2 - r1.r2 and p m = |r1 x r2|^2 each is formed without cancellation:
// lambda^2 = p / (2 s^2), 1 - rho^2 = 2 m / c^2.
inline LambertGeometry lambert_geometry(const Vec3& r1v, const Vec3& r2v, LambertDirection direction) {
    LambertGeometry g;
    g.r1 = norm(r1v);
    g.r2 = norm(r2v);
    g.c = norm(r2v - r1v);
    g.s = 0.5 * (g.r1 + g.r2 + g.c);
    const Vec3 h = cross(r1v, r2v);
    const double hn = norm(h);
    const double rr = g.r1 * g.r2;
    if (!(hn > lambert_collinear_sin * rr)) {
        g.collinear = true;
        return g;
    }
    const double d = dot(r1v, r2v);
    double p = 0, m = 0;
    if (d >= 0) {
        p = rr + d;
        m = hn * hn / p;
    } else {
        m = rr - d;
        p = hn * hn / m;
    }
    double lambda = std::sqrt(p / (2.0 * g.s * g.s));
    g.rho = (g.r1 - g.r2) / g.c;
    g.sigma = std::sqrt(2.0 * m) / g.c;
    g.ir1 = r1v / g.r1;
    g.ir2 = r2v / g.r2;
    const Vec3 ih = h / hn;
    // Seen from +z the short way round is counter-clockwise iff h.z >= 0; a retrograde request flips it.
    const bool flip = (h.z < 0) != (direction == LambertDirection::retrograde);
    const double sign = flip ? -1.0 : 1.0;
    g.lambda = sign * lambda;
    g.it1 = cross(ih, g.ir1) * sign;
    g.it2 = cross(ih, g.ir2) * sign;
    return g;
}

// Battin's series for T at x near 1 (eq. 20), valid for any number of revolutions n.
inline double lambert_tof_battin(double x, double y, double lambda, int n) {
    const double eta = y - lambda * x;
    const double s1 = 0.5 * (1.0 - lambda - x * eta);
    // 2F1(3, 1; 5/2; s1) = sum_k (3)_k / (5/2)_k s1^k
    double term = 1.0, sum = 1.0;
    for (int k = 0; k < lambert_battin_terms; ++k) {
        term *= (3.0 + k) / (2.5 + k) * s1;
        sum += term;
    }
    const double q = 4.0 / 3.0 * sum;
    double t = 0.5 * (eta * eta * eta * q + 4.0 * lambda * eta);
    if (n > 0) {
        const double u = std::abs(1.0 - x * x);
        t += n * lambert_pi / (u * std::sqrt(u));
    }
    return t;
}

// Non-dimensional time of flight T(x) for n complete revolutions (eqs. 18-20), y = sqrt(1 - l^2 (1 - x^2)).
inline double lambert_tof(double x, double y, double lambda, int n) {
    if (std::abs(x - 1.0) < lambert_battin_band) return lambert_tof_battin(x, y, lambda, n);
    const double u = 1.0 - x * x;
    const double su = std::sqrt(std::abs(u));
    if (u > 0) {
        // Elliptic: psi in [0, pi] from both its sine and cosine, exact at either end.
        const double psi = std::atan2(su * (y - lambda * x), x * y + lambda * u);
        return ((psi + n * lambert_pi) / su - x + lambda * y) / u;
    }
    const double psi = std::asinh(su * (y - lambda * x));
    return (x - lambda * y - psi / su) / (-u);
}

struct LambertTofDerivatives {
    double d1 = 0, d2 = 0, d3 = 0;
};

// dT/dx, d2T/dx2, d3T/dx3 (eq. 22).
inline LambertTofDerivatives lambert_tof_derivatives(double x, double y, double t, double lambda) {
    const double u = 1.0 - x * x;
    const double l2 = lambda * lambda;
    const double l3 = l2 * lambda;
    const double l5 = l3 * l2;
    const double y3 = y * y * y;
    const double y5 = y3 * y * y;
    LambertTofDerivatives r;
    r.d1 = (3.0 * t * x - 2.0 + 2.0 * l3 * x / y) / u;
    r.d2 = (3.0 * t + 5.0 * x * r.d1 + 2.0 * (1.0 - l2) * l3 / y3) / u;
    r.d3 = (7.0 * x * r.d2 + 8.0 * r.d1 - 6.0 * (1.0 - l2) * l5 * x / y5) / u;
    return r;
}

inline double lambert_y(double x, double lambda) { return std::sqrt(1.0 - lambda * lambda * (1.0 - x * x)); }

}  // namespace ger::astro::detail
