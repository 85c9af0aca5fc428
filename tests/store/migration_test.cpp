// SQLite schema migrations: a fresh file gets every step, an old file is brought forward in one transaction,
// a newer file is refused with both versions named, and a file that is not ours is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "sample_dataset.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

using ger::test::TempDir;

// Raw SQL on a database file, as an older ger (or a person with the sqlite3 shell) would run it.
void run_sql(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
}

std::vector<std::vector<std::string>> query(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    std::vector<std::vector<std::string>> rows;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const auto* text = sqlite3_column_text(stmt, i);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
            }
            rows.push_back(row);
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

std::string v1_schema() { return ger::test::read_bytes(std::filesystem::path(GER_SOURCE_DIR) / "tests/store/data/schema_v1.sql"); }

// A mission as ger 1 wrote it (no audit log existed yet).
const char* v1_rows = R"sql(
INSERT INTO agencies VALUES ('ESA', 0, 'European Space Agency', 'Europe', 2007, '');
INSERT INTO destinations VALUES ('Moon', 0, 'The Moon', 3, '');
INSERT INTO missions (id, position, name, lead_agency, destination, kind, type, launch_start_day,
    launch_start_precision, status, commitment, visibility_scope, description, source, version, created_at,
    updated_at, author)
  VALUES ('argonaut', 0, 'Argonaut', 'ESA', 'Moon', 'robotic', 'lander', '2031-01-01', 'year', 'planned', 'study',
    'agencies', '', '', 5, 1700000000, 1700000100, 'old-ger');
INSERT INTO mission_visibility VALUES ('argonaut', 0, 'ESA');
)sql";

TEST(Migrations, StepsAreNumberedFromOneWithoutGaps) {
    const auto steps = sqlite::migrations();
    ASSERT_GE(steps.size(), 2u);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(steps[i].description.empty());
    }
    EXPECT_EQ(sqlite::latest_version(), static_cast<int>(steps.size()));
}

TEST(Migrations, ShippedStepOneIsFrozen) {
    // Editing a shipped step would leave old databases with a schema no migration describes.
    EXPECT_NE(v1_schema().find(std::string(sqlite::migrations()[0].sql).substr(1)), std::string::npos)
        << "migration 1 changed; add a new step instead";
}

TEST(Migrations, FreshDatabaseRecordsEveryStep) {
    TempDir dir;
    const auto file = dir / "ger.db";
    open_store(file.string(), OpenMode::create).reset();
    const auto rows = query(file, "SELECT version, description, applied_at > 0 FROM schema_migrations ORDER BY version");
    ASSERT_EQ(rows.size(), sqlite::migrations().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i][0], std::to_string(sqlite::migrations()[i].version));
        EXPECT_EQ(rows[i][1], sqlite::migrations()[i].description);
        EXPECT_EQ(rows[i][2], "1");
    }
    EXPECT_EQ(query(file, "PRAGMA journal_mode")[0][0], "wal");
}

TEST(Migrations, VersionOneDatabaseIsMigratedKeepingItsData) {
    TempDir dir;
    const auto file = dir / "old.db";
    run_sql(file, v1_schema() + v1_rows);
    ASSERT_TRUE(query(file, "SELECT name FROM sqlite_master WHERE name = 'audit_log'").empty());

    auto store = open_store(file.string());
    EXPECT_EQ(store->schema_version(), sqlite::latest_version());
    auto mission = store->mission("argonaut");
    ASSERT_TRUE(mission.has_value());
    EXPECT_EQ(mission->meta.version, 5);
    EXPECT_EQ(mission->meta.author, "old-ger");
    EXPECT_EQ(mission->launch->to_string(), "2031");
    EXPECT_EQ(mission->visibility->agencies, std::vector<std::string>{"ESA"});

    // The new schema works on the old data: an audited, versioned update.
    mission->name = "Argonaut lander";
    const auto updated = store->update_mission(*mission, 5, {"ada", "ESA"});
    EXPECT_EQ(updated.meta.version, 6);
    EXPECT_EQ(store->audit({.record_id = "argonaut"}).size(), 1u);
    store.reset();
    EXPECT_EQ(query(file, "SELECT COUNT(*) FROM schema_migrations")[0][0],
              std::to_string(sqlite::latest_version()));
    EXPECT_EQ(query(file, "SELECT version FROM schema_migrations WHERE version = 1")[0][0], "1");
}

// A database as ger at schema version 5 left it: its audit entries know their record only by the copies they hold.
void create_at_version_5(const std::filesystem::path& file) {
    std::string script;
    for (const auto& step : sqlite::migrations()) {
        if (step.version > 5) break;
        script += std::string(step.sql);
        script += "INSERT INTO schema_migrations VALUES (" + std::to_string(step.version) + ", 'step', 1700000000);";
    }
    run_sql(file, script);
}

