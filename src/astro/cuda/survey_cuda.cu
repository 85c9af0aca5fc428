// The survey's per-object device pipeline (survey_cuda.hpp explains what each step mirrors in survey.cpp).
#include "astro/cuda/survey_cuda.hpp"

#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "astro/cuda/lambert_device.cuh"
#include "astro/detail/leg_plane_bound.hpp"
#include "astro/detail/leg_tof_bound.hpp"

namespace ger::astro::cuda {
namespace {

constexpr int block_threads = 128;
constexpr std::uint64_t inf_bits = 0x7ff0000000000000ULL;  // +inf as an IEEE 754 bit pattern
constexpr int no_date = std::numeric_limits<int>::max();

void check(cudaError_t e, const char* what) {
    if (e != cudaSuccess) throw std::runtime_error(std::string("CUDA: ") + what + ": " + cudaGetErrorString(e));
}

template <class T>
T* device_alloc(std::size_t n, const char* what) {
    void* p = nullptr;
    check(cudaMalloc(&p, n * sizeof(T) + 1), what);
    return static_cast<T*>(p);
}

// Warp-wide minimum of a double (non-negative values and +inf: the IEEE bit patterns order like the values).
__device__ inline double warp_min(double v) {
    for (int o = 16; o > 0; o >>= 1) v = fmin(v, __shfl_down_sync(0xffffffffu, v, o));
    return v;
}

// A node's LegEnd, computed as detail::LegEndTable::assign does on the host.
__device__ inline detail::LegEnd leg_end(const double* r, const double* w, int j, double mu) {
    const D3 rv = load3(r, j), wv = load3(w, j);
    const D3 h = cross3(rv, wv);
    const double q = dot3(rv, rv);
    const double s = sqrt(q);
    return {rv.x, rv.y, rv.z, wv.x, wv.y, wv.z, h.x, h.y, h.z, q, s, norm3(wv), mu / s};
}

struct DevParams {
    GridParams g;
    const double *er, *ev;  // Earth per node
    const double *ar, *av;  // asteroid per node
};

// 1. Return legs: one thread per (row r, b - 1). The row is j2 = S + 1 + r.
__global__ void k_returns(DevParams p, const unsigned char* ret_row, bool prune, double ret_budget, double* ret_cost,
                          int* first, unsigned long long* dmin_bits, unsigned long long* legs) {
    const GridParams& g = p.g;
    const int r = blockIdx.y;
    const int b = blockIdx.x * blockDim.x + threadIdx.x + 1;
    const int j2 = g.S + 1 + r, jlast = g.nodes - 1;
    const int n = ret_row[j2] ? min(g.K, jlast - j2) : 0;
    double cost = INFINITY;
    int date = no_date;
    const int j3 = j2 + b;
    bool solved = b <= n;
    if (solved && prune) {
        // The host's order: the geometric filter, then the time-of-flight test (survey.cpp, LegRow).
        const detail::LegEnd from = leg_end(p.ar, p.av, j2, g.mu_sun), to = leg_end(p.er, p.ev, j3, g.mu_sun);
        solved = detail::leg_may_fit(from, to, ret_budget, g.ret_vinf_cap, g.invariant_slack) &&
                 detail::leg_tof_may_fit(from, to, b * g.tau_s, ret_budget, g.ret_vinf_cap, g.invariant_slack,
                                         g.mu_sun);
    }
    if (solved) {
        D3 v1, v2;
        if (lambert0(load3(p.ar, j2), load3(p.er, j3), b * g.tau_s, g.mu_sun, v1, v2)) {
            // ret_leg_value
            const double dep = norm3(sub(v1, load3(p.av, j2)));
            const double vinf = norm3(sub(v2, load3(p.ev, j3)));
            const double entry = sqrt(vinf * vinf + g.two_mu_earth_over_re);
            const bool ok = entry <= g.max_entry && isfinite(dep);
            const double c = ok ? dep : INFINITY;
            if (isfinite(c) && g.inj_min + c <= g.max_total_dv) {
                cost = c;
                date = j3;
            }
        }
    }
    if (b <= g.K) ret_cost[static_cast<std::size_t>(r) * g.K + (b - 1)] = cost;
    const int wd = __reduce_min_sync(0xffffffffu, static_cast<unsigned>(date));
    const double wc = warp_min(cost);
    const unsigned count = __popc(__ballot_sync(0xffffffffu, solved));
    if ((threadIdx.x & 31) == 0) {
        if (wd != no_date) atomicMin(&first[r], wd);
        if (isfinite(wc)) atomicMin(dmin_bits, static_cast<unsigned long long>(__double_as_longlong(wc)));
        if (count > 0) atomicAdd(legs, static_cast<unsigned long long>(count));
    }
}

// 2. Outbound legs: one thread per (launch i, k - 1). `earliest` is non-decreasing in j2 (a suffix minimum), so
// "every arrival up to j0 + k has a feasible return in time" is a test at j0 + k alone.
__global__ void k_outbound(DevParams p, const int* earliest, const double* out_need, bool prune, double dmin,
                           detail::OutboundLegCaps caps, double* out_cost, unsigned char* row_any,
                           unsigned long long* legs) {
    const GridParams& g = p.g;
    const int i = blockIdx.y;
    const int k = blockIdx.x * blockDim.x + threadIdx.x + 1;
    const int j0 = i * g.stride, j2max = g.nodes - 2;
    double cost = INFINITY;
    bool solved = false;
    if (k <= g.K) {
        const int a2 = j0 + k + g.S;
        const bool use = a2 <= j2max && earliest[a2] <= j0 + g.D;
        const int j1 = j0 + k;
        bool wanted = use;
        if (wanted && prune) {
            const detail::LegEnd from = leg_end(p.er, p.ev, j0, g.mu_sun), to = leg_end(p.ar, p.av, j1, g.mu_sun);
            wanted = !(out_need[j1] + dmin > g.prune_limit) &&
                     detail::leg_may_fit(from, to, caps.vinf, caps.arrival, g.invariant_slack) &&
                     detail::leg_tof_may_fit(from, to, k * g.tau_s, caps.vinf, caps.arrival, g.invariant_slack,
                                             g.mu_sun);
        }
        if (wanted) {
            solved = true;
            D3 v1, v2;
            if (lambert0(load3(p.er, j0), load3(p.ar, j1), k * g.tau_s, g.mu_sun, v1, v2)) {
                // out_leg_value
                const D3 vinf = sub(v1, load3(p.ev, j0));
                const double c3 = dot3(vinf, vinf);
                const double inj = sqrt(c3 + g.two_mu_earth_over_rp) - sqrt(g.mu_earth_over_rp);
                const double arr = norm3(sub(v2, load3(p.av, j1)));
                const bool ok = c3 <= g.max_c3 && isfinite(inj) && isfinite(arr);
                const double c = ok ? inj + arr : INFINITY;
                if (isfinite(c) && c + dmin <= g.max_total_dv) {
                    cost = c;
                    row_any[i] = 1;
                }
            }
        }
        out_cost[static_cast<std::size_t>(i) * g.K + (k - 1)] = cost;
    }
    const unsigned count = __popc(__ballot_sync(0xffffffffu, solved));
    if ((threadIdx.x & 31) == 0 && count > 0) atomicAdd(legs, static_cast<unsigned long long>(count));
}

// 3a. Prefix minima over b of each return row, with the first b attaining them.
__global__ void k_prefix(int rows, int K, const double* ret_cost, double* pmin, std::uint16_t* parg) {
    const int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    double m = INFINITY;
    std::uint16_t arg = 0;
    const std::size_t base = static_cast<std::size_t>(r) * K;
    for (int b = 0; b < K; ++b) {
        const double v = ret_cost[base + b];
        if (v < m) {
            m = v;
            arg = static_cast<std::uint16_t>(b + 1);
        }
        pmin[base + b] = m;
        parg[base + b] = arg;
    }
}

// 3b. Per launch, the best trajectory with duration <= dcap steps: survey.cpp best_within's inner loops fused
// (the suffix minimum over departures is consumed as it is built, so no per-thread array). Ties: least k, then the
// least departure j2, then the least b, as on the CPU.
struct LaunchBest {
    double total;
    int k, j2, b;
};
__global__ void k_best(GridParams g, int dcap, const double* out_cost, const unsigned char* row_any,
                       const double* pmin, const std::uint16_t* parg, LaunchBest* best) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= g.L) return;
    LaunchBest res{INFINITY, -1, -1, -1};
    if (row_any[i]) {
        const int j0 = i * g.stride, B = j0 + dcap, j2min = g.S + 1;
        const int kmax = min(g.K, dcap - g.S - 1);
        const double* row = out_cost + static_cast<std::size_t>(i) * g.K;
        double cur = INFINITY;
        int arg = -1;
        for (int j2 = B - 1; j2 >= j0 + 1 + g.S; --j2) {
            const int beta = min(g.K, B - j2);
            const double v = pmin[static_cast<std::size_t>(j2 - j2min) * g.K + (beta - 1)];
            if (v <= cur) {
                cur = v;
                arg = j2;
            }
            const int k = j2 - j0 - g.S;
            if (k > kmax) continue;
            const double a = row[k - 1];
            if (!isfinite(a)) continue;
            const double total = a + cur;
            if (total <= res.total && total < INFINITY) {
                const int bb = min(g.K, B - arg);
                res = {total, k, arg, parg[static_cast<std::size_t>(arg - j2min) * g.K + (bb - 1)]};
            }
        }
    }
    best[i] = res;
}

