// screen_leg_row (survey_leg_row.hpp), vectorised with Highway and dispatched at run time like the Lambert batch
// (this file re-includes itself through foreach_target.h). Lane for lane the geometric part is leg_may_fit's
// arithmetic and the time-of-flight part leg_tof_may_fit's; the transcendentals are Highway's (atan from its
// polynomial kernel, as lambert_batch.cpp does, and log), within a few ulp of the C library's, far inside the
// test's 1e-9 margins.

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "astro/detail/survey_leg_row.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
// Also per target:
#include "astro/detail/vec_pair-inl.h"

#include <cmath>

#include "astro/detail/leg_tof_bound.hpp"
#include "astro/detail/survey_leg_row.hpp"

HWY_BEFORE_NAMESPACE();
namespace ger::astro::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
namespace vp = ger::astro::HWY_NAMESPACE::vec_pair;

// T(x) by Lancaster's closed form for lanes with |x - 1| >= the band (callers move x out of it).
template <class D, class V>
HWY_INLINE V lancaster(D d, V x, V lambda) {
    const V one = Set(d, 1.0), zero = Zero(d);
    const V u = (one - x) * (one + x);
    const V y = Sqrt(NegMulAdd(lambda * lambda, u, one));
    const V au = Max(Abs(u), Set(d, 1e-300));
    const V inv_su = one / Sqrt(au);
    const V su = au * inv_su;
    const V inv_u = CopySign(inv_su * inv_su, u);
    const V sn = su * NegMulAdd(lambda, x, y);  // su (y - lambda x) >= 0
    const V cs = MulAdd(x, y, lambda * u);
    const auto elliptic = Gt(u, zero);
    V psi = zero;
    if (!AllFalse(d, elliptic)) {
        // atan2(sn, cs) with sn >= 0: pi/2 - atan(cs/sn) where |cs| <= sn, else atan(sn/cs) (+ pi when cs < 0).
        const auto steep = Le(Abs(cs), sn);
        const V num = IfThenElse(steep, cs, sn), den = IfThenElse(steep, sn, cs);
        const V ratio = IfThenElse(Eq(den, zero), zero, num / den);
        const V a = CopySign(vp::AtanUnit(d, Abs(ratio)), ratio);
        const V half_pi = Set(d, 0.5 * tof_bound_pi), pi = Set(d, tof_bound_pi);
        psi = IfThenElse(steep, half_pi - a, IfThenElse(Gt(cs, zero), a, pi + a));
    }
    if (!AllTrue(d, elliptic)) {
        // asinh(sn) = log(cosh psi + sinh psi) with cosh psi = cs.
        psi = IfThenElse(elliptic, psi, Log(d, Max(cs + sn, one)));
    }
    return MulAdd(psi, inv_su, MulAdd(lambda, y, Neg(x))) * inv_u;
}

// The other end of one vector of legs (or of a pair of vectors: vec_pair-inl.h), loaded from the row's columns.
template <class V>
struct OtherEnds {
    V rx, ry, rz, wx, wy, wz, hx, hy, hz, q, s, u, mu_s, vr;
};
template <class D, class V = hn::Vec<D>>
HWY_INLINE OtherEnds<V> load_other_ends(D d, const LegEndColumns& c, std::size_t i) {
    return {hn::LoadU(d, c.rx + i), hn::LoadU(d, c.ry + i), hn::LoadU(d, c.rz + i),  hn::LoadU(d, c.wx + i),
            hn::LoadU(d, c.wy + i), hn::LoadU(d, c.wz + i), hn::LoadU(d, c.hx + i),  hn::LoadU(d, c.hy + i),
            hn::LoadU(d, c.hz + i), hn::LoadU(d, c.q + i),  hn::LoadU(d, c.s + i),   hn::LoadU(d, c.u + i),
            hn::LoadU(d, c.mu_s + i), hn::LoadU(d, c.vr + i)};
}
template <class V>
HWY_INLINE OtherEnds<vp::VecPair<V>> pair_of(const OtherEnds<V>& x, const OtherEnds<V>& y) {
    return {{x.rx, y.rx}, {x.ry, y.ry}, {x.rz, y.rz}, {x.wx, y.wx}, {x.wy, y.wy}, {x.wz, y.wz},     {x.hx, y.hx},
            {x.hy, y.hy}, {x.hz, y.hz}, {x.q, y.q},   {x.s, y.s},   {x.u, y.u},   {x.mu_s, y.mu_s}, {x.vr, y.vr}};
}

