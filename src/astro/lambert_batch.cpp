// Vectorised 0-revolution Izzo solver (see lambert_batch.hpp). Highway compiles the kernel below once
// per x86 target (this file re-includes itself through foreach_target.h) and dispatches at run time.
// The maths mirrors lambert.cpp / detail/lambert_geometry.hpp lane by lane; where the scalar code
// branches, this code computes every needed side and selects per lane, skipping a side only when no
// lane of the vector needs it (which never changes a lane's result).

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "astro/lambert_batch.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
// Also per target:
#include "astro/detail/vec_pair-inl.h"

#include <limits>

#include "astro/detail/lambert_geometry.hpp"
#include "astro/lambert_batch.hpp"

// Defined once, outside the per-target namespaces, so every target's kernel has the same signature.
#ifndef GER_ASTRO_LAMBERT_BATCH_POINTERS
#define GER_ASTRO_LAMBERT_BATCH_POINTERS
namespace ger::astro::detail {
struct BatchPointers {
    const double *r1x, *r1y, *r1z, *r2x, *r2y, *r2z, *tof;
    double *v1x, *v1y, *v1z, *v2x, *v2y, *v2z;
    LambertStatus* status;
};
}  // namespace ger::astro::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace ger::astro::HWY_NAMESPACE {
using detail::BatchPointers;
namespace hn = hwy::HWY_NAMESPACE;

// 1/a and 1/sqrt(a). AVX-512 has 14-bit estimates (vrcp14pd, vrsqrt14pd); two Newton steps take them
// to ~1 ulp at a quarter of the cost of vdivpd / vsqrtpd, which dominate this kernel otherwise. Other
// targets divide. Either way the result differs from a correctly rounded one by at most ~2 ulp.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V recip(D d, V a) {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL
    V r{_mm512_rcp14_pd(a.raw)};
    const V one = hn::Set(d, 1.0);
    r = hn::MulAdd(r, hn::NegMulAdd(a, r, one), r);
    return hn::MulAdd(r, hn::NegMulAdd(a, r, one), r);
#else
    return hn::Set(d, 1.0) / a;
#endif
}

template <class D, class V = hn::Vec<D>>
HWY_INLINE V rsqrt(D d, V a) {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL
    V r{_mm512_rsqrt14_pd(a.raw)};
    const V half_a = hn::Set(d, 0.5) * a, three_halves = hn::Set(d, 1.5);
    r = r * hn::NegMulAdd(half_a, r * r, three_halves);
    return r * hn::NegMulAdd(half_a, r * r, three_halves);
#else
    return hn::Set(d, 1.0) / hn::Sqrt(a);
#endif
}

// Each half of a pair as above.
template <class D, class V>
HWY_INLINE vec_pair::VecPair<V> recip(vec_pair::PairTag<D> p, vec_pair::VecPair<V> a) {
    return {recip(p.d, a.a), recip(p.d, a.b)};
}
template <class D, class V>
HWY_INLINE vec_pair::VecPair<V> rsqrt(vec_pair::PairTag<D> p, vec_pair::VecPair<V> a) {
    return {rsqrt(p.d, a.a), rsqrt(p.d, a.b)};
}