const char* v5_rows = R"sql(
INSERT INTO agencies VALUES ('NASA', 0, 'NASA', 'United States', 2007, ''), ('ESA', 1, 'ESA', 'Europe', 2007, ''),
    ('JAXA', 2, 'JAXA', 'Japan', 2007, '');
INSERT INTO destinations VALUES ('Moon', 0, 'The Moon', 3, '');
-- kept: public now, although its entries' copies say ESA only (the feed must follow the row).
INSERT INTO missions (id, position, name, lead_agency, destination, kind, type, status, commitment, visibility_scope,
    description, source, version, created_at, updated_at, author)
  VALUES ('kept', 0, 'Kept', 'NASA', 'Moon', 'robotic', 'lander', 'planned', 'study', 'public', '', '', 2,
    1700000000, 1700000100, 'grace');
INSERT INTO capabilities (id, position, name, provider, kind, status, visibility_scope, description, source, version,
    created_at, updated_at, author)
  VALUES ('cap', 0, 'Cap', 'ESA', 'relay', 'development', 'agencies', '', '', 1, 1700000000, 1700000000, 'ada');
INSERT INTO capability_visibility VALUES ('cap', 0, 'JAXA'), ('cap', 1, 'NASA');
INSERT INTO audit_log (at, actor, agency, record_kind, record_id, action, before_json, after_json) VALUES
  (1700000000, 'test', '', 'dataset', '', 'update', '', '{"missions": 1}'),
  (1700000001, 'grace', 'NASA', 'mission', 'kept', 'create', '',
    '{"lead_agency": "NASA", "visibility": {"scope": "agencies", "agencies": ["ESA"]}}'),
  (1700000002, 'grace', 'NASA', 'mission', 'kept', 'update',
    '{"lead_agency": "NASA", "visibility": {"scope": "agencies", "agencies": ["ESA"]}}',
    '{"lead_agency": "NASA", "visibility": {"scope": "public", "agencies": []}}'),
  (1700000003, 'ada', 'ESA', 'capability', 'cap', 'create', '',
    '{"provider": "ESA", "visibility": {"scope": "public", "agencies": []}}'),
  (1700000004, 'grace', 'NASA', 'mission', 'gone', 'create', '',
    '{"lead_agency": "NASA", "visibility": {"scope": "public", "agencies": []}}'),
  (1700000005, 'grace', 'NASA', 'mission', 'gone', 'remove',
    '{"lead_agency": "NASA", "visibility": {"scope": "agencies", "agencies": ["JAXA", "ESA"]}}', ''),
  (1700000006, 'grace', 'NASA', 'mission', 'dropped', 'create', '',
    '{"lead_agency": "NASA", "visibility": {"scope": "partners", "agencies": []}}'),
  (1700000007, 'x', 'NASA', 'mission', 'junk', 'create', '', 'not json'),
  (1700000008, 'x', 'NASA', 'mission', 'odd', 'create', '', '{"lead_agency": "NASA", "visibility": {"scope": "x"}}'),
  (1700000009, 'sec', '', 'goal', 'g', 'create', '', '{"id": "g"}');
)sql";

TEST(Migrations, VersionFiveAuditEntriesGetTheirRecordsScope) {
    TempDir dir;
    const auto file = dir / "v5.db";
    create_at_version_5(file);
    run_sql(file, v5_rows);
    ASSERT_EQ(query(file, "SELECT MAX(version) FROM schema_migrations")[0][0], "5");

    open_store(file.string()).reset();
    EXPECT_EQ(query(file, "SELECT MAX(version) FROM schema_migrations")[0][0], std::to_string(sqlite::latest_version()));
    const auto scopes =
        query(file, "SELECT record_id, record_owner, read_scope, read_agencies FROM audit_log ORDER BY id");
    const std::vector<std::vector<std::string>> expected{
        {"", "NULL", "NULL", "NULL"},                          // an import: the secretariat's
        {"kept", "NASA", "public", "[]"},                      // an existing record: its row, not the copy
        {"kept", "NASA", "public", "[]"},
        {"cap", "ESA", "agencies", R"(["JAXA","NASA"])"},      // its row's list, in list order
        {"gone", "NASA", "agencies", R"(["JAXA","ESA"])"},     // removed: the removal's before copy
        {"gone", "NASA", "agencies", R"(["JAXA","ESA"])"},
        {"dropped", "NASA", "partners", "[]"},                 // dropped by an import: its last after copy
        {"junk", "NULL", "NULL", "NULL"},                      // unreadable: secretariat only, as before
        {"odd", "NULL", "NULL", "NULL"},
        {"g", "NULL", "NULL", "NULL"},
    };
    EXPECT_EQ(scopes, expected);

    // The paged feed reads the backfilled columns.
    auto store = open_store(file.string());
    std::vector<std::string> anonymous;
    for (const auto& item : store->audit_page({}).items) anonymous.push_back(item.entry.record_id);
    EXPECT_EQ(anonymous, (std::vector<std::string>{"kept", "kept"}));
    // NOTE: readers as named values: GCC 12 warns (-Wmaybe-uninitialized) on a nested designated temporary.
    const AuditReader jaxa_reader{Role::planner, "JAXA"};
    const AuditReader esa_reader{Role::planner, "ESA"};
    const AuditReader secretariat{Role::secretariat, ""};
    std::vector<std::string> jaxa;
    for (const auto& item : store->audit_page({.reader = jaxa_reader}).items) jaxa.push_back(item.entry.record_id);
    EXPECT_EQ(jaxa, (std::vector<std::string>{"dropped", "gone", "gone", "cap", "kept", "kept"}));
    EXPECT_EQ(store->audit_page({.reader = secretariat}).items.size(), 10u);
    // Later entries keep the rule: an edit of `kept` after the migration carries the row's scope, and so do the
    // backfilled ones.
    auto kept = *store->mission("kept");
    kept.visibility = {model::VisibilityScope::agencies, {"ESA"}};
    store->update_mission(kept, 2, {"grace", "NASA"});
    EXPECT_TRUE(store->audit_page({.record_id = "kept"}).items.empty());
    EXPECT_EQ(store->audit_page({.reader = esa_reader, .record_id = "kept"}).items.size(), 3u);
}

