// The Store contract, data-driven over every backend built into this binary: each TEST_P runs unchanged on
// each entry of backends(). A PostgreSQL backend adds an entry there and must pass the same tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <functional>
#include <thread>

#include "model/bundled.hpp"
#include "model/error.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

using ger::test::sample_dataset;
using ger::test::TempDir;

struct Backend {
    std::string name;
    // The URL of a fresh, empty database for one test, placed in `dir` when the backend uses files.
    std::function<std::string(const TempDir& dir)> fresh_url;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::vector<Backend> backends() {
    return {
        {"sqlite", [](const TempDir& dir) { return (dir / "ger.db").string(); }},
        {"sqlite_url", [](const TempDir& dir) { return "sqlite:" + (dir / "sub" / "ger.db").string(); }},
    };
}

const Actor ada{"ada", "ESA"};
const Actor grace{"grace", "NASA"};

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { m_url = GetParam().fresh_url(m_dir); }
    std::unique_ptr<Store> open() { return open_store(m_url, OpenMode::create); }
    std::unique_ptr<Store> open_with_sample() {
        auto store = open();
        store->replace_all(sample_dataset(), {"loader", ""});
        return store;
    }

    TempDir m_dir;
    std::string m_url;
};

std::vector<std::string> ids(const std::vector<model::Mission>& missions) {
    std::vector<std::string> out;
    for (const auto& m : missions) out.push_back(m.id);
    return out;
}

TEST_P(StoreTest, NewStoreIsEmptyAtTheLatestSchema) {
    auto store = open();
    EXPECT_EQ(store->schema_version(), latest_schema_version(m_url));
    EXPECT_GE(store->schema_version(), 2);
    EXPECT_EQ(store->export_dataset(), model::Dataset{});
    EXPECT_TRUE(store->audit().empty());
}

TEST_P(StoreTest, ExportAfterImportIsIdentical) {
    const auto data = sample_dataset();
    open()->replace_all(data, ada);
    const auto exported = open()->export_dataset();  // a second connection reads what the first committed
    EXPECT_EQ(exported, data);
    EXPECT_EQ(model::to_json(exported).dump(2), model::to_json(data).dump(2));
}

TEST_P(StoreTest, BundledDatasetRoundTrips) {
    const auto data = model::bundled_dataset();
    ASSERT_FALSE(data.missions.empty());
    auto store = open();
    store->replace_all(data, ada);
    EXPECT_EQ(store->export_dataset(), data);
}

TEST_P(StoreTest, ReplaceAllReplacesEverythingAndIsAudited) {
    auto store = open_with_sample();
    model::Dataset smaller = sample_dataset();
    smaller.missions.resize(2);  // "mars-orbiter" and "iss": iss has no precursor, orbiter names lunar-lander
    smaller.missions[0].precursors.clear();
    smaller.capabilities.pop_back();
    store->replace_all(smaller, ada);
    EXPECT_EQ(store->export_dataset(), smaller);
    const auto log = store->audit({.record_kind = "dataset"});
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log.back().actor, "ada");
    EXPECT_NE(log.back().after.find("\"missions\":2"), std::string::npos) << log.back().after;
}

TEST_P(StoreTest, ReplaceAllRejectsAnInvalidDatasetAndKeepsTheOldOne) {
    auto store = open_with_sample();
    const auto before = store->export_dataset();
    const auto audit_before = store->audit().size();
    model::Dataset bad = sample_dataset();
    bad.missions[1].lead_agency = "NOPE";
    EXPECT_THROW(store->replace_all(bad, ada), model::ValidationError);
    bad = sample_dataset();
    bad.missions.push_back(bad.missions.front());  // duplicate id
    EXPECT_THROW(store->replace_all(bad, ada), model::ValidationError);
    EXPECT_EQ(store->export_dataset(), before);
    EXPECT_EQ(store->audit().size(), audit_before);
}