// 4. Feasible legs, compacted for the host's dominance count (order is irrelevant to a count).
__global__ void k_points(int rows, int K, int j2min, const double* ret_cost, int* j3s, int* j2s, double* ds,
                         unsigned* n) {
    const std::size_t idx = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= static_cast<std::size_t>(rows) * K) return;
    const double v = ret_cost[idx];
    if (!isfinite(v)) return;
    const int r = static_cast<int>(idx / K), b = static_cast<int>(idx % K) + 1;
    const unsigned at = atomicAdd(n, 1u);
    j3s[at] = j2min + r + b;
    j2s[at] = j2min + r;
    ds[at] = v;
}
__global__ void k_queries(GridParams g, const double* out_cost, const unsigned char* row_any, int* bs, int* as,
                          double* cs, unsigned* n) {
    const std::size_t idx = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= static_cast<std::size_t>(g.L) * g.K) return;
    const int i = static_cast<int>(idx / g.K), k = static_cast<int>(idx % g.K) + 1;
    if (!row_any[i]) return;
    const double a = out_cost[idx];
    if (!isfinite(a)) return;
    const int j0 = i * g.stride;
    const unsigned at = atomicAdd(n, 1u);
    bs[at] = j0 + g.D;
    as[at] = j0 + k + g.S;
    cs[at] = a;
}

}  // namespace

