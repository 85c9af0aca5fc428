// A thin RAII layer over the SQLite C API: one connection, prepared statements with bound values, and a
// transaction guard. Values always travel as bound parameters, never inside SQL text.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ger::store::sqlite {

class Connection {
public:
    // Opens `path`; `create` allows creating the file. Sets WAL, foreign_keys=ON and a busy timeout.
    Connection(const std::string& path, bool create);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }
    // Runs SQL text without parameters (schema scripts, pragmas, BEGIN/COMMIT).
    void exec(std::string_view sql);
    int changes() const;
    long long last_insert_rowid() const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

class Statement {
public:
    Statement(Connection& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQL ("?1").
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, long long value);
    Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, bool value) { return bind(index, static_cast<long long>(value ? 1 : 0)); }
    Statement& bind_null(int index);
    Statement& bind_blob(int index, std::string_view bytes);  // any bytes (PDF, PNG), stored as a BLOB
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    bool step();  // true while a row is available
    void run();   // steps a statement that returns no rows, then resets it
    void reset(); // ready for new bindings

    bool is_null(int column) const;
    std::string text(int column) const;
    long long integer(int column) const;
    double real(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::string blob(int column) const;  // the bytes of a BLOB (or TEXT) column

private:
    Connection& m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql;
};

// BEGIN IMMEDIATE (writers) or BEGIN (readers) ... COMMIT; rolls back when destroyed uncommitted.
// Writers of one database file in this process first take its write turn (a mutex), so they queue in order
// instead of polling SQLite's lock in the busy handler's sleeps; other processes still meet the busy timeout.
class Transaction {
public:
    enum class Kind { read, write };
    Transaction(Connection& db, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    std::unique_lock<std::timed_mutex> m_write_turn;  // before m_db's transaction opens, released after it ends
    Connection& m_db;
    bool m_open = true;
};

}  // namespace ger::store::sqlite
