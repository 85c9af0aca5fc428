// Online backup and restore, on every backend (backends.hpp): SQLite's online backup API, PostgreSQL's pg_dump
// (custom format) loaded back in one transaction. A backup restores to the same data, audit log, change counter and
// frozen editions; a backup taken while another connection writes is one consistent instant (every mission has its
// audit entry and every audit entry its mission, and the change counter agrees with them); refusals (an existing
// backup file, an existing database without replace, a file that is not a backup, a damaged or a missing one)
// change nothing. PostgreSQL only: an older schema's backup replaces a newer database and is migrated, and a
// replace that fails while loading changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "backends.hpp"
#include "ger/config.hpp"
#include "model/bundled.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/backup.hpp"
#include "store/postgresql/connection.hpp"
#include "store/postgresql/migrations_sql.hpp"
#endif

namespace ger::store {
namespace {

using ger::test::Backend;

const Actor nasa{"nasa", "NASA", {}};

model::Mission mission(const std::string& id) { return test::probe_mission(id, "Backup probe " + id, "NASA", "Moon"); }

// The data set as frozen edition `name`: the write-once tables (and their triggers) get rows too.
model::Dataset snapshot_of(const std::string& name) {
    model::Dataset s = model::bundled_dataset();
    model::Edition e;
    e.name = name;
    e.title = "Edition " + name;
    e.published = std::chrono::year{2026} / 11 / 26;
    e.signatories = {"NASA", "ESA"};
    s.editions = {e};
    return s;
}

const std::string artefact_bytes("%PDF-1.5\0\x01\xff binary", 18);  // NUL and 0xff included

void freeze(Store& store, const std::string& name) {
    store.freeze_edition(snapshot_of(name), std::nullopt, {"sec", ""});
    store.put_edition_artefact(name, {"pdf", "application/pdf", artefact_bytes, {}});
}

std::string exported(const std::string& url) { return model::to_json(open_store(url)->export_dataset()).dump(); }

bool is_postgresql(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

#if GER_WITH_POSTGRESQL
// Creates the database of `url`, empty (no tables, no ger schema), as createdb would: through the server's
// maintenance database.
void create_empty_postgresql_database(const std::string& url) {
    const auto name = url.substr(url.rfind('/') + 1);
    postgresql::PgConnection(test::postgresql_server())
        .exec("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
}

// Drops the database of `url` (its idle pooled connections too): for the tests that make many, so that the
// throwaway server stays small (its stop, a CTest fixture, has a time limit).
void drop_postgresql_database(const std::string& url) {
    const auto name = url.substr(url.rfind('/') + 1);
    postgresql::PgConnection(test::postgresql_server()).exec("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
}
#endif

// Where a message names the database: the file of an SQLite URL (a path, "sqlite:PATH", "sqlite://PATH"), the
// URL of a PostgreSQL one (these carry no password to redact).
std::string location(const std::string& url) {
    if (url.rfind("sqlite://", 0) == 0) return url.substr(9);
    if (url.rfind("sqlite:", 0) == 0) return url.substr(7);
    return url;
}

class BackupTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_db = GetParam().fresh_url(m_dir);
        auto store = open_store(m_db, OpenMode::create);
        store->replace_all(model::bundled_dataset(), {"test", ""});
        store->create_mission(mission("nasa-backup-probe"), nasa);
        freeze(*store, "2026");
    }

    // A new database to restore into that holds nothing yet. SQLite: a path where no file is (its directory
    // made). PostgreSQL: restore_backup loads into a database that exists, so an empty one is created (as
    // createdb would, through the server's maintenance database) with neither tables nor a ger schema.
    std::string fresh_target() {
        const auto url = GetParam().fresh_url(m_restore_dir);
        if (!is_postgresql(url)) {
            std::filesystem::create_directories(std::filesystem::path(location(url)).parent_path());
            return url;
        }
#if GER_WITH_POSTGRESQL
        create_empty_postgresql_database(url);
#endif
        return url;
    }

    test::TempDir m_dir;
    test::TempDir m_restore_dir;  // fresh_target's: fresh_url names one file per directory
    std::string m_db;
    std::string m_backup = (m_dir / "ger.backup").string();
};

TEST_P(BackupTest, ABackupRestoresToTheSameDataAndAuditLog) {
    const auto summary = open_store(m_db)->backup(m_backup);
    EXPECT_GT(summary.bytes, 10'000);
    EXPECT_EQ(summary.schema_version, latest_schema_version(m_db));
    EXPECT_EQ(summary.bytes, static_cast<long long>(std::filesystem::file_size(m_backup)));
    const auto restored = fresh_target();
    const auto restore_summary = restore_backup(m_backup, restored, false);
    EXPECT_EQ(restore_summary.schema_version, latest_schema_version(m_db));
    EXPECT_EQ(exported(restored), exported(m_db));
    EXPECT_EQ(open_store(restored)->audit({}).size(), open_store(m_db)->audit({}).size());
    EXPECT_TRUE(open_store(restored)->audit({}) == open_store(m_db)->audit({})) << "the same entries, ids included";
    EXPECT_EQ(open_store(restored)->last_change_id(), open_store(m_db)->last_change_id());
    const auto snapshot = open_store(restored)->edition_snapshot("2026");
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->data, open_store(m_db)->edition_snapshot("2026")->data);
    EXPECT_EQ(snapshot->frozen_at, open_store(m_db)->edition_snapshot("2026")->frozen_at);
    const auto artefact = open_store(restored)->edition_artefact("2026", "pdf");
    ASSERT_TRUE(artefact);
    EXPECT_EQ(artefact->content, artefact_bytes);
    for (const char* suffix : {"-wal", "-shm"}) {
        EXPECT_FALSE(std::filesystem::exists(m_backup + suffix)) << "a backup is one self-contained file, even after "
                                                                     "a restore read it";
    }
    // The restored database is a working one: it takes writes, its change counter going on from the backup's.
    auto store = open_store(restored);
    const auto change = store->last_change_id();
    store->create_mission(mission("nasa-after-restore"), nasa);
    EXPECT_EQ(store->last_change_id(), change + 1);
    EXPECT_TRUE(store->mission("nasa-after-restore"));
}

TEST_P(BackupTest, ABackupUnderWriteLoadIsOneConsistentInstant) {
    const long long base_change = open_store(m_db)->last_change_id();
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        auto store = open_store(m_db);
        for (int i = 0; !stop && i < 100'000; ++i) {
            store->create_mission(mission("nasa-load-" + std::to_string(i)), nasa);
            ++written;
        }
    });
    while (written < 20) std::this_thread::yield();
    open_store(m_db)->backup(m_backup);
    const int at_backup = written;
    while (written < at_backup + 20) std::this_thread::yield();
    stop = true;
    writer.join();