// What both tests use: N = r1 x r2 and, multiplied by |N|, each end's velocity and momentum along the normal;
// whether the ends are too close to collinear for a plane.
template <class V, class M>
struct PlaneTerms {
    V nx, ny, nz, n2, a1, a2, h1, h2, t1, t2;
    M collinear;
};
template <class V, class M>
HWY_INLINE PlaneTerms<vp::VecPair<V>, vp::MaskPair<M>> pair_of(const PlaneTerms<V, M>& x, const PlaneTerms<V, M>& y) {
    return {{x.nx, y.nx}, {x.ny, y.ny}, {x.nz, y.nz}, {x.n2, y.n2}, {x.a1, y.a1}, {x.a2, y.a2},
            {x.h1, y.h1}, {x.h2, y.h2}, {x.t1, y.t1}, {x.t2, y.t2}, {x.collinear, y.collinear}};
}

// leg_may_fit for one vector of legs, operation for operation.
template <class D, class V = hn::Vec<D>>
HWY_INLINE hn::Mask<D> geometric_fit(D d, const LegEnd& a, const OtherEnds<V>& b, double b1, double b2,
                                     double slack, PlaneTerms<V, hn::Mask<D>>& p) {
    const V zero = hn::Zero(d), half = hn::Set(d, 0.5), vb2 = hn::Set(d, b2);
    // Energy.
    const double lo1 = a.u > b1 ? a.u - b1 : 0.0;
    const double e1lo = 0.5 * lo1 * lo1 - a.mu_s, e1hi = 0.5 * (a.u + b1) * (a.u + b1) - a.mu_s;
    const V lo2 = hn::IfThenElse(hn::Gt(b.u, vb2), b.u - vb2, zero);
    const V e2lo = half * lo2 * lo2 - b.mu_s, e2hi = half * (b.u + vb2) * (b.u + vb2) - b.mu_s;
    const V etol = hn::Set(d, slack) * (hn::Set(d, a.mu_s) + b.mu_s);
    const auto energy_ok = hn::And(hn::Le(hn::Set(d, e1lo), e2hi + etol), hn::Le(e2lo, hn::Set(d, e1hi) + etol));
    // Plane and angular momentum.
    const V ax = hn::Set(d, a.rx), ay = hn::Set(d, a.ry), az = hn::Set(d, a.rz);
    p.nx = ay * b.rz - az * b.ry;
    p.ny = az * b.rx - ax * b.rz;
    p.nz = ax * b.ry - ay * b.rx;
    p.n2 = p.nx * p.nx + p.ny * p.ny + p.nz * p.nz;
    p.collinear = hn::Le(p.n2, hn::Set(d, plane_bound_min_sin * plane_bound_min_sin * a.q) * b.q);
    p.a1 = p.nx * hn::Set(d, a.wx) + p.ny * hn::Set(d, a.wy) + p.nz * hn::Set(d, a.wz);
    p.a2 = p.nx * b.wx + p.ny * b.wy + p.nz * b.wz;
    p.t1 = hn::Set(d, b1 * b1) * p.n2 - p.a1 * p.a1;
    p.t2 = hn::Set(d, b2 * b2) * p.n2 - p.a2 * p.a2;
    p.h1 = p.nx * hn::Set(d, a.hx) + p.ny * hn::Set(d, a.hy) + p.nz * hn::Set(d, a.hz);
    p.h2 = p.nx * b.hx + p.ny * b.hy + p.nz * b.hz;
    const V htol = hn::Set(d, slack) * (hn::Set(d, a.s * a.u) + b.s * b.u) * hn::Set(d, a.s) * b.s;
    const V big_a = hn::Set(d, a.q) * hn::Max(p.t1, zero), big_b = b.q * hn::Max(p.t2, zero);
    const V e = hn::Max(hn::Abs(p.h1 - p.h2) - htol, zero);
    const V excess = e * e - big_a - big_b;
    const auto plane_ok =
        hn::And(hn::And(hn::Ge(p.t1, zero), hn::Ge(p.t2, zero)),
                hn::Or(hn::Le(excess, zero), hn::Le(excess * excess, hn::Set(d, 4.0) * big_a * big_b)));
    return hn::And(energy_ok, hn::Or(p.collinear, plane_ok));
}

