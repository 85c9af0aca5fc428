// NEA survey on a CUDA device: the GPU path equals the CPU path (same legs solved, same pruning, same count, the
// same trajectories with every figure to 1e-9 relative) on named targets at the full 1-day grid and on a seeded
// catalogue sample on a coarse grid; skipped where no GPU is present. Device selection (run on every machine):
// `cuda` without a usable device is a clear error, `auto` falls back to the CPU, in the library and in `ger survey`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "astro/catalog.hpp"
#include "astro/error.hpp"
#include "astro/survey.hpp"
#include "bundled_catalog.hpp"

namespace ger::astro {
namespace {

const Catalog& catalog() { return testing::bundled_catalog(); }
std::size_t index_of(std::string_view designation) { return testing::bundled_index(designation); }

bool have_gpu() { return survey_probe_cuda().count > 0; }

// Legs differ between the CPU batch solver and the device solver only by rounding (~1e-13 relative).
constexpr double equal_relative = 1e-9;

void expect_close(double a, double b, const std::string& what) {
    EXPECT_LE(std::abs(a - b), equal_relative * std::max({std::abs(a), std::abs(b), 1.0})) << what << ": " << a << " vs " << b;
}

void expect_same_trip(const std::optional<RoundTrip>& a, const std::optional<RoundTrip>& b, const std::string& what) {
    ASSERT_EQ(a.has_value(), b.has_value()) << what;
    if (!a) return;
    EXPECT_EQ(a->launch, b->launch) << what;
    EXPECT_EQ(a->out_days, b->out_days) << what;
    EXPECT_EQ(a->stay_days, b->stay_days) << what;
    EXPECT_EQ(a->back_days, b->back_days) << what;
    expect_close(a->c3_km2_s2, b->c3_km2_s2, what + " c3");
    expect_close(a->injection_dv_km_s, b->injection_dv_km_s, what + " injection");
    expect_close(a->arrival_dv_km_s, b->arrival_dv_km_s, what + " arrival");
    expect_close(a->departure_dv_km_s, b->departure_dv_km_s, what + " departure");
    expect_close(a->total_dv_km_s, b->total_dv_km_s, what + " total");
    expect_close(a->entry_speed_km_s, b->entry_speed_km_s, what + " entry");
}

void expect_same_runs(const SurveyRun& cpu, const SurveyRun& gpu) {
    EXPECT_EQ(cpu.device, SurveyDevice::cpu);
    EXPECT_EQ(gpu.device, SurveyDevice::cuda);
    ASSERT_EQ(cpu.results.size(), gpu.results.size());
    EXPECT_EQ(cpu.legs_solved, gpu.legs_solved);
    for (std::size_t k = 0; k < cpu.results.size(); ++k) {
        const auto& a = cpu.results[k];
        const auto& b = gpu.results[k];
        const std::string what = a.designation;
        EXPECT_EQ(a.designation, b.designation);
        EXPECT_EQ(a.pruned, b.pruned) << what;
        EXPECT_EQ(a.legs_solved, b.legs_solved) << what;
        EXPECT_EQ(a.viable_count, b.viable_count) << what;
        expect_same_trip(a.min_dv, b.min_dv, what + " min_dv");
        expect_same_trip(a.min_duration, b.min_duration, what + " min_duration");
    }
}

SurveyCriteria coarse() {
    SurveyCriteria c;
    c.launch_first = parse_utc_iso8601("2027-01-01");
    c.launch_last = parse_utc_iso8601("2028-12-31");
    c.launch_step_days = 8;
    c.tof_step_days = 4;
    return c;
}

TEST(SurveyCuda, NamedTargetsFullGridGpuEqualsCpu) {
    if (!have_gpu()) GTEST_SKIP() << "no CUDA device: " << survey_probe_cuda().reason;
    // NHATS defaults at 1-day steps over 8 launch years: accessible (2000 SG344, 2006 RH120, 1991 VG), marginal
    // (2008 HU4, 2012 UV136) and inaccessible (433 Eros) objects.
    SurveyCriteria c;
    c.launch_last = parse_utc_iso8601("2032-12-31");
    const ErfaEphemeris eph;
    const SurveyGrid grid(c, eph);
    std::vector<std::size_t> idx;
    for (const char* name : {"2000 SG344", "2006 RH120", "1991 VG", "2008 HU4", "2012 UV136", "433"}) {
        idx.push_back(index_of(name));
    }
    std::sort(idx.begin(), idx.end());
    const auto cpu = run_survey(grid, catalog().objects, idx, {.threads = 0, .prune = true, .device = SurveyDevice::cpu});
    const auto gpu = run_survey(grid, catalog().objects, idx, {.threads = 0, .prune = true, .device = SurveyDevice::cuda});
    expect_same_runs(cpu, gpu);
    std::size_t viable = 0;
    for (const auto& r : gpu.results) viable += r.min_dv.has_value();
    EXPECT_GE(viable, 3u);  // the comparison covers found trajectories, not only empty results
}

TEST(SurveyCuda, CatalogueSampleCoarseGridGpuEqualsCpu) {
    if (!have_gpu()) GTEST_SKIP() << "no CUDA device: " << survey_probe_cuda().reason;
    const ErfaEphemeris eph;
    const SurveyGrid grid(coarse(), eph);
    std::mt19937_64 rng(20250611);
    std::uniform_int_distribution<std::size_t> pick(0, catalog().objects.size() - 1);
    std::vector<std::size_t> idx;
    for (int k = 0; k < 200; ++k) idx.push_back(pick(rng));
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    for (const bool prune : {true, false}) {
        const auto cpu = run_survey(grid, catalog().objects, idx, {.threads = 0, .prune = prune, .device = SurveyDevice::cpu});
        const auto gpu = run_survey(grid, catalog().objects, idx, {.threads = 3, .prune = prune, .device = SurveyDevice::cuda});
        expect_same_runs(cpu, gpu);
    }
}

TEST(SurveyCuda, AutoPicksTheGpuWhenPresent) {
    if (!have_gpu()) GTEST_SKIP() << "no CUDA device: " << survey_probe_cuda().reason;
    EXPECT_EQ(resolve_survey_device(SurveyDevice::automatic), SurveyDevice::cuda);
    EXPECT_FALSE(survey_probe_cuda().name.empty());
}

// ---------------------------------------------------------------------------------------------------------------
TEST(SurveyCuda, DeviceNames) {
    EXPECT_EQ(survey_device_name(SurveyDevice::cpu), "cpu");
    EXPECT_EQ(survey_device_name(SurveyDevice::cuda), "cuda");
    EXPECT_EQ(survey_device_name(SurveyDevice::automatic), "auto");
    EXPECT_EQ(resolve_survey_device(SurveyDevice::cpu), SurveyDevice::cpu);
}

TEST(SurveyCuda, WithoutGpuCudaIsAnErrorAndAutoFallsBack) {
    if (have_gpu()) GTEST_SKIP() << "a CUDA device is present";
    const auto probe = survey_probe_cuda();
    EXPECT_EQ(probe.count, 0);
    EXPECT_FALSE(probe.reason.empty());
    try {
        resolve_survey_device(SurveyDevice::cuda);
        ADD_FAILURE() << "cuda resolved without a device";
    } catch (const AstroError& e) {
        EXPECT_EQ(e.code(), AstroErrc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("no usable CUDA device"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(probe.reason), std::string::npos) << e.what();
    }
    EXPECT_EQ(resolve_survey_device(SurveyDevice::automatic), SurveyDevice::cpu);

    const ErfaEphemeris eph;
    const SurveyGrid grid(coarse(), eph);
    const std::vector<std::size_t> idx{index_of("2000 SG344")};
    EXPECT_THROW(run_survey(grid, catalog().objects, idx, {.threads = 1, .prune = true, .device = SurveyDevice::cuda}),
                 AstroError);
    const auto autorun = run_survey(grid, catalog().objects, idx, {.threads = 1, .prune = true, .device = SurveyDevice::automatic});
    const auto cpu = run_survey(grid, catalog().objects, idx, {.threads = 1, .prune = true, .device = SurveyDevice::cpu});
    EXPECT_EQ(autorun.device, SurveyDevice::cpu);
    ASSERT_EQ(autorun.results.size(), 1u);
    EXPECT_EQ(autorun.results[0].viable_count, cpu.results[0].viable_count);
    EXPECT_GT(cpu.results[0].viable_count, 0u);
}

struct Ran {
    int status = -1;
    std::string err;
};

Ran run_ger(const std::string& args) {
    const auto errfile = std::filesystem::temp_directory_path() / ("ger_survey_cuda_" + std::to_string(getpid()) + ".err");
    const std::string cmd = std::string(GER_BINARY_DIR) + "/ger" + args + " > /dev/null 2> " + errfile.string();
    const int status = std::system(cmd.c_str());
    Ran r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errfile);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    std::filesystem::remove(errfile);
    return r;
}

TEST(SurveyCuda, CliDeviceCudaWithoutGpuIsAClearErrorAndAutoFallsBack) {
    if (have_gpu()) GTEST_SKIP() << "a CUDA device is present";
    const std::string coarse_args =
        " survey --targets \"2000 SG344\" --launch-from 2027-01-01 --launch-to 2027-12-31 --launch-step 16 --tof-step 8"
        " --format json --threads 1";
    const auto cuda = run_ger(coarse_args + " --device cuda");
    EXPECT_NE(cuda.status, 0);
    EXPECT_NE(cuda.err.find("--device cuda: no usable CUDA device"), std::string::npos) << cuda.err;
    const auto autorun = run_ger(coarse_args + " --device auto");
    EXPECT_EQ(autorun.status, 0) << autorun.err;
    EXPECT_NE(autorun.err.find("device cpu"), std::string::npos) << autorun.err;
    const auto bad = run_ger(coarse_args + " --device tpu");
    EXPECT_NE(bad.status, 0);
}

}  // namespace
}  // namespace ger::astro
