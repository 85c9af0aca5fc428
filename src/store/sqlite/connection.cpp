#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>

#include "store/error.hpp"
#include "store/sqlite/backup.hpp"
#include "store/sqlite/migrations.hpp"

namespace ger::store::sqlite {
namespace {

// NOTE: long enough to ride out another process's import of the bundled data set (tens of ms),
// short enough that a stuck writer surfaces as an error instead of a hang.
constexpr int busy_timeout_ms = 10'000;

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& context) {
    const std::string message = context + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT: throw IntegrityError(message);
        case SQLITE_NOTADB: throw SchemaError(message + " (not a ger database)");
        default: throw StoreError(message);
    }
}

// One turn per database file as this process names it (every ger process opens one path).
std::timed_mutex& write_turn(const std::string& path) {
    static std::mutex registry;
    static std::map<std::string, std::unique_ptr<std::timed_mutex>> turns;
    const std::lock_guard lock(registry);
    auto& turn = turns[path];
    if (!turn) turn = std::make_unique<std::timed_mutex>();
    return *turn;
}

// One prepared SQLite statement.
class SqliteCursor final : public sql::Cursor {
public:
    SqliteCursor(SqliteConnection& db, std::string_view sql) : m_db(db), m_sql(sql), m_stmt(db.take_statement(sql)) {}
    ~SqliteCursor() override { m_db.give_back(m_sql, m_stmt); }
    SqliteCursor(const SqliteCursor&) = delete;
    SqliteCursor& operator=(const SqliteCursor&) = delete;

    void bind_text(int index, std::string_view value) override {
        check_bind(sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
                   index);
    }
    void bind_blob(int index, std::string_view bytes) override {
        check_bind(sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), index);
    }
    void bind_integer(int index, long long value) override {
        check_bind(sqlite3_bind_int64(m_stmt, index, value), index);
    }
    void bind_real(int index, double value) override { check_bind(sqlite3_bind_double(m_stmt, index, value), index); }
    void bind_null(int index) override { check_bind(sqlite3_bind_null(m_stmt, index), index); }

    bool step() override {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        sqlite3_reset(m_stmt);
        fail(m_db.handle(), rc, m_db.path());
    }
    void reset() override {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

    bool is_null(int column) const override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    std::string text(int column) const override {
        const auto* data = sqlite3_column_text(m_stmt, column);
        const int size = sqlite3_column_bytes(m_stmt, column);
        return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size))
                    : std::string();
    }
    std::string blob(int column) const override {
        const auto* data = sqlite3_column_blob(m_stmt, column);
        const int size = sqlite3_column_bytes(m_stmt, column);
        return data ? std::string(static_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string();
    }
    long long integer(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    int column_count() const override { return sqlite3_column_count(m_stmt); }
    sql::ColumnKind kind(int column) const override {
        switch (sqlite3_column_type(m_stmt, column)) {
            case SQLITE_INTEGER: return sql::ColumnKind::integer;
            case SQLITE_FLOAT: return sql::ColumnKind::real;
            case SQLITE_BLOB: return sql::ColumnKind::blob;
            case SQLITE_NULL: return sql::ColumnKind::null;
            default: return sql::ColumnKind::text;
        }
    }

private:
    void check_bind(int rc, int index) {
        if (rc != SQLITE_OK) fail(m_db.handle(), rc, m_db.path() + ": binding ?" + std::to_string(index));
    }

    SqliteConnection& m_db;
    std::string m_sql;
    sqlite3_stmt* m_stmt = nullptr;
};

// Once per process, before SQLite's first connection (sqlite3_config is refused after that; then the defaults
// stay). Memory statistics off: with them on, every allocation SQLite makes takes one process-wide mutex, and
// the server's workers, each on its own connection, queued on it (40% of their waits under a mixed load).
void configure_library() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// NOTE: bounds what a connection keeps prepared: ger's statements are a few hundred texts, but an import or a
// caller building texts with values in them must not grow the cache without end.
constexpr std::size_t most_idle_texts = 512;
constexpr std::size_t most_idle_per_text = 4;

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, bool create) : m_path(path) {
    configure_library();
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = "cannot open database " + path + ": " +
                                    (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        sqlite3_close(m_db);
        m_db = nullptr;
        if ((rc & 0xff) == SQLITE_CANTOPEN && !create) throw NotFoundError(message);
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busy_timeout_ms);
    try {
        exec("PRAGMA foreign_keys = ON");
        // journal_mode answers with a row; a plain exec ignores it. Setting it again on a WAL file changes nothing.
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, statements] : m_idle) {
        for (auto* statement : statements) sqlite3_finalize(statement);
    }
    sqlite3_close_v2(m_db);
}

