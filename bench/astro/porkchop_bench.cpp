// Porkchop throughput: a 1000 x 1000-day Earth-Mars grid (1 M cells, ephemeris sampling included),
// departures from 2033-01-01, arrivals from 2033-07-01, 1-day steps. Second argument 0: Type I cells only
// (transfer angle < 180 deg), 1: Types I and II; either way one prograde Lambert arc per solved cell.
// GER_SIMD (astro/simd.hpp) picks the instruction set, as for `ger`; the label names the one that ran. Figures and
// command: docs/PERFORMANCE.md ("Porkchop").
//   build-porkchop/bench_porkchop --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <string>
#include <thread>

#include "astro/lambert_batch.hpp"
#include "astro/porkchop.hpp"
#include "astro/simd.hpp"
#include "simd_limit_env.hpp"

namespace ger::astro {
namespace {

PorkchopRequest grid_1m(unsigned threads, bool both_types) {
    PorkchopRequest q;
    q.from = Body::earth;
    q.to = Body::mars;
    q.depart_first = parse_utc_iso8601("2033-01-01");
    q.depart_last = q.depart_first + ticks_from_seconds(999 * 86'400.0);
    q.arrive_first = parse_utc_iso8601("2033-07-01");
    q.arrive_last = q.arrive_first + ticks_from_seconds(999 * 86'400.0);
    q.type2 = both_types;
    q.threads = threads;
    return q;
}

void bm_porkchop_1m(benchmark::State& state) {
    const ErfaEphemeris eph;
    const auto q = grid_1m(static_cast<unsigned>(state.range(0)), state.range(1) != 0);
    std::size_t cells = 0;
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    for (auto _ : state) {
        const auto grid = compute_porkchop(q, eph);
        benchmark::DoNotOptimize(grid.cells(TransferType::type1).c3_km2_s2.data());
        cells += grid.cell_count();
    }
    getrusage(RUSAGE_SELF, &after);
    state.SetItemsProcessed(static_cast<std::int64_t>(cells));
    // Whether the grid's 56 MB came in huge pages (a few hundred faults) or 4 KiB ones (~14,000): see
    // astro/detail/large_buffer.hpp.
    state.counters["page_faults_per_grid"] =
        static_cast<double>(after.ru_minflt - before.ru_minflt) / static_cast<double>(state.iterations());
    state.SetLabel(lambert_batch_target() + (state.range(1) != 0 ? " types I+II" : " type I"));
    state.counters["hw_threads"] = std::thread::hardware_concurrency();
}
BENCHMARK(bm_porkchop_1m)->ArgsProduct({{1, 2}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime();

void bm_minimum_refine(benchmark::State& state) {
    const ErfaEphemeris eph;
    auto q = grid_1m(0, true);
    q.depart_step_days = q.second_step_days = 5;
    const auto grid = compute_porkchop(q, eph);
    for (auto _ : state) benchmark::DoNotOptimize(porkchop_minimum(grid, eph));
}
BENCHMARK(bm_minimum_refine)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ger::astro

int main(int argc, char** argv) {
    ger::astro::bench::limit_simd_from_environment();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