// radial_narrowing for one vector of legs: both roots of radial_root by one division.
template <class D, class V>
HWY_INLINE void radial_narrowing(D d, V p, V q, V kappa, V v_lo, V v_hi, V& k_lo, V& k_hi) {
    const V zero = Zero(d), two = Set(d, 2.0);
    const auto active = Le(p, Set(d, -radial_min_slope));
    const auto positive = Gt(kappa, zero);
    const V kv_lo = kappa * v_lo, kv_hi = kappa * v_hi;
    const V f_lo = IfThenElse(positive, kv_lo, kv_hi), f_hi = IfThenElse(positive, kv_hi, kv_lo);
    const V minus_4pq = Set(d, -4.0) * p * q, two_q = two * q, minus_2p = Neg(two * p);
    const V root_d_lo = Sqrt(MulAdd(f_lo, f_lo, minus_4pq));
    const V root_d_hi = Sqrt(MulAdd(f_hi, f_hi, minus_4pq));
    const auto lo_up = Ge(f_lo, zero), hi_up = Ge(f_hi, zero);
    const V num_lo = IfThenElse(lo_up, two_q, root_d_lo - f_lo);
    const V den_lo = IfThenElse(lo_up, f_lo + root_d_lo, minus_2p);
    const V num_hi = IfThenElse(hi_up, two_q, root_d_hi - f_hi);
    const V den_hi = IfThenElse(hi_up, f_hi + root_d_hi, minus_2p);
    const V inv = Set(d, 1.0) / (den_lo * den_hi);
    const V k_max = num_lo * den_hi * inv * Set(d, 1.0 + tof_bound_margin);
    const V k_min = num_hi * den_lo * inv * Set(d, 1.0 - tof_bound_margin);
    k_lo = IfThenElse(active, Max(k_lo, k_min), k_lo);
    k_hi = IfThenElse(active, Min(k_hi, k_max), k_hi);
}

// The fixed end's and the limits' scalar terms of tof_fit, formed once per row: GCC does not hoist a division out
// of the loop's conditional part by itself.
struct RowTerms {
    double inv_mu;   // [s^2/km^3]
    double radial1;  // [km/s] the fixed end's radial speed r . w / |r|
};

