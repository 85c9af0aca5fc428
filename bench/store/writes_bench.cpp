// What one acknowledged write costs the store as the roadmap grows (issue 11's >= 1,000 writes/s on SQLite): a
// planner's mission create, and a planner's edit naming a capability and a precursor, on roadmaps of 100, 3,000
// and 10,000 missions (the bundled data set plus generated ESA missions). Every write is a committed, audited
// transaction (WAL, synchronous = NORMAL). Its cost must not grow with the roadmap: each runs in the write turn,
// so it bounds the writes per second of every server on the file. BM_Export is the server's snapshot rebuild
// from scratch and BM_CopyDataset the patched one's copy (after changes of missions and capabilities only):
// both grow with the roadmap.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <string>

#include "model/bundled.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace {

using namespace ger;

const store::Actor esa_planner{"bench-planner", "ESA", [](const model::Visibility& v, std::string_view owner) {
                                   return owner == "ESA" || v.scope != model::VisibilityScope::agencies ||
                                          std::find(v.agencies.begin(), v.agencies.end(), "ESA") != v.agencies.end();
                               }};

model::Mission esa_mission(const std::string& id) {
    model::Mission m;
    m.id = id;
    m.name = "Bench " + id;
    m.lead_agency = "ESA";
    m.destination = "Moon";
    m.kind = model::MissionKind::robotic;
    m.type = model::MissionType::lander;
    m.status = model::MissionStatus::planned;
    m.commitment = model::Commitment::study;
    m.visibility = model::Visibility{model::VisibilityScope::partners, {}};
    return m;
}

// A database holding `missions` missions, built once per size and use (the write benchmarks add missions; the
// read ones must not see them).
const std::string& database(int missions, const std::string& use) {
    static test::TempDir dir;
    static std::map<std::pair<int, std::string>, std::string> built;
    const auto key = std::make_pair(missions, use);
    if (auto it = built.find(key); it != built.end()) return it->second;
    const auto file = (dir / ("roadmap-" + std::to_string(missions) + "-" + use + ".db")).string();
    auto data = model::bundled_dataset();
    for (int i = static_cast<int>(data.missions.size()); i < missions; ++i) {
        data.missions.push_back(esa_mission("esa-filler-" + std::to_string(i)));
    }
    store::open_store(file, store::OpenMode::create)->replace_all(data, {"loader", ""});
    return built.emplace(key, file).first->second;
}

void BM_CreateMission(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0)), "create"));
    static int run = 0;
    ++run;
    int n = 0;
    for (auto _ : state) {
        store->create_mission(esa_mission("esa-bench-" + std::to_string(run) + "-" + std::to_string(n++)), esa_planner);
    }
    state.counters["writes/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

void BM_EditMissionWithReferences(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0)), "edit"));
    const auto data = store->export_dataset();
    auto mission = esa_mission("esa-bench-edited-" + std::to_string(state.range(0)));
    if (!store->mission(mission.id)) store->create_mission(mission, esa_planner);
    mission = *store->mission(mission.id);
    mission.capabilities_required = {data.capabilities.front().id};
    mission.precursors = {"esa-filler-" + std::to_string(state.range(0) - 1)};
    for (auto _ : state) {
        mission = store->update_mission(mission, mission.meta.version, esa_planner);
    }
    state.counters["writes/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Export(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0)), "read"));
    for (auto _ : state) benchmark::DoNotOptimize(store->export_dataset());
}

// What the server pays instead when only missions and capabilities changed: a copy of its previous snapshot's
// records (server/app.cpp, patch_from), before re-reading the few that changed.
void BM_CopyDataset(benchmark::State& state) {
    const auto data = store::open_store(database(static_cast<int>(state.range(0)), "read"))->export_dataset();
    for (auto _ : state) {
        auto copy = data;
        benchmark::DoNotOptimize(copy);
    }
}

}  // namespace

// NOTE: a fixed number of writes, so that every binary compared grows the roadmap by the same 500 missions.
BENCHMARK(BM_CreateMission)->Arg(100)->Arg(3000)->Arg(10000)->ArgName("missions")->Iterations(500)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EditMissionWithReferences)->Arg(100)->Arg(3000)->Arg(10000)->ArgName("missions")->Iterations(500)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Export)->Arg(100)->Arg(3000)->Arg(10000)->ArgName("missions")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CopyDataset)->Arg(100)->Arg(3000)->Arg(10000)->ArgName("missions")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