DeviceProbe probe_devices() {
    DeviceProbe p;
    int n = 0;
    const cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess) {
        p.error = cudaGetErrorString(e);
        cudaGetLastError();  // clear the sticky-free error so later calls start clean
        return p;
    }
    if (n == 0) {
        p.error = "no CUDA device";
        return p;
    }
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess) p.name = prop.name;
    p.count = n;
    return p;
}

DeviceGrid::DeviceGrid(const GridParams& params, const std::vector<Vec3>& earth_r, const std::vector<Vec3>& earth_v)
    : m_params(params) {
    static_assert(sizeof(Vec3) == 3 * sizeof(double));
    // Workers wait for their kernels asleep, not spinning: the host's share (bounds, Kepler states, the exact count)
    // is the larger half, and a spinning wait would take a core from it. Only possible before the context exists;
    // later calls keep whatever the first one set.
    if (cudaSetDeviceFlags(cudaDeviceScheduleBlockingSync) != cudaSuccess) cudaGetLastError();
    const auto n = static_cast<std::size_t>(params.nodes);
    if (earth_r.size() < n || earth_v.size() < n) throw std::runtime_error("CUDA survey: Earth table shorter than the grid");
    m_er = device_alloc<double>(3 * n, "cudaMalloc earth r");
    m_ev = device_alloc<double>(3 * n, "cudaMalloc earth v");
    check(cudaMemcpy(m_er, earth_r.data(), 3 * n * sizeof(double), cudaMemcpyHostToDevice), "upload earth r");
    check(cudaMemcpy(m_ev, earth_v.data(), 3 * n * sizeof(double), cudaMemcpyHostToDevice), "upload earth v");
}

DeviceGrid::~DeviceGrid() {
    cudaFree(m_er);
    cudaFree(m_ev);
}

