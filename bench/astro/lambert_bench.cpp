// Lambert throughput on the standard set (astro/lambert_standard_set.hpp: seeded, Sun, 0-rev,
// 0.7-1.7 au, 30-500 days). Figures and commands: docs/PERFORMANCE.md.
//   build-lambert/bench_lambert --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <array>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "astro/lambert.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/lambert_standard_set.hpp"

namespace ger::astro {
namespace {

// 1M problems = 56 MB of inputs and outputs: larger than the caches, as in a porkchop or survey sweep.
constexpr std::size_t batch_size = 1'000'000;

const LambertProblemSet& standard_set() {
    static const LambertProblemSet set = lambert_standard_set(batch_size);
    return set;
}

struct Outputs {
    std::vector<double> v[6];
    std::vector<LambertStatus> status;
    explicit Outputs(std::size_t n) : status(n) {
        for (auto& c : v) c.assign(n, 0.0);
    }
    LambertBatchOutput view() { return {v[0], v[1], v[2], v[3], v[4], v[5], status}; }
};

LambertBatchInput view(const LambertProblemSet& s) { return {s.r1x, s.r1y, s.r1z, s.r2x, s.r2y, s.r2z, s.tof, s.mu}; }

void bm_scalar(benchmark::State& state) {
    const auto& s = standard_set();
    const int max_revs = static_cast<int>(state.range(0));
    std::vector<LambertSolution> out(lambert_max_solutions(max_revs));
    std::size_t i = 0, solves = 0;
    for (auto _ : state) {
        const auto res = solve_lambert({s.r1x[i], s.r1y[i], s.r1z[i]}, {s.r2x[i], s.r2y[i], s.r2z[i]}, s.tof[i], s.mu,
                                       out, max_revs);
        benchmark::DoNotOptimize(out[0].v1);
        solves += res.count;
        if (++i == s.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(solves));
}
BENCHMARK(bm_scalar)->Arg(0)->Arg(3);

void bm_batch(benchmark::State& state) {
    const auto& s = standard_set();
    Outputs out(s.size());
    for (auto _ : state) {
        solve_lambert_batch(view(s), out.view());
        benchmark::DoNotOptimize(out.v[0].data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
    state.SetLabel(lambert_batch_target());
}
BENCHMARK(bm_batch)->Unit(benchmark::kMillisecond);

void bm_batch_threaded(benchmark::State& state) {
    const auto& s = standard_set();
    Outputs out(s.size());
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        solve_lambert_batch_threaded(view(s), out.view(), threads);
        benchmark::DoNotOptimize(out.v[0].data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
    state.SetLabel(lambert_batch_target());
}
BENCHMARK(bm_batch_threaded)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    }
    return "unknown";
}

}  // namespace
}  // namespace ger::astro

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::AddCustomContext("cpu_model", ger::astro::cpu_model());
    benchmark::AddCustomContext("lambert_simd_target", ger::astro::lambert_batch_target());
    benchmark::AddCustomContext("problem_set", "standard: seed 20150101, Sun DE440, 0-rev, 0.7-1.7 au, 30-500 d");
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
