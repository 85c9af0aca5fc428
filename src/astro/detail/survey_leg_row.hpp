// One row of survey legs screened before their Lambert solve: the geometric test (leg_plane_bound.hpp) and the
// time-of-flight test (leg_tof_bound.hpp) in one vectorised pass over the row's dates, writing the legs that pass
// both straight into the solver's inputs. Dispatched at run time like the Lambert batch. Internal to survey.cpp.
//
// Why one pass: the time-of-flight test needs the plane quantities the geometric test has just computed (the
// normal, each end's velocity and momentum along it), and the legs a row keeps lie in runs of dates, so a vector
// of legs the geometric test rejects entirely skips the dearer test. Two passes computed those quantities twice
// and queued and compacted the legs between them one by one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "astro/detail/leg_plane_bound.hpp"
#include "astro/vec3.hpp"

namespace ger::astro::detail {

// How far past a row's last date screen_leg_row may read its columns (and the need column), and write past the
// kept legs in its outputs: whole vectors of the widest instruction set. LegEndTable pads its columns so.
inline constexpr std::size_t leg_row_padding = 8;

// Plain pointers to one LegEnd field array each, and to the radial speeds (only the row screen tabulates them; the
// scalar test forms them per leg), offset to a row's first date.
struct LegEndColumns {
    const double *rx, *ry, *rz, *wx, *wy, *wz, *hx, *hy, *hz, *q, *s, *u, *mu_s;
    const double* vr;  // [km/s] the body's radial speed r . w / |r|
};

// LegEnds for dates 0..n-1, structure of arrays so the row screen reads them with vector loads; each column is
// followed by leg_row_padding copies of its last date.
class LegEndTable {
public:
    // r [km] and w [km/s] per date, mu [km^3/s^2].
    void assign(std::span<const Vec3> r, std::span<const Vec3> w, double mu);
    LegEnd at(std::size_t j) const noexcept {
        return {rx[j], ry[j], rz[j], wx[j], wy[j], wz[j], hx[j], hy[j], hz[j], q[j], s[j], u[j], mu_s[j]};
    }
    LegEndColumns from(std::size_t first) const noexcept;

private:
    std::vector<double> rx, ry, rz, wx, wy, wz, hx, hy, hz, q, s, u, mu_s, vr;
};

// The kept legs' solver inputs, one entry per kept leg in date order; each array has room for count +
// leg_row_padding entries.
struct LegRowOutput {
    double *r2x, *r2y, *r2z;  // [km] the second end
    double* tof;              // [s]
    std::int64_t* steps;      // the leg's length in steps (1..count)
};

// The row's limits: burns b1 at the fixed end and b2 at the other [km/s] (leg_plane_bound.hpp), the relative slack
// of both tests, mu [km^3/s^2], the grid step [s]. When need != nullptr, the leg to date m is also dropped where
// need[m] + need_offset > need_limit (a date whose own bound rules it out).
struct LegRowLimits {
    double b1 = 0, b2 = 0, slack = 0, mu = 0, step_s = 0;
    const double* need = nullptr;
    double need_offset = 0, need_limit = 0;
};

// Screens the `count` legs from `fixed` to the dates of `other` (leg m, 0-based: m + 1 steps, time of flight
// (m + 1) step_s). A leg is kept exactly when, up to the last ulp of the transcendentals, its need passes,
// leg_may_fit(fixed, end, b1, b2, slack) and leg_tof_may_fit(fixed, end, tof, b1, b2, slack, mu) all hold.
// Returns how many were kept.
std::size_t screen_leg_row(const LegEnd& fixed, const LegEndColumns& other, std::size_t count,
                           const LegRowLimits& limits, const LegRowOutput& out);

}  // namespace ger::astro::detail
