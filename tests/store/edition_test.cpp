// Frozen editions: a snapshot and its artefacts are written once and never change, whoever tries (the API, raw
// SQL, a whole-data-set import); a refused write leaves everything as it was. Runs unchanged on every backend
// (backends.hpp); the raw SQL goes to the database past the store, in each backend's own dialect.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "backends.hpp"
#include "ger/config.hpp"
#include "model/bundled.hpp"
#include "model/error.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/connection.hpp"
#endif

namespace ger::store {
namespace {

const Actor secretariat{"sec", ""};

model::Dataset snapshot_of(const model::Dataset& data, const std::string& name) {
    model::Dataset s = data;
    model::Edition e;
    e.name = name;
    e.title = "Edition " + name;
    e.published = std::chrono::year{2026} / 11 / 26;
    e.signatories = {"NASA", "ESA"};
    e.scenario = "test scenario";
    s.editions = {e};
    return s;
}

bool is_postgresql(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// The file of an SQLite URL (a path, "sqlite:PATH" or "sqlite://PATH", as open_store reads them).
std::string sqlite_file(const std::string& url) {
    if (url.rfind("sqlite://", 0) == 0) return url.substr(9);
    if (url.rfind("sqlite:", 0) == 0) return url.substr(7);
    return url;
}

// Runs SQL on the database directly, past the store's rules: on the SQLite file with sqlite3, or as one plain
// statement on a PostgreSQL connection. Returns the database's error message ("" when it succeeded).
std::string raw_sql(const std::string& url, const std::string& sql) {
    if (is_postgresql(url)) {
#if GER_WITH_POSTGRESQL
        try {
            postgresql::PgConnection db(url);
            db.exec(sql);
            return "";
        } catch (const StoreError& e) {
            return e.what();
        }
#else
        ADD_FAILURE() << "a PostgreSQL URL in a build without PostgreSQL: " << url;
        return "error";
#endif
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(sqlite_file(url).c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = rc == SQLITE_OK ? "" : (error ? error : "error");
    sqlite3_free(error);
    sqlite3_close(db);
    return message;
}

using ger::test::Backend;

class Editions : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        url = GetParam().fresh_url(dir);
        store = open_store(url, OpenMode::create);
        store->replace_all(model::bundled_dataset(), secretariat);
    }
    test::TempDir dir;
    std::string url;
    std::unique_ptr<Store> store;
};

TEST_P(Editions, FreezeStoresTheSnapshotAndListsTheEdition) {
    const auto snapshot = snapshot_of(model::bundled_dataset(), "2026");
    store->freeze_edition(snapshot, store->last_change_id(), secretariat);
    const auto stored = store->edition_snapshot("2026");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->frozen_by, "sec");
    EXPECT_EQ(stored->data.missions, snapshot.missions);
    EXPECT_EQ(stored->edition().name, "2026");
    EXPECT_TRUE(stored->edition().frozen);
    EXPECT_EQ(store->frozen_editions(), (std::vector<std::string>{"2026"}));
    const auto listed = store->editions();
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed.back().name, "2026");
    EXPECT_TRUE(listed.back().frozen);
    EXPECT_EQ(listed.back().signatories, (std::vector<std::string>{"NASA", "ESA"}));
    EXPECT_EQ(store->audit({.record_kind = "edition"}).size(), 1u);
    EXPECT_FALSE(store->edition_snapshot("1999"));
}

TEST_P(Editions, AFrozenEditionCannotChange) {
    store->freeze_edition(snapshot_of(model::bundled_dataset(), "2026"), std::nullopt, secretariat);
    const auto before = store->edition_snapshot("2026");
    const long long changes = store->last_change_id();

    // Freezing again, with other records, is refused.
    auto other = model::bundled_dataset();
    other.missions.pop_back();
    EXPECT_THROW(store->freeze_edition(snapshot_of(other, "2026"), std::nullopt, secretariat), ConflictError);
    // Raw SQL is refused by the triggers.
    EXPECT_NE(raw_sql(url, "UPDATE edition_snapshots SET dataset = '{}' WHERE name = '2026'").find("never changes"),
              std::string::npos);
    EXPECT_NE(raw_sql(url, "DELETE FROM edition_snapshots").find("never changes"), std::string::npos);
    // PostgreSQL's TRUNCATE fires no row trigger, so it has its own (SQLite has no TRUNCATE).
    if (is_postgresql(url)) {
        EXPECT_NE(raw_sql(url, "TRUNCATE edition_snapshots CASCADE").find("never changes"), std::string::npos);
    }
    // An import that changes the live records leaves the snapshot alone.
    store->replace_all(other, secretariat);

    const auto after = store->edition_snapshot("2026");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->data, before->data);
    EXPECT_EQ(after->frozen_at, before->frozen_at);
    EXPECT_EQ(store->frozen_editions().size(), 1u);
    EXPECT_EQ(store->last_change_id(), changes + 1);  // only the import's audit entry
}

