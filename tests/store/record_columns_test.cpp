// store/sql/record_columns.hpp: the SQL a column list generates, the parameter and row positions it gives names,
// and the binder's count, on a real SQLite table.
#include "store/sql/record_columns.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "store/sqlite/connection.hpp"
#include "temp_dir.hpp"

namespace ger::store::sql {
namespace {

constexpr RecordColumns<3> probe_table{"probe", {"name", "size", "version"}};

static_assert(probe_table.at("name") == 1 && probe_table.at("version") == 3);
static_assert(probe_table.param("name") == 2 && probe_table.param("version") == 4);
static_assert(probe_table.last_param() == 5);

TEST(RecordColumns, GeneratesTheSelectInsertAndUpdateTextsFromOneList) {
    EXPECT_EQ(probe_table.select(), "SELECT id, name, size, version FROM probe ");
    EXPECT_EQ(probe_table.insert(), "INSERT INTO probe (id, name, size, version, position) VALUES (?1, ?2, ?3, ?4, ?5)");
    EXPECT_EQ(probe_table.update(), "UPDATE probe SET name = ?2, size = ?3, version = ?4 WHERE id = ?1 AND version = ?5");
    EXPECT_EQ(probe_table.update_unversioned(), "UPDATE probe SET name = ?2, size = ?3, version = ?4 WHERE id = ?1");
}

class RecordColumnsOnSqlite : public ::testing::Test {
protected:
    void SetUp() override {
        m_db = std::make_unique<sqlite::SqliteConnection>((m_dir / "probe.db").string(), true);
        m_db->exec("CREATE TABLE probe (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, "
                   "size REAL, version INTEGER NOT NULL)");
    }
    void bind_all(Statement& stmt, const std::string& name, double size, int version) {
        constexpr const auto& t = probe_table;
        RecordBinder b{stmt, t.size()};
        b(t.param("version"), version)(t.param("name"), name)(t.param("size"), size);  // any order
        b.finish(t.table);
    }
    test::TempDir m_dir;
    std::unique_ptr<Connection> m_db;
};

TEST_F(RecordColumnsOnSqlite, ARecordWrittenByNameReadsBackByName) {
    Statement insert(*m_db, probe_table.insert());
    insert.bind(1, "a").bind(probe_table.last_param(), 0LL);
    bind_all(insert, "first", 2.5, 1);
    insert.run();

    Statement update(*m_db, probe_table.update());
    update.bind(1, "a").bind(probe_table.last_param(), 7);  // a stale version: nothing changes
    bind_all(update, "stale", 9.0, 8);
    update.run();
    EXPECT_EQ(m_db->changes(), 0);
    Statement current(*m_db, probe_table.update());
    current.bind(1, "a").bind(probe_table.last_param(), 1);
    bind_all(current, "second", 3.5, 2);
    current.run();
    EXPECT_EQ(m_db->changes(), 1);

    Statement row(*m_db, probe_table.select() + "WHERE id = ?1");
    row.bind(1, "a");
    ASSERT_TRUE(row.step());
    constexpr const auto& t = probe_table;
    EXPECT_EQ(row.text(0), "a");
    EXPECT_EQ(row.text(t.at("name")), "second");
    EXPECT_EQ(row.real(t.at("size")), 3.5);
    EXPECT_EQ(row.integer(t.at("version")), 2);
}

TEST_F(RecordColumnsOnSqlite, ABinderThatMissesAListedColumnFailsBeforeTheStatementRuns) {
    Statement insert(*m_db, probe_table.insert());
    insert.bind(1, "b").bind(probe_table.last_param(), 1LL);
    constexpr const auto& t = probe_table;
    RecordBinder b{insert, t.size()};
    b(t.param("name"), std::string("no size"))(t.param("version"), 1);
    try {
        b.finish(t.table);
        FAIL() << "finish accepted 2 of 3 columns";
    } catch (const std::logic_error& e) {
        EXPECT_STREQ(e.what(), "probe: 2 columns bound, 3 listed");
    }
}

}  // namespace
}  // namespace ger::store::sql
