// sql::Connection, the layer the store's SQL is written on, on every backend (backends.hpp). PostgreSQL sends a
// write whose rows nobody reads without waiting (Cursor::run) and a read announced by prefetch ahead of the
// statement after it; these tests hold it to what waiting for each would give: a failure fails the store call
// and its transaction changes nothing, reads see the writes before them, changes() counts the last write, and
// hundreds of statements in one transaction all land.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "ger/config.hpp"
#include "store/error.hpp"
#include "store/sql/connection.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/connection.hpp"
#endif

namespace ger::store::sql {
namespace {

using test::Backend;

class ConnectionTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_url = GetParam().fresh_url(m_dir);
        open_store(m_url, OpenMode::create);  // creates the database (and the store's schema, unused here)
        m_db = connect();
        m_db->exec("CREATE TABLE probe (id BIGINT PRIMARY KEY, v TEXT NOT NULL)");
    }

    // Another connection to the test's database.
    std::unique_ptr<Connection> connect() const {
#if GER_WITH_POSTGRESQL
        if (m_url.rfind("postgresql://", 0) == 0) return std::make_unique<postgresql::PgConnection>(m_url);
#endif
        return std::make_unique<sqlite::SqliteConnection>(m_url.substr(m_url.rfind(':') + 1), false);
    }

    void insert(long long id, const std::string& value) {
        Statement(*m_db, "INSERT INTO probe (id, v) VALUES (?1, ?2)").bind(1, id).bind(2, value).run();
    }

    long long count() {
        Statement rows(*m_db, "SELECT COUNT(*) FROM probe");
        EXPECT_TRUE(rows.step());
        return rows.integer(0);
    }

    test::TempDir m_dir;
    std::string m_url;
    std::unique_ptr<Connection> m_db;
};

TEST_P(ConnectionTest, AWriteThatFailsUnreadFailsTheTransactionAndChangesNothing) {
    insert(1, "before");
    EXPECT_THROW(
        {
            Transaction tx(*m_db, Transaction::Kind::write);
            insert(2, "first");
            insert(1, "the same key again");  // the primary key refuses it
            insert(3, "after the failure");
            tx.commit();
        },
        IntegrityError);
    EXPECT_EQ(count(), 1);
    // The connection is usable again: the next transaction commits.
    {
        Transaction tx(*m_db, Transaction::Kind::write);
        insert(2, "second try");
        tx.commit();
    }
    EXPECT_EQ(count(), 2);
}

TEST_P(ConnectionTest, AFailureIsThrownAtTheLatestByTheNextStatementThatWaits) {
    Transaction tx(*m_db, Transaction::Kind::write);
    insert(1, "one");
    long long counted = -1;
    // SQLite throws from the write itself, PostgreSQL from the read after it; neither gives the read an answer.
    EXPECT_THROW(
        {
            insert(1, "again");
            counted = count();
        },
        IntegrityError);
    EXPECT_EQ(counted, -1);
}

TEST_P(ConnectionTest, ReadsSeeTheWritesBeforeThemAndEveryWriteLandsAtAnyDepth) {
    Transaction tx(*m_db, Transaction::Kind::write);
    for (long long i = 0; i < 500; ++i) insert(i, "row " + std::to_string(i));
    EXPECT_EQ(count(), 500);
    for (long long i = 500; i < 1300; ++i) insert(i, "row " + std::to_string(i));
    tx.commit();
    EXPECT_EQ(count(), 1300);
    Statement last(*m_db, "SELECT v FROM probe WHERE id = ?1");
    last.bind(1, 1299LL);
    ASSERT_TRUE(last.step());
    EXPECT_EQ(last.text(0), "row 1299");
}

TEST_P(ConnectionTest, ChangesCountsTheRowsOfTheLastWrite) {
    Transaction tx(*m_db, Transaction::Kind::write);
    for (long long i = 1; i <= 5; ++i) insert(i, "v");
    Statement(*m_db, "UPDATE probe SET v = 'w' WHERE id <= ?1").bind(1, 3LL).run();
    EXPECT_EQ(m_db->changes(), 3);
    Statement(*m_db, "DELETE FROM probe WHERE id = ?1").bind(1, 42LL).run();
    EXPECT_EQ(m_db->changes(), 0);
    tx.commit();
}