TEST(Migrations, AFailedStepLeavesTheOldSchemaWhole) {
    TempDir dir;
    const auto file = dir / "old.db";
    // A stray table in the way of step 2 makes it fail part-way.
    run_sql(file, v1_schema() + v1_rows + "CREATE INDEX missions_destination ON missions (destination);");
    EXPECT_THROW(open_store(file.string()), StoreError);
    EXPECT_EQ(query(file, "SELECT MAX(version) FROM schema_migrations")[0][0], "1");
    EXPECT_TRUE(query(file, "SELECT name FROM sqlite_master WHERE name = 'audit_log'").empty());
}

TEST(Migrations, NewerDatabaseIsRefusedNamingBothVersions) {
    TempDir dir;
    const auto file = dir / "new.db";
    open_store(file.string(), OpenMode::create).reset();
    run_sql(file, "INSERT INTO schema_migrations VALUES (99, 'from the future', 1900000000)");
    const auto bytes = ger::test::read_bytes(file);
    try {
        open_store(file.string());
        FAIL() << "a newer schema was opened";
    } catch (const SchemaError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("99"), std::string::npos) << message;
        EXPECT_NE(message.find("(" + std::to_string(sqlite::latest_version()) + ")"), std::string::npos) << message;
        EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    }
    EXPECT_EQ(ger::test::read_bytes(file), bytes);
}

TEST(Migrations, ForeignDatabaseIsRefused) {
    TempDir dir;
    const auto file = dir / "other.db";
    run_sql(file, "CREATE TABLE recipes (name TEXT)");
    EXPECT_THROW(open_store(file.string()), SchemaError);
    ger::test::write_bytes(dir / "text.db", std::string(4096, 'x'));
    EXPECT_THROW(open_store((dir / "text.db").string()), StoreError);
}

TEST(OpenStore, MissingDatabaseIsNotCreatedUnlessAsked) {
    TempDir dir;
    const auto file = dir / "var" / "ger.db";
    EXPECT_THROW(open_store(file.string()), NotFoundError);
    EXPECT_FALSE(std::filesystem::exists(file));
    open_store(file.string(), OpenMode::create).reset();  // creates var/ too
    EXPECT_TRUE(std::filesystem::exists(file));
    EXPECT_THROW(open_store("postgresql://localhost/ger"), StoreError);
    EXPECT_THROW(open_store(""), StoreError);
}

TEST(OpenStore, AnAuditFailureUndoesTheChange) {
    TempDir dir;
    const auto file = dir / "ger.db";
    open_store(file.string(), OpenMode::create)->replace_all(ger::test::sample_dataset(), {"loader", ""});
    run_sql(file, "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");
    auto store = open_store(file.string());
    auto iss = *store->mission("iss");
    const auto before = iss;
    iss.name = "unaudited";
    EXPECT_THROW(store->update_mission(iss, 1, {"ada", "ESA"}), StoreError);
    EXPECT_EQ(store->mission("iss"), before);
    EXPECT_THROW(store->delete_mission("mars-crew", 1, {"ada", "ESA"}), StoreError);
    EXPECT_TRUE(store->mission("mars-crew").has_value());
}

}  // namespace
}  // namespace ger::store