TEST_P(StoreTest, ListsAndGetsEveryKindOfRecord) {
    auto store = open_with_sample();
    const auto data = sample_dataset();
    EXPECT_EQ(store->agencies(), data.agencies);
    EXPECT_EQ(store->agency("ESA"), data.agencies[1]);
    EXPECT_EQ(store->agency("XXX"), std::nullopt);
    EXPECT_EQ(store->goals(), data.goals);
    EXPECT_EQ(store->objectives(), data.objectives);
    EXPECT_EQ(store->destinations(), data.destinations);
    EXPECT_EQ(store->editions(), data.editions);
    EXPECT_EQ(store->mission("lunar-lander"), data.missions[2]);
    EXPECT_EQ(store->mission("nope"), std::nullopt);
    EXPECT_EQ(store->capability("mars-relay"), data.capabilities[1]);
    EXPECT_EQ(store->capability("nope"), std::nullopt);

    const auto goals = store->goals_with_objectives();
    ASSERT_EQ(goals.size(), 2u);
    EXPECT_EQ(goals[0].goal.id, "search-for-life");
    ASSERT_EQ(goals[0].objectives.size(), 2u);
    EXPECT_EQ(goals[0].objectives[0].id, "sample-return");
    EXPECT_EQ(goals[0].objectives[1].id, "biosignatures");
    ASSERT_EQ(goals[1].objectives.size(), 1u);
    EXPECT_EQ(goals[1].objectives[0].id, "habitation");
}

TEST_P(StoreTest, FiltersMissionsAndCapabilities) {
    auto store = open_with_sample();
    using V = std::vector<std::string>;
    EXPECT_EQ(ids(store->missions()), (V{"mars-orbiter", "iss", "lunar-lander", "mars-crew"}));
    EXPECT_EQ(ids(store->missions({.agency = "JAXA"})), (V{"mars-orbiter", "iss", "lunar-lander"}));
    EXPECT_EQ(ids(store->missions({.lead_agency = "NASA"})), (V{"iss", "mars-crew"}));
    EXPECT_EQ(ids(store->missions({.destination = "Mars"})), (V{"mars-orbiter", "mars-crew"}));
    EXPECT_EQ(ids(store->missions({.kind = model::MissionKind::human})), (V{"iss", "mars-crew"}));
    EXPECT_EQ(ids(store->missions({.status = model::MissionStatus::proposed})), (V{"lunar-lander", "mars-crew"}));
    EXPECT_EQ(ids(store->missions({.agency = "NASA", .destination = "Mars", .kind = model::MissionKind::robotic})),
              (V{"mars-orbiter"}));
    EXPECT_TRUE(store->missions({.destination = "Venus"}).empty());
    // Filtered lists still carry every list field.
    EXPECT_EQ(store->missions({.destination = "Mars"}).front(), sample_dataset().missions.front());

    EXPECT_EQ(store->capabilities().size(), 3u);
    const auto by_esa = store->capabilities({.provider = "ESA"});
    ASSERT_EQ(by_esa.size(), 1u);
    EXPECT_EQ(by_esa[0], sample_dataset().capabilities[1]);
    EXPECT_EQ(store->capabilities({.kind = model::CapabilityKind::launcher}).size(), 1u);
    EXPECT_EQ(store->capabilities({.status = model::CapabilityStatus::development}).size(), 2u);
}

model::Mission new_mission() {
    model::Mission m;
    m.id = "moon-rover";
    m.name = "Moon rover";
    m.lead_agency = "ESA";
    m.partners = {"NASA"};
    m.destination = "Moon";
    m.kind = model::MissionKind::robotic;
    m.type = model::MissionType::rover;
    m.launch = model::parse_launch_window("2029-04");
    m.precursors = {"lunar-lander"};
    m.meta = {42, {}, {}, "ignored"};
    return m;
}

TEST_P(StoreTest, CreateMissionStartsAtVersionOneAndIsAudited) {
    auto store = open_with_sample();
    const auto created = store->create_mission(new_mission(), ada);
    EXPECT_EQ(created.meta.version, 1);
    EXPECT_EQ(created.meta.author, "ada");
    EXPECT_EQ(created.meta.created_at, created.meta.updated_at);
    EXPECT_GT(created.meta.created_at.time_since_epoch().count(), 0);
    EXPECT_EQ(store->mission("moon-rover"), created);
    EXPECT_EQ(ids(store->missions()).back(), "moon-rover");  // new records come last

    const auto log = store->audit({.record_kind = "mission", .record_id = "moon-rover"});
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, model::AuditAction::create);
    EXPECT_EQ(log[0].actor, "ada");
    EXPECT_EQ(log[0].agency, "ESA");
    EXPECT_EQ(log[0].before, "");
    EXPECT_EQ(nlohmann::json::parse(log[0].after), model::to_json(created));
}