struct DeviceContext::Impl {
    const DeviceGrid* grid = nullptr;
    cudaStream_t stream = nullptr;
    int rows = 0;
    std::size_t ret_n = 0, out_n = 0;
    double *ar = nullptr, *av = nullptr, *out_need = nullptr;
    unsigned char *ret_row = nullptr, *row_any = nullptr;
    double *ret_cost = nullptr, *pmin = nullptr, *out_cost = nullptr;
    std::uint16_t* parg = nullptr;
    int *first = nullptr, *earliest = nullptr;
    unsigned long long *dmin_bits = nullptr, *legs = nullptr;
    LaunchBest* best = nullptr;
    int *pj3 = nullptr, *pj2 = nullptr, *qb = nullptr, *qa = nullptr;
    double *pd = nullptr, *qc = nullptr;
    unsigned* counts = nullptr;
    // Host mirrors.
    std::vector<int> h_first, h_earliest;
    std::vector<LaunchBest> h_best;

    void sync() { check(cudaStreamSynchronize(stream), "survey kernels"); }
    DeviceChoice best_within(int dcap);
};

DeviceContext::DeviceContext(const DeviceGrid& grid) : m_impl(std::make_unique<Impl>()) {
    auto& m = *m_impl;
    const auto& g = grid.params();
    m.grid = &grid;
    // Rows and launches are the grid's y dimension (at most 65535: 179 years of 1-day steps).
    if (g.nodes - 2 - g.S > 65535 || g.L > 65535) throw std::runtime_error("CUDA survey: grid longer than 65535 steps");
    check(cudaStreamCreateWithFlags(&m.stream, cudaStreamNonBlocking), "cudaStreamCreate");
    const auto nodes = static_cast<std::size_t>(g.nodes);
    m.rows = g.nodes - 2 - g.S;  // j2 in [S + 1, nodes - 2]
    m.ret_n = static_cast<std::size_t>(m.rows) * static_cast<std::size_t>(g.K);
    m.out_n = static_cast<std::size_t>(g.L) * static_cast<std::size_t>(g.K);
    m.ar = device_alloc<double>(3 * nodes, "cudaMalloc");
    m.av = device_alloc<double>(3 * nodes, "cudaMalloc");
    m.out_need = device_alloc<double>(nodes, "cudaMalloc");
    m.ret_row = device_alloc<unsigned char>(nodes, "cudaMalloc");
    m.row_any = device_alloc<unsigned char>(static_cast<std::size_t>(g.L), "cudaMalloc");
    m.ret_cost = device_alloc<double>(m.ret_n, "cudaMalloc return legs");
    m.pmin = device_alloc<double>(m.ret_n, "cudaMalloc prefix minima");
    m.parg = device_alloc<std::uint16_t>(m.ret_n, "cudaMalloc prefix argmin");
    m.out_cost = device_alloc<double>(m.out_n, "cudaMalloc outbound legs");
    m.first = device_alloc<int>(static_cast<std::size_t>(m.rows), "cudaMalloc");
    m.earliest = device_alloc<int>(nodes + 1, "cudaMalloc");
    m.dmin_bits = device_alloc<unsigned long long>(2, "cudaMalloc");
    m.legs = m.dmin_bits + 1;
    m.best = device_alloc<LaunchBest>(static_cast<std::size_t>(g.L), "cudaMalloc");
    m.pj3 = device_alloc<int>(m.ret_n, "cudaMalloc");
    m.pj2 = device_alloc<int>(m.ret_n, "cudaMalloc");
    m.pd = device_alloc<double>(m.ret_n, "cudaMalloc");
    m.qb = device_alloc<int>(m.out_n, "cudaMalloc");
    m.qa = device_alloc<int>(m.out_n, "cudaMalloc");
    m.qc = device_alloc<double>(m.out_n, "cudaMalloc");
    m.counts = device_alloc<unsigned>(2, "cudaMalloc");
    m.h_first.resize(static_cast<std::size_t>(m.rows));
    m.h_earliest.resize(nodes + 1);
    m.h_best.resize(static_cast<std::size_t>(g.L));
}

