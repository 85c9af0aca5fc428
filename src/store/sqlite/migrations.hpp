// The SQLite schema as numbered, append-only migrations. A shipped migration never changes: a later need
// adds a step (the portal's users, sessions and tokens come as step 3). Each applied step is a row of
// schema_migrations(version, description, applied_at), written in the same transaction as the step.
#pragma once

#include <span>
#include <string_view>

#include "store/sql/migrate.hpp"

namespace ger::store::sqlite {

class SqliteConnection;

using Migration = sql::MigrationStep;

// Every step, in version order (1, 2, ...).
std::span<const Migration> migrations();
int latest_version();

// The version recorded in the database: 0 for an empty database. Throws SchemaError when the database holds
// tables but no schema_migrations (not a ger database).
int current_version(SqliteConnection& db);

// Brings the database to latest_version() in one transaction. Throws SchemaError naming both versions when
// the database is newer than this binary.
void migrate(SqliteConnection& db);

}  // namespace ger::store::sqlite
