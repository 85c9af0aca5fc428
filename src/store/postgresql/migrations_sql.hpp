// The PostgreSQL text of the schema's numbered migrations. The store's SQL is shared with SQLite, so each
// table has the SQLite schema's columns, in its order, with types that read and compare the same way (every
// integer a BIGINT, booleans 0/1, seconds, ISO days). Only edition_snapshots differs (step 4).
#pragma once

#include <span>
#include <string_view>

#include "store/sql/migrate.hpp"

namespace ger::store::postgresql {

// Statements run as one simple query (PQexec) in a transaction; no bound values.
using MigrationStep = sql::MigrationStep;

// The PostgreSQL schema: the same numbered steps as the SQLite one (store/sqlite/migrations.cpp), same
// descriptions, each the PostgreSQL text of that step.
std::span<const MigrationStep> migration_steps();

}  // namespace ger::store::postgresql
