// The SQLite implementation of sql::Connection: one connection to one file (WAL, foreign keys on, a busy
// timeout), prepared statements over the C API, and the schema's migrations and online backup.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ger::store::sqlite {

class SqliteConnection final : public sql::Connection {
public:
    // Opens `path`; `create` allows creating the file.
    SqliteConnection(const std::string& path, bool create);
    ~SqliteConnection() override;

    sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
    const std::string& path() const override { return m_path; }
    void exec(std::string_view sql) override;
    int changes() override;
    std::unique_ptr<sql::Cursor> prepare(std::string_view sql) override;

    // BEGIN IMMEDIATE (writers) or BEGIN (readers). Writers of one database file in this process first take its
    // write turn (a mutex), so they queue in order instead of polling SQLite's lock in the busy handler's sleeps;
    // other processes still meet the busy timeout.
    void begin(sql::TransactionKind kind) override;
    void commit() override;
    void rollback() noexcept override;

    void migrate() override;
    int schema_version() override;
    BackupSummary backup(const std::string& destination) override;

    sqlite3* handle() const { return m_db; }
    // A prepared statement for `sql`: one this connection prepared before and got back, or a new one. Parsing and
    // planning a statement costs more than running most of ger's; each text is prepared once per connection.
    sqlite3_stmt* take_statement(std::string_view sql);
    // Gives a statement from take_statement back, reset and unbound, for the next cursor of its text.
    void give_back(std::string_view sql, sqlite3_stmt* statement) noexcept;

private:
    sqlite3* m_db = nullptr;
    // Idle prepared statements by text (several when cursors of one text were open at once); finalized on close.
    std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> m_idle;
    std::string m_path;
    std::unique_lock<std::timed_mutex> m_write_turn;  // held from begin(write) until the transaction ends
};

}  // namespace ger::store::sqlite
