// Roadmap chart throughput on a fixed synthetic data set: 100 agencies, 20,000 missions over 2000-2040
// (seed 2024). Reports the layout alone and layout + SVG (the `ger roadmap --svg` path), missions/s and the
// SVG size. Goal: SVG under 1 s.
#include <chrono>
#include <iostream>
#include <thread>

#include "render/roadmap_chart.hpp"
#include "synthetic_dataset.hpp"

#if GER_HAVE_GOOGLE_BENCHMARK
#include <benchmark/benchmark.h>
#endif

namespace {

const ger::model::Dataset& dataset() {
    static const ger::model::Dataset data = [] {
        ger::render::testing::SyntheticSpec spec;
        spec.agencies = 100;
        spec.missions = 20000;
        spec.first_year = 2000;
        spec.last_year = 2040;
        spec.seed = 2024;
        return ger::render::testing::synthetic_dataset(spec);
    }();
    return data;
}

}  // namespace

#if GER_HAVE_GOOGLE_BENCHMARK

static void BM_RoadmapLayout(benchmark::State& state) {
    const auto& data = dataset();
    const ger::render::RoadmapChartOptions options;
    for (auto _ : state) benchmark::DoNotOptimize(ger::render::layout_roadmap(data, options));
    state.SetItemsProcessed(state.iterations() * static_cast<long>(data.missions.size()));
}
BENCHMARK(BM_RoadmapLayout)->Unit(benchmark::kMillisecond);

static void BM_RoadmapSvg(benchmark::State& state) {
    const auto& data = dataset();
    const ger::render::RoadmapChartOptions options;
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto svg = ger::render::roadmap_svg(data, options);
        bytes = svg.size();
        benchmark::DoNotOptimize(svg.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<long>(data.missions.size()));
    state.counters["svg_MB"] = static_cast<double>(bytes) / 1e6;
    const auto layout = ger::render::layout_roadmap(data, options);
    state.counters["height_m"] = layout.height_mm() / 1000.0;
}
BENCHMARK(BM_RoadmapSvg)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    std::cout << "machine: " << std::thread::hardware_concurrency() << " hardware threads\n";
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}

#else

int main() {
    const auto& data = dataset();
    const ger::render::RoadmapChartOptions options;
    constexpr int repeats = 5;
    double best = 1e300;
    std::size_t bytes = 0;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto svg = ger::render::roadmap_svg(data, options);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
        bytes = svg.size();
    }
    std::cout << "roadmap_svg, " << data.missions.size() << " missions: best of " << repeats << " " << best * 1e3
              << " ms (" << static_cast<double>(data.missions.size()) / best << " missions/s), " << bytes / 1e6
              << " MB\n";
}

#endif
