// The survey's leg filter over a row of legs (detail/leg_plane_bound.hpp says what it tests and why it is safe):
// one end fixed, the other running over consecutive dates, vectorised and dispatched to the widest instruction set
// the CPU has. Internal to survey.cpp.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "astro/detail/leg_plane_bound.hpp"
#include "astro/vec3.hpp"

namespace ger::astro::detail {

// Plain pointers to one LegEnd field array each, offset to a row's first date (the per-ISA loops see only this).
struct LegEndColumns {
    const double *rx, *ry, *rz, *wx, *wy, *wz, *hx, *hy, *hz, *q, *s, *u, *mu_s;
};

// LegEnds for dates 0..n-1, structure of arrays so the row loop reads them with vector loads.
class LegEndTable {
public:
    // r [km] and w [km/s] per date, mu [km^3/s^2].
    void assign(std::span<const Vec3> r, std::span<const Vec3> w, double mu);
    LegEnd at(std::size_t j) const noexcept {
        return {rx[j], ry[j], rz[j], wx[j], wy[j], wz[j], hx[j], hy[j], hz[j], q[j], s[j], u[j], mu_s[j]};
    }
    LegEndColumns from(std::size_t first) const noexcept;

private:
    std::vector<double> rx, ry, rz, wx, wy, wz, hx, hy, hz, q, s, u, mu_s;
};

// keep[m] = leg_may_fit(fixed, table.at(first + m), b1, b2, slack) for m < count.
void legs_may_fit(const LegEnd& fixed, const LegEndTable& table, std::size_t first, std::size_t count, double b1,
                  double b2, double slack, unsigned char* keep);

// The row loop for one instruction set (survey_leg_filter_loop.hpp); x86-64-v3 = AVX2 + FMA, v4 = AVX-512.
void legs_may_fit_baseline(const LegEnd& a, const LegEndColumns& b, std::size_t count, double b1, double b2,
                           double slack, unsigned char* keep);
void legs_may_fit_x86_64_v3(const LegEnd& a, const LegEndColumns& b, std::size_t count, double b1, double b2,
                            double slack, unsigned char* keep);
void legs_may_fit_x86_64_v4(const LegEnd& a, const LegEndColumns& b, std::size_t count, double b1, double b2,
                            double slack, unsigned char* keep);

}  // namespace ger::astro::detail