    const auto restored = fresh_target();
    restore_backup(m_backup, restored, false);
    auto store = open_store(restored);
    std::set<std::string> missions;
    for (const auto& m : store->export_dataset().missions) {
        if (m.id.rfind("nasa-load-", 0) == 0) missions.insert(m.id);
    }
    std::set<std::string> audited;
    for (const auto& e : store->audit({.record_kind = "mission"})) {
        if (e.record_id.rfind("nasa-load-", 0) == 0) audited.insert(e.record_id);
    }
    EXPECT_EQ(missions, audited) << "every mission with its audit entry, and no entry without its mission";
    EXPECT_EQ(store->last_change_id(), base_change + static_cast<long long>(missions.size()))
        << "the change counter of the same instant: one change per mission written before it";
    EXPECT_GE(missions.size(), 20u);
    EXPECT_LT(static_cast<int>(missions.size()), written.load()) << "the writes after the backup are not in it";
    for (int i = 0; i < static_cast<int>(missions.size()); ++i) {
        EXPECT_TRUE(missions.contains("nasa-load-" + std::to_string(i))) << "a prefix of the writes, no gap: " << i;
    }
}

TEST_P(BackupTest, RefusalsChangeNothing) {
    test::write_bytes(m_backup, "an older file");
    try {
        open_store(m_db)->backup(m_backup);
        FAIL() << "a backup overwrote an existing file";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(m_backup), std::string::npos) << "names the file: " << e.what();
    }
    EXPECT_EQ(test::read_bytes(m_backup), "an older file") << "an existing file is never overwritten";
    EXPECT_FALSE(std::filesystem::exists(m_backup + ".partial"));

