// `ger token create --user NAME`: an API bearer token, printed once on the last line (only its SHA-256 digest is
// stored); `ger token revoke --user NAME --id ID`.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "server/credentials.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string user;
    std::string label = "command line";
    long long id = 0;
};

void create(const Options& o) {
    auto store = open_database(o.db);
    if (!store->user(o.user)) throw CommandError("no user '" + o.user + "'; create one with `ger user add`");
    const auto token = server::generate_api_token();
    const auto id = store->create_token(o.user, server::digest(token), o.label);
    std::cout << "token " << id << " for " << o.user << " (shown once; revoke with `ger token revoke --user " << o.user
              << " --id " << id << "`):\n"
              << token << "\n";
}

void revoke(const Options& o) {
    auto store = open_database(o.db);
    if (!store->revoke_token(o.id, o.user)) {
        throw CommandError("user '" + o.user + "' has no live token " + std::to_string(o.id));
    }
    std::cout << "revoked token " << o.id << " of " << o.user << "\n";
}

const CommandRegistrar registrar{220, [](CLI::App& app) {
    auto* command = app.add_subcommand("token", "API bearer tokens");
    command->require_subcommand(1);
    auto create_options = std::make_shared<Options>();
    auto* create_command = command->add_subcommand("create", "create a token; prints it alone on the last line");
    add_db_option(*create_command, create_options->db);
    create_command->add_option("--user", create_options->user, "the user the token acts as")->required();
    create_command->add_option("--label", create_options->label, "what the token is for")->capture_default_str();
    create_command->callback([create_options] { create(*create_options); });

    auto revoke_options = std::make_shared<Options>();
    auto* revoke_command = command->add_subcommand("revoke", "revoke a token");
    add_db_option(*revoke_command, revoke_options->db);
    revoke_command->add_option("--user", revoke_options->user, "the token's user")->required();
    revoke_command->add_option("--id", revoke_options->id, "the token's id")->required();
    revoke_command->callback([revoke_options] { revoke(*revoke_options); });
}};

}  // namespace
}  // namespace ger::cli
