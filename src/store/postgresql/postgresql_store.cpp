#include "store/postgresql/postgresql_store.hpp"

#include <cctype>
#include <utility>

#include "store/postgresql/backup.hpp"
#include "store/postgresql/connection.hpp"
#include "store/postgresql/migrations.hpp"
#include "store/sql/sql_store.hpp"

namespace ger::store::postgresql {
namespace {

// The database part of postgresql://user@host:port/DATABASE?options: [begin, end) in `url`.
std::pair<std::size_t, std::size_t> database_span(const std::string& url) {
    const auto scheme = url.find("://");
    const auto authority = scheme == std::string::npos ? 0 : scheme + 3;
    const auto slash = url.find('/', authority);
    const auto query = url.find('?', authority);
    if (slash == std::string::npos || (query != std::string::npos && query < slash)) {
        const auto end = query == std::string::npos ? url.size() : query;
        return {end, end};
    }
    return {slash + 1, query == std::string::npos ? url.size() : query};
}

// OpenMode::create, as for an SQLite file: creates the database when the server has none of that name, through
// the server's maintenance database (postgres), so `ger init --db postgresql://.../roadmap` needs no psql first.
// NOTE: with C collation, so text sorts byte by byte exactly as in SQLite (exports and lists keep one order).
void create_database_if_missing(const std::string& url) {
    const auto [begin, end] = database_span(url);
    const std::string name = url.substr(begin, end - begin);
    if (name.empty() || name == "postgres") return;
    for (const char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
            throw StoreError("cannot create database '" + name + "' (" + redacted(url) +
                             "): a name of letters, digits, '_' and '-' only; create it with createdb instead");
        }
    }
    PgConnection maintenance(url.substr(0, begin) + "postgres" + url.substr(end));
    sql::Statement exists(maintenance, "SELECT 1 FROM pg_database WHERE datname = ?1");
    exists.bind(1, name);
    if (exists.step()) return;
    try {
        maintenance.exec("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                         "LC_CTYPE 'C'");
    } catch (const StoreError&) {
        sql::Statement again(maintenance, "SELECT 1 FROM pg_database WHERE datname = ?1");
        again.bind(1, name);
        if (!again.step()) throw;  // not another process creating it at the same moment
    }
}

}  // namespace

std::unique_ptr<Store> open_postgresql_store(const std::string& url, OpenMode mode) {
    if (mode == OpenMode::create) create_database_if_missing(url);
    auto connection = std::make_unique<PgConnection>(url);
    if (mode == OpenMode::existing && current_version(*connection) == 0) {
        throw NotFoundError("no ger database at " + connection->path() + " (ger init creates one)");
    }
    return sql::open_sql_store(std::move(connection));
}

int latest_postgresql_version() { return latest_version(); }

BackupSummary restore_postgresql_backup(const std::string& backup, const std::string& url, bool replace) {
    create_database_if_missing(url);  // as an SQLite restore makes a new file
    auto summary = restore_database(backup, url, replace);
    open_postgresql_store(url, OpenMode::existing);  // migrates an older backup now, not on first use
    return summary;
}

}  // namespace ger::store::postgresql
