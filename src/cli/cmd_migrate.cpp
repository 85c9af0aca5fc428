// `ger migrate`: moves a whole ger database to another backend (the embedded SQLite file to PostgreSQL, or back),
// everything included: records, audit log, change counters, accounts, frozen editions and their artefacts,
// community content. One line per table on standard error as it goes, a summary on standard output at the end.
#include <iostream>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string from;
    std::string to;
};

void migrate(const Options& o) {
    if (o.from == o.to) throw CommandError("--from and --to name the same database");
    // NOTE: the databases are named only as the store shows them (summary.from, .to): a URL may hold a password.
    const auto summary = store::copy_database(o.from, o.to, [](const store::TableCopy& table) {
        std::cerr << "copied " << table.table << ": " << table.rows << (table.rows == 1 ? " row" : " rows") << "\n";
    });
    std::cout << "migrated " << summary.from << " to " << summary.to << ": " << summary.rows << " rows in "
              << summary.tables.size() << " tables, schema version " << summary.schema_version << "\n";
}

const CommandRegistrar registrar{235, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "migrate", "copy a whole database to another backend (SQLite <-> PostgreSQL); the target must be empty");
    command->footer(
        "Databases are a file path or sqlite:PATH (SQLite) or postgresql://USER@HOST:PORT/DATABASE. Everything "
        "moves: the records, the audit log with its ids, the change counters, users, API tokens and sessions, "
        "frozen editions with their artefacts, derived results, survey runs, comments, the outbox, workshops and "
        "their registrations, content pages, action items and the login throttle. The source is read as of one instant (migrated to "
        "this ger's schema first); the target is created when missing and must hold no data, is written in one "
        "transaction (all or nothing: after an error it is as before) and never overwritten; a target that `ger "
        "init` prepared already holds data and is refused. Stop `ger serve` and other writers of the source first: "
        "what they write after the copy's instant stays behind. A line per table on standard error as it is "
        "copied, a summary on standard output once the copy is committed. Example:\n"
        "  ger migrate --from var/ger.db --to postgresql://ger@db.example.org/roadmap");
    command->add_option("--from", o->from, "the database to copy (must exist)")->required();
    command->add_option("--to", o->to, "the database to write (created when missing; must be empty)")->required();
    command->callback([o] { migrate(*o); });
}};

}  // namespace
}  // namespace ger::cli