DeviceContext::~DeviceContext() {
    auto& m = *m_impl;
    if (m.stream != nullptr) cudaStreamSynchronize(m.stream);
    for (void* p : {static_cast<void*>(m.ar), static_cast<void*>(m.av), static_cast<void*>(m.out_need),
                    static_cast<void*>(m.ret_row), static_cast<void*>(m.row_any), static_cast<void*>(m.ret_cost),
                    static_cast<void*>(m.pmin), static_cast<void*>(m.parg), static_cast<void*>(m.out_cost),
                    static_cast<void*>(m.first), static_cast<void*>(m.earliest), static_cast<void*>(m.dmin_bits),
                    static_cast<void*>(m.best), static_cast<void*>(m.pj3), static_cast<void*>(m.pj2),
                    static_cast<void*>(m.pd), static_cast<void*>(m.qb), static_cast<void*>(m.qa),
                    static_cast<void*>(m.qc), static_cast<void*>(m.counts)}) {
        cudaFree(p);
    }
    if (m.stream != nullptr) cudaStreamDestroy(m.stream);
}

DeviceChoice DeviceContext::Impl::best_within(int dcap) {
    const auto& g = grid->params();
    k_best<<<(g.L + block_threads - 1) / block_threads, block_threads, 0, stream>>>(g, dcap, out_cost, row_any, pmin,
                                                                                    parg, best);
    check(cudaGetLastError(), "k_best launch");
    check(cudaMemcpyAsync(h_best.data(), best, h_best.size() * sizeof(LaunchBest), cudaMemcpyDeviceToHost, stream),
          "download best");
    sync();
    // Launches in order, strictly better only: the least launch index among ties, as on the CPU.
    DeviceChoice c;
    c.total = INFINITY;
    for (int i = 0; i < g.L; ++i) {
        const auto& b = h_best[static_cast<std::size_t>(i)];
        if (b.total < c.total) c = {b.total, i, b.k, b.j2, b.b, true};
    }
    return c;
}

