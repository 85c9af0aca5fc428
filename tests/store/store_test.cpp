// The Store contract, data-driven over every backend built into this binary: each TEST_P runs unchanged on
// each entry of backends() (backends.hpp): SQLite (a path and a sqlite: URL) and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <functional>
#include <thread>

#include "backends.hpp"
#include "model/bundled.hpp"
#include "model/error.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

using ger::test::Backend;
using ger::test::backends;
using ger::test::sample_dataset;
using ger::test::TempDir;

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
    m.visibility = model::Visibility{model::VisibilityScope::public_, {}};
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

// ---- read rules: what the store does with what the actor may read (Actor::reads) ----------------------------

// A planner of `agency` under the server's rules (server/access.hpp); the store only asks the predicate.
Actor planner(const std::string& user, const std::string& agency) {
    Actor actor{user, agency};
    actor.reads = [agency](const model::Visibility& v, std::string_view owner) {
        return owner == agency || v.scope != model::VisibilityScope::agencies ||
               std::find(v.agencies.begin(), v.agencies.end(), agency) != v.agencies.end();
    };
    return actor;
}

// The errors of a write that must fail validation, with `id` replaced by "X".
std::vector<model::FieldError> refusal(const std::function<void()>& write, const std::string& id) {
    try {
        write();
    } catch (const model::ValidationError& e) {
        auto errors = e.errors();
        for (auto& error : errors) {
            for (auto at = error.message.find(id); at != std::string::npos; at = error.message.find(id, at + 1)) {
                error.message.replace(at, id.size(), "X");
            }
        }
        return errors;
    }
    ADD_FAILURE() << "the write with " << id << " was accepted";
    return {};
}

TEST_P(StoreTest, EveryWriteNeedsAVisibility) {
    auto store = open_with_sample();
    const auto before = store->export_dataset();
    const auto audit_before = store->audit().size();
    const auto refused_at_visibility = [](const std::function<void()>& write) {
        try {
            write();
            ADD_FAILURE() << "a record without a visibility was stored";
        } catch (const model::ValidationError& e) {
            ASSERT_EQ(e.errors().size(), 1u) << e.what();
            EXPECT_EQ(e.errors()[0].path.substr(e.errors()[0].path.rfind('/')), "/visibility") << e.what();
            EXPECT_NE(e.errors()[0].message.find("never public by default"), std::string::npos);
        }
    };
    auto mission = new_mission();
    mission.visibility.reset();
    refused_at_visibility([&] { store->create_mission(mission, ada); });
    auto iss = *store->mission("iss");
    iss.visibility.reset();
    refused_at_visibility([&] { store->update_mission(iss, 1, grace); });
    auto launcher = *store->capability("heavy-launcher");
    launcher.visibility.reset();
    refused_at_visibility([&] { store->update_capability(launcher, 4, grace); });
    launcher.id = "nasa-launcher-2";
    refused_at_visibility([&] { store->create_capability(launcher, grace); });
    auto data = sample_dataset();
    data.missions[2].visibility.reset();
    refused_at_visibility([&] { store->replace_all(data, {"loader", ""}); });
    EXPECT_EQ(store->export_dataset(), before);
    EXPECT_EQ(store->audit().size(), audit_before);
    // The negative case: the same writes with a visibility go through.
    mission.visibility = model::Visibility{model::VisibilityScope::partners, {}};
    EXPECT_EQ(store->create_mission(mission, ada).visibility, mission.visibility);
}

