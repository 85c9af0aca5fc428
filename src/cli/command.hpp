// Each `ger` subcommand lives in its own cmd_*.cpp and registers itself here, so adding a command
// touches no shared file.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace ger::cli {

// `setup` adds the subcommand to `app` and sets its callback. The callback reports failure by
// throwing (CommandError or any std::exception); main prints "ger <command>: <message>" and exits 1.
struct Command {
    int order;  // position in `ger --help`
    std::function<void(CLI::App& app)> setup;
};

std::vector<Command>& registry();

struct CommandRegistrar {
    CommandRegistrar(int order, std::function<void(CLI::App&)> setup) {
        registry().push_back({order, std::move(setup)});
    }
};

// An error the user can act on; main prints it without a stack of context.
class CommandError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The --db option shared by every command that reads the store: default var/ger.db, or $GER_DB.
std::string default_db_path();

}  // namespace ger::cli