TEST_P(StoreTest, CreateRejectsExistingIdsAndBadRecordsWritingNothing) {
    auto store = open_with_sample();
    const auto before = store->export_dataset();
    const auto audit_before = store->audit().size();
    auto duplicate = new_mission();
    duplicate.id = "iss";
    EXPECT_THROW(store->create_mission(duplicate, ada), ConflictError);
    auto dangling = new_mission();
    dangling.capabilities_required = {"warp-drive"};
    try {
        store->create_mission(dangling, ada);
        FAIL() << "a dangling capability was accepted";
    } catch (const model::ValidationError& e) {
        ASSERT_FALSE(e.errors().empty());
        EXPECT_NE(e.errors()[0].path.find("capabilities_required"), std::string::npos) << e.what();
    }
    auto bad_capability = sample_dataset().capabilities[0];
    bad_capability.id = "new-launcher";
    bad_capability.provider = "NOPE";
    EXPECT_THROW(store->create_capability(bad_capability, ada), model::ValidationError);
    EXPECT_EQ(store->export_dataset(), before);
    EXPECT_EQ(store->audit().size(), audit_before);
}

TEST_P(StoreTest, UpdateBumpsTheVersionAndAuditsBeforeAndAfter) {
    auto store = open_with_sample();
    auto changed = *store->mission("lunar-lander");
    const auto original = changed;
    changed.status = model::MissionStatus::planned;
    changed.partners = {"ESA"};
    const auto updated = store->update_mission(changed, 2, grace);
    EXPECT_EQ(updated.meta.version, 3);
    EXPECT_EQ(updated.meta.author, "grace");
    EXPECT_EQ(updated.meta.created_at, original.meta.created_at);
    EXPECT_GT(updated.meta.updated_at, original.meta.updated_at);
    EXPECT_EQ(store->mission("lunar-lander"), updated);
    EXPECT_EQ(ids(store->missions())[2], "lunar-lander");  // keeps its place

    const auto log = store->audit({.record_id = "lunar-lander"});
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, model::AuditAction::update);
    EXPECT_EQ(nlohmann::json::parse(log[0].before), model::to_json(original));
    EXPECT_EQ(nlohmann::json::parse(log[0].after), model::to_json(updated));
}

TEST_P(StoreTest, TwoUpdatesFromTheSameVersionOneWinsTheOtherConflicts) {
    open_with_sample();
    auto first = open();
    auto second = open();
    auto mine = *first->mission("iss");
    auto theirs = *second->mission("iss");
    mine.name = "ISS (first)";
    theirs.name = "ISS (second)";
    const auto winner = first->update_mission(mine, 1, ada);
    try {
        second->update_mission(theirs, 1, grace);
        FAIL() << "the second update overwrote the first";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.record_kind(), "mission");
        EXPECT_EQ(e.record_id(), "iss");
        EXPECT_EQ(e.expected_version(), 1);
        EXPECT_EQ(e.actual_version(), 2);
    }
    EXPECT_EQ(open()->mission("iss"), winner);
    EXPECT_EQ(open()->mission("iss")->name, "ISS (first)");
    EXPECT_EQ(open()->audit({.record_id = "iss"}).size(), 1u);
}