TEST_P(Editions, StaleSnapshotIsRefusedAndNothingIsWritten) {
    const long long seen = store->last_change_id();
    const auto snapshot = snapshot_of(model::bundled_dataset(), "2026");
    auto mission = store->mission("artemis-3");
    ASSERT_TRUE(mission);
    mission->name = "Artemis III renamed";
    store->update_mission(*mission, mission->meta.version, secretariat);  // someone edits meanwhile
    EXPECT_THROW(store->freeze_edition(snapshot, seen, secretariat), ConflictError);
    EXPECT_FALSE(store->edition_snapshot("2026"));
    EXPECT_EQ(store->editions().size(), 2u);
}

TEST_P(Editions, BadSnapshotsAreRefused) {
    auto two = snapshot_of(model::bundled_dataset(), "2026");
    two.editions.push_back(two.editions.front());
    two.editions.back().name = "2027";
    EXPECT_THROW(store->freeze_edition(two, std::nullopt, secretariat), model::ValidationError);
    auto dangling = snapshot_of(model::bundled_dataset(), "2026");
    dangling.missions.front().lead_agency = "NOPE";
    EXPECT_THROW(store->freeze_edition(dangling, std::nullopt, secretariat), model::ValidationError);
    EXPECT_TRUE(store->frozen_editions().empty());
}

TEST_P(Editions, ArtefactsAreWriteOnceBytes) {
    EXPECT_THROW(store->put_edition_artefact("2026", {"pdf", "application/pdf", "x", {}}), NotFoundError);
    store->freeze_edition(snapshot_of(model::bundled_dataset(), "2026"), std::nullopt, secretariat);
    const std::string bytes("%PDF-1.5\0\x01\xff binary", 18);  // 18 bytes, NUL and 0xff included
    store->put_edition_artefact("2026", {"pdf", "application/pdf", bytes, {}});
    const auto got = store->edition_artefact("2026", "pdf");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->content, bytes);
    EXPECT_EQ(got->media_type, "application/pdf");
    EXPECT_THROW(store->put_edition_artefact("2026", {"pdf", "application/pdf", "other", {}}), ConflictError);
    // One zero byte, in each dialect: SQLite's blob literal; PostgreSQL's x'00' would be a bit string.
    const std::string zero_byte = is_postgresql(url) ? "'\\x00'::bytea" : "x'00'";
    EXPECT_NE(raw_sql(url, "UPDATE edition_artefacts SET content = " + zero_byte).find("never changes"),
              std::string::npos);
    if (is_postgresql(url)) {
        EXPECT_NE(raw_sql(url, "TRUNCATE edition_artefacts").find("never changes"), std::string::npos);
    }
    EXPECT_EQ(store->edition_artefact("2026", "pdf")->content, bytes);
    const auto list = store->edition_artefacts("2026");
    ASSERT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].content.empty());
    EXPECT_FALSE(store->edition_artefact("2026", "html"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Editions, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