// leg_tof_may_fit for one vector of legs that passed geometric_fit, from its plane terms.
template <class D, class V, class M>
HWY_INLINE M tof_fit(D d, const LegEnd& a, const OtherEnds<V>& b, const PlaneTerms<V, M>& p, V tof,
                               double b1, double b2, double slack, double mu_scalar, const RowTerms& row) {
    const V zero = Zero(d), one = Set(d, 1.0), half = Set(d, 0.5), two = Set(d, 2.0);
    const V mu = Set(d, mu_scalar);
    const V ax = Set(d, a.rx), ay = Set(d, a.ry), az = Set(d, a.rz);
    const V as = Set(d, a.s), au = Set(d, a.u), amu_s = Set(d, a.mu_s);
    const V cx = b.rx - ax, cy = b.ry - ay, cz = b.rz - az;
    const V c = Sqrt(MulAdd(cx, cx, MulAdd(cy, cy, cz * cz)));
    const V s = half * (as + b.s + c);
    // 1/s and 1/c by one division (divisions and square roots share one unit).
    const V inv_sc = one / (s * c);
    const V inv_s = c * inv_sc, inv_c = s * inv_sc;
    // p m = |N|^2 with the larger of p, m formed directly: their square roots, |N| and the reciprocals needed of
    // them from two square roots and one division.
    const V dd = MulAdd(ax, b.rx, MulAdd(ay, b.ry, az * b.rz));
    const V big = MulAdd(as, b.s, Abs(dd));
    const V nn = Sqrt(Max(p.n2, Set(d, 1e-300))), root_big = Sqrt(big);
    const V inv_nn_big = one / (nn * root_big);
    const V inv_nn = root_big * inv_nn_big;
    const V root_small = nn * nn * inv_nn_big, inv_root_small = root_big * inv_nn;
    const auto d_pos = Ge(dd, zero);
    const V root_p = IfThenElse(d_pos, root_big, root_small);
    const V inv_root_m = IfThenElse(d_pos, inv_root_small, nn * inv_nn_big);
    const V sign = IfThenElse(Lt(p.nz, zero), Set(d, -1.0), one);
    const V lambda = sign * root_p * Set(d, std::sqrt(0.5)) * inv_s;
    const auto degenerate = Or(p.collinear, Lt(Abs(lambda), Set(d, tof_bound_min_lambda)));
    // k = H / (gamma sigma) with gamma = sqrt(mu s / 2), sigma = sqrt(2 m) / c: k per H = c / (gamma sqrt(2 m)).
    const V inv_gamma = Sqrt(two * inv_s * Set(d, row.inv_mu));
    const V k_per_h = c * inv_gamma * inv_root_m * Set(d, std::sqrt(0.5));

    const V vb1 = Set(d, b1), vb2 = Set(d, b2);
    const V h1 = sign * p.h1, h2 = sign * p.h2;
    const V root_t1 = Sqrt(Max(p.t1, zero)), root_t2 = Sqrt(Max(p.t2, zero));  // |N| c_i
    const V r1c1 = as * root_t1, r2c2 = b.s * root_t2;
    const V htol = Set(d, slack) * MulAdd(as, au + vb1, b.s * (b.u + vb2));
    const V h_lo = MulSub(Max(h1 - r1c1, h2 - r2c2), inv_nn, htol);
    const V h_hi = MulAdd(Min(h1 + r1c1, h2 + r2c2), inv_nn, htol);
    const auto h_ok = And(Ge(h_hi, h_lo), Gt(h_hi, zero));

    // k = H / (gamma sigma) in [k_lo, k_hi] (k_lo = 0: no lower bound), narrowed by each end's radial speed.
    V k_lo = IfThenElse(Gt(h_lo, zero), h_lo * k_per_h, zero);
    V k_hi = h_hi * k_per_h;
    {
        const V rho = (as - b.s) * inv_c, alpha = c * inv_s, l2 = lambda * lambda;
        const V two_lambda = two * lambda * inv_gamma;
        const V v1tol = Set(d, slack * (a.u + b1)), v2tol = Set(d, slack) * (b.u + vb2);
        const V rad1 = Set(d, row.radial1);
        const V c1 = root_t1 * inv_nn, c2 = root_t2 * inv_nn;
        const V one_m = one - rho, one_p = one + rho;
        radial_narrowing(d, MulSub(l2, one_m, one_p), alpha * MulAdd(l2, one_m, one_p), two_lambda * as,
                         rad1 - c1 - v1tol, rad1 + c1 + v1tol, k_lo, k_hi);
        radial_narrowing(d, MulSub(l2, one_p, one_m), alpha * MulAdd(l2, one_p, one_m),
                         Neg(two_lambda * b.s), b.vr - c2 - v2tol, b.vr + c2 + v2tol, k_lo, k_hi);
    }
    const auto k_ok = Ge(k_hi, k_lo);

    // k -> x = (k^2 - 1 + lambda^2) / (2 k lambda), both ends by one division; increasing in k for lambda > 0,
    // decreasing for lambda < 0; k = 0 sends x to -inf or +inf.
    const V inf = Set(d, HUGE_VAL);
    const V l2m1 = MulAdd(lambda, lambda, Set(d, -1.0));
    const auto lo_positive = Gt(k_lo, zero);
    k_lo = IfThenElse(lo_positive, k_lo, one);
    k_hi = Max(k_hi, Set(d, 1e-300));
    const V q = one / (two * lambda * k_lo * k_hi);
    const V x_at_lo = MulAdd(k_lo, k_lo, l2m1) * k_hi * q;
    const V x_at_hi = MulAdd(k_hi, k_hi, l2m1) * k_lo * q;
    const auto ascending = Gt(lambda, zero);
    V x_lo = IfThenElse(ascending, IfThenElse(lo_positive, x_at_lo, Neg(inf)), x_at_hi);
    V x_hi = IfThenElse(ascending, x_at_hi, IfThenElse(lo_positive, x_at_lo, inf));

    // Energy: x^2 <= 1 + s eps_max / mu.
    const V e1 = MulSub(half * (au + vb1), au + vb1, amu_s);
    const V e2 = MulSub(half * (b.u + vb2), b.u + vb2, b.mu_s);
    const V e_max = MulAdd(Set(d, slack), amu_s + b.mu_s, Min(e1, e2));
    const V x2_max = MulAdd(s * e_max, Set(d, row.inv_mu), one);
    const auto energy_ok = Ge(x2_max, zero);
    const V x_max = Sqrt(Max(x2_max, zero));
    x_lo = Max(x_lo, Neg(x_max));
    x_hi = Min(x_hi, x_max);
    const auto x_ok = Le(x_lo, x_hi);

    // leg_tof_may_fit's c_i^2 >= 0 holds already: geometric_fit kept only collinear lanes (degenerate here) or
    // lanes with t1, t2 >= 0.
    const auto bounded = And(And(h_ok, k_ok), And(energy_ok, x_ok));
    if (AllFalse(d, bounded)) return degenerate;
    // The leg's T = sqrt(2 mu / s^3) tof, compared squared (every T here is >= 0).
    const V tsq = two * mu * tof * tof * inv_s * inv_s * inv_s;
    const V margin = Set(d, tof_bound_margin);
    const V band = Set(d, tof_bound_band);
    // The least T, at x_hi moved up out of the band: +inf when x_hi <= -1 (no 0-revolution arc), 0 past max_x.
    const V xb = IfThenElse(Lt(Abs(x_hi - one), band), one + band, x_hi);
    const auto hi_beyond = Ge(xb, Set(d, tof_bound_max_x));
    const auto hi_none = Le(x_hi, Set(d, -1.0));
    const V t_at_hi = lancaster(d, IfThenElse(Or(hi_beyond, hi_none), two, xb), lambda);
    const V t_min = IfThenElse(hi_none, inf, IfThenElse(hi_beyond, zero, t_at_hi));
    const V t_min_w = NegMulAdd(t_min, margin, t_min);
    const auto short_ok = And(bounded, Ge(tsq, t_min_w * t_min_w));
    // The other end's T only where a lane is still open: a row's neighbouring legs are mostly ruled out by the
    // same end, so this skips one of the two closed forms for many vectors.
    if (AllFalse(d, short_ok)) return degenerate;
    // The greatest T, at x_lo moved down out of the band: +inf next to x = -1.
    const V xa = IfThenElse(Lt(Abs(x_lo - one), band), one - band, x_lo);
    const auto lo_finite = Gt(x_lo, Set(d, -1.0 + tof_bound_min_u));
    const V t_max = IfThenElse(lo_finite, lancaster(d, IfThenElse(lo_finite, xa, zero), lambda), inf);
    const V t_max_w = MulAdd(t_max, margin, t_max);
    return Or(degenerate, And(short_ok, Le(tsq, t_max_w * t_max_w)));
}

