// The time-of-flight leg test (leg_tof_bound.hpp) over a batch of legs with one end fixed, vectorised with
// Highway and dispatched at run time like the Lambert batch (this file re-includes itself through
// foreach_target.h). Lane for lane the arithmetic is leg_tof_may_fit's; the transcendentals are Highway's
// (atan from its polynomial kernel, as lambert_batch.cpp does, and log), within a few ulp of the C library's,
// far inside the test's 1e-9 margins.

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "astro/detail/survey_tof_filter.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"

#include "astro/detail/leg_tof_bound.hpp"
#include "astro/detail/survey_tof_filter.hpp"

HWY_BEFORE_NAMESPACE();
namespace ger::astro::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// T(x) by Lancaster's closed form for lanes with |x - 1| >= the band (callers move x out of it).
template <class D, class V = hn::Vec<D>>
HWY_INLINE V lancaster(D d, V x, V lambda) {
    const V one = hn::Set(d, 1.0), zero = hn::Zero(d);
    const V u = (one - x) * (one + x);
    const V y = hn::Sqrt(hn::NegMulAdd(lambda * lambda, u, one));
    const V au = hn::Max(hn::Abs(u), hn::Set(d, 1e-300));
    const V inv_su = one / hn::Sqrt(au);
    const V su = au * inv_su;
    const V inv_u = hn::CopySign(inv_su * inv_su, u);
    const V sn = su * hn::NegMulAdd(lambda, x, y);  // su (y - lambda x) >= 0
    const V cs = hn::MulAdd(x, y, lambda * u);
    const auto elliptic = hn::Gt(u, zero);
    V psi = zero;
    if (!hn::AllFalse(d, elliptic)) {
        // atan2(sn, cs) with sn >= 0: pi/2 - atan(cs/sn) where |cs| <= sn, else atan(sn/cs) (+ pi when cs < 0).
        hn::impl::AtanImpl<double> atan_poly;
        const auto steep = hn::Le(hn::Abs(cs), sn);
        const V num = hn::IfThenElse(steep, cs, sn), den = hn::IfThenElse(steep, sn, cs);
        const V ratio = hn::IfThenElse(hn::Eq(den, zero), zero, num / den);
        const V a = hn::CopySign(atan_poly.AtanPoly(d, hn::Abs(ratio)), ratio);
        const V half_pi = hn::Set(d, 0.5 * tof_bound_pi), pi = hn::Set(d, tof_bound_pi);
        psi = hn::IfThenElse(steep, half_pi - a, hn::IfThenElse(hn::Gt(cs, zero), a, pi + a));
    }
    if (!hn::AllTrue(d, elliptic)) {
        // asinh(sn) = log(cosh psi + sinh psi) with cosh psi = cs.
        psi = hn::IfThenElse(elliptic, psi, hn::Log(d, hn::Max(cs + sn, one)));
    }
    return hn::MulAdd(psi, inv_su, hn::MulAdd(lambda, y, hn::Neg(x))) * inv_u;
}

