// `ger survey` end to end on a coarse grid: JSON keys per target, shard union == whole run, SIGINT writes a valid
// partial file marked incomplete, --store keeps the run in the database as the JSON says it, and (when built with
// MPI and mpirun exists) 2 ranks == single process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "ger/config.hpp"
#include "store/store.hpp"

namespace {

std::filesystem::path temp(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("ger_survey_cli_" + std::to_string(getpid()) + "_" + name);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int sh(const std::string& cmd) {
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::string ger = std::string(GER_BINARY_DIR) + "/ger";
// Coarse grid over one launch year: seconds per run.
const std::string coarse =
    " survey --launch-from 2027-01-01 --launch-to 2027-12-31 --launch-step 16 --tof-step 8 --format json --threads 2";

TEST(SurveyCli, TargetsJsonCarriesTheFields) {
    const auto out = temp("targets.json");
    ASSERT_EQ(sh(ger + coarse + " --targets \"2000 SG344,2006 RH120,433\" --out " + out.string() + " 2>/dev/null"), 0);
    const auto doc = nlohmann::json::parse(slurp(out));
    EXPECT_TRUE(doc["complete"].get<bool>());
    ASSERT_EQ(doc["targets"].size(), 3u);
    const auto& best = doc["targets"][0];
    EXPECT_FALSE(best["min_dv"].is_null());
    for (const char* key : {"total_dv_km_s", "launch", "duration_days", "out_days", "stay_days", "back_days", "c3_km2_s2",
                            "entry_speed_km_s"}) {
        EXPECT_TRUE(best["min_dv"].contains(key)) << key;
        EXPECT_TRUE(best["min_duration"].contains(key)) << key;
    }
    EXPECT_GT(best["viable_count"].get<std::uint64_t>(), 0u);
    EXPECT_EQ(doc["targets"][2]["designation"], "433 Eros");
    EXPECT_TRUE(doc["targets"][2]["min_dv"].is_null());
    EXPECT_NE(sh(ger + coarse + " --targets \"no such rock\" >/dev/null 2>&1"), 0);
    EXPECT_NE(sh(ger + coarse + " --shard 2/2 >/dev/null 2>&1"), 0);
    std::filesystem::remove(out);
}

TEST(SurveyCli, StoreKeepsTheRunWithEveryObjectAsTheJsonSaysIt) {
    const auto db = temp("store.db");
    const auto out = temp("store.json");
    std::filesystem::remove(db);
    const std::string targets = " --targets \"2000 SG344,2006 RH120,433\"";
    EXPECT_NE(sh(ger + coarse + targets + " --store --db " + db.string() + " >/dev/null 2>&1"), 0)
        << "no database yet: refused before any work";
    ASSERT_EQ(sh(ger + " init --db " + db.string() + " >/dev/null 2>&1"), 0);
    ASSERT_EQ(sh(ger + coarse + targets + " --store --db " + db.string() + " --out " + out.string() + " 2>/dev/null"), 0);
    const auto doc = nlohmann::json::parse(slurp(out));
    auto store = ger::store::open_store(db.string());
    const auto run = store->latest_survey_run(std::nullopt);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->state, ger::store::SurveyRunState::complete);
    EXPECT_EQ(run->planned, 3);
    EXPECT_EQ(run->done, 3);
    EXPECT_EQ(nlohmann::json::parse(run->criteria)["launch_step_days"], 16);
    const auto rows = store->survey_targets(run->id);
    ASSERT_EQ(rows.size(), 3u) << "every surveyed object, the one without a viable round trip too";
    for (const auto& t : doc["targets"]) {
        const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.designation == t["designation"]; });
        ASSERT_NE(row, rows.end()) << t["designation"];
        EXPECT_EQ(nlohmann::json::parse(row->detail), t);
        EXPECT_EQ(row->viable_count, t["viable_count"].get<long long>());
        if (t["min_dv"].is_null()) {
            EXPECT_FALSE(row->min_dv_km_s);
        } else {
            EXPECT_DOUBLE_EQ(*row->min_dv_km_s, t["min_dv"]["total_dv_km_s"].get<double>());
            EXPECT_EQ(*row->min_dv_launch, t["min_dv"]["launch"].get<std::string>());
            EXPECT_DOUBLE_EQ(*row->min_duration_days, t["min_duration"]["duration_days"].get<double>());
        }
    }
    std::filesystem::remove(db);
    std::filesystem::remove(out);
}

// A slice of the catalogue: objects with H <= 17 (a few hundred), so the runs stay short.
const std::string slice = coarse + " --h-max 17 --all";

std::vector<nlohmann::json> sorted_targets(const nlohmann::json& doc) {
    std::vector<nlohmann::json> t(doc["targets"].begin(), doc["targets"].end());
    std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a["catalog_index"] < b["catalog_index"]; });
    return t;
}

