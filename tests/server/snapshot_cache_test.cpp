// The server's snapshot of the records (server/detail/app.hpp: SnapshotCache): requests that find the data moved on
// share one rebuild instead of each thread exporting the whole roadmap again, and none is ever served a snapshot
// older than the change it asked after.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <barrier>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "model/bundled.hpp"
#include "server/access.hpp"
#include "server/detail/app.hpp"
#include "store/store.hpp"

namespace ger::test {
namespace {

namespace fs = std::filesystem;
using server::detail::Snapshot;
using server::detail::SnapshotCache;

class SnapshotCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ger-snapshot-cache-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "ger.db").string();
        store::open_store(m_db, store::OpenMode::create)->replace_all(model::bundled_dataset(), {"test", ""});
        m_cache.on_new = [this](const Snapshot&) { ++m_builds; };
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Each of `threads` threads, on its own connection as the server's workers are, asks at the same moment.
    std::vector<std::shared_ptr<const Snapshot>> ask_together(int threads) {
        std::vector<std::unique_ptr<store::Store>> stores;
        for (int i = 0; i < threads; ++i) stores.push_back(store::open_store(m_db));
        std::vector<std::shared_ptr<const Snapshot>> seen(threads);
        std::barrier start(threads);
        std::vector<std::thread> workers;
        for (int i = 0; i < threads; ++i) {
            workers.emplace_back([&, i] {
                start.arrive_and_wait();
                seen[i] = m_cache.current(*stores[i]);
            });
        }
        for (auto& w : workers) w.join();
        return seen;
    }

    // A new mission, committed through a connection of its own: the change id moves on.
    long long write_one(const std::string& id) {
        auto writer = store::open_store(m_db);
        auto mission = model::bundled_dataset().missions.front();
        mission.id = id;
        mission.name = "Snapshot " + id;
        mission.lead_agency = "NASA";  // "nasa-" ids are NASA's
        mission.partners.clear();
        mission.precursors.clear();
        writer->create_mission(mission, {"test", ""});
        return writer->last_change_id();
    }

    fs::path m_dir;
    std::string m_db;
    SnapshotCache m_cache;
    std::atomic<int> m_builds{0};
};

TEST_F(SnapshotCacheTest, ManyThreadsAskingAtOnceShareOneBuild) {
    const auto first = ask_together(8);
    EXPECT_EQ(m_builds, 1) << "each thread built its own snapshot";
    for (const auto& s : first) EXPECT_EQ(s.get(), first.front().get());

    // Unchanged data: no build at all.
    EXPECT_EQ(ask_together(8).front().get(), first.front().get());
    EXPECT_EQ(m_builds, 1);

    // After a write, again one build, and every thread sees the write.
    const long long after = write_one("nasa-snapshot-one");
    const auto second = ask_together(8);
    EXPECT_EQ(m_builds, 2);
    for (const auto& s : second) {
        ASSERT_GE(s->change_id, after);
        EXPECT_NE(s->mission("nasa-snapshot-one"), nullptr);
    }
}

TEST_F(SnapshotCacheTest, NoAnswerIsOlderThanTheChangeItAskedAfter) {
    // Writers and readers together: a reader that saw change id N before asking must get a snapshot >= N holding
    // the mission of that change. (Builds overlap writes here, so they are not counted.)
    auto reader_store = store::open_store(m_db);
    std::atomic<bool> done{false};
    std::atomic<int> stale{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 4; ++r) {
        readers.emplace_back([&] {
            auto own = store::open_store(m_db);
            while (!done) {
                const long long seen = own->last_change_id();
                if (m_cache.current(*own)->change_id < seen) ++stale;
            }
        });
    }
    for (int i = 0; i < 60; ++i) {
        const std::string id = "nasa-snapshot-" + std::to_string(i);
        write_one(id);
        const auto s = m_cache.current(*reader_store);
        if (s->mission(id) == nullptr) ++stale;
    }
    done = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(stale, 0);
}