TEST_P(StoreTest, AReferenceTheActorCannotReadIsUnknownLikeAnAbsentOne) {
    auto store = open_with_sample();
    // mars-relay is ESA's, visible to NASA only: for JAXA it does not exist. mars-orbiter is ESA's, visible to
    // NASA and JAXA: narrowed to NASA, it no longer exists for JAXA either.
    auto orbiter = *store->mission("mars-orbiter");
    orbiter.visibility = model::Visibility{model::VisibilityScope::agencies, {"NASA"}};
    store->update_mission(orbiter, 3, ada);
    const auto jaxa = planner("kiyoshi", "JAXA");
    const auto before = store->export_dataset();
    const auto audit_before = store->audit().size();

    auto created = new_mission();
    created.lead_agency = "JAXA";
    created.partners.clear();
    created.precursors.clear();
    for (const auto& [field, hidden] : std::vector<std::pair<std::string, std::string>>{
             {"capabilities_required", "mars-relay"}, {"capabilities_provided", "mars-relay"},
             {"precursors", "mars-orbiter"}}) {
        SCOPED_TRACE(field + " " + hidden);
        const auto with = [&](const std::string& id) {
            auto m = created;
            if (field == "capabilities_required") m.capabilities_required = {id};
            if (field == "capabilities_provided") m.capabilities_provided = {id};
            if (field == "precursors") m.precursors = {id};
            return m;
        };
        const auto hidden_errors = refusal([&] { store->create_mission(with(hidden), jaxa); }, hidden);
        const auto absent_errors = refusal([&] { store->create_mission(with("nasa-no-such"), jaxa); }, "nasa-no-such");
        ASSERT_FALSE(hidden_errors.empty());
        EXPECT_EQ(hidden_errors, absent_errors);
        EXPECT_EQ(hidden_errors[0].path, "/" + field + "/0");
        // Updates resolve the same way.
        auto lander = *store->mission("lunar-lander");
        auto changed = with(hidden);
        changed.id = lander.id;
        const auto hidden_update = refusal([&] { store->update_mission(changed, 2, jaxa); }, hidden);
        changed = with("nasa-no-such");
        changed.id = lander.id;
        EXPECT_EQ(hidden_update, refusal([&] { store->update_mission(changed, 2, jaxa); }, "nasa-no-such"));
        // The negative case: an actor that reads everything (the command line) may name it.
        EXPECT_NO_THROW(store->create_mission(with(hidden), {"admin", ""})) << field;
        store->delete_mission(created.id, 1, {"admin", ""});
    }
    EXPECT_EQ(store->export_dataset(), before);
    EXPECT_EQ(store->audit().size(), audit_before + 6);  // the three creates and deletes by the admin
}

TEST_P(StoreTest, AnEditKeepsTheReferencesTheEditorCannotRead) {
    auto store = open_with_sample();
    // JAXA's lunar-lander requires NASA's heavy-launcher; NASA then narrows the launcher to ESA.
    auto launcher = *store->capability("heavy-launcher");
    launcher.visibility = model::Visibility{model::VisibilityScope::agencies, {"ESA"}};
    store->update_capability(launcher, 4, grace);
    const auto jaxa = planner("kiyoshi", "JAXA");
    auto lander = *store->mission("lunar-lander");
    ASSERT_EQ(lander.capabilities_required, std::vector<std::string>{"heavy-launcher"});
    // JAXA edits what it sees (the launcher is not in its view) and adds the habitat.
    lander.capabilities_required = {"surface-habitat"};
    lander.status = model::MissionStatus::planned;
    const auto updated = store->update_mission(lander, 2, jaxa);
    EXPECT_EQ(updated.capabilities_required, (std::vector<std::string>{"surface-habitat", "heavy-launcher"}));
    EXPECT_EQ(store->mission("lunar-lander"), updated);
    // An edit that empties the list it sees still keeps what it does not see.
    lander = updated;
    lander.capabilities_required.clear();
    EXPECT_EQ(store->update_mission(lander, 3, jaxa).capabilities_required,
              std::vector<std::string>{"heavy-launcher"});
    // The negative case: an editor that reads the launcher removes it by leaving it out.
    lander = *store->mission("lunar-lander");
    lander.capabilities_required.clear();
    EXPECT_TRUE(store->update_mission(lander, 4, {"admin", ""}).capabilities_required.empty());
}