// leg_tof_may_fit for one vector of legs, with the plane quantities kept multiplied by |N| (as leg_may_fit does)
// so that one square root and one division of |N| serve every end.
template <class D>
HWY_INLINE void test_vector(D d, const LegEnd& a, const TofFilterBatch& batch, std::size_t i, double b1, double b2,
                            double slack, double mu_scalar, unsigned char* keep) {
    using V = hn::Vec<D>;
    const V zero = hn::Zero(d), one = hn::Set(d, 1.0), half = hn::Set(d, 0.5), two = hn::Set(d, 2.0);
    const V mu = hn::Set(d, mu_scalar);
    const V ax = hn::Set(d, a.rx), ay = hn::Set(d, a.ry), az = hn::Set(d, a.rz);
    const V bx = hn::LoadU(d, batch.r2x + i), by = hn::LoadU(d, batch.r2y + i), bz = hn::LoadU(d, batch.r2z + i);
    const V wx = hn::LoadU(d, batch.w2x + i), wy = hn::LoadU(d, batch.w2y + i), wz = hn::LoadU(d, batch.w2z + i);
    const V tof = hn::LoadU(d, batch.tof + i);
    // The other end's LegEnd fields (LegEndTable::assign).
    const V bq = hn::MulAdd(bx, bx, hn::MulAdd(by, by, bz * bz));
    const V bs = hn::Sqrt(bq);
    const V bu = hn::Sqrt(hn::MulAdd(wx, wx, hn::MulAdd(wy, wy, wz * wz)));
    const V bmu_s = mu / bs;
    const V bhx = by * wz - bz * wy, bhy = bz * wx - bx * wz, bhz = bx * wy - by * wx;
    const V as = hn::Set(d, a.s), au = hn::Set(d, a.u), amu_s = hn::Set(d, a.mu_s);

    const V nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
    const V n2 = hn::MulAdd(nx, nx, hn::MulAdd(ny, ny, nz * nz));
    const auto collinear = hn::Le(n2, hn::Set(d, plane_bound_min_sin * plane_bound_min_sin * a.q) * bq);
    const V inv_nn = one / hn::Sqrt(hn::Max(n2, hn::Set(d, 1e-300)));
    const V cx = bx - ax, cy = by - ay, cz = bz - az;
    const V c = hn::Sqrt(hn::MulAdd(cx, cx, hn::MulAdd(cy, cy, cz * cz)));
    const V s = half * (as + bs + c);
    const V inv_s = one / s;
    const V dd = hn::MulAdd(ax, bx, hn::MulAdd(ay, by, az * bz));
    const V big = hn::MulAdd(as, bs, hn::Abs(dd));
    const V small = n2 / big;
    const auto d_pos = hn::Ge(dd, zero);
    const V p = hn::IfThenElse(d_pos, big, small), m = hn::IfThenElse(d_pos, small, big);
    const V sign = hn::IfThenElse(hn::Lt(nz, zero), hn::Set(d, -1.0), one);
    const V lambda = sign * hn::Sqrt(half * p) * inv_s;
    const auto degenerate = hn::Or(collinear, hn::Lt(hn::Abs(lambda), hn::Set(d, tof_bound_min_lambda)));
    // k = H / (gamma sigma) with gamma sigma = sqrt(mu s / 2) sqrt(2 m) / c = sqrt(mu s m) / c.
    const V k_per_h = c / hn::Sqrt(mu * s * m);

    // |N| times: each end's velocity along the normal, and its momentum along the arc's normal.
    const V a1 = hn::MulAdd(nx, hn::Set(d, a.wx), hn::MulAdd(ny, hn::Set(d, a.wy), nz * hn::Set(d, a.wz)));
    const V a2 = hn::MulAdd(nx, wx, hn::MulAdd(ny, wy, nz * wz));
    const V vb1 = hn::Set(d, b1), vb2 = hn::Set(d, b2);
    const V t1 = hn::NegMulAdd(a1, a1, vb1 * vb1 * n2), t2 = hn::NegMulAdd(a2, a2, vb2 * vb2 * n2);
    const auto plane_ok = hn::And(hn::Ge(t1, zero), hn::Ge(t2, zero));
    const V h1 = sign * hn::MulAdd(nx, hn::Set(d, a.hx), hn::MulAdd(ny, hn::Set(d, a.hy), nz * hn::Set(d, a.hz)));
    const V h2 = sign * hn::MulAdd(nx, bhx, hn::MulAdd(ny, bhy, nz * bhz));
    const V r1c1 = as * hn::Sqrt(hn::Max(t1, zero)), r2c2 = bs * hn::Sqrt(hn::Max(t2, zero));
    const V htol = hn::Set(d, slack) * hn::MulAdd(as, au + vb1, bs * (bu + vb2));
    const V h_lo = hn::MulSub(hn::Max(h1 - r1c1, h2 - r2c2), inv_nn, htol);
    const V h_hi = hn::MulAdd(hn::Min(h1 + r1c1, h2 + r2c2), inv_nn, htol);
    const auto h_ok = hn::And(hn::Ge(h_hi, h_lo), hn::Gt(h_hi, zero));

    // H -> x = (k^2 - 1 + lambda^2) / (2 k lambda), both ends by one division; increasing in H for lambda > 0,
    // decreasing for lambda < 0; H <= 0 sends x to -inf or +inf.
    const V inf = hn::Set(d, HUGE_VAL);
    const V l2m1 = hn::MulAdd(lambda, lambda, hn::Set(d, -1.0));
    const auto lo_positive = hn::Gt(h_lo, zero);
    const V k_lo = hn::IfThenElse(lo_positive, h_lo, one) * k_per_h;
    const V k_hi = hn::Max(h_hi, hn::Set(d, 1e-300)) * k_per_h;
    const V q = one / (two * lambda * k_lo * k_hi);
    const V x_at_lo = hn::MulAdd(k_lo, k_lo, l2m1) * k_hi * q;
    const V x_at_hi = hn::MulAdd(k_hi, k_hi, l2m1) * k_lo * q;
    const auto ascending = hn::Gt(lambda, zero);
    V x_lo = hn::IfThenElse(ascending, hn::IfThenElse(lo_positive, x_at_lo, hn::Neg(inf)), x_at_hi);
    V x_hi = hn::IfThenElse(ascending, x_at_hi, hn::IfThenElse(lo_positive, x_at_lo, inf));

    // Energy: x^2 <= 1 + s eps_max / mu.
    const V e1 = hn::MulSub(half * (au + vb1), au + vb1, amu_s);
    const V e2 = hn::MulSub(half * (bu + vb2), bu + vb2, bmu_s);
    const V e_max = hn::MulAdd(hn::Set(d, slack), amu_s + bmu_s, hn::Min(e1, e2));
    const V x2_max = hn::MulAdd(s * e_max, hn::Set(d, 1.0 / mu_scalar), one);
    const auto energy_ok = hn::Ge(x2_max, zero);
    const V x_max = hn::Sqrt(hn::Max(x2_max, zero));
    x_lo = hn::Max(x_lo, hn::Neg(x_max));
    x_hi = hn::Min(x_hi, x_max);
    const auto x_ok = hn::Le(x_lo, x_hi);

    const V band = hn::Set(d, tof_bound_band);
    // The least T, at x_hi moved up out of the band: +inf when x_hi <= -1 (no 0-revolution arc), 0 past max_x.
    const V xb = hn::IfThenElse(hn::Lt(hn::Abs(x_hi - one), band), one + band, x_hi);
    const auto hi_beyond = hn::Ge(xb, hn::Set(d, tof_bound_max_x));
    const auto hi_none = hn::Le(x_hi, hn::Set(d, -1.0));
    const V t_at_hi = lancaster(d, hn::IfThenElse(hn::Or(hi_beyond, hi_none), two, xb), lambda);
    const V t_min = hn::IfThenElse(hi_none, inf, hn::IfThenElse(hi_beyond, zero, t_at_hi));
    // The greatest T, at x_lo moved down out of the band: +inf next to x = -1.
    const V xa = hn::IfThenElse(hn::Lt(hn::Abs(x_lo - one), band), one - band, x_lo);
    const auto lo_finite = hn::Gt(x_lo, hn::Set(d, -1.0 + tof_bound_min_u));
    const V t_max = hn::IfThenElse(lo_finite, lancaster(d, hn::IfThenElse(lo_finite, xa, zero), lambda), inf);
    // The leg's T = sqrt(2 mu / s^3) tof, compared squared (every T here is >= 0).
    const V tsq = two * mu * tof * tof * inv_s * inv_s * inv_s;
    const V margin = hn::Set(d, tof_bound_margin);
    const V t_min_w = hn::NegMulAdd(t_min, margin, t_min), t_max_w = hn::MulAdd(t_max, margin, t_max);
    const auto t_ok = hn::And(hn::Ge(tsq, t_min_w * t_min_w), hn::Le(tsq, t_max_w * t_max_w));

    const auto fits = hn::And(hn::And(plane_ok, h_ok), hn::And(energy_ok, hn::And(x_ok, t_ok)));
    const auto result = hn::Or(degenerate, fits);
    const hn::RebindToUnsigned<D> du;
    HWY_ALIGN std::uint64_t bits[HWY_MAX_BYTES / sizeof(double)];
    hn::Store(hn::VecFromMask(du, hn::RebindMask(du, result)), du, bits);
    for (std::size_t k = 0; k < hn::Lanes(d); ++k) keep[k] = bits[k] != 0 ? 1 : 0;
}

