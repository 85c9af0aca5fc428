#include "astro/detail/survey_leg_filter.hpp"

#include <cmath>

#include "astro/detail/survey_leg_filter_loop.hpp"
#include "astro/simd.hpp"

namespace ger::astro::detail {

void LegEndTable::assign(std::span<const Vec3> r, std::span<const Vec3> w, double mu) {
    const std::size_t n = r.size();
    for (auto* v : {&rx, &ry, &rz, &wx, &wy, &wz, &hx, &hy, &hz, &q, &s, &u, &mu_s}) v->resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        const Vec3 h = cross(r[j], w[j]);
        rx[j] = r[j].x; ry[j] = r[j].y; rz[j] = r[j].z;
        wx[j] = w[j].x; wy[j] = w[j].y; wz[j] = w[j].z;
        hx[j] = h.x; hy[j] = h.y; hz[j] = h.z;
        q[j] = dot(r[j], r[j]);
        s[j] = std::sqrt(q[j]);
        u[j] = norm(w[j]);
        mu_s[j] = mu / s[j];
    }
}

LegEndColumns LegEndTable::from(std::size_t f) const noexcept {
    return {rx.data() + f, ry.data() + f, rz.data() + f, wx.data() + f, wy.data() + f,
            wz.data() + f, hx.data() + f, hy.data() + f, hz.data() + f, q.data() + f,
            s.data() + f,  u.data() + f,  mu_s.data() + f};
}

void legs_may_fit_baseline(const LegEnd& a, const LegEndColumns& b, std::size_t count, double b1, double b2,
                           double slack, unsigned char* keep) {
    legs_may_fit_loop(a, b, count, b1, b2, slack, keep);
}

void legs_may_fit(const LegEnd& fixed, const LegEndTable& table, std::size_t first, std::size_t count, double b1,
                  double b2, double slack, unsigned char* keep) {
    // The widest copy the CPU and the SIMD limit (astro/simd.hpp) allow, asked per row: two loads, next to a row
    // of hundreds of legs.
    const auto columns = table.from(first);
    if (simd_allows_avx512()) {
        legs_may_fit_x86_64_v4(fixed, columns, count, b1, b2, slack, keep);
    } else if (simd_allows_avx2()) {
        legs_may_fit_x86_64_v3(fixed, columns, count, b1, b2, slack, keep);
    } else {
        legs_may_fit_baseline(fixed, columns, count, b1, b2, slack, keep);
    }
}

}  // namespace ger::astro::detail