TEST_P(StoreTest, ConcurrentUpdatesFromManyConnectionsLoseNothing) {
    open_with_sample();
    constexpr int writers = 8;
    std::atomic<int> wins{0};
    std::atomic<int> conflicts{0};
    std::barrier start(writers);
    std::vector<std::thread> threads;
    for (int i = 0; i < writers; ++i) {
        threads.emplace_back([&, i] {
            auto store = open();  // one connection per thread
            auto m = *store->mission("iss");
            m.name = "writer " + std::to_string(i);
            start.arrive_and_wait();
            try {
                store->update_mission(m, 1, {"writer" + std::to_string(i), "NASA"});
                ++wins;
            } catch (const ConflictError&) {
                ++conflicts;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(conflicts.load(), writers - 1);
    auto store = open();
    const auto final_state = *store->mission("iss");
    EXPECT_EQ(final_state.meta.version, 2);
    const auto log = store->audit({.record_id = "iss"});
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, final_state.meta.author);
    EXPECT_EQ("writer " + log[0].actor.substr(6), final_state.name);
}

TEST_P(StoreTest, AConflictingOrInvalidUpdateWritesNothing) {
    auto store = open_with_sample();
    const auto before = store->export_dataset();
    auto m = *store->mission("iss");
    m.name = "changed";
    EXPECT_THROW(store->update_mission(m, 7, ada), ConflictError);
    m.destination = "Pluto";
    EXPECT_THROW(store->update_mission(m, 1, ada), model::ValidationError);
    auto cycle = *store->mission("iss");
    cycle.precursors = {"mars-crew"};  // mars-crew already builds on iss
    EXPECT_THROW(store->update_mission(cycle, 1, ada), model::ValidationError);
    auto ghost = m;
    ghost.id = "ghost";
    EXPECT_THROW(store->update_mission(ghost, 1, ada), NotFoundError);
    auto cap = *store->capability("mars-relay");
    cap.name = "changed";
    EXPECT_THROW(store->update_capability(cap, 2, ada), ConflictError);
    EXPECT_EQ(store->export_dataset(), before);
    EXPECT_EQ(store->audit({.record_kind = "mission"}).size(), 0u);
    EXPECT_EQ(store->audit({.record_kind = "capability"}).size(), 0u);
}

TEST_P(StoreTest, DeleteChecksVersionAndReferences) {
    auto store = open_with_sample();
    EXPECT_THROW(store->delete_mission("iss", 1, ada), IntegrityError);  // a precursor of others
    EXPECT_THROW(store->delete_mission("mars-crew", 2, ada), ConflictError);
    EXPECT_THROW(store->delete_mission("nope", 1, ada), NotFoundError);
    EXPECT_THROW(store->delete_capability("heavy-launcher", 4, ada), IntegrityError);  // required by missions
    EXPECT_EQ(store->export_dataset(), sample_dataset());
    EXPECT_TRUE(store->audit({.record_kind = "mission"}).empty());

    const auto removed = *store->mission("mars-crew");
    store->delete_mission("mars-crew", 1, grace);
    EXPECT_EQ(store->mission("mars-crew"), std::nullopt);
    store->delete_capability("surface-habitat", 1, grace);
    EXPECT_EQ(store->capability("surface-habitat"), std::nullopt);
    const auto log = store->audit({.agency = "NASA"});
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, model::AuditAction::remove);
    EXPECT_EQ(nlohmann::json::parse(log[0].before), model::to_json(removed));
    EXPECT_EQ(log[0].after, "");
    EXPECT_EQ(log[1].record_kind, "capability");
    // Once no mission names it, the precursor can go.
    store->delete_mission("mars-orbiter", 3, ada);
    EXPECT_THROW(store->delete_mission("iss", 1, ada), IntegrityError);  // lunar-lander still builds on it
}

TEST_P(StoreTest, CapabilityLifecycle) {
    auto store = open_with_sample();
    model::Capability c;
    c.id = "lunar-gateway";
    c.name = "Gateway";
    c.provider = "NASA";
    c.kind = model::CapabilityKind::habitat;
    c.readiness = model::parse_planned_date("2028");
    c.visibility = {model::VisibilityScope::agencies, {"ESA"}};
    const auto created = store->create_capability(c, grace);
    EXPECT_EQ(created.meta.version, 1);
    EXPECT_EQ(store->capability("lunar-gateway"), created);
    auto changed = created;
    changed.visibility = {model::VisibilityScope::public_, {}};
    const auto updated = store->update_capability(changed, 1, grace);
    EXPECT_EQ(updated.meta.version, 2);
    EXPECT_EQ(store->capability("lunar-gateway"), updated);
    EXPECT_THROW(store->create_capability(c, grace), ConflictError);
    store->delete_capability("lunar-gateway", 2, grace);
    EXPECT_EQ(store->capability("lunar-gateway"), std::nullopt);
    const auto log = store->audit({.record_kind = "capability", .record_id = "lunar-gateway"});
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].action, model::AuditAction::create);
    EXPECT_EQ(log[1].action, model::AuditAction::update);
    EXPECT_EQ(log[2].action, model::AuditAction::remove);
}

TEST_P(StoreTest, AuditFilters) {
    auto store = open_with_sample();
    store->create_mission(new_mission(), ada);
    auto iss = *store->mission("iss");
    iss.name = "ISS";
    store->update_mission(iss, 1, grace);
    EXPECT_EQ(store->audit().size(), 3u);  // import, create, update
    EXPECT_EQ(store->audit({.agency = "ESA"}).size(), 1u);
    EXPECT_EQ(store->audit({.agency = "NASA"}).size(), 1u);
    EXPECT_EQ(store->audit({.record_kind = "mission", .record_id = "iss"}).size(), 1u);
    EXPECT_EQ(store->audit({.limit = 2}).size(), 2u);
    const auto all = store->audit();
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](auto& a, auto& b) { return a.id < b.id; }));
    const auto future = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                        std::chrono::hours{1};
    EXPECT_TRUE(store->audit({.since = future}).empty());
    EXPECT_EQ(store->audit({.since = all.front().at}).size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
