#include "store/postgresql/migrations.hpp"

#include <chrono>
#include <string>

#include "store/error.hpp"
#include "store/postgresql/connection.hpp"
#include "store/postgresql/migrations_sql.hpp"

namespace ger::store::postgresql {
namespace {

using sql::Statement;
using sql::Transaction;

bool has_schema_migrations(PgConnection& db) {
    Statement query(db, "SELECT to_regclass('schema_migrations') IS NOT NULL");
    query.step();
    return query.integer(0) != 0;
}

}  // namespace

int latest_version() { return migration_steps().back().version; }

int current_version(PgConnection& db) {
    if (!has_schema_migrations(db)) {
        Statement any(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                          "ORDER BY table_name LIMIT 1");
        if (any.step()) {
            throw SchemaError(db.path() + " is not a ger database: it has tables (" + any.text(0) +
                              ") but no schema_migrations");
        }
        return 0;
    }
    Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.step();
    return static_cast<int>(query.integer(0));
}

void migrate(PgConnection& db) {
    const auto newer_error = [&](int found) {
        return SchemaError("database " + db.path() + " has schema version " + std::to_string(found) +
                           ", newer than this ger supports (" + std::to_string(latest_version()) +
                           "); use a newer ger or a database it created");
    };
    const int seen = current_version(db);
    if (seen > latest_version()) throw newer_error(seen);
    if (seen == latest_version()) return;

    Transaction tx(db, Transaction::Kind::write);
    const int current = current_version(db);  // another server may have migrated while this one waited
    if (current > latest_version()) throw newer_error(current);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    for (const auto& step : migration_steps()) {
        if (step.version <= current) continue;
        db.exec(step.sql);
        Statement record(db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?1, ?2, ?3)");
        record.bind(1, step.version).bind(2, step.description).bind(3, static_cast<long long>(now)).run();
    }
    tx.commit();
}

}  // namespace ger::store::postgresql