std::size_t screen_range(const LegEnd& fixed, const LegEndColumns& columns, std::size_t count,
                         const LegRowLimits& limits, const LegRowOutput& output) {
    // Copies the stores below cannot alias, so the fixed end, the limits and the column pointers are not reloaded
    // after every store.
    const LegEnd a = fixed;
    const LegEndColumns c = columns;
    const LegRowLimits lim = limits;
    const LegRowOutput out = output;
    const RowTerms row{1.0 / lim.mu, (a.rx * a.wx + a.ry * a.wy + a.rz * a.wz) / a.s};
    using D = hn::ScalableTag<double>;
    const D d;
    const hn::RebindToSigned<D> di;
    const hn::RebindToUnsigned<D> du;
    using V = hn::Vec<D>;
    constexpr std::size_t max_lanes = HWY_MAX_BYTES / sizeof(double);
    const std::size_t lanes = hn::Lanes(d);
    const V step_s = hn::Set(d, lim.step_s);
    using M = hn::Mask<D>;
    std::size_t kept = 0;
    // Writes the kept legs of the vector at i straight into the solver's inputs. Highway 1.0's CompressStore copies
    // a 512-byte table per call on AVX2; kept legs come in runs of whole vectors, which are stored as they are, and
    // the few lanes at a run's ends one by one.
    auto store = [&](std::size_t i, const OtherEnds<V>& b, M keep) HWY_ATTR {
        if (hn::AllFalse(d, keep)) return;
        const auto steps = hn::Iota(di, static_cast<std::int64_t>(i + 1));
        const V tof = hn::ConvertTo(d, steps) * step_s;
        if (hn::AllTrue(d, keep)) {
            hn::StoreU(b.rx, d, out.r2x + kept);
            hn::StoreU(b.ry, d, out.r2y + kept);
            hn::StoreU(b.rz, d, out.r2z + kept);
            hn::StoreU(tof, d, out.tof + kept);
            hn::StoreU(steps, di, out.steps + kept);
            kept += lanes;
            return;
        }
        HWY_ALIGN double rx[max_lanes], ry[max_lanes], rz[max_lanes], t[max_lanes];
        HWY_ALIGN std::uint64_t bits[max_lanes];
        hn::Store(b.rx, d, rx);
        hn::Store(b.ry, d, ry);
        hn::Store(b.rz, d, rz);
        hn::Store(tof, d, t);
        hn::Store(hn::VecFromMask(du, hn::RebindMask(du, keep)), du, bits);
        for (std::size_t l = 0; l < lanes; ++l) {
            if (bits[l] == 0) continue;
            out.r2x[kept] = rx[l];
            out.r2y[kept] = ry[l];
            out.r2z[kept] = rz[l];
            out.tof[kept] = t[l];
            out.steps[kept] = static_cast<std::int64_t>(i + l + 1);
            ++kept;
        }
    };
    auto tof_at = [&](std::size_t i) HWY_ATTR {
        return hn::ConvertTo(d, hn::Iota(di, static_cast<std::int64_t>(i + 1))) * step_s;
    };
    // A vector that passed the geometric test waits for the next one that does, and the two run the time-of-flight
    // test side by side (vec_pair-inl.h: lane for lane the same operations), so one's chain of dependent square
    // roots, divisions and closed forms fills the other's latency. Kept legs are stored in row order.
    bool waiting = false;
    std::size_t wait_i = 0;
    M wait_geometric = hn::FirstN(d, 0);
    OtherEnds<V> wait_b{};
    PlaneTerms<V, M> wait_p{};
    const vp::PairTag<D> pair{d};
    for (std::size_t i = 0; i < count; i += lanes) {
        auto live = hn::FirstN(d, count - i);
        if (lim.need != nullptr) {
            const V need = hn::LoadU(d, lim.need + i) + hn::Set(d, lim.need_offset);
            live = hn::AndNot(hn::Gt(need, hn::Set(d, lim.need_limit)), live);
        }
        if (hn::AllFalse(d, live)) continue;
        const OtherEnds<V> b = load_other_ends(d, c, i);
        PlaneTerms<V, M> p;
        const auto geometric = hn::And(live, geometric_fit(d, a, b, lim.b1, lim.b2, lim.slack, p));
        if (hn::AllFalse(d, geometric)) continue;
        if (!waiting) {
            waiting = true;
            wait_i = i;
            wait_geometric = geometric;
            wait_b = b;
            wait_p = p;
            continue;
        }
        const auto keep = tof_fit(pair, a, pair_of(wait_b, b), pair_of(wait_p, p), vp::VecPair<V>{tof_at(wait_i), tof_at(i)},
                                  lim.b1, lim.b2, lim.slack, lim.mu, row);
        store(wait_i, wait_b, hn::And(wait_geometric, keep.a));
        store(i, b, hn::And(geometric, keep.b));
        waiting = false;
    }
    if (waiting) {
        const auto keep = tof_fit(d, a, wait_b, wait_p, tof_at(wait_i), lim.b1, lim.b2, lim.slack, lim.mu, row);
        store(wait_i, wait_b, hn::And(wait_geometric, keep));
    }
    return kept;
}

}  // namespace ger::astro::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace ger::astro::detail {

