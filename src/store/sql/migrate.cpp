#include "store/sql/migrate.hpp"

#include <chrono>
#include <string>

#include "store/error.hpp"
#include "store/sql/connection.hpp"

namespace ger::store::sql {

void apply_migrations(Connection& db, std::span<const MigrationStep> steps,
                      const std::function<int()>& current_version) {
    const int latest = steps.back().version;
    const auto newer_error = [&](int found) {
        return SchemaError("database " + db.path() + " has schema version " + std::to_string(found) +
                           ", newer than this ger supports (" + std::to_string(latest) +
                           "); use a newer ger or a database it created");
    };
    const int seen = current_version();
    if (seen > latest) throw newer_error(seen);
    if (seen == latest) return;

    Transaction tx(db, Transaction::Kind::write);
    const int current = current_version();
    if (current > latest) throw newer_error(current);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    for (const auto& step : steps) {
        if (step.version <= current) continue;
        db.exec(step.sql);
        Statement record(db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?1, ?2, ?3)");
        record.bind(1, step.version).bind(2, step.description).bind(3, static_cast<long long>(now)).run();
    }
    tx.commit();
}

}  // namespace ger::store::sql
