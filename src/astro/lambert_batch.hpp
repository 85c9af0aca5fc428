// Batch Lambert solver for the 0-revolution hot path (porkchop grids, asteroid surveys): structure of
// arrays in, structure of arrays out, vectorised across problems (SSE4 / AVX2 / AVX-512 chosen at run
// time by Highway's dynamic dispatch, so one binary runs on any x86-64), plus a threaded driver.
//
// Every lane runs the same fixed number of Householder iterations with no per-lane branches, so a
// problem's answer does not depend on its neighbours, its position in the arrays, or the thread count.
// Results match solve_lambert (the scalar solver) to ~1e-13 relative: the vector transcendental
// functions (Highway contrib/math) differ from libm by a few ulp.
//
// Thread safety: pure functions; distinct calls may run concurrently. The threaded driver starts and
// joins its own std::jthread workers inside the call.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "astro/lambert.hpp"

namespace ger::astro {

struct LambertBatchInput {
    std::span<const double> r1x, r1y, r1z;  // [km] departure positions
    std::span<const double> r2x, r2y, r2z;  // [km] arrival positions
    std::span<const double> tof;            // [s] times of flight
    double mu = 0;                          // [km^3/s^2] one attractor for the whole batch
    LambertDirection direction = LambertDirection::prograde;
};

struct LambertBatchOutput {
    std::span<double> v1x, v1y, v1z;  // [km/s] departure velocities
    std::span<double> v2x, v2y, v2z;  // [km/s] arrival velocities
    std::span<LambertStatus> status;  // per problem; velocities are NaN unless ok
};

// Householder iterations every lane runs; after them, only lanes whose last step exceeded
// lambert_batch_step_tolerance iterate further (masked, up to lambert_max_iterations). Convergence is
// quartic, so a step below 1e-4 leaves an error ~C 1e-16 (C = O(1) here): on 2M standard problems
// the batch then matches the scalar solver to 5.6e-14, as with 1e-5 (3e-4 would give 3e-13).
// docs/PERFORMANCE.md records how often the extra steps run on the standard set.
inline constexpr int lambert_batch_iterations = 2;
inline constexpr double lambert_batch_step_tolerance = 1e-4;

// Solves input.tof.size() problems. Throws LambertError if the spans differ in length or mu is not
// finite and > 0; a bad individual problem (non-finite or zero position, tof <= 0) gets status
// invalid_input, a collinear one collinear.
void solve_lambert_batch(const LambertBatchInput& input, const LambertBatchOutput& output);

// The same on `threads` worker threads (0 = std::thread::hardware_concurrency()). Work is cut into
// fixed chunks independent of `threads`, so results are bit-identical for any thread count.
void solve_lambert_batch_threaded(const LambertBatchInput& input, const LambertBatchOutput& output,
                                  unsigned threads);

// The instruction set the dispatcher picked on this machine, e.g. "AVX3" (AVX-512) or "AVX2".
std::string lambert_batch_target();

}  // namespace ger::astro
