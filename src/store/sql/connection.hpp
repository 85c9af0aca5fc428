// What the store's SQL needs from a database, whichever it is: statements with bound values, transactions,
// the schema's migrations and a backup. The store's rules and SQL (sql_store.cpp and the *_tables files) are
// written once against this; store/sqlite and store/postgresql each implement it. Values always travel as bound
// parameters, never inside SQL text. SQL is written with numbered parameters ("?1"); a backend whose database
// spells them otherwise rewrites them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql/counter_cache.hpp"
#include "store/store.hpp"

namespace ger::store::sql {

// The few places where the two databases' SQL differs (sql_store.cpp asks; everything else is shared).
enum class Dialect { sqlite, postgresql };

enum class TransactionKind { read, write };

// What a column of the current row holds, as the backend stored it (a generic copy reads any row with this and
// binds each value back with the matching bind_*).
enum class ColumnKind { null, integer, real, text, blob };

// One prepared statement of a backend. Columns are numbered from 0, parameters from 1.
class Cursor {
public:
    virtual ~Cursor() = default;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_integer(int index, long long value) = 0;
    virtual void bind_real(int index, double value) = 0;
    virtual void bind_null(int index) = 0;
    virtual void bind_blob(int index, std::string_view bytes) = 0;
    virtual bool step() = 0;   // true while a row is available
    // Runs a statement whose rows nobody reads. A backend may send it without waiting for the answer (libpq's
    // pipeline mode); a failure is then thrown by the transaction's next statement, changes() or commit.
    virtual void run() {
        while (step()) {
        }
    }
    // A hint: the statement's values are bound and its rows will be read soon. A backend may send it now so that
    // its rows come back with the next statement's (PostgreSQL, inside a transaction; one round trip fewer).
    virtual void prefetch() {}
    virtual void reset() = 0;  // ready to run again, with no values bound
    virtual bool is_null(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual long long integer(int column) const = 0;  // a boolean result reads as 0 or 1
    virtual double real(int column) const = 0;
    virtual std::string blob(int column) const = 0;
    // The columns of the result (PostgreSQL knows them once the statement ran: after the first step).
    virtual int column_count() const = 0;
    // What `column` of the current row holds: null, or the storage kind of its value (SQLite: the value's type;
    // PostgreSQL: the column's type, integers and floating point as such, bytea a blob, anything else text).
    virtual ColumnKind kind(int column) const = 0;
};

// One connection to one database. Not shared between threads.
class Connection {
public:
    virtual ~Connection() = default;
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    virtual Dialect dialect() const = 0;
    // The database as messages name it: the file, or the URL without its password.
    virtual const std::string& path() const = 0;
    // Runs SQL text without parameters (schema scripts, several statements at once).
    virtual void exec(std::string_view sql) = 0;
    // Rows the last INSERT, UPDATE or DELETE changed.
    // (PostgreSQL: waits for the statements it sent without waiting; see Cursor::run.)
    virtual int changes() = 0;
    virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;

    // A transaction: writers are serialized against every other writer of the database (in any process), so a
    // write transaction's check-then-write cannot race; a reader sees one consistent snapshot throughout.
    virtual void begin(TransactionKind kind) = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;

    // Brings the schema to the newest version this binary knows (store/sqlite/migrations.hpp,
    // store/postgresql/migrations.hpp); the version the database has.
    virtual void migrate() = 0;
    virtual int schema_version() = 0;
    // Store::backup.
    virtual BackupSummary backup(const std::string& destination) = 0;

    // Store::follow_changes: this process asks the change counters often; keep them in memory if this backend
    // can be told of every commit. Then counter_cache() is not null (it may still decline: CounterCache).
    virtual void follow_changes() {}
    virtual CounterCache* counter_cache() { return nullptr; }
    // Store::told_of_changes.
    virtual std::optional<bool> told_of_changes() { return std::nullopt; }
};

class Statement {
public:
    Statement(Connection& db, std::string_view sql) : m_cursor(db.prepare(sql)) {}

    Statement& bind(int index, std::string_view value) { return m_cursor->bind_text(index, value), *this; }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, long long value) { return m_cursor->bind_integer(index, value), *this; }
    Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
    Statement& bind(int index, double value) { return m_cursor->bind_real(index, value), *this; }
    Statement& bind(int index, bool value) { return bind(index, static_cast<long long>(value ? 1 : 0)); }
    Statement& bind_null(int index) { return m_cursor->bind_null(index), *this; }
    Statement& bind_blob(int index, std::string_view bytes) { return m_cursor->bind_blob(index, bytes), *this; }
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    bool step() { return m_cursor->step(); }
    // Steps a statement that returns no rows, then resets it.
    void run() {
        m_cursor->run();
        reset();
    }
    void reset() { m_cursor->reset(); }
    // Cursor::prefetch: bind first; step() reads the rows as usual.
    Statement& prefetch() { return m_cursor->prefetch(), *this; }
    // Runs an INSERT ... RETURNING id (both databases have RETURNING) and gives the new row's id.
    long long run_returning_id() {
        if (!step()) throw StoreError("an INSERT ... RETURNING id returned no row");
        const long long id = integer(0);
        run();
        return id;
    }

    bool is_null(int column) const { return m_cursor->is_null(column); }
    std::string text(int column) const { return m_cursor->text(column); }
    long long integer(int column) const { return m_cursor->integer(column); }
    double real(int column) const { return m_cursor->real(column); }
    std::optional<std::string> optional_text(int column) const {
        if (is_null(column)) return std::nullopt;
        return text(column);
    }
    std::string blob(int column) const { return m_cursor->blob(column); }

private:
    std::unique_ptr<Cursor> m_cursor;
};

// begin ... commit; rolls back when destroyed uncommitted.
class Transaction {
public:
    using Kind = TransactionKind;
    Transaction(Connection& db, Kind kind) : m_db(db) { m_db.begin(kind); }
    ~Transaction() {
        if (m_open) m_db.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        m_db.commit();
        m_open = false;
    }

private:
    Connection& m_db;
    bool m_open = true;
};

}  // namespace ger::store::sql
