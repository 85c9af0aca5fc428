// Lambert's problem: the conic arc from r1 to r2 in a given time of flight, solved by Izzo's method
// (D. Izzo, "Revisiting Lambert's problem", Celest. Mech. Dyn. Astr. 121:1-15, 2015).
//
// Units: positions [km], time of flight [s], gravitational parameter mu [km^3/s^2], velocities [km/s].
// The frame is whatever inertial frame r1 and r2 are given in; v1 and v2 come back in the same frame.
//
// Thread safety: every function here is pure (no shared state) and may be called from any thread.
// The batch call over many problems lives in astro/lambert_batch.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "astro/vec3.hpp"

namespace ger::astro {

// Sense of motion of the transfer, judged from above the xy plane of the input frame (+z):
// prograde = counter-clockwise, like the planets in the ecliptic frame.
enum class LambertDirection : std::uint8_t { prograde, retrograde };

// For N >= 1 revolutions there are two arcs for the same time of flight (when any). In Izzo's variable
// x (-1 < x < 1 for ellipses), T(x) has one minimum at x_Tmin: `left` is the root below it (started from
// Izzo's x0l, eq. 31) and `right` the root above it (from x0r). poliastro 0.17 calls `right`
// lowpath=True and `left` lowpath=False (tests/astro/lambert_poliastro_test.cpp checks the mapping).
enum class LambertBranch : std::uint8_t { single, left, right };

// Outcome per problem. Invalid input throws from the scalar call; the batch call reports it here instead.
enum class LambertStatus : std::uint8_t {
    ok = 0,
    collinear = 1,      // r1 and r2 parallel or antiparallel: the transfer plane is undefined
    not_converged = 2,  // Householder iterations hit their hard bound on some branch (that branch is omitted)
    invalid_input = 3,  // batch only: non-finite or zero position, tof <= 0 or mu <= 0
};

std::string_view lambert_status_name(LambertStatus status) noexcept;
std::string_view lambert_branch_name(LambertBranch branch) noexcept;

// One arc: velocities at r1 (departure) and at r2 (arrival).
struct LambertSolution {
    Vec3 v1;  // [km/s] velocity just after departure from r1
    Vec3 v2;  // [km/s] velocity on arrival at r2
    int revs = 0;  // complete revolutions N before arrival
    LambertBranch branch = LambertBranch::single;
    int iterations = 0;  // Householder iterations used (diagnostics)
};

struct LambertResult {
    std::size_t count = 0;  // solutions written to the front of the caller's storage
    LambertStatus status = LambertStatus::ok;
};

// Thrown for input that cannot describe a Lambert problem; the message names the argument and its value.
class LambertError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Storage the caller must provide for a given max_revs: one 0-rev arc plus two per revolution count.
constexpr std::size_t lambert_max_solutions(int max_revs) {
    return 1 + 2 * static_cast<std::size_t>(max_revs < 0 ? 0 : max_revs);
}

// Hard bound on Householder iterations per branch; convergence is quartic, so a healthy solve needs 2-5.
inline constexpr int lambert_max_iterations = 20;

// Solves for every arc with 0..max_revs complete revolutions, writing them to `out` in the order
// 0-rev, then (N=1 left, N=1 right), (N=2 left, N=2 right), ... Revolution counts whose minimum time of
// flight exceeds tof have no arc and are skipped, so `count` may be below lambert_max_solutions(max_revs).
// Allocates nothing. Throws LambertError for non-finite or zero r1/r2, non-finite or non-positive
// tof_s or mu, max_revs < 0, or out.size() < lambert_max_solutions(max_revs).
// A collinear geometry (transfer angle 0 or pi, to within lambert_collinear_sin) returns count 0 and
// status collinear rather than an arbitrary plane.
LambertResult solve_lambert(const Vec3& r1_km, const Vec3& r2_km, double tof_s, double mu_km3_s2,
                            std::span<LambertSolution> out, int max_revs = 0,
                            LambertDirection direction = LambertDirection::prograde);

// |r1 x r2| / (|r1| |r2|) below this counts as collinear: the plane normal then carries a relative
// rounding error above 1e-16 / 1e-10 = 1e-6 rad, too coarse for the 1e-8 velocity accuracy promised.
inline constexpr double lambert_collinear_sin = 1e-10;

}  // namespace ger::astro
