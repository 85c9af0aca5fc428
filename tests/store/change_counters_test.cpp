// The change counters as a server asks them (Store::follow_changes, store/sql/counter_cache.hpp): kept in memory
// only while every commit is announced, asked again after every event, and never older than a write the process
// acknowledged. On PostgreSQL also the announcement itself: the trigger of schema step 15 and the listener that
// hears it.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "backends.hpp"
#include "ger/config.hpp"
#include "sample_dataset.hpp"
#include "store/sql/counter_cache.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/change_listener.hpp"
#endif

namespace ger::store {
namespace {

using namespace std::chrono_literals;
using sql::ChangeCounters;
using sql::CounterCache;

// A read of the database that counts how often it was asked and answers `value`.
struct CountingRead {
    int asked = 0;
    ChangeCounters value{7, 3};
    ChangeCounters operator()() {
        ++asked;
        return value;
    }
};

TEST(CounterCache, WithoutAListenerEveryAskReadsTheDatabase) {
    CounterCache cache;
    CountingRead read;
    for (int i = 0; i < 3; ++i) EXPECT_EQ(cache.get(std::ref(read)).roadmap, 7);
    EXPECT_EQ(read.asked, 3);
}

TEST(CounterCache, WhileListeningAValueIsKeptUntilTheNextEvent) {
    CounterCache cache;
    cache.set_listening(true);
    CountingRead read;
    EXPECT_EQ(cache.get(std::ref(read)).roadmap, 7);
    EXPECT_EQ(cache.get(std::ref(read)).community, 3);
    EXPECT_EQ(read.asked, 1);
    read.value = {8, 3};
    cache.invalidate();  // a commit, here or announced
    EXPECT_EQ(cache.get(std::ref(read)).roadmap, 8);
    EXPECT_EQ(cache.get(std::ref(read)).roadmap, 8);
    EXPECT_EQ(read.asked, 2);
    cache.set_listening(false);  // the listener lost its connection: what it missed is unknown
    EXPECT_EQ(cache.get(std::ref(read)).roadmap, 8);
    EXPECT_EQ(read.asked, 3);
    cache.set_listening(true);
    cache.get(std::ref(read));
    EXPECT_EQ(read.asked, 4) << "reconnected: the value kept before may have missed changes";
}

TEST(CounterCache, AnEventDuringTheReadMakesTheNextAskReadAgain) {
    CounterCache cache;
    cache.set_listening(true);
    int asked = 0;
    // The database answers 5, and a commit (to 6) lands after it answered, before the value is kept.
    const auto racing = [&] {
        ++asked;
        if (asked == 1) cache.invalidate();
        return ChangeCounters{asked == 1 ? 5 : 6, 0};
    };
    EXPECT_EQ(cache.get(racing).roadmap, 5);
    EXPECT_EQ(cache.get(racing).roadmap, 6) << "the value read before the commit was served after it";
    EXPECT_EQ(cache.get(racing).roadmap, 6);
    EXPECT_EQ(asked, 2);
}

TEST(CounterCache, AValueIsAskedAgainAfterMaxAgeEvenWithoutEvents) {
    CounterCache cache;
    cache.set_listening(true);
    CountingRead read;
    cache.get(std::ref(read));
    std::this_thread::sleep_for(CounterCache::max_age + 100ms);  // a lost notification's worst case
    cache.get(std::ref(read));
    EXPECT_EQ(read.asked, 2);
}

class FollowChangesTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        m_url = GetParam().fresh_url(m_dir);
        auto store = open_store(m_url, OpenMode::create);
        store->replace_all(test::sample_dataset(), {"loader", ""});
    }

    static model::Mission mission(const std::string& id) { return test::probe_mission(id, "Mission " + id, "ESA", "Mars"); }

    // The same database reached as another server would: on PostgreSQL another pool, so no commit of this
    // process's pool tells it anything; only the database's announcement can.
    std::string as_another_process() const {
        if (m_url.rfind("postgresql://", 0) != 0) return m_url;
        return m_url + (m_url.find('?') == std::string::npos ? "?" : "&") + "application_name=ger-other-server";
    }

