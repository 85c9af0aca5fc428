#include "store/sqlite/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

#include "store/error.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"

namespace ger::store::sqlite {
namespace {

namespace fs = std::filesystem;

// A raw handle for the files a backup reads or writes: Connection sets WAL and other pragmas, which would write
// to a backup that is only being read.
class RawDatabase {
public:
    RawDatabase(const std::string& path, int flags) : m_path(path) {
        const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = path + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
            sqlite3_close(m_db);
            m_db = nullptr;
            throw StoreError("cannot open " + message);
        }
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, 10'000);
    }
    ~RawDatabase() { close(); }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;
    sqlite3* handle() const { return m_db; }
    void close() {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }

    // The first column of the first row of `sql`, as text ("" when there is no row); StoreError naming the file.
    std::string scalar(const char* sql) const {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
        std::string value;
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                const auto* text = sqlite3_column_text(stmt, 0);
                if (text) value = reinterpret_cast<const char*>(text);
                rc = SQLITE_OK;
            } else if (rc == SQLITE_DONE) {
                rc = SQLITE_OK;
            }
        }
        const std::string error = rc == SQLITE_OK ? "" : sqlite3_errmsg(m_db);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_OK) {
            if ((rc & 0xff) == SQLITE_NOTADB) throw SchemaError(m_path + " is not a ger database (" + error + ")");
            throw StoreError(m_path + ": " + error);
        }
        return value;
    }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// Copies every page of `from` into `to` in one step: one read transaction on the source, so the copy is a
// snapshot even while other connections write (in WAL mode they are not blocked).
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) throw StoreError(what + ": " + sqlite3_errmsg(to));
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw StoreError(what + ": " + sqlite3_errstr(rc));
    const int finished = sqlite3_errcode(to);
    if (finished != SQLITE_OK && finished != SQLITE_DONE) throw StoreError(what + ": " + sqlite3_errmsg(to));
}

// A ger database this binary can use, whole: integrity ok, a schema version not newer than ours.
int checked_version(const RawDatabase& db, const std::string& path) {
    const auto integrity = db.scalar("PRAGMA integrity_check");
    if (integrity != "ok") throw StoreError(path + " fails SQLite's integrity check: " + integrity);
    std::string version;
    try {
        version = db.scalar("SELECT MAX(version) FROM schema_migrations");
    } catch (const SchemaError&) {
        throw;
    } catch (const StoreError&) {
        throw SchemaError(path + " is not a ger database (it has no schema_migrations table)");
    }
    const int v = version.empty() ? 0 : std::stoi(version);
    if (v < 1) throw SchemaError(path + " is not a ger database (no schema version)");
    if (v > latest_version()) {
        throw SchemaError(path + " has schema version " + std::to_string(v) + ", newer than this ger's " +
                          std::to_string(latest_version()) + ": upgrade ger");
    }
    return v;
}

void remove_quietly(const fs::path& p) {
    std::error_code ignored;
    fs::remove(p, ignored);
}

long long size_of(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<long long>(size);
}

}  // namespace

BackupSummary backup_database(SqliteConnection& source, const std::string& destination) {
    if (fs::exists(destination)) throw StoreError(destination + " exists: a backup is written to a new file");
    BackupSummary summary;
    try {
        RawDatabase copy(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        copy_pages(source.handle(), copy.handle(), "backup to " + destination);
        summary.schema_version = checked_version(copy, destination);
        // NOTE: a self-contained file in rollback-journal mode: a WAL-mode copy (its header comes from the
        // source) would grow -wal and -shm files next to it whenever it is opened, even read-only.
        copy.scalar("PRAGMA journal_mode = DELETE");
        copy.close();
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm"}) remove_quietly(destination + suffix);
        throw;
    }
    for (const char* suffix : {"-wal", "-shm"}) remove_quietly(destination + suffix);
    summary.bytes = size_of(destination);
    return summary;
}

BackupSummary restore_database(const std::string& backup, const std::string& target, bool replace) {
    if (!fs::exists(backup)) throw NotFoundError("no backup file " + backup);
    if (fs::exists(target) && !replace) {
        throw StoreError(target + " exists: restore with --replace to overwrite it (stop ger serve on it first)");
    }
    const std::string staging = target + ".restoring";
    for (const char* suffix : {"", "-wal", "-shm"}) remove_quietly(staging + suffix);
    BackupSummary summary;
    try {
        RawDatabase from(backup, SQLITE_OPEN_READONLY);
        checked_version(from, backup);
        RawDatabase to(staging, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        copy_pages(from.handle(), to.handle(), "restore from " + backup);
        summary.schema_version = checked_version(to, staging);
        to.scalar("PRAGMA journal_mode = DELETE");  // the store sets WAL again when it opens the file
        to.close();
        from.close();
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm"}) remove_quietly(staging + suffix);
        throw;
    }
    for (const char* suffix : {"-wal", "-shm"}) remove_quietly(staging + suffix);
    // NOTE: the old database's WAL would otherwise be replayed onto the restored file.
    for (const char* suffix : {"-wal", "-shm"}) remove_quietly(target + suffix);
    std::error_code ec;
    fs::rename(staging, target, ec);
    if (ec) {
        remove_quietly(staging);
        throw StoreError("cannot move the restored database to " + target + ": " + ec.message());
    }
    summary.bytes = size_of(target);
    return summary;
}

}  // namespace ger::store::sqlite
