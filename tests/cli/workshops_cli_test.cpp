// `ger init` creates the bundled April 2014 workshop; `ger workshops purge` removes the personal data of
// registrations of workshops past the configured number of days, keeps the counts, is audited and idempotent;
// `ger workshops list` shows the counts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "../store/temp_dir.hpp"
#include "model/json.hpp"
#include "store/store.hpp"

namespace {

using ger::test::read_bytes;
using ger::test::TempDir;

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class WorkshopsCliTest : public ::testing::Test {
protected:
    Result ger(const std::string& args) {
        const auto out = m_dir / "stdout.txt";
        const auto err = m_dir / "stderr.txt";
        const std::string command = "cd '" + m_dir.path().string() + "' && env -u GER_DB '" GER_BINARY_DIR "/ger' " +
                                    args + " >'" + out.string() + "' 2>'" + err.string() + "'";
        const int raw = std::system(command.c_str());
        return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_bytes(out), read_bytes(err)};
    }
    std::string ok(const std::string& args) {
        const auto r = ger(args);
        EXPECT_EQ(r.status, 0) << "ger " << args << "\n" << r.err;
        return r.out;
    }
    std::string db() const { return (m_dir / "var" / "ger.db").string(); }
    TempDir m_dir;
};

constexpr const char* bundled = "ger-community-workshop-2014";

TEST_F(WorkshopsCliTest, InitCreatesTheBundledWorkshopAndPurgeRemovesPersonalDataOnce) {
    EXPECT_NE(ok("init").find("1 workshop"), std::string::npos);
    {
        auto store = ger::store::open_store(db());
        const auto w = store->workshop(bundled);
        ASSERT_TRUE(w);
        EXPECT_EQ(w->host_agency, "NASA");
        EXPECT_EQ(ger::model::registration_state(*w, std::chrono::floor<std::chrono::seconds>(
                                                          std::chrono::system_clock::now())),
                  "closed");
        // Registrations as they were taken in 2014 (the store does not judge the window; the server does).
        for (const char* email : {"ada@example.org", "bob@example.org"}) {
            ger::store::NewRegistration r;
            r.request = {bundled, "Someone", email, "Somewhere", true};
            r.token_digest = std::string("digest-") + email;
            r.source = "source";
            store->register_for_workshop(r);
        }
    }
    const auto listed = nlohmann::json::parse(ok("workshops list --format json"));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["confirmed"], 2);

    EXPECT_NE(ger("workshops purge --after-days -1").status, 0) << "a negative number of days is refused";
    const auto out = ok("workshops purge --after-days 30");
    EXPECT_NE(out.find("2 registrations of 1 workshops"), std::string::npos) << out;
    EXPECT_NE(out.find(bundled), std::string::npos) << out;
    {
        auto store = ger::store::open_store(db());
        for (const auto& r : store->registrations(bundled)) {
            EXPECT_TRUE(r.purged);
            EXPECT_EQ(r.email, "");
            EXPECT_EQ(r.name, "");
        }
        EXPECT_EQ(store->registration_counts(bundled).confirmed, 2) << "the counts stay";
        const auto entries = store->audit({.record_kind = "workshop"});
        ASSERT_EQ(entries.size(), 2u);
        EXPECT_NE(entries[1].note.find("purged"), std::string::npos);
    }
    EXPECT_NE(ok("workshops purge").find("0 registrations of 0 workshops"), std::string::npos) << "purged once";
}

TEST_F(WorkshopsCliTest, AWorkshopNotLongEnoughPastKeepsItsData) {
    ok("init");
    {
        auto store = ger::store::open_store(db());
        ger::store::NewRegistration r;
        r.request = {bundled, "Ada", "ada@example.org", "", false};
        r.token_digest = "digest";
        r.source = "source";
        store->register_for_workshop(r);
    }
    EXPECT_NE(ok("workshops purge --after-days 36500").find("0 registrations"), std::string::npos);
    EXPECT_EQ(ger::store::open_store(db())->registrations(bundled).front().email, "ada@example.org");
}

TEST_F(WorkshopsCliTest, ActionItemsAreAddedCheckedAndMovedOnWithoutLosingAConcurrentChange) {
    ok("init");
    EXPECT_NE(ok(std::string("actions add --workshop ") + bundled +
                 " --title 'Review sample return' --owner ESA --record sfl-life-beyond-earth --record artemis-3")
                  .find("added action item 1"),
              std::string::npos);
    for (const auto& [args, says] : std::vector<std::pair<std::string, std::string>>{
             {std::string("actions add --workshop ") + bundled + " --title x --owner XYZ", "no agency 'XYZ'"},
             {"actions add --workshop nope --title x --owner ESA", "no workshop 'nope'"},
             {std::string("actions add --workshop ") + bundled + " --title x --owner ESA --record comment:5",
              "comment:5: no such comment"},
             {std::string("actions add --workshop ") + bundled + " --title x --owner ESA --record no-such-mission",
              "no-such-mission: no mission, objective"},
             {"actions status 1 finished", "one of open, in-progress, done, dropped"}}) {
        const auto r = ger(args);
        EXPECT_EQ(r.status, 1) << args;
        EXPECT_NE(r.err.find(says), std::string::npos) << args << "\n" << r.err;
    }
    EXPECT_NE(ok("actions status 1 done").find("is done (version 2)"), std::string::npos);
    const auto stale = ger("actions status 1 open --expect-version 1");
    EXPECT_EQ(stale.status, 1);
    const auto listed = nlohmann::json::parse(ok("actions list --format json"));
    ASSERT_EQ(listed.size(), 1u) << "the refused adds stored nothing";
    EXPECT_EQ(listed[0]["status"], "done") << "the stale change was refused";
    EXPECT_EQ(listed[0]["records"], nlohmann::json::array({"sfl-life-beyond-earth", "artemis-3"}));
    auto store = ger::store::open_store(db());
    EXPECT_EQ(store->audit({.record_kind = "action-item"}).size(), 2u);
}

}  // namespace
