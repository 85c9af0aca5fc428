// The survey's time-of-flight leg test (leg_tof_bound.hpp) over a batch of legs that share their first end,
// vectorised and dispatched to the widest instruction set the CPU has. Internal to survey.cpp.
#pragma once

#include <cstddef>

#include "astro/detail/leg_plane_bound.hpp"

namespace ger::astro::detail {

// Per leg: the second end's position [km] and its body's velocity there [km/s], and the time of flight [s].
struct TofFilterBatch {
    const double *r2x, *r2y, *r2z, *w2x, *w2y, *w2z, *tof;
};

// keep[m] = leg_tof_may_fit(fixed, the LegEnd of leg m's second end, tof[m], b1, b2, slack, mu) for m < count, up to
// the last ulp of the transcendentals (both are far inside the test's margins).
void legs_tof_may_fit(const LegEnd& fixed, const TofFilterBatch& batch, std::size_t count, double b1, double b2,
                      double slack, double mu, unsigned char* keep);

}  // namespace ger::astro::detail