    test::TempDir m_dir;
    std::string m_url;
};

TEST_P(FollowChangesTest, AWriteOfThisProcessIsSeenAtOnce) {
    auto reader = open_store(m_url, OpenMode::existing);
    reader->follow_changes();
    auto writer = open_store(m_url, OpenMode::existing);  // another worker of the same server
    for (int i = 0; i < 20; ++i) {
        const long long before = reader->last_change_id();
        const long long community = reader->community_change_id();
        writer->create_mission(mission("m-" + std::to_string(i)), {"esa", "ESA"});
        EXPECT_EQ(reader->last_change_id(), before + 1) << "write " << i;
        EXPECT_EQ(reader->community_change_id(), community);
    }
}

TEST_P(FollowChangesTest, AnotherProcessWriteIsSeenWithinASecond) {
    auto reader = open_store(m_url, OpenMode::existing);
    reader->follow_changes();
    auto other = open_store(as_another_process(), OpenMode::existing);
    for (int i = 0; i < 5; ++i) {
        const long long before = reader->last_change_id();
        other->create_mission(mission("o-" + std::to_string(i)), {"esa", "ESA"});
        const auto deadline = std::chrono::steady_clock::now() + 1s;  // max_age, with room for a loaded machine
        while (reader->last_change_id() == before && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(5ms);
        }
        EXPECT_EQ(reader->last_change_id(), before + 1) << "write " << i;
    }
}

TEST_P(FollowChangesTest, AStoreInsideItsOwnWriteReadsTheCounterOfItsTransaction) {
    // freeze_edition compares the caller's change id with the transaction's: a kept value must not stand in.
    auto store = open_store(m_url, OpenMode::existing);
    store->follow_changes();
    const long long seen = store->last_change_id();
    auto other = open_store(as_another_process(), OpenMode::existing);
    other->create_mission(mission("late"), {"esa", "ESA"});  // not announced to `store` yet, perhaps
    auto snapshot = store->export_dataset();
    snapshot.editions = {model::Edition{}};
    snapshot.editions.front().name = "2031";
    snapshot.editions.front().title = "Test edition";
    snapshot.editions.front().published = std::chrono::year_month_day{std::chrono::year{2031}, std::chrono::month{1},
                                                                       std::chrono::day{1}};
    EXPECT_THROW(store->freeze_edition(snapshot, seen, {"sec", ""}), ConflictError);
}

INSTANTIATE_TEST_SUITE_P(Backends, FollowChangesTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

#if GER_WITH_POSTGRESQL
// The announcement itself, with no cache of a pool in the way: the listener hears every committed change of the
// counters (roadmap and community), and nothing else.
TEST(ChangeListener, HearsEveryCommitThatChangesACounter) {
    const auto url = test::fresh_postgresql_url(test::postgresql_server());
    auto store = open_store(url, OpenMode::create);
    store->replace_all(test::sample_dataset(), {"loader", ""});
    CounterCache cache;
    postgresql::ChangeListener listener(url, cache);
    const auto until = [](auto&& done, std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
        return done();
    };
    ASSERT_TRUE(until([&] { return cache.listening(); }, 10s)) << "the listener never connected";
    for (int i = 0; i < 3; ++i) {
        const auto before = cache.events();
        const auto n = std::to_string(i);
        store->create_mission(test::probe_mission("heard-" + n, "Heard " + n, "ESA", "Mars"), {"esa", "ESA"});
        EXPECT_TRUE(until([&] { return cache.events() > before; }, 10s)) << "write " << i << " was not announced";
    }
    // A read changes no counter: nothing is announced (give a stray notification time to arrive).
    const auto quiet = cache.events();
    store->export_dataset();
    store->last_change_id();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(cache.events(), quiet);
}
#endif

}  // namespace
}  // namespace ger::store