// Solves one vector of problems, or a pair of vectors (D a vec_pair::PairTag: the same code, both chains side by
// side): `in` holds 7 lane-sized input rows (r1 xyz, r2 xyz, tof), `out` 6 output rows (v1 xyz, v2 xyz),
// `status_code` the LambertStatus per lane as a double. Calls are unqualified so that they resolve, by argument,
// to Highway's operations or to vec_pair's.
template <class D>
HWY_INLINE void solve_vector(D d, const double* const* in, double* const* out, double* status_code, double mu_scalar,
                             bool retro) {
    using V = decltype(Zero(d));
    const V zero = Zero(d), one = Set(d, 1.0), half = Set(d, 0.5), two = Set(d, 2.0);
    const V pi = Set(d, detail::lambert_pi), half_pi = Set(d, 0.5 * detail::lambert_pi);
    const V x1 = LoadU(d, in[0]), y1 = LoadU(d, in[1]), z1 = LoadU(d, in[2]);
    const V x2 = LoadU(d, in[3]), y2 = LoadU(d, in[4]), z2 = LoadU(d, in[5]);
    const V tof = LoadU(d, in[6]);
    const V mu = Set(d, mu_scalar);

    // --- geometry (detail::lambert_geometry) ---
    const V r1sq = MulAdd(x1, x1, MulAdd(y1, y1, z1 * z1));
    const V r2sq = MulAdd(x2, x2, MulAdd(y2, y2, z2 * z2));
    const V inv_r1 = rsqrt(d, r1sq), inv_r2 = rsqrt(d, r2sq);
    const V r1 = r1sq * inv_r1, r2 = r2sq * inv_r2;
    const V cx = x2 - x1, cy = y2 - y1, cz = z2 - z1;
    const V csq = MulAdd(cx, cx, MulAdd(cy, cy, cz * cz));
    const V inv_c = rsqrt(d, csq);
    const V c = csq * inv_c;
    const V s = half * (r1 + r2 + c);
    const V inv_s = recip(d, s);
    const V hx = y1 * z2 - z1 * y2, hy = z1 * x2 - x1 * z2, hz = x1 * y2 - y1 * x2;
    const V hn2 = MulAdd(hx, hx, MulAdd(hy, hy, hz * hz));
    const V inv_h = rsqrt(d, hn2);
    const V rr = r1 * r2;
    const V dd = MulAdd(x1, x2, MulAdd(y1, y2, z1 * z2));

    // Input checks: everything finite, radii and tof > 0 (NaN compares false, so it fails too).
    auto finite = And(IsFinite(r1sq), IsFinite(r2sq));
    finite = And(finite, IsFinite(tof));
    const auto valid = And(finite, And(And(Gt(r1sq, zero), Gt(r2sq, zero)), Gt(tof, zero)));
    // |h| > k r1 r2, squared to stay off the square root.
    const V k_col = Set(d, lambert_collinear_sin);
    const auto collinear = Not(Gt(hn2, k_col * k_col * (r1sq * r2sq)));

    const V big = rr + Abs(dd);  // r1 r2 (1 + |cos|), no cancellation
    const V small = hn2 * recip(d, big);
    const auto d_pos = Ge(dd, zero);
    const V p = IfThenElse(d_pos, big, small), m = IfThenElse(d_pos, small, big);
    const V half_p = half * p;
    const V lambda_abs = half_p * rsqrt(d, half_p) * inv_s;  // sqrt(p / 2) / s
    const V rho = (r1 - r2) * inv_c;
    const V two_m = two * m;
    const V sigma = two_m * rsqrt(d, two_m) * inv_c;
    const auto flip = retro ? Not(Lt(hz, zero)) : Lt(hz, zero);
    const V sign = IfThenElse(flip, Set(d, -1.0), one);
    const V lambda = sign * lambda_abs;
    const V k_t = two * mu * inv_s;
    const V t_target = k_t * rsqrt(d, k_t) * inv_s * tof;  // sqrt(2 mu / s^3) tof

    // --- initial guess (Izzo eq. 30, as initial_guess_zero_rev) ---
    const V l2 = lambda * lambda, l3 = l2 * lambda, l5 = l3 * l2;
    const V one_minus_l2 = one - l2;
    const V t00 = Acos(d, lambda) + lambda * one_minus_l2 * rsqrt(d, one_minus_l2);
    const V inv_t00 = recip(d, t00);
    const V t1 = Set(d, 2.0 / 3.0) * (one - l3);
    const auto long_arc = Ge(t_target, t00);
    const auto short_arc = Lt(t_target, t1);
    const V log_t = Log(d, t_target * inv_t00);
    const V log_t1 = Log(d, IfThenElse(long_arc, Set(d, 0.5), t1 * inv_t00));
    const V expo = IfThenElse(long_arc, Set(d, -2.0 / 3.0) * log_t,
                                  Set(d, 0.6931471805599453) * log_t * recip(d, log_t1));
    const V guess_exp = Exp(d, expo) - one;
    const V guess_short = Set(d, 2.5) * t1 * (t1 - t_target) * recip(d, t_target * (one - l5)) + one;
    V x = IfThenElse(short_arc, guess_short, guess_exp);

    const V band = Set(d, detail::lambert_battin_band);
    const V tiny_u = Set(d, 1e-300);
    // One Householder step for every lane (lambert.cpp householder), returning the new x.
    auto step = [&](const V xc) HWY_ATTR {
        const V u = (one - xc) * (one + xc);
        const V au = Max(Abs(u), tiny_u);
        const V qy = NegMulAdd(l2, u, one);
        const V inv_y = rsqrt(d, qy);
        const V y = qy * inv_y;
        const V inv_su = rsqrt(d, au);
        const V su = au * inv_su;
        const V inv_u = CopySign(inv_su * inv_su, u);
        const auto elliptic = Gt(u, zero);
        const auto near_one = Lt(Abs(xc - one), band);
        const V ylx = NegMulAdd(lambda, xc, y);  // y - lambda x
        // psi from sin/sinh psi = su (y - lambda x) and cos/cosh psi = x y + lambda (1 - x^2).
        const V sn = su * ylx;
        const V cs = MulAdd(xc, y, lambda * u);
        V psi = zero;
        if (!AllFalse(d, AndNot(near_one, elliptic))) {
            // atan2(sn, cs) with sn >= 0 from one polynomial on [0, 1]: pi/2 - atan(cs/sn) when |cs| <= sn.
            const auto steep = Le(Abs(cs), sn);
            const V ratio = IfThenElse(steep, cs, sn) * recip(d, IfThenElse(steep, sn, cs));
            const V ar = Abs(ratio);
            const V a = CopySign(vec_pair::AtanUnit(d, ar), ratio);
            const V psi_e = IfThenElse(steep, half_pi - a, IfThenElse(Gt(cs, zero), a, pi + a));
            psi = IfThenElse(elliptic, psi_e, psi);
        }
        if (!AllFalse(d, AndNot(near_one, Not(elliptic)))) {
            // asinh(sn) = log(cosh + sinh); the Battin band keeps psi away from 0, where log(1 + .) would
            // lose relative accuracy.
            psi = IfThenElse(elliptic, psi, Log(d, cs + sn));
        }
        // Lancaster's closed form, one expression for both conics (lambert_tof).
        V t = MulAdd(psi, inv_su, MulAdd(lambda, y, Neg(xc))) * inv_u;
        if (!AllFalse(d, near_one)) {
            const V eta = ylx;
            const V s1 = half * (one - lambda - xc * eta);
            V term = one, sum = one;
            for (int k = 0; k < detail::lambert_battin_terms; ++k) {
                term = term * (Set(d, (3.0 + k) / (2.5 + k)) * s1);
                sum = sum + term;
            }
            const V q = Set(d, 4.0 / 3.0) * sum;
            const V t_b = half * (eta * eta * eta * q + Set(d, 4.0) * lambda * eta);
            t = IfThenElse(near_one, t_b, t);
        }
        // Derivatives (eq. 22) and the Householder step, as in lambert.cpp.
        const V inv_y3 = inv_y * inv_y * inv_y;
        const V f = t - t_target;
        const V d1 = (Set(d, 3.0) * t * xc - two + two * l3 * xc * inv_y) * inv_u;
        const V d2 = (Set(d, 3.0) * t + Set(d, 5.0) * xc * d1 + two * one_minus_l2 * l3 * inv_y3) * inv_u;
        const V d3 = (Set(d, 7.0) * xc * d2 + Set(d, 8.0) * d1 -
                      Set(d, 6.0) * one_minus_l2 * l5 * xc * inv_y3 * inv_y * inv_y) *
                     inv_u;
        const V d1sq = d1 * d1;
        const V num = f * (d1sq - half * f * d2);
        const V den = d1 * (d1sq - f * d2) + d3 * f * f * Set(d, 1.0 / 6.0);
        const V xn = xc - num * recip(d, den);
        return IfThenElse(Le(xn, Set(d, -1.0)), half * (xc - one), xn);
    };
    // A fixed count for every lane, then further steps only for the lanes whose last step was still
    // large. The extra steps are masked per lane, so no lane's answer depends on its neighbours.
    V last_step = zero;
    for (int it = 0; it < lambert_batch_iterations; ++it) {
        const V xn = step(x);
        last_step = xn - x;
        x = xn;
    }
    const V step_tol = Set(d, lambert_batch_step_tolerance);
    for (int it = lambert_batch_iterations; it < lambert_max_iterations; ++it) {
        const auto active = Gt(Abs(last_step), step_tol);
        if (AllFalse(d, active)) break;
        const V xn = step(x);
        last_step = IfThenElseZero(active, xn - x);
        x = IfThenElse(active, xn, x);
    }

    // --- velocities (reconstruct in lambert.cpp) ---
    const V qy = NegMulAdd(l2, (one - x) * (one + x), one);
    const V y = qy * rsqrt(d, qy);
    const V k_g = half * mu * s;
    const V gamma = k_g * rsqrt(d, k_g);
    const V ly = lambda * y;
    const V vr1 = gamma * ((ly - x) - rho * (ly + x)) * inv_r1;
    const V vr2 = Neg(gamma) * ((ly - x) + rho * (ly + x)) * inv_r2;
    const V vt = gamma * sigma * (y + lambda * x);
    // Transverse unit vectors: sign (h/|h| x r/|r|).
    const V k1 = sign * inv_h * inv_r1, k2 = sign * inv_h * inv_r2;
    const V t1x = (hy * z1 - hz * y1) * k1, t1y = (hz * x1 - hx * z1) * k1, t1z = (hx * y1 - hy * x1) * k1;
    const V t2x = (hy * z2 - hz * y2) * k2, t2y = (hz * x2 - hx * z2) * k2, t2z = (hx * y2 - hy * x2) * k2;
    const V a1 = vr1 * inv_r1, b1 = vt * inv_r1, a2 = vr2 * inv_r2, b2 = vt * inv_r2;
    const V out_v[6] = {a1 * x1 + b1 * t1x, a1 * y1 + b1 * t1y, a1 * z1 + b1 * t1z,
                        a2 * x2 + b2 * t2x, a2 * y2 + b2 * t2y, a2 * z2 + b2 * t2z};

    const auto converged = And(IsFinite(x), Le(Abs(last_step), step_tol));
    V code = IfThenElse(converged, Set(d, static_cast<double>(LambertStatus::ok)),
                            Set(d, static_cast<double>(LambertStatus::not_converged)));
    code = IfThenElse(collinear, Set(d, static_cast<double>(LambertStatus::collinear)), code);
    code = IfThenElse(valid, code, Set(d, static_cast<double>(LambertStatus::invalid_input)));
    const auto good = Eq(code, Set(d, static_cast<double>(LambertStatus::ok)));
    const V nan = Set(d, std::numeric_limits<double>::quiet_NaN());
    for (int k = 0; k < 6; ++k) StoreU(IfThenElse(good, out_v[k], nan), d, out[k]);
    StoreU(code, d, status_code);
}