TEST_P(StoreTest, ADeleteDetachesReferencesFromRecordsTheDeleterCannotRead) {
    auto store = open_with_sample();
    // lunar-lander (JAXA) requires heavy-launcher and builds on iss, both NASA's; JAXA narrows it to ESA.
    auto lander = *store->mission("lunar-lander");
    lander.visibility = model::Visibility{model::VisibilityScope::agencies, {"ESA"}};
    lander = store->update_mission(lander, 2, planner("kiyoshi", "JAXA"));
    const auto nasa = planner("grace", "NASA");

    // mars-orbiter (readable by NASA) still requires the launcher: refused, naming it and only it.
    try {
        store->delete_capability("heavy-launcher", 4, nasa);
        FAIL() << "deleted a capability a readable mission requires";
    } catch (const IntegrityError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("mars-orbiter"), std::string::npos) << message;
        EXPECT_EQ(message.find("lunar-lander"), std::string::npos) << message;
    }
    EXPECT_EQ(store->mission("lunar-lander"), lander) << "a refused delete changed a hidden record";
    // For an actor that reads everything, the hidden mission blocks too (the negative case).
    auto orbiter = *store->mission("mars-orbiter");
    orbiter.capabilities_required.clear();
    store->update_mission(orbiter, 3, ada);
    try {
        store->delete_capability("heavy-launcher", 4, {"admin", ""});
        FAIL() << "deleted a capability a mission requires";
    } catch (const IntegrityError& e) {
        EXPECT_NE(std::string(e.what()).find("lunar-lander"), std::string::npos) << e.what();
    }

    // Now only the hidden mission refers to it: NASA's delete goes through and detaches it, as the system.
    const auto audit_before = store->audit().size();
    store->delete_capability("heavy-launcher", 4, nasa);
    EXPECT_EQ(store->capability("heavy-launcher"), std::nullopt);
    const auto detached = *store->mission("lunar-lander");
    EXPECT_TRUE(detached.capabilities_required.empty());
    EXPECT_EQ(detached.meta.version, lander.meta.version + 1);
    EXPECT_EQ(detached.meta.author, "system");
    EXPECT_EQ(detached.visibility, lander.visibility);
    EXPECT_EQ(detached.precursors, lander.precursors);
    const auto log = store->audit();
    ASSERT_EQ(log.size(), audit_before + 2);
    EXPECT_EQ(log[audit_before].record_id, "heavy-launcher");
    EXPECT_EQ(log[audit_before].actor, "grace");
    const auto& entry = log[audit_before + 1];
    EXPECT_EQ(entry.actor, "system");
    EXPECT_EQ(entry.agency, "");
    EXPECT_EQ(entry.record_kind, "mission");
    EXPECT_EQ(entry.record_id, "lunar-lander");
    EXPECT_EQ(entry.action, model::AuditAction::update);
    EXPECT_NE(entry.note.find("capability 'heavy-launcher' removed"), std::string::npos) << entry.note;
    EXPECT_EQ(nlohmann::json::parse(entry.before), model::to_json(lander));
    EXPECT_EQ(nlohmann::json::parse(entry.after), model::to_json(detached));
    // JAXA's edit based on the version it read fails instead of silently restoring or losing the change.
    EXPECT_THROW(store->update_mission(lander, lander.meta.version, planner("kiyoshi", "JAXA")), ConflictError);

    // Missions: mars-crew (readable) blocks the delete of iss, naming only itself; once it is gone, iss goes and
    // the hidden lunar-lander loses its precursor.
    try {
        store->delete_mission("iss", 1, nasa);
        FAIL() << "deleted a precursor of a readable mission";
    } catch (const IntegrityError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("mars-crew"), std::string::npos) << message;
        EXPECT_EQ(message.find("lunar-lander"), std::string::npos) << message;
    }
    store->delete_mission("mars-crew", 1, nasa);
    store->delete_mission("iss", 1, nasa);
    const auto without_precursor = *store->mission("lunar-lander");
    EXPECT_TRUE(without_precursor.precursors.empty());
    EXPECT_EQ(without_precursor.meta.version, detached.meta.version + 1);
    const auto last = store->audit().back();
    EXPECT_EQ(last.actor, "system");
    EXPECT_NE(last.note.find("precursor 'iss' removed"), std::string::npos) << last.note;
}

