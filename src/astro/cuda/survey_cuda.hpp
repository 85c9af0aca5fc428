// Internal: the survey's leg grids and their combination on a CUDA device (built when GER_WITH_CUDA). Plain C++
// interface (no CUDA types), used by astro/survey.cpp; the kernels live in survey_cuda.cu.
//
// Per object the device does what survey_target does on the CPU, with the same masks so it solves exactly the same
// legs: (1) return legs of the rows the host marks solvable, filtered as on the CPU; per row the first feasible
// return date and the minimum departure cost; (2) outbound legs only to arrival dates from which a feasible return
// reaches Earth in time, skipping those the host's node bound rules out; (3) prefix minima of the returns and, per
// launch, the best trajectory within a duration cap (the host reduces over launches and runs the binary search on
// the cap); (4) the feasible legs compacted for the host's exact dominance count. One 0-rev Izzo solve per thread
// in double precision (lambert_device.cuh mirrors astro/lambert.cpp).
//
// Thread-safety: a DeviceGrid is immutable after construction and may be shared; a DeviceContext (one CUDA stream
// and its buffers) belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "astro/vec3.hpp"

namespace ger::astro::cuda {

// What the runtime sees; never throws. `count` is 0 and `error` says why when no device can be used.
struct DeviceProbe {
    int count = 0;
    std::string name;   // device 0
    std::string error;  // cudaGetErrorString of the failure, empty when count > 0
};
DeviceProbe probe_devices();

// The survey grid as the kernels need it (see SurveyGrid; units as there).
struct GridParams {
    int K = 0, S = 0, D = 0;     // max leg steps, min stay steps, max duration steps
    int L = 0, stride = 1;       // launch dates, grid steps between them
    int nodes = 0;               // grid nodes (dates)
    double tau_s = 0;            // [s] grid step
    double max_total_dv = 0;     // [km/s] X
    double prune_limit = 0;      // [km/s] X + the pruning margin
    double inj_min = 0;          // [km/s] injection dv at C3 = 0
    double max_c3 = 0;           // [km^2/s^2]
    double max_entry = 0;        // [km/s]
    double mu_sun = 0;           // [km^3/s^2]
    double two_mu_earth_over_rp = 0, mu_earth_over_rp = 0;  // [km^2/s^2] injection: sqrt(C3 + a) - sqrt(b)
    double two_mu_earth_over_re = 0;                         // [km^2/s^2] entry: sqrt(vinf^2 + c)
    // Leg filter (detail/leg_plane_bound.hpp), as survey.cpp sets it.
    double prune_margin = 0;     // [km/s]
    double invariant_slack = 0;  // relative
    double ret_vinf_cap = 0;     // [km/s] return v-infinity the entry limit allows, plus the margin
};

// The Earth on the grid, uploaded once.
class DeviceGrid {
public:
    // Throws std::runtime_error naming the CUDA failure.
    DeviceGrid(const GridParams& params, const std::vector<Vec3>& earth_r, const std::vector<Vec3>& earth_v);
    ~DeviceGrid();
    DeviceGrid(const DeviceGrid&) = delete;
    DeviceGrid& operator=(const DeviceGrid&) = delete;
    const GridParams& params() const noexcept { return m_params; }
    const double* earth_r() const noexcept { return m_er; }  // device pointers, 3 doubles per node
    const double* earth_v() const noexcept { return m_ev; }

private:
    GridParams m_params;
    double* m_er = nullptr;
    double* m_ev = nullptr;
};

// One object's host-side inputs (node arrays of length params.nodes).
struct ObjectInput {
    const Vec3* ar = nullptr;                 // asteroid position [km] per node
    const Vec3* av = nullptr;                 // asteroid velocity [km/s] per node
    const double* out_need = nullptr;         // node bound on injection + arrival [km/s] (used when prune)
    const unsigned char* ret_row = nullptr;   // per node j2: 1 = solve the return legs leaving on j2
    bool prune = true;                        // also: filter legs (detail/leg_plane_bound.hpp)
    double ret_budget = 0;                    // [km/s] departure burn limit of the return-leg filter
};

// A trajectory on the grid: launch index, outbound steps k, departure node j2, return steps b.
struct DeviceChoice {
    double total = 0;
    int launch = -1, k = -1, j2 = -1, b = -1;
    bool found = false;
};

struct ObjectOutput {
    std::uint64_t legs_solved = 0;
    DeviceChoice min_dv, min_duration;  // found only when min_dv.total <= max_total_dv
    // Feasible legs for the count (DominanceCounter): return (j3, j2, d) and outbound (j0 + D, j1 + S, a).
    std::vector<int> point_j3, point_j2, query_b, query_a;
    std::vector<double> point_d, query_cost;
};

class DeviceContext {
public:
    explicit DeviceContext(const DeviceGrid& grid);  // allocates the per-object buffers (~200 MB at 1-day steps)
    ~DeviceContext();
    DeviceContext(const DeviceContext&) = delete;
    DeviceContext& operator=(const DeviceContext&) = delete;
    // Throws std::runtime_error naming the CUDA failure.
    void run(const ObjectInput& in, ObjectOutput& out);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ger::astro::cuda
