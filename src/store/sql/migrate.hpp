// Applying numbered schema steps, the same for every backend: each backend keeps its own steps (its own SQL) and
// its own way of reading the version a database has; the order, the locking and the record of each step are here.
#pragma once

#include <functional>
#include <span>
#include <string_view>

namespace ger::store::sql {

class Connection;

struct MigrationStep {
    int version;
    std::string_view description;
    std::string_view sql;  // DDL, and SQL that moves existing rows into it (a backfill); never bound values
};

// Brings the database to the last of `steps` (in version order) in one write transaction, each applied step a row
// of schema_migrations(version, description, applied_at) written with it. `current_version` reads the version the
// database has (0 when empty); it is asked once without the write lock (an up-to-date database is only read) and
// again under it (another process may have migrated meanwhile). SchemaError naming both versions when the database
// is newer than the steps.
void apply_migrations(Connection& db, std::span<const MigrationStep> steps, const std::function<int()>& current_version);

}  // namespace ger::store::sql
