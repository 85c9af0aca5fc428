// Cheap necessary conditions for a survey leg, tested before its Lambert solve. The CUDA kernels
// (cuda/survey_cuda.cu, one leg per thread) call this function; the CPU search (survey.cpp) runs the same
// arithmetic vectorised over a row of legs (detail/survey_leg_row.cpp, checked against this one lane for lane), so
// both skip the same legs.
//
// A leg runs on a conic arc from r1 (the end fixed for a row of legs) to r2, for some time of flight. At r1 a
// burn of at most b1 takes a body moving with velocity w1 onto the arc (or, at the Earth, b1 bounds the
// hyperbolic excess speed); at r2 a burn of at most b2 matches the arc to w2. Whatever the time of flight, the
// number of revolutions or the sense of motion, such an arc exists only if:
//   energy:  the arc's speed at r_i is within b_i of |w_i|, so the energy intervals of the two ends meet;
//   plane:   the arc lies in the plane through the Sun, r1 and r2 (when they are not collinear), so its velocity
//            has no component along n = (r1 x r2) / |r1 x r2| and |n . w_i| <= b_i;
//   angular momentum along n: h = r_i x v_i at either end, so h . n is within r_i c_i of (r_i x w_i) . n, with
//            c_i = sqrt(b_i^2 - (n . w_i)^2) the in-plane part of the burn: the two intervals meet.
// docs/VALIDATION.md "NEA survey" gives the proof. Everything is written with N = r1 x r2 unnormalised and no
// branches, so the CPU loop vectorises: |n . w| <= b  <=>  (N . w)^2 <= b^2 |N|^2, and the momentum test is
// multiplied through by |N|.
#pragma once

#include <cmath>

#ifdef __CUDACC__
#define GER_HOST_DEVICE __host__ __device__
#else
#define GER_HOST_DEVICE
#endif

namespace ger::astro::detail {

// Below this sine of the transfer angle the plane is not determined well enough to bound anything: only the
// energy test applies.
inline constexpr double plane_bound_min_sin = 1e-6;

// One end of a leg with what the tests need of it, precomputed per date (node).
struct LegEnd {
    double rx, ry, rz;  // [km] position
    double wx, wy, wz;  // [km/s] velocity of the body there
    double hx, hy, hz;  // [km^2/s] r x w
    double q;           // [km^2] |r|^2
    double s;           // [km] |r|
    double u;           // [km/s] |w|
    double mu_s;        // [km^2/s^2] mu / |r|
};

// Whether an arc can meet both burn limits (speeds [km/s]); `slack` widens the energy and momentum tests by that
// relative amount (the Lambert solver keeps both to ~1e-12 relative). False only when no arc can.
// Internal linkage on purpose: files compiled for different instruction sets may include it, and an inline
// function with external linkage would let the linker pick one ISA's copy for every caller.
GER_HOST_DEVICE static inline bool leg_may_fit(const LegEnd& a, const LegEnd& b, double b1, double b2, double slack) {
    // Energy.
    const double lo1 = a.u > b1 ? a.u - b1 : 0.0, lo2 = b.u > b2 ? b.u - b2 : 0.0;
    const double e1lo = 0.5 * lo1 * lo1 - a.mu_s, e1hi = 0.5 * (a.u + b1) * (a.u + b1) - a.mu_s;
    const double e2lo = 0.5 * lo2 * lo2 - b.mu_s, e2hi = 0.5 * (b.u + b2) * (b.u + b2) - b.mu_s;
    const double etol = slack * (a.mu_s + b.mu_s);
    const bool energy_ok = (e1lo <= e2hi + etol) & (e2lo <= e1hi + etol);
    // Plane and angular momentum, with N = r1 x r2.
    const double nx = a.ry * b.rz - a.rz * b.ry;
    const double ny = a.rz * b.rx - a.rx * b.rz;
    const double nz = a.rx * b.ry - a.ry * b.rx;
    const double n2 = nx * nx + ny * ny + nz * nz;
    const bool collinear = n2 <= plane_bound_min_sin * plane_bound_min_sin * a.q * b.q;
    const double a1 = nx * a.wx + ny * a.wy + nz * a.wz;
    const double a2 = nx * b.wx + ny * b.wy + nz * b.wz;
    const double t1 = b1 * b1 * n2 - a1 * a1;  // |N|^2 c_1^2
    const double t2 = b2 * b2 * n2 - a2 * a2;
    const double h1 = nx * a.hx + ny * a.hy + nz * a.hz;  // |N| (r1 x w1) . n
    const double h2 = nx * b.hx + ny * b.hy + nz * b.hz;
    // |N| <= |r1| |r2| bounds the tolerance's scale from above (a wider tolerance only keeps more legs).
    const double htol = slack * (a.s * a.u + b.s * b.u) * a.s * b.s;
    // |h1 - h2| - htol <= sqrt(A) + sqrt(B) with A, B >= 0, squared twice so that no square root is taken:
    // with e = max(0, |h1 - h2| - htol), e^2 <= A + B + 2 sqrt(A B) holds iff e^2 - A - B <= 0 or
    // (e^2 - A - B)^2 <= 4 A B. Rounding is ~1e-15 relative, far inside htol; 4 A B grows like r^12 b^4 and stays
    // finite for radii far beyond any orbit (~1e24 km). The two square roots saved are a quarter of the row loop's
    // time (bench_survey_filters: 111 -> 147 M lanes/s AVX3, 84 -> 101 M/s AVX2).
    const double big_a = a.q * (t1 > 0 ? t1 : 0.0), big_b = b.q * (t2 > 0 ? t2 : 0.0);
    const double gap = fabs(h1 - h2) - htol;
    const double e = gap > 0 ? gap : 0.0;
    const double excess = e * e - big_a - big_b;
    const bool plane_ok = (t1 >= 0) & (t2 >= 0) & ((excess <= 0) | (excess * excess <= 4.0 * big_a * big_b));
    return energy_ok & (collinear | plane_ok);
}

// The filter's limits for an outbound leg whose injection + arrival burn may total at most `budget` [km/s]: the
// launch v-infinity is at most what the C3 limit and the budget allow (the injection from a circular parking orbit,
// sqrt(C3 + 2 m) - sqrt(m) with m = mu_earth / r_park [km^2/s^2], increases with it), the arrival burn at most the
// budget less the smallest injection. Both widened by `margin`.
struct OutboundLegCaps {
    double vinf = 0;     // [km/s]
    double arrival = 0;  // [km/s]
};
inline OutboundLegCaps outbound_leg_caps(double budget, double max_c3, double mu_earth_over_rp, double inj_min,
                                         double margin) {
    const double vc = sqrt(mu_earth_over_rp);
    const double c3_at_budget = (budget + vc) * (budget + vc) - 2 * mu_earth_over_rp;
    const double v_budget = sqrt(c3_at_budget > 0 ? c3_at_budget : 0.0);
    const double v_c3 = sqrt(max_c3 > 0 ? max_c3 : 0.0);
    return {(v_c3 < v_budget ? v_c3 : v_budget) + margin, budget - inj_min};
}

}  // namespace ger::astro::detail