void solve_range(const BatchPointers& b, std::size_t begin, std::size_t end, double mu, bool retro) {
    const hn::ScalableTag<double> d;
    const std::size_t lanes = hn::Lanes(d);
    constexpr std::size_t max_lanes = HWY_MAX_BYTES / sizeof(double);
    HWY_ALIGN double codes[2 * max_lanes];
    std::size_t i = begin;
    // Problems [i, i + n) in place: pairs of vectors, then a single vector (the same code, see solve_vector).
    auto solve_at = [&](auto tag, std::size_t n) HWY_ATTR {
        const double* in[7] = {b.r1x + i, b.r1y + i, b.r1z + i, b.r2x + i, b.r2y + i, b.r2z + i, b.tof + i};
        double* out[6] = {b.v1x + i, b.v1y + i, b.v1z + i, b.v2x + i, b.v2y + i, b.v2z + i};
        solve_vector(tag, in, out, codes, mu, retro);
        for (std::size_t k = 0; k < n; ++k) b.status[i + k] = static_cast<LambertStatus>(codes[k]);
    };
    for (; i + 2 * lanes <= end; i += 2 * lanes) solve_at(vec_pair::PairTag<decltype(d)>{d}, 2 * lanes);
    for (; i + lanes <= end; i += lanes) solve_at(d, lanes);
    if (i == end) return;
    // Tail: pad a lane-sized scratch with a harmless problem; lanes are independent, so the real
    // problems get exactly the answer they would get inside a full vector.
    HWY_ALIGN double scratch_in[7][max_lanes];
    HWY_ALIGN double scratch_out[6][max_lanes];
    const double pad[7] = {1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0};
    const double* src[7] = {b.r1x, b.r1y, b.r1z, b.r2x, b.r2y, b.r2z, b.tof};
    for (int k = 0; k < 7; ++k) {
        for (std::size_t l = 0; l < lanes; ++l) scratch_in[k][l] = i + l < end ? src[k][i + l] : pad[k];
    }
    const double* in[7] = {scratch_in[0], scratch_in[1], scratch_in[2], scratch_in[3],
                           scratch_in[4], scratch_in[5], scratch_in[6]};
    double* out[6] = {scratch_out[0], scratch_out[1], scratch_out[2], scratch_out[3], scratch_out[4], scratch_out[5]};
    solve_vector(d, in, out, codes, mu, retro);
    double* dst[6] = {b.v1x, b.v1y, b.v1z, b.v2x, b.v2y, b.v2z};
    for (std::size_t l = 0; i + l < end; ++l) {
        for (int k = 0; k < 6; ++k) dst[k][i + l] = scratch_out[k][l];
        b.status[i + l] = static_cast<LambertStatus>(codes[l]);
    }
}