TEST(SurveyCli, ShardUnionEqualsTheWholeRun) {
    const auto whole = temp("whole.json"), s0 = temp("s0.json"), s1 = temp("s1.json");
    ASSERT_EQ(sh(ger + slice + " --out " + whole.string() + " 2>/dev/null"), 0);
    ASSERT_EQ(sh(ger + slice + " --shard 0/2 --out " + s0.string() + " 2>/dev/null"), 0);
    ASSERT_EQ(sh(ger + slice + " --shard 1/2 --out " + s1.string() + " 2>/dev/null"), 0);
    const auto w = nlohmann::json::parse(slurp(whole));
    const auto a = nlohmann::json::parse(slurp(s0)), b = nlohmann::json::parse(slurp(s1));
    nlohmann::json merged = nlohmann::json::array();
    for (const auto& t : a["targets"]) merged.push_back(t);
    for (const auto& t : b["targets"]) merged.push_back(t);
    nlohmann::json doc{{"targets", merged}};
    EXPECT_GT(w["targets"].size(), 50u);
    EXPECT_EQ(sorted_targets(doc), sorted_targets(w));
    EXPECT_GT(a["targets"].size(), 0u);
    EXPECT_GT(b["targets"].size(), 0u);
    for (const auto& p : {whole, s0, s1}) std::filesystem::remove(p);
}

TEST(SurveyCli, InterruptWritesAValidPartialFile) {
    const auto out = temp("partial.json");
    // The whole catalogue at the default grid takes far longer than the 3 s before the signal.
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const std::string o = out.string();
        freopen("/dev/null", "w", stderr);
        execl(ger.c_str(), "ger", "survey", "--format", "json", "--threads", "2", "--out", o.c_str(), nullptr);
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);  // interrupted is not success
    const auto doc = nlohmann::json::parse(slurp(out));  // valid JSON
    EXPECT_FALSE(doc["complete"].get<bool>());
    EXPECT_LT(doc["summary"]["surveyed"].get<std::size_t>(), doc["summary"]["planned"].get<std::size_t>());
    std::filesystem::remove(out);
}

// `ger bench survey` prints one JSON object with the rates and the SIMD target that ran; GER_SIMD caps it (AVX2 code
// on an AVX-512 machine, same answers), and a bad GER_SIMD or --shard is a clear error.
TEST(SurveyCli, BenchSurveyReportsRatesAndTheSimdTargetThatRan) {
    const auto out = temp("bench.json"), err = temp("bench.err");
    const std::string bench = " bench survey --shard 0/2000 --threads 1 > ";
    ASSERT_EQ(sh(ger + bench + out.string()), 0);
    const auto doc = nlohmann::json::parse(slurp(out));
    EXPECT_EQ(doc["benchmark"], "survey");
    EXPECT_EQ(doc["shard"], "0/2000");
    EXPECT_GT(doc["objects"].get<int>(), 0);
    EXPECT_LE(doc["pruned"].get<int>() + doc["viable"].get<int>(), doc["objects"].get<int>());
    EXPECT_GT(doc["legs_solved"].get<double>(), 0);
    EXPECT_GT(doc["legs_per_second"].get<double>(), 0);
    EXPECT_NE(doc["machine"].get<std::string>().find("SIMD "), std::string::npos) << doc["machine"];
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        ASSERT_EQ(sh("GER_SIMD=avx2 " + ger + bench + out.string()), 0);
        const auto capped = nlohmann::json::parse(slurp(out));
        EXPECT_NE(capped["machine"].get<std::string>().find("SIMD AVX2 (GER_SIMD=avx2)"), std::string::npos)
            << capped["machine"];
        EXPECT_EQ(capped["objects"], doc["objects"]);
        EXPECT_EQ(capped["viable"], doc["viable"]);
    }
#endif
    EXPECT_EQ(sh("GER_SIMD=avx7 " + ger + bench + out.string() + " 2> " + err.string()), 1);
    EXPECT_NE(slurp(err).find("not one of native, avx512, avx2, sse4"), std::string::npos) << slurp(err);
    EXPECT_NE(sh(ger + " bench survey --shard 5/2 > " + out.string() + " 2> " + err.string()), 0);
    EXPECT_NE(slurp(err).find("expected i/n with 0 <= i < n"), std::string::npos) << slurp(err);
    for (const auto& p : {out, err}) std::filesystem::remove(p);
}

TEST(SurveyCli, MpiTwoRanksEqualOneProcess) {
#if !GER_WITH_MPI
    GTEST_SKIP() << "built without GER_WITH_MPI";
#else
    if (sh("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not found";
    const auto one = temp("one.json"), two = temp("two.json");
    const std::string args = " survey --launch-from 2027-01-01 --launch-to 2027-12-31 --launch-step 16 --tof-step 8 "
                             "--format json --threads 1 --h-max 17 --all";
    ASSERT_EQ(sh(ger + args + " --out " + one.string() + " 2>/dev/null"), 0);
    ASSERT_EQ(sh("mpirun --allow-run-as-root --oversubscribe -n 2 " + ger + args + " --mpi --out " + two.string() +
                 " 2>/dev/null"),
              0);
    EXPECT_EQ(slurp(one), slurp(two));  // byte-identical result files
    for (const auto& p : {one, two}) std::filesystem::remove(p);
#endif
}

}  // namespace