TEST_P(StoreTest, ACycleMessageNamesOnlyReadableMissions) {
    auto store = open_with_sample();
    // lunar-lander (JAXA) builds on iss; mars-orbiter (ESA) on lunar-lander. Hidden from NASA, lunar-lander
    // closes the cycle iss -> mars-orbiter -> lunar-lander -> iss when NASA makes iss build on mars-orbiter.
    auto lander = *store->mission("lunar-lander");
    lander.visibility = model::Visibility{model::VisibilityScope::agencies, {"ESA"}};
    store->update_mission(lander, 2, {"kiyoshi", "JAXA"});
    auto iss = *store->mission("iss");
    iss.precursors = {"mars-orbiter"};
    const auto message_for = [&](const Actor& actor) -> std::string {
        try {
            store->update_mission(iss, 1, actor);
        } catch (const model::ValidationError& e) {
            return e.what();
        }
        return "accepted";
    };
    const auto nasa = message_for(planner("grace", "NASA"));
    EXPECT_NE(nasa.find("iss -> mars-orbiter -> (a mission you cannot read) -> iss"), std::string::npos) << nasa;
    EXPECT_EQ(nasa.find("lunar-lander"), std::string::npos) << nasa;
    EXPECT_NE(message_for({"admin", ""}).find("lunar-lander"), std::string::npos);
    EXPECT_EQ(store->mission("iss")->meta.version, 1);
}

TEST_P(StoreTest, LoginThrottleEntriesAreSharedThroughTheDatabaseAndExpire) {
    auto one = open();
    auto other = open();  // another server on the same database
    EXPECT_TRUE(one->throttle_entries({"pair:a", "address:x"}).empty());
    const auto stored = one->update_throttle_entries({"pair:a", "address:x"}, 0, [](std::vector<ThrottleEntry>& e) {
        ASSERT_EQ(e.size(), 2u);
        EXPECT_EQ(e[0], ThrottleEntry{"pair:a"});  // absent: only the key
        e[0].failures = 3;
        e[0].last_ms = 5'000;
        e[0].until_ms = 35'000;
        e[1].level = 1.5;
        e[1].last_ms = 9'000;
    });
    ASSERT_EQ(stored.size(), 2u);
    const std::vector<ThrottleEntry> expected{{"pair:a", 0, 3, 5'000, 35'000}, {"address:x", 1.5, 0, 9'000, 0}};
    EXPECT_EQ(other->throttle_entries({"pair:a", "address:x", "pair:unknown"}), expected);
    // The next change sees what the other connection wrote; expiry removes entries older than its bound first.
    other->update_throttle_entries({"pair:a", "address:x"}, 6'000, [](std::vector<ThrottleEntry>& e) {
        EXPECT_EQ(e[0], ThrottleEntry{"pair:a"}) << "last changed at 5 s, before the 6 s bound: expired";
        EXPECT_EQ(e[1].level, 1.5);
        e[1].level = 0;  // drained, no failures: removed
    });
    EXPECT_TRUE(one->throttle_entries({"pair:a", "address:x"}).empty());
    one->update_throttle_entries({"pair:b"}, 0, [](std::vector<ThrottleEntry>& e) { e[0].failures = 1; });
    ASSERT_EQ(other->throttle_entries({"pair:b"}).size(), 1u);
    other->delete_throttle_entry("pair:b");
    EXPECT_TRUE(one->throttle_entries({"pair:b"}).empty());
    // A change that throws writes nothing.
    EXPECT_THROW(one->update_throttle_entries({"pair:c"}, 0,
                                              [](std::vector<ThrottleEntry>& e) {
                                                  e[0].failures = 1;
                                                  throw std::runtime_error("stop");
                                              }),
                 std::runtime_error);
    EXPECT_TRUE(other->throttle_entries({"pair:c"}).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