    const auto good = (m_dir / "good.backup").string();
    open_store(m_db)->backup(good);
    const auto before = exported(m_db);
    const auto change = open_store(m_db)->last_change_id();
    try {
        restore_backup(good, m_db, false);
        FAIL() << "restored over an existing database without replace";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("--replace"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(location(m_db)), std::string::npos) << "names the database: " << e.what();
    }
    const auto garbage = (m_dir / "garbage.backup").string();
    test::write_bytes(garbage, std::string(8192, 'x'));
    try {
        restore_backup(garbage, m_db, true);
        FAIL() << "restored a file that is not a backup";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(garbage), std::string::npos) << "names the file: " << e.what();
    }
    // A damaged backup, cut short (as by a full disk): its start reads (pg_dump's table of contents, SQLite's header).
    const auto damaged = (m_dir / "damaged.backup").string();
    const auto good_bytes = test::read_bytes(good);
    test::write_bytes(damaged, good_bytes.substr(0, good_bytes.size() * 3 / 4));
    try {
        restore_backup(damaged, m_db, true);
        FAIL() << "restored a damaged backup";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(damaged), std::string::npos) << "names the file: " << e.what();
    }
    const auto none = (m_dir / "none.backup").string();
    try {
        restore_backup(none, m_db, true);
        FAIL() << "restored a file that does not exist";
    } catch (const NotFoundError& e) {
        EXPECT_NE(std::string(e.what()).find(none), std::string::npos) << "names the file: " << e.what();
    }
    EXPECT_EQ(exported(m_db), before) << "the database is untouched";
    EXPECT_EQ(open_store(m_db)->last_change_id(), change);
    if (!is_postgresql(m_db)) {
        // SQLite stages a restore in a file beside the target; PostgreSQL restores in one transaction, which the
        // unchanged export above already shows rolled back.
        EXPECT_FALSE(std::filesystem::exists(location(m_db) + ".restoring"));
    }

    // With replace, the backup's state comes back: a mission created after it is gone, and so is an edition
    // frozen after it (write-once rows: no DELETE could remove them; the restore replaces their tables).
    open_store(m_db)->create_mission(mission("nasa-after-backup"), nasa);
    freeze(*open_store(m_db), "2027");
    restore_backup(good, m_db, true);
    EXPECT_EQ(exported(m_db), before);
    EXPECT_EQ(open_store(m_db)->last_change_id(), change);
    EXPECT_FALSE(open_store(m_db)->mission("nasa-after-backup"));
    EXPECT_EQ(open_store(m_db)->frozen_editions(), (std::vector<std::string>{"2026"}));
    EXPECT_EQ(open_store(m_db)->edition_artefact("2026", "pdf")->content, artefact_bytes);
}

// A database that holds the ger schema and no records yet (what OpenMode::create leaves) is a ger database: a
// restore into it needs replace, and then brings the backup's state.
TEST_P(BackupTest, AnEmptyGerDatabaseIsReplacedOnlyWithReplace) {
    open_store(m_db)->backup(m_backup);
    const auto target = GetParam().fresh_url(m_restore_dir);
    EXPECT_EQ(open_store(target, OpenMode::create)->export_dataset(), model::Dataset{});
    try {
        restore_backup(m_backup, target, false);
        FAIL() << "restored over a database with the schema without replace";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("--replace"), std::string::npos) << e.what();
    }
    EXPECT_EQ(open_store(target)->export_dataset(), model::Dataset{}) << "the refused restore wrote nothing";
    restore_backup(m_backup, target, true);
    EXPECT_EQ(exported(target), exported(m_db));
    EXPECT_EQ(open_store(target)->last_change_id(), open_store(m_db)->last_change_id());
}