void DeviceContext::run(const ObjectInput& in, ObjectOutput& out) {
    auto& m = *m_impl;
    const auto& g = m.grid->params();
    const auto nodes = static_cast<std::size_t>(g.nodes);
    out = ObjectOutput{};
    DevParams p{g, m.grid->earth_r(), m.grid->earth_v(), m.ar, m.av};
    check(cudaMemcpyAsync(m.ar, in.ar, 3 * nodes * sizeof(double), cudaMemcpyHostToDevice, m.stream), "upload");
    check(cudaMemcpyAsync(m.av, in.av, 3 * nodes * sizeof(double), cudaMemcpyHostToDevice, m.stream), "upload");
    check(cudaMemcpyAsync(m.ret_row, in.ret_row, nodes, cudaMemcpyHostToDevice, m.stream), "upload");
    if (in.prune) {
        check(cudaMemcpyAsync(m.out_need, in.out_need, nodes * sizeof(double), cudaMemcpyHostToDevice, m.stream), "upload");
    }
    check(cudaMemsetAsync(m.first, 0x7f, static_cast<std::size_t>(m.rows) * sizeof(int), m.stream), "memset");
    const unsigned long long init[2] = {inf_bits, 0};
    check(cudaMemcpyAsync(m.dmin_bits, init, sizeof(init), cudaMemcpyHostToDevice, m.stream), "upload");

    // 1. Return legs.
    const int jlast = g.nodes - 1;
    const dim3 ret_grid((g.K + block_threads - 1) / block_threads, static_cast<unsigned>(m.rows));
    k_returns<<<ret_grid, block_threads, 0, m.stream>>>(p, m.ret_row, in.prune, in.ret_budget, m.ret_cost, m.first,
                                                         m.dmin_bits, m.legs);
    check(cudaGetLastError(), "k_returns launch");
    unsigned long long dmin_bits = 0, legs_ret = 0;
    check(cudaMemcpyAsync(&legs_ret, m.legs, sizeof(legs_ret), cudaMemcpyDeviceToHost, m.stream), "download");
    check(cudaMemsetAsync(m.legs, 0, sizeof(unsigned long long), m.stream), "memset");
    check(cudaMemcpyAsync(m.h_first.data(), m.first, m.h_first.size() * sizeof(int), cudaMemcpyDeviceToHost, m.stream),
          "download");
    check(cudaMemcpyAsync(&dmin_bits, m.dmin_bits, sizeof(dmin_bits), cudaMemcpyDeviceToHost, m.stream), "download");
    m.sync();
    double dmin = 0;
    static_assert(sizeof(dmin) == sizeof(dmin_bits));
    std::memcpy(&dmin, &dmin_bits, sizeof(dmin));
    out.legs_solved = legs_ret;
    if (!std::isfinite(dmin)) return;
    // memset 0x7f gives 0x7f7f7f7f for "none": map it to no_date before the suffix minimum.
    std::fill(m.h_earliest.begin(), m.h_earliest.end(), no_date);
    for (int j2 = jlast - 1; j2 >= g.S + 1; --j2) {
        int f = m.h_first[static_cast<std::size_t>(j2 - g.S - 1)];
        if (f == 0x7f7f7f7f) f = no_date;
        m.h_earliest[static_cast<std::size_t>(j2)] = std::min(f, m.h_earliest[static_cast<std::size_t>(j2) + 1]);
    }
    check(cudaMemcpyAsync(m.earliest, m.h_earliest.data(), m.h_earliest.size() * sizeof(int), cudaMemcpyHostToDevice,
                          m.stream),
          "upload");

    // 2. Outbound legs.
    check(cudaMemsetAsync(m.row_any, 0, static_cast<std::size_t>(g.L), m.stream), "memset");
    const dim3 out_grid((g.K + block_threads - 1) / block_threads, static_cast<unsigned>(g.L));
    const auto caps = detail::outbound_leg_caps(g.prune_limit - dmin, g.max_c3, g.mu_earth_over_rp, g.inj_min,
                                                g.prune_margin);
    k_outbound<<<out_grid, block_threads, 0, m.stream>>>(p, m.earliest, m.out_need, in.prune, dmin, caps, m.out_cost,
                                                          m.row_any, m.legs);
    check(cudaGetLastError(), "k_outbound launch");
    // 3. Prefix minima, then the best within the longest duration.
    k_prefix<<<(m.rows + block_threads - 1) / block_threads, block_threads, 0, m.stream>>>(m.rows, g.K, m.ret_cost,
                                                                                           m.pmin, m.parg);
    check(cudaGetLastError(), "k_prefix launch");
    unsigned long long legs_out = 0;
    check(cudaMemcpyAsync(&legs_out, m.legs, sizeof(legs_out), cudaMemcpyDeviceToHost, m.stream), "download");
    const DeviceChoice best = m.best_within(g.D);  // synchronises
    out.legs_solved += legs_out;
    if (!(best.total <= g.max_total_dv)) return;
    out.min_dv = best;
    int lo = g.S + 2, hi = g.D;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (m.best_within(mid).total <= g.max_total_dv) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    out.min_duration = m.best_within(lo);

    // 4. Feasible legs for the count.
    check(cudaMemsetAsync(m.counts, 0, 2 * sizeof(unsigned), m.stream), "memset");
    k_points<<<static_cast<unsigned>((m.ret_n + block_threads - 1) / block_threads), block_threads, 0, m.stream>>>(
        m.rows, g.K, g.S + 1, m.ret_cost, m.pj3, m.pj2, m.pd, m.counts);
    check(cudaGetLastError(), "k_points launch");
    k_queries<<<static_cast<unsigned>((m.out_n + block_threads - 1) / block_threads), block_threads, 0, m.stream>>>(
        g, m.out_cost, m.row_any, m.qb, m.qa, m.qc, m.counts + 1);
    check(cudaGetLastError(), "k_queries launch");
    unsigned counts[2] = {0, 0};
    check(cudaMemcpyAsync(counts, m.counts, sizeof(counts), cudaMemcpyDeviceToHost, m.stream), "download");
    m.sync();
    out.point_j3.resize(counts[0]);
    out.point_j2.resize(counts[0]);
    out.point_d.resize(counts[0]);
    out.query_b.resize(counts[1]);
    out.query_a.resize(counts[1]);
    out.query_cost.resize(counts[1]);
    const auto get = [&](void* dst, const void* src, std::size_t bytes) {
        if (bytes > 0) check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, m.stream), "download legs");
    };
    get(out.point_j3.data(), m.pj3, counts[0] * sizeof(int));
    get(out.point_j2.data(), m.pj2, counts[0] * sizeof(int));
    get(out.point_d.data(), m.pd, counts[0] * sizeof(double));
    get(out.query_b.data(), m.qb, counts[1] * sizeof(int));
    get(out.query_a.data(), m.qa, counts[1] * sizeof(int));
    get(out.query_cost.data(), m.qc, counts[1] * sizeof(double));
    m.sync();
}

}  // namespace ger::astro::cuda
