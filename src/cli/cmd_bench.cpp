// `ger bench lambert`: throughput of the batch Lambert solver on the standard set (docs/PERFORMANCE.md),
// printed as one JSON object; a sample is re-propagated with astro/kepler.hpp to show the answers are right.
// `ger bench survey`: the NEA survey on the NHATS defaults over a cost-balanced shard of the bundled catalogue
// (objects/s, legs solved/s, the pruned share), with the machine and the SIMD target that ran.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "astro/bundled_catalog.hpp"
#include "astro/ephemeris.hpp"
#include "astro/kepler.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/lambert_standard_set.hpp"
#include "astro/simd.hpp"
#include "astro/survey.hpp"
#include "cli/command.hpp"
#include "cli/shard.hpp"

namespace ger::cli {
namespace {

// Runs timed; the best is reported, since the machine may be shared (the first run also warms the pages).
constexpr int timed_runs = 3;
// Solutions re-propagated for the accuracy figures: enough for a stable mean, cheap next to the solves.
constexpr std::size_t accuracy_sample = 2'000;

struct Options {
    std::size_t n = 1'000'000;
    unsigned threads = 1;
};

struct SurveyBenchOptions {
    std::string shard = "0/100";
    unsigned threads = 0;
};

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string machine() {
    std::string model = "unknown";
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    }
    return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " hardware threads, SIMD " +
           astro::simd_dispatched() +
           (astro::simd_limit() == astro::SimdLimit::native ? "" : " (GER_SIMD=" + std::string(astro::simd_limit_name(astro::simd_limit())) + ")");
}

void run_lambert(const Options& o) {
    if (o.n == 0) throw CommandError("--n must be at least 1");
    const auto set = astro::lambert_standard_set(o.n);
    std::vector<double> v[6];
    for (auto& c : v) c.assign(o.n, 0.0);
    std::vector<astro::LambertStatus> status(o.n);
    const astro::LambertBatchInput in{set.r1x, set.r1y, set.r1z, set.r2x, set.r2y, set.r2z, set.tof, set.mu};
    const astro::LambertBatchOutput out{v[0], v[1], v[2], v[3], v[4], v[5], status};

    double best_s = 1e300;
    for (int k = 0; k < timed_runs; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        astro::solve_lambert_batch_threaded(in, out, o.threads);
        const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
        best_s = std::min(best_s, dt.count());
    }

    const std::size_t failed = o.n - static_cast<std::size_t>(std::count(status.begin(), status.end(),
                                                                         astro::LambertStatus::ok));
    const std::size_t stride = std::max<std::size_t>(1, o.n / accuracy_sample);
    double sum_v = 0, max_r = 0;
    std::size_t sampled = 0;
    for (std::size_t i = 0; i < o.n; i += stride) {
        if (status[i] != astro::LambertStatus::ok) continue;
        const astro::Vec3 r2{set.r2x[i], set.r2y[i], set.r2z[i]}, v2{v[3][i], v[4][i], v[5][i]};
        const auto end = astro::propagate(astro::State{{set.r1x[i], set.r1y[i], set.r1z[i]}, {v[0][i], v[1][i], v[2][i]}},
                                          set.tof[i], set.mu);
        sum_v += astro::norm(end.v_km_s - v2) / astro::norm(v2);
        max_r = std::max(max_r, astro::norm(end.r_km - r2) / astro::norm(r2));
        ++sampled;
    }
    const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
    std::cout.precision(6);
    std::cout << "{\"benchmark\": \"lambert\", \"solves_per_second\": " << std::llround(o.n / best_s)
              << ", \"threads\": " << threads << ", \"n\": " << o.n << ", \"failed\": " << failed
              << ", \"mean_velocity_error\": " << (sampled ? sum_v / sampled : 0.0)
              << ", \"max_position_error\": " << max_r << ", \"sampled\": " << sampled
              << ", \"machine\": " << json_string(machine()) << "}\n";
}

// One untimed pass is not made: the survey of a shard takes seconds, and its first objects warm the pages anyway.
void run_survey_bench(const SurveyBenchOptions& o) {
    const auto [shard, count] = parse_shard(o.shard);
    const auto& catalog = astro::bundled_catalog();
    const astro::ErfaEphemeris earth;
    const auto t0 = std::chrono::steady_clock::now();
    const astro::SurveyGrid grid(astro::SurveyCriteria{}, earth);
    const auto candidates = astro::survey_candidates(grid, catalog.objects);
    const auto indices = astro::survey_shard(grid, catalog.objects, candidates, shard, count);
    const auto t1 = std::chrono::steady_clock::now();
    astro::SurveyOptions options;
    options.threads = o.threads;
    const auto run = astro::run_survey(grid, catalog.objects, indices, options);
    const std::chrono::duration<double> setup = t1 - t0, wall = std::chrono::steady_clock::now() - t1;
    std::size_t pruned = 0, viable = 0;
    for (const auto& r : run.results) {
        pruned += r.pruned ? 1 : 0;
        viable += r.viable_count > 0 ? 1 : 0;
    }
    const double objects = static_cast<double>(run.results.size());
    const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
    std::cout.precision(6);
    std::cout << "{\"benchmark\": \"survey\", \"shard\": " << json_string(o.shard) << ", \"objects\": " << run.results.size()
              << ", \"pruned\": " << pruned << ", \"pruned_share\": " << (objects > 0 ? pruned / objects : 0.0)
              << ", \"viable\": " << viable << ", \"legs_solved\": " << run.legs_solved
              << ", \"seconds\": " << wall.count() << ", \"setup_seconds\": " << setup.count()
              << ", \"objects_per_second\": " << objects / wall.count()
              << ", \"legs_per_second\": " << static_cast<double>(run.legs_solved) / wall.count()
              << ", \"whole_catalogue_estimate_minutes\": " << wall.count() * count / 60.0
              << ", \"threads\": " << threads << ", \"machine\": " << json_string(machine()) << "}\n";
}

const CommandRegistrar registrar{90, [](CLI::App& app) {
    auto* bench = app.add_subcommand("bench", "measure solver and survey throughput (docs/PERFORMANCE.md); GER_SIMD=avx2 "
                                                "runs the AVX2 kernels on an AVX-512 machine");
    bench->require_subcommand(1);
    auto o = std::make_shared<Options>();
    auto* lambert = bench->add_subcommand(
        "lambert", "batch Lambert solves per second on the standard set; accuracy errors are relative, "
                   "from re-propagating a sample with astro/kepler.hpp");
    lambert->add_option("--n", o->n, "problems (default 1000000)");
    lambert->add_option("--threads", o->threads, "worker threads, 0 = all hardware threads (default 1)");
    lambert->callback([o] { run_lambert(*o); });
    auto so = std::make_shared<SurveyBenchOptions>();
    auto* survey = bench->add_subcommand(
        "survey", "the NEA survey (NHATS defaults, bundled catalogue) over one cost-balanced shard: objects/s, legs "
                  "solved/s, pruned share; the whole-catalogue estimate is the shard's time x n");
    survey->add_option("--shard", so->shard, "i/n: shard i of n (default 0/100, about 200 objects)");
    survey->add_option("--threads", so->threads, "worker threads, 0 = all hardware threads (default 0)");
    survey->callback([so] { run_survey_bench(*so); });
}};

}  // namespace
}  // namespace ger::cli