#if GER_WITH_POSTGRESQL
// PostgreSQL only: a backup that an older ger wrote (an older schema) restores with replace over a database at
// this binary's schema, and is migrated to it. pg_restore --clean drops only the objects the backup holds, so the
// newer schema's tables, indexes and functions would stay behind and break the restore or the migration after
// it. (SQLite's restore replaces the whole file: nothing of the old database can stay.)
TEST(PostgresqlBackup, AnOlderBackupReplacesANewerDatabase) {
    const auto server = test::postgresql_server();
    const auto steps = postgresql::migration_steps();
    test::TempDir dir;
    for (const auto& last : steps) {
        if (last.version == steps.back().version) break;
        SCOPED_TRACE("a backup at schema version " + std::to_string(last.version));
        // The older database, as the older ger left it: the steps up to `last`, recorded.
        const auto old_url = test::fresh_postgresql_url(server);
        create_empty_postgresql_database(old_url);
        const auto backup = (dir / ("v" + std::to_string(last.version) + ".backup")).string();
        {
            postgresql::PgConnection old(old_url);
            for (const auto& step : steps) {
                if (step.version > last.version) break;
                old.exec(step.sql);
                sql::Statement(old,
                               "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?1, ?2, 0)")
                    .bind(1, step.version)
                    .bind(2, step.description)
                    .run();
            }
            EXPECT_EQ(postgresql::backup_database(old, backup).schema_version, last.version);
        }
        drop_postgresql_database(old_url);

        // The current database, with records in every table the sample touches.
        const auto url = test::fresh_postgresql_url(server);
        open_store(url, OpenMode::create)->replace_all(model::bundled_dataset(), {"test", ""});
        try {
            const auto summary = restore_backup(backup, url, true);
            EXPECT_EQ(summary.schema_version, last.version);
            auto store = open_store(url);
            EXPECT_EQ(store->schema_version(), latest_schema_version(url));
            EXPECT_EQ(store->export_dataset(), model::Dataset{}) << "the backup's (empty) records, not the old ones";
            EXPECT_TRUE(store->audit().empty());
            store->replace_all(model::bundled_dataset(), {"test", ""});  // and it works
            EXPECT_EQ(store->export_dataset(), model::bundled_dataset());
        } catch (const StoreError& e) {
            ADD_FAILURE() << e.what();
        }
        drop_postgresql_database(url);
    }
}

// PostgreSQL only: a restore with replace drops the old schema's objects and loads the backup in one transaction,
// so a failure while loading (here an event trigger, outside the schema, refuses the backup's indexes) leaves the
// database as it was, the records written after the backup included. (SQLite's restore writes a staging file and
// moves it into place only once it is complete and checked: RefusalsChangeNothing.)
TEST(PostgresqlBackup, AReplaceThatFailsWhileLoadingChangesNothing) {
    test::TempDir dir;
    const auto url = test::fresh_postgresql_url(test::postgresql_server());
    {
        auto store = open_store(url, OpenMode::create);
        store->replace_all(model::bundled_dataset(), {"test", ""});
        freeze(*store, "2026");
    }
    const auto backup = (dir / "ger.backup").string();
    open_store(url)->backup(backup);
    open_store(url)->create_mission(mission("nasa-after-backup"), nasa);
    const auto before = exported(url);
    const auto change = open_store(url)->last_change_id();

    postgresql::PgConnection raw(url);
    raw.exec("CREATE SCHEMA blocker; "
             "CREATE FUNCTION blocker.refuse() RETURNS event_trigger LANGUAGE plpgsql AS "
             "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; "
             "CREATE EVENT TRIGGER blocker ON ddl_command_end WHEN TAG IN ('CREATE INDEX') "
             "EXECUTE FUNCTION blocker.refuse()");
    try {
        restore_backup(backup, url, true);
        ADD_FAILURE() << "the event trigger did not refuse the restore";
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("refused by the test"), std::string::npos) << message;
        EXPECT_NE(message.find("nothing changed"), std::string::npos) << message;
        EXPECT_NE(message.find(backup), std::string::npos) << message;
    }
    raw.exec("DROP EVENT TRIGGER blocker; DROP SCHEMA blocker CASCADE");

    auto store = open_store(url);
    EXPECT_EQ(exported(url), before);
    EXPECT_EQ(store->last_change_id(), change);
    EXPECT_TRUE(store->mission("nasa-after-backup").has_value());
    EXPECT_EQ(store->frozen_editions(), (std::vector<std::string>{"2026"}));
    EXPECT_EQ(store->edition_artefact("2026", "pdf")->content, artefact_bytes);
    store.reset();
    drop_postgresql_database(url);
}
#endif

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
