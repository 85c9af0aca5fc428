// The body of the leg filter's row loop, included once per instruction set by survey_leg_filter*.cpp (each file
// compiled with its own -march). Internal linkage only: nothing here may be shared between those files.
#pragma once

#include <cstddef>

#include "astro/detail/survey_leg_filter.hpp"

namespace ger::astro::detail {
namespace {

void legs_may_fit_loop(const LegEnd& fixed, const LegEndColumns& c, std::size_t count, double b1, double b2,
                       double slack, unsigned char* keep) {
    const LegEnd a = fixed;
#pragma omp simd
    for (std::size_t m = 0; m < count; ++m) {
        const LegEnd b{c.rx[m], c.ry[m], c.rz[m], c.wx[m], c.wy[m], c.wz[m], c.hx[m],
                       c.hy[m], c.hz[m], c.q[m],  c.s[m],  c.u[m],  c.mu_s[m]};
        keep[m] = leg_may_fit(a, b, b1, b2, slack) ? 1 : 0;
    }
}

}  // namespace
}  // namespace ger::astro::detail
