// Per-lane cost of the survey's two steps for a return leg, on rows shaped like the survey's: the asteroid fixed
// at one departure date, the Earth on the next 441 days. The row screen (survey_leg_row.hpp: the geometric and the
// time-of-flight tests in one pass, writing the kept legs' solver inputs) and the Lambert batch on every lane, each
// over whole rows; items/s = lanes/s. GER_SIMD (astro/simd.hpp) picks the instruction set, as for `ger`. Figures and
// commands: docs/PERFORMANCE.md ("Survey").
//   build/bench_survey_filters --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "astro/constants.hpp"
#include "astro/detail/survey_leg_row.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/simd.hpp"
#include "simd_limit_env.hpp"

namespace ger::astro {
namespace {

constexpr std::size_t row_lanes = 441;  // the NHATS grid's longest leg [days]
constexpr int rows = 64;
constexpr double departure_budget = 7.0, vinf_cap = 4.627;  // [km/s], the return legs' typical limits

struct Rows {
    std::vector<detail::LegEnd> asteroid;  // per row
    detail::LegEndTable earth;             // row_lanes + rows days
    std::vector<Vec3> er, ev;
    Rows() {
        const double au = 149597870.7, n = std::sqrt(gm_sun_km3_s2 / (au * au * au));
        const std::size_t days = row_lanes + rows;
        for (std::size_t j = 0; j < days; ++j) {
            const double a = n * 86400.0 * static_cast<double>(j), v = n * au;
            er.push_back({au * std::cos(a), au * std::sin(a), 0});
            ev.push_back({-v * std::sin(a), v * std::cos(a), 0});
        }
        earth.assign(er, ev, gm_sun_km3_s2);
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> angle(0, 2 * M_PI), radius(0.9, 1.4), tilt(-0.1, 0.1);
        for (int k = 0; k < rows; ++k) {
            const double a = angle(rng), r = radius(rng) * au, i = tilt(rng), v = std::sqrt(gm_sun_km3_s2 / r);
            const Vec3 p{r * std::cos(a), r * std::sin(a), r * std::sin(i) * std::sin(a)};
            const Vec3 w{-v * std::sin(a), v * std::cos(a), v * std::sin(i) * std::cos(a)};
            const Vec3 h = cross(p, w);
            asteroid.push_back({p.x, p.y, p.z, w.x, w.y, w.z, h.x, h.y, h.z, dot(p, p), norm(p), norm(w),
                                gm_sun_km3_s2 / norm(p)});
        }
    }
};

const Rows& survey_rows() {
    static const Rows r;
    return r;
}

struct RowArrays {
    std::vector<double> r1x, r1y, r1z, r2x, r2y, r2z, tof;
    RowArrays(const Rows& r, int k) {
        for (std::size_t m = 0; m < row_lanes; ++m) {
            const auto& a = r.asteroid[static_cast<std::size_t>(k)];
            const std::size_t j = static_cast<std::size_t>(k) + 1 + m;
            r1x.push_back(a.rx), r1y.push_back(a.ry), r1z.push_back(a.rz);
            r2x.push_back(r.er[j].x), r2y.push_back(r.er[j].y), r2z.push_back(r.er[j].z);
            tof.push_back(static_cast<double>(m + 1) * 86400.0);
        }
    }
};

void bm_leg_screen(benchmark::State& state) {
    const auto& r = survey_rows();
    std::vector<double> x(row_lanes + detail::leg_row_padding), y(x), z(x), tof(x);
    std::vector<std::int64_t> steps(x.size());
    std::size_t kept = 0;
    for (auto _ : state) {
        for (int k = 0; k < rows; ++k) {
            kept += detail::screen_leg_row(r.asteroid[static_cast<std::size_t>(k)],
                                           r.earth.from(static_cast<std::size_t>(k) + 1), row_lanes,
                                           {departure_budget, vinf_cap, 1e-9, gm_sun_km3_s2, 86400.0},
                                           {x.data(), y.data(), z.data(), tof.data(), steps.data()});
        }
        benchmark::DoNotOptimize(x.data());
    }
    state.SetItemsProcessed(state.iterations() * rows * static_cast<long>(row_lanes));
    state.counters["kept_share"] =
        static_cast<double>(kept) / static_cast<double>(state.iterations() * rows * static_cast<long>(row_lanes));
    state.SetLabel(simd_dispatched());
}

void bm_lambert(benchmark::State& state) {
    const auto& r = survey_rows();
    std::vector<RowArrays> arrays;
    for (int k = 0; k < rows; ++k) arrays.emplace_back(r, k);
    std::vector<double> v[6];
    for (auto& c : v) c.assign(row_lanes, 0.0);
    std::vector<LambertStatus> status(row_lanes);
    for (auto _ : state) {
        for (const auto& a : arrays) {
            solve_lambert_batch({a.r1x, a.r1y, a.r1z, a.r2x, a.r2y, a.r2z, a.tof, gm_sun_km3_s2},
                                {v[0], v[1], v[2], v[3], v[4], v[5], status});
        }
        benchmark::DoNotOptimize(v[0].data());
    }
    state.SetItemsProcessed(state.iterations() * rows * static_cast<long>(row_lanes));
    state.SetLabel(simd_dispatched());
}

BENCHMARK(bm_leg_screen);
BENCHMARK(bm_lambert);

}  // namespace
}  // namespace ger::astro

int main(int argc, char** argv) {
    ger::astro::bench::limit_simd_from_environment();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
