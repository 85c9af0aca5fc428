// `ger backup` and `ger restore`: a consistent copy of the database while servers keep serving it (SQLite's
// online backup API), and putting one back (checked first; refuses to overwrite without --replace). Each prints
// what it wrote.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string file;
    bool replace = false;
};

void backup(const Options& o) {
    auto store = open_database(o.db);
    std::cerr << "backing up " << o.db << " to " << o.file << " ...\n";
    const auto summary = store->backup(o.file);
    std::cout << "backed up " << o.db << " to " << o.file << ": " << summary.bytes << " bytes, schema version "
              << summary.schema_version << ", integrity ok\n";
}

void restore(const Options& o) {
    const auto summary = store::restore_backup(o.file, o.db, o.replace);
    std::cout << "restored " << o.db << " from " << o.file << ": " << summary.bytes << " bytes, schema version "
              << summary.schema_version << ", integrity ok\n";
}

const CommandRegistrar registrar{230, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* backup_command =
        app.add_subcommand("backup", "copy the database to a new file while servers keep using it");
    add_db_option(*backup_command, o->db);
    backup_command->add_option("--out", o->file, "the backup file to write (must not exist)")->required();
    backup_command->callback([o] { backup(*o); });
    auto* restore_command = app.add_subcommand(
        "restore", "replace the database by a backup (checked first; stop `ger serve` on it before)");
    add_db_option(*restore_command, o->db);
    restore_command->add_option("--from", o->file, "the backup file to restore")->required();
    restore_command->add_flag("--replace", o->replace, "overwrite an existing database");
    restore_command->callback([o] { restore(*o); });
}};

}  // namespace
}  // namespace ger::cli