const char* target_name() { return hwy::TargetName(HWY_TARGET); }

}  // namespace ger::astro::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "astro/parallel.hpp"

namespace ger::astro {

HWY_EXPORT(solve_range);
HWY_EXPORT(target_name);

using detail::BatchPointers;

namespace {

// Problems per work item of the threaded driver: large enough to amortise the atomic fetch (~1 ms of
// work), small enough to balance 2-64 threads on survey-sized batches; a multiple of every lane count.
constexpr std::size_t chunk_size = 8192;

BatchPointers checked(const LambertBatchInput& in, const LambertBatchOutput& out) {
    const std::size_t n = in.tof.size();
    const std::size_t sizes[] = {in.r1x.size(), in.r1y.size(), in.r1z.size(), in.r2x.size(), in.r2y.size(),
                                 in.r2z.size(), out.v1x.size(), out.v1y.size(), out.v1z.size(), out.v2x.size(),
                                 out.v2y.size(), out.v2z.size(), out.status.size()};
    for (std::size_t size : sizes) {
        if (size != n) {
            throw LambertError("lambert batch: array of " + std::to_string(size) + " elements, tof has " +
                               std::to_string(n) + "; every input and output array must have the same length");
        }
    }
    if (!std::isfinite(in.mu) || in.mu <= 0.0) {
        std::ostringstream os;
        os.precision(17);
        os << "lambert batch: mu = " << in.mu << " (km^3/s^2, must be finite and > 0)";
        throw LambertError(os.str());
    }
    return {in.r1x.data(), in.r1y.data(), in.r1z.data(), in.r2x.data(), in.r2y.data(), in.r2z.data(),
            in.tof.data(), out.v1x.data(), out.v1y.data(), out.v1z.data(), out.v2x.data(), out.v2y.data(),
            out.v2z.data(), out.status.data()};
}

}  // namespace

void solve_lambert_batch(const LambertBatchInput& input, const LambertBatchOutput& output) {
    const BatchPointers b = checked(input, output);
    HWY_DYNAMIC_DISPATCH(solve_range)(b, 0, input.tof.size(), input.mu,
                                      input.direction == LambertDirection::retrograde);
}

void solve_lambert_batch_threaded(const LambertBatchInput& input, const LambertBatchOutput& output,
                                  unsigned threads) {
    const BatchPointers b = checked(input, output);
    const std::size_t n = input.tof.size();
    const std::size_t chunks = (n + chunk_size - 1) / chunk_size;
    const bool retro = input.direction == LambertDirection::retrograde;
    parallel_for(chunks, worker_count(threads, chunks), [&](std::size_t k, unsigned) {
        HWY_DYNAMIC_DISPATCH(solve_range)(b, k * chunk_size, std::min(n, (k + 1) * chunk_size), input.mu, retro);
    });
}

std::string lambert_batch_target() { return HWY_DYNAMIC_DISPATCH(target_name)(); }

}  // namespace ger::astro

#endif  // HWY_ONCE
