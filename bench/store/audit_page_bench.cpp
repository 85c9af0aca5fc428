// One page of the change feed and of the audit log against the size of the log (seed 2024, fixed problem set):
// 120 NASA/ESA/JAXA missions at every visibility, edited until the log holds N entries (N = 1,000 and 100,000).
// A page must cost the same at both sizes; BM_WholeLog is what each /api/v1/changes request paid before schema 6
// (every entry with its before/after read, then filtered and paged in C++).
//
// NOTE: the log is grown by copying the edited entries in SQL (each copy keeps its record's scope) rather than by
// 100,000 Store writes: the benchmark measures reads, and the copies are entries the store itself wrote.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <thread>

#include "store/store.hpp"
#include "temp_dir.hpp"

namespace {

using namespace ger;

constexpr int distinct_missions = 120;
constexpr int written_entries = 1000;  // real Store writes; copies make up the rest

model::Visibility visibility_for(int i) {
    switch (i % 4) {
        case 0: return {model::VisibilityScope::public_, {}};
        case 1: return {model::VisibilityScope::partners, {}};
        case 2: return {model::VisibilityScope::agencies, {"ESA"}};
        default: return {model::VisibilityScope::agencies, {"JAXA", "NASA"}};
    }
}

void exec(const std::string& file, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + file);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(message);
}

// A database whose audit log holds `entries` entries, built once per size.
const std::string& database(int entries) {
    static test::TempDir dir;
    static std::map<int, std::string> built;
    if (auto it = built.find(entries); it != built.end()) return it->second;
    const auto file = (dir / ("log-" + std::to_string(entries) + ".db")).string();
    {
        auto store = store::open_store(file, store::OpenMode::create);
        model::Dataset data;
        data.agencies = {{"NASA", "NASA", "United States", 2007, ""},
                         {"ESA", "ESA", "Europe", 2007, ""},
                         {"JAXA", "JAXA", "Japan", 2007, ""}};
        data.destinations = {{"Moon", "The Moon", 3, ""}};
        store->replace_all(data, {"loader", ""});
        const std::vector<std::string> agencies{"NASA", "ESA", "JAXA"};
        std::mt19937 rng(2024);
        for (int i = 0; i < distinct_missions; ++i) {
            model::Mission m;
            m.id = "m" + std::to_string(i);
            m.name = "Mission " + std::to_string(i);
            m.lead_agency = agencies[i % 3];
            m.destination = "Moon";
            m.description = std::string(400, 'x');  // entries with a realistic amount of content
            m.visibility = visibility_for(i);
            store->create_mission(m, {"planner", m.lead_agency});
        }
        for (int i = distinct_missions; i < std::min(entries, written_entries); ++i) {
            auto m = *store->mission("m" + std::to_string(rng() % distinct_missions));
            m.description = std::string(400, static_cast<char>('a' + i % 26));
            store->update_mission(m, m.meta.version, {"planner", m.lead_agency});
        }
    }
    // Copies of the written entries, newest last, until the log holds `entries`.
    exec(file, "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < " +
                   std::to_string(entries) +
                   ") INSERT INTO audit_log (at, actor, agency, record_kind, record_id, action, before_json, "
                   "after_json, record_owner, read_scope, read_agencies) "
                   "SELECT (SELECT MAX(at) FROM audit_log), a.actor, a.agency, a.record_kind, a.record_id, a.action, "
                   "a.before_json, a.after_json, a.record_owner, a.read_scope, a.read_agencies "
                   "FROM n JOIN audit_log a ON a.id = 2 + (n.k % " + std::to_string(written_entries - 1) + ") "
                   "WHERE n.k <= " + std::to_string(entries) + " - (SELECT COUNT(*) FROM audit_log)");
    return built.emplace(entries, file).first->second;
}

store::AuditReader reader_of(int which) {
    switch (which) {
        case 0: return {};                                   // anonymous
        case 1: return {store::Role::planner, "JAXA"};       // a planner
        default: return {store::Role::secretariat, ""};
    }
}
const char* reader_name(int which) { return which == 0 ? "anonymous" : which == 1 ? "planner" : "secretariat"; }

// Arguments: log size, reader (0 anonymous, 1 planner, 2 secretariat), page size.
void BM_ChangesPage(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0))));
    const store::AuditQuery query{.view = store::AuditView::changes,
                                  .reader = reader_of(static_cast<int>(state.range(1))),
                                  .limit = static_cast<std::size_t>(state.range(2))};
    std::size_t items = 0;
    for (auto _ : state) {
        auto page = store->audit_page(query);
        items = page.items.size();
        benchmark::DoNotOptimize(page);
    }
    state.SetLabel(reader_name(static_cast<int>(state.range(1))));
    state.counters["items"] = static_cast<double>(items);
    state.SetItemsProcessed(state.iterations());
}

void BM_AuditPage(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0))));
    const store::AuditQuery query{.view = store::AuditView::audit,
                                  .reader = {store::Role::planner, "ESA"},
                                  .limit = static_cast<std::size_t>(state.range(1))};
    for (auto _ : state) benchmark::DoNotOptimize(store->audit_page(query));
    state.SetItemsProcessed(state.iterations());
}

// The last page: a cursor deep in the log costs what the first page does.
void BM_ChangesDeepPage(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0))));
    const store::AuditQuery query{.reader = {}, .before = 200, .limit = 1};
    for (auto _ : state) benchmark::DoNotOptimize(store->audit_page(query));
    state.SetItemsProcessed(state.iterations());
}

// What /api/v1/changes?limit=1 did before: the whole log with its content, filtered and paged in C++.
void BM_WholeLog(benchmark::State& state) {
    auto store = store::open_store(database(static_cast<int>(state.range(0))));
    for (auto _ : state) benchmark::DoNotOptimize(store->audit());
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_ChangesPage)
    ->ArgsProduct({{1000, 100000}, {0, 1, 2}, {1, 100}})
    ->ArgNames({"entries", "reader", "limit"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AuditPage)->ArgsProduct({{1000, 100000}, {1, 100}})->ArgNames({"entries", "limit"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ChangesDeepPage)->Arg(1000)->Arg(100000)->ArgName("entries")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WholeLog)->Arg(1000)->Arg(100000)->ArgName("entries")->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    std::cout << "machine: " << std::thread::hardware_concurrency() << " hardware threads\n";
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