void LegEndTable::assign(std::span<const Vec3> r, std::span<const Vec3> w, double mu) {
    const std::size_t n = r.size();
    const auto columns = {&rx, &ry, &rz, &wx, &wy, &wz, &hx, &hy, &hz, &q, &s, &u, &mu_s, &vr};
    for (auto* v : columns) v->resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        const Vec3 h = cross(r[j], w[j]);
        rx[j] = r[j].x; ry[j] = r[j].y; rz[j] = r[j].z;
        wx[j] = w[j].x; wy[j] = w[j].y; wz[j] = w[j].z;
        hx[j] = h.x; hy[j] = h.y; hz[j] = h.z;
        q[j] = dot(r[j], r[j]);
        s[j] = std::sqrt(q[j]);
        u[j] = norm(w[j]);
        mu_s[j] = mu / s[j];
        vr[j] = dot(r[j], w[j]) / s[j];
    }
    // Past the last date, copies of it: a row's vector loop reads whole vectors there (leg_row_padding).
    for (auto* v : columns) v->resize(n + leg_row_padding, n > 0 ? v->back() : 0.0);
}

LegEndColumns LegEndTable::from(std::size_t f) const noexcept {
    return {rx.data() + f, ry.data() + f, rz.data() + f, wx.data() + f, wy.data() + f,
            wz.data() + f, hx.data() + f, hy.data() + f, hz.data() + f, q.data() + f,
            s.data() + f,  u.data() + f,  mu_s.data() + f, vr.data() + f};
}

HWY_EXPORT(screen_range);

std::size_t screen_leg_row(const LegEnd& fixed, const LegEndColumns& other, std::size_t count,
                           const LegRowLimits& limits, const LegRowOutput& out) {
    if (count == 0) return 0;
    return HWY_DYNAMIC_DISPATCH(screen_range)(fixed, other, count, limits, out);
}

}  // namespace ger::astro::detail
#endif  // HWY_ONCE
