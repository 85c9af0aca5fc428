// The PostgreSQL schema's migrations (the steps are migrations_sql.cpp): the same numbered steps as SQLite's, each
// applied row recorded in schema_migrations in the same transaction.
#pragma once

namespace ger::store::postgresql {

class PgConnection;

int latest_version();
// The version recorded in the database: 0 for an empty one. SchemaError when the schema holds tables but no
// schema_migrations (not a ger database).
int current_version(PgConnection& db);
// Brings the database to latest_version() in one transaction that holds the write lock, so two servers starting
// at once migrate once. SchemaError naming both versions when the database is newer than this binary.
void migrate(PgConnection& db);

}  // namespace ger::store::postgresql