void test_range(const LegEnd& a, const TofFilterBatch& batch, std::size_t count, double b1, double b2, double slack,
                double mu, unsigned char* keep) {
    const hn::ScalableTag<double> d;
    const std::size_t lanes = hn::Lanes(d);
    std::size_t i = 0;
    for (; i + lanes <= count; i += lanes) test_vector(d, a, batch, i, b1, b2, slack, mu, keep + i);
    if (i == count) return;
    // Tail: copy into a lane-sized scratch padded with the last real leg (lanes are independent).
    constexpr std::size_t max_lanes = HWY_MAX_BYTES / sizeof(double);
    HWY_ALIGN double scratch[7][max_lanes];
    const double* src[7] = {batch.r2x, batch.r2y, batch.r2z, batch.w2x, batch.w2y, batch.w2z, batch.tof};
    for (int k = 0; k < 7; ++k) {
        for (std::size_t l = 0; l < lanes; ++l) scratch[k][l] = src[k][i + l < count ? i + l : count - 1];
    }
    const TofFilterBatch tail{scratch[0], scratch[1], scratch[2], scratch[3], scratch[4], scratch[5], scratch[6]};
    unsigned char tail_keep[max_lanes];
    test_vector(d, a, tail, 0, b1, b2, slack, mu, tail_keep);
    for (std::size_t l = 0; i + l < count; ++l) keep[i + l] = tail_keep[l];
}

}  // namespace ger::astro::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace ger::astro::detail {

HWY_EXPORT(test_range);

void legs_tof_may_fit(const LegEnd& fixed, const TofFilterBatch& batch, std::size_t count, double b1, double b2,
                      double slack, double mu, unsigned char* keep) {
    if (count == 0) return;
    HWY_DYNAMIC_DISPATCH(test_range)(fixed, batch, count, b1, b2, slack, mu, keep);
}

}  // namespace ger::astro::detail
#endif  // HWY_ONCE
