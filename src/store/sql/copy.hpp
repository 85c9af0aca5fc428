// Copying a whole ger database from one connection to another, whichever backends they are (store.hpp:
// copy_database opens them; `ger migrate` calls it). Generic over sql::Connection: each table's rows are read
// with their stored kinds (Cursor::kind) and bound back as such, column by column by name, so it needs no list of
// columns and keeps working as the schema grows.
#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

// The tables of this binary's schema that a copy moves, in creation order (every foreign key that is not
// deferred names a table created before it): the SQLite schema's tables, as its migrations create them in an
// in-memory database, less schema_migrations (each database records its own migrations). PostgreSQL's schema has
// the same tables (copy refuses a database that has others or lacks one).
std::vector<std::string> schema_tables();

// The tables the database behind `db` holds (schema_migrations included), sorted by name.
std::vector<std::string> table_names(Connection& db);

// Copies every table of `tables` from `from` to `to`, in that order, in one write transaction of `to` that reads
// `from` in one read transaction (one consistent instant): all or nothing. Both databases must be at the same
// schema version and hold exactly the tables `tables` (plus schema_migrations) and `to` must hold no row in any of
// them, except change_counters, whose rows are replaced by the source's; otherwise nothing is written. Columns go
// by name (a column PostgreSQL generates always, edition_snapshots.seq, is left to the target to number, rows in
// the source's order: frozen_at, then insertion); other tables are read in primary key order. On PostgreSQL each
// identity column's sequence then starts after the largest copied value. `progress` hears of each table once it
// is copied. Errors are the store's (IntegrityError for a constraint, SchemaError for different schemas,
// StoreError otherwise), naming the database, the table and the row.
CopySummary copy_database(Connection& from, Connection& to, const std::vector<std::string>& tables,
                          const CopyProgress& progress);

}  // namespace ger::store::sql