TEST_P(ConnectionTest, APrefetchedReadGivesItsRowsAfterTheStatementsBetween) {
    insert(1, "one");
    insert(2, "two");
    for (const auto kind : {Transaction::Kind::read, Transaction::Kind::write}) {
        Transaction tx(*m_db, kind);
        Statement first(*m_db, "SELECT v FROM probe WHERE id = ?1");
        first.bind(1, 1LL).prefetch();
        Statement dropped(*m_db, "SELECT v FROM probe WHERE id = ?1");
        dropped.bind(1, 2LL).prefetch();
        dropped.reset();  // announced, then not read: its rows must not reach anyone else
        {
            Statement gone(*m_db, "SELECT v FROM probe WHERE id = ?1");
            gone.bind(1, 2LL).prefetch();
        }
        EXPECT_EQ(count(), 2);
        ASSERT_TRUE(first.step());
        EXPECT_EQ(first.text(0), "one");
        EXPECT_FALSE(first.step());
        dropped.bind(1, 2LL);
        ASSERT_TRUE(dropped.step());
        EXPECT_EQ(dropped.text(0), "two");
        tx.commit();
    }
    // Outside a transaction the hint changes nothing.
    Statement alone(*m_db, "SELECT v FROM probe WHERE id = ?1");
    alone.bind(1, 2LL).prefetch();
    ASSERT_TRUE(alone.step());
    EXPECT_EQ(alone.text(0), "two");
}

TEST_P(ConnectionTest, AWriteBeforeAPrefetchedReadIsSeenByIt) {
    Transaction tx(*m_db, Transaction::Kind::write);
    insert(7, "seven");
    Statement read(*m_db, "SELECT v FROM probe WHERE id = ?1");
    read.bind(1, 7LL).prefetch();
    insert(8, "eight");
    ASSERT_TRUE(read.step());
    EXPECT_EQ(read.text(0), "seven");
    tx.commit();
    EXPECT_EQ(count(), 2);
}

// SQLite keeps each text's prepared statement for the connection's next cursor of that text: a cursor gets none
// of an earlier one's values or rows, two of one text can be open at once, and one given up halfway through its
// rows holds no read open (its connection sees what another commits afterwards).
TEST_P(ConnectionTest, AStatementTextUsedAgainStartsAfresh) {
    for (long long id = 1; id <= 3; ++id) insert(id, "row " + std::to_string(id));
    const char* text = "SELECT v FROM probe WHERE id >= ?1 ORDER BY id";
    {
        Statement outer(*m_db, text);
        outer.bind(1, 1LL);
        ASSERT_TRUE(outer.step());
        EXPECT_EQ(outer.text(0), "row 1");
        {
            Statement inner(*m_db, text);  // the same text while the first is open
            inner.bind(1, 3LL);
            ASSERT_TRUE(inner.step());
            EXPECT_EQ(inner.text(0), "row 3");
            EXPECT_FALSE(inner.step());
        }
        ASSERT_TRUE(outer.step());
        EXPECT_EQ(outer.text(0), "row 2");
    }  // given up before its last row
    {
        Statement unbound(*m_db, text);  // no value: NULL, so no row (an earlier value would give rows)
        EXPECT_FALSE(unbound.step());
    }
    {
        Statement halfway(*m_db, text);
        halfway.bind(1, 1LL);
        ASSERT_TRUE(halfway.step());
    }
    auto other = connect();
    Statement(*other, "INSERT INTO probe (id, v) VALUES (?1, ?2)").bind(1, 4LL).bind(2, std::string("row 4")).run();
    EXPECT_EQ(count(), 4) << "a statement given up halfway kept its connection's read open";
}

INSTANTIATE_TEST_SUITE_P(Backends, ConnectionTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store::sql
