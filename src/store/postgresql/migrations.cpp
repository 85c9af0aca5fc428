#include "store/postgresql/migrations.hpp"

#include <chrono>
#include <string>

#include "store/error.hpp"
#include "store/postgresql/connection.hpp"
#include "store/postgresql/migrations_sql.hpp"
#include "store/sql/migrate.hpp"

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
    sql::apply_migrations(db, migration_steps(), [&] { return current_version(db); });
}

}  // namespace ger::store::postgresql