// After a write the snapshot is patched (the records that changed re-read into a copy of the previous one) where
// only missions and capabilities changed; it must equal what an export of the store gives, order included,
// after every kind of change: creates, edits, removals that detach references, a record removed and created
// again, several changes between two snapshots, and changes of other kinds (which rebuild it whole).
TEST_F(SnapshotCacheTest, APatchedSnapshotHoldsExactlyWhatTheStoreHolds) {
    auto store = store::open_store(m_db);
    std::mt19937 random(20261203);
    const store::Actor admin{"test", ""};
    // An ESA planner under the server's own read rule.
    const store::Actor esa = server::actor_of(server::Caller{store::Role::planner, "esa-planner", "ESA"});
    const auto bundled = model::bundled_dataset();
    std::vector<std::string> ours;  // the missions this test created and did not remove
    std::set<std::string> gone;     // those it removed and did not create again
    int next = 0;
    int chained = 0;  // snapshots that carry more changes than the step's own
    for (int step = 0; step < 200; ++step) {
        SCOPED_TRACE("step " + std::to_string(step));
        const int changes = 1 + static_cast<int>(random() % 3);
        for (int c = 0; c < changes; ++c) {
            const auto dice = random() % 10;
            if (dice < 4 || ours.empty()) {
                auto m = bundled.missions.front();
                m.id = "nasa-patch-" + std::to_string(next++);
                m.lead_agency = "NASA";
                m.partners.clear();
                m.precursors.clear();
                if (!ours.empty() && random() % 2) m.precursors = {ours[random() % ours.size()]};
                // Some only NASA reads: ESA's removal of their precursor detaches it from them.
                if (random() % 2) m.visibility = model::Visibility{model::VisibilityScope::agencies, {"NASA"}};
                store->create_mission(m, admin);
                ours.push_back(m.id);
            } else if (dice < 7) {
                auto m = *store->mission(ours[random() % ours.size()]);
                m.name = "Edited at step " + std::to_string(step);
                store->update_mission(m, m.meta.version, admin);
            } else if (dice < 9) {
                // Removal (detaching it from the missions that name it as a precursor), sometimes created again.
                const auto at = random() % ours.size();
                const auto m = *store->mission(ours[at]);
                try {
                    store->delete_mission(m.id, m.meta.version, esa);
                } catch (const store::IntegrityError&) {
                    continue;  // a mission ESA reads names it: refused, nothing changed
                }
                ours.erase(ours.begin() + static_cast<std::ptrdiff_t>(at));
                gone.insert(m.id);
                if (random() % 2) {
                    gone.erase(m.id);
                    auto again = m;
                    again.precursors.clear();
                    store->create_mission(again, admin);
                    ours.push_back(again.id);
                }
            } else {
                auto cap = *store->capability(bundled.capabilities.front().id);
                cap.name = "Renamed at step " + std::to_string(step);
                store->update_capability(cap, cap.meta.version, admin);
            }
        }
        if (step % 50 == 49) {
            // Another kind of change: a goal edit. The snapshot is read whole again.
            auto goal = store->export_dataset().goals.front();
            auto renamed = goal;
            renamed.title = "Goal at step " + std::to_string(step);
            store->update_goal(renamed, goal, admin);
        }
        const auto snapshot = m_cache.current(*store);
        ASSERT_EQ(snapshot->change_id, store->last_change_id());
        if (snapshot->records_changed_since_base() > static_cast<std::size_t>(changes)) ++chained;
        const auto exported = store->export_dataset();
        // Looked up before the whole data set is put together: the changed records over the base.
        for (const auto& m : exported.missions) {
            const auto* seen = snapshot->mission(m.id);
            ASSERT_NE(seen, nullptr) << m.id;
            ASSERT_EQ(*seen, m);
        }
        for (const auto& c : exported.capabilities) {
            const auto* seen = snapshot->capability(c.id);
            ASSERT_NE(seen, nullptr) << c.id;
            ASSERT_EQ(*seen, c);
        }
        for (const auto& id : gone) ASSERT_EQ(snapshot->mission(id), nullptr) << id;
        // The whole data set on some steps only: the snapshots after one that was not put together are patched
        // from its base and its changes, over several steps.
        if (random() % 3 == 0) {
            ASSERT_EQ(snapshot->dataset(), exported);
        }
    }
    EXPECT_GT(chained, 20) << "no snapshot was patched across several steps";
}

// Many writes and only lookups in between (an API client reading one record while others write): the changes
// carried over the base stay bounded, and the data set stays what the store holds.
TEST_F(SnapshotCacheTest, ChangesCarriedOverTheBaseStayBounded) {
    auto store = store::open_store(m_db);
    const auto first = m_cache.current(*store);
    std::size_t most = 0;
    for (int i = 0; i < 1200; ++i) {
        const std::string id = "nasa-bounded-" + std::to_string(i);
        write_one(id);
        const auto s = m_cache.current(*store);
        ASSERT_NE(s->mission(id), nullptr) << id;
        most = std::max(most, s->records_changed_since_base());
    }
    EXPECT_LE(most, 512U);
    const auto last = m_cache.current(*store);
    EXPECT_NE(last->base(), first->base()) << "the base was never renewed";
    EXPECT_EQ(last->dataset(), store->export_dataset());
}

TEST_F(SnapshotCacheTest, ChangesBetweenNamesEveryChangeOrSaysItCannot) {
    auto store = store::open_store(m_db);
    const long long start = m_cache.current(*store)->change_id;
    const long long created = write_one("nasa-snapshot-named");
    auto m = *store->mission("nasa-snapshot-named");
    store->delete_mission(m.id, m.meta.version, {"test", ""});
    const auto changes = store->changes_between(start, store->last_change_id());
    ASSERT_TRUE(changes.has_value());
    ASSERT_EQ(changes->size(), 2U);
    EXPECT_EQ((*changes)[0], (store::RecordChange{created, "mission", "nasa-snapshot-named", model::AuditAction::create}));
    EXPECT_EQ((*changes)[1].action, model::AuditAction::remove);
    EXPECT_TRUE(store->changes_between(created, created)->empty());
    // Numbers that no entry carries (past the present here; entries written before schema 13 have none): the
    // log cannot tell, and the snapshot is then read whole.
    EXPECT_FALSE(store->changes_between(start, store->last_change_id() + 5).has_value());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(m_db.c_str(), &db), SQLITE_OK);
    const auto unnumber = "UPDATE audit_log SET change_id = NULL WHERE change_id = " + std::to_string(created);
    ASSERT_EQ(sqlite3_exec(db, unnumber.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    EXPECT_FALSE(store->changes_between(start, store->last_change_id()).has_value());
    // The snapshot from `start` cannot be patched across that change: it is read whole, and still right.
    write_one("nasa-snapshot-after");
    const auto after = m_cache.current(*store);
    EXPECT_EQ(after->dataset(), store->export_dataset());
    EXPECT_NE(after->mission("nasa-snapshot-after"), nullptr);
    EXPECT_EQ(after->mission("nasa-snapshot-named"), nullptr);
}

}  // namespace
}  // namespace ger::test