sqlite3_stmt* SqliteConnection::take_statement(std::string_view sql) {
    if (const auto it = m_idle.find(sql); it != m_idle.end() && !it->second.empty()) {
        auto* statement = it->second.back();
        it->second.pop_back();
        return statement;
    }
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) fail(m_db, rc, m_path + ": preparing " + std::string(sql));
    return statement;
}

void SqliteConnection::give_back(std::string_view sql, sqlite3_stmt* statement) noexcept {
    if (!statement) return;
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    try {
        auto it = m_idle.find(sql);
        if (it == m_idle.end() && m_idle.size() < most_idle_texts) it = m_idle.emplace(std::string(sql), std::vector<sqlite3_stmt*>{}).first;
        if (it != m_idle.end() && it->second.size() < most_idle_per_text) {
            it->second.push_back(statement);
            return;
        }
    } catch (...) {
        // no memory to keep it: finalized below
    }
    sqlite3_finalize(statement);
}

void SqliteConnection::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        const std::string context = m_path + ": " + message;
        switch (rc & 0xff) {
            case SQLITE_CONSTRAINT: throw IntegrityError(context);
            case SQLITE_NOTADB: throw SchemaError(context + " (not a ger database)");
            default: throw StoreError(context);
        }
    }
}

int SqliteConnection::changes() { return sqlite3_changes(m_db); }

std::unique_ptr<sql::Cursor> SqliteConnection::prepare(std::string_view sql) {
    return std::make_unique<SqliteCursor>(*this, sql);
}

void SqliteConnection::begin(sql::TransactionKind kind) {
    // NOTE: no turn for ":memory:": each such database is its own connection's, so no writer can contend for it,
    // and one turn shared by every in-memory database of the process would make a copy between two of them wait
    // on itself.
    if (kind == sql::TransactionKind::write && m_path != ":memory:") {
        // NOTE: timed, with the busy timeout's bound: a writer that somehow waits on itself (a second write
        // transaction on another connection of the same thread) fails as "busy" instead of hanging.
        m_write_turn = std::unique_lock(write_turn(m_path), std::defer_lock);
        if (!m_write_turn.try_lock_for(std::chrono::milliseconds(busy_timeout_ms))) {
            m_write_turn = {};
            throw StoreError(m_path + ": database is locked (another writer held it for " +
                             std::to_string(busy_timeout_ms / 1000) + " s)");
        }
    }
    // NOTE: writers take the write lock up front (IMMEDIATE) so that two writers never deadlock upgrading
    // read locks; the busy timeout then queues them.
    try {
        exec(kind == sql::TransactionKind::write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
        if (m_write_turn.owns_lock()) m_write_turn.unlock();
        throw;
    }
}

void SqliteConnection::commit() {
    exec("COMMIT");
    if (m_write_turn.owns_lock()) m_write_turn.unlock();
}

void SqliteConnection::rollback() noexcept {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    if (m_write_turn.owns_lock()) m_write_turn.unlock();
}

void SqliteConnection::migrate() { sqlite::migrate(*this); }
int SqliteConnection::schema_version() { return current_version(*this); }
BackupSummary SqliteConnection::backup(const std::string& destination) { return backup_database(*this, destination); }

}  // namespace ger::store::sqlite
