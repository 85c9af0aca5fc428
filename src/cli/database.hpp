// The database a command works on: the --db option and opening it with a message the user can act on.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace ger::cli {

// Adds --db PATH to `command`; `path` starts as default_db_path() (var/ger.db, or $GER_DB).
void add_db_option(CLI::App& command, std::string& path);

// Opens the existing database at `path` (migrating an older schema). A missing file is a CommandError that
// suggests `ger init`; a newer schema is the store's SchemaError, which names both versions.
std::unique_ptr<store::Store> open_database(const std::string& path);

// CommandErrors listing the known codes when a --agency or --destination filter names none of them.
void require_agency(store::Store& store, const std::string& code);
void require_destination(store::Store& store, const std::string& code);

// Who the command line acts as in the audit log: the login name ($USER), for no agency.
store::Actor command_line_actor();

}  // namespace ger::cli
