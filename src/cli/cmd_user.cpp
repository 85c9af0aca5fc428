// `ger user add`: a portal account with a generated password (printed once); `ger user seed`: one planner per
// agency and a secretariat account, their passwords written to a file only the owner can read (make run).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "server/credentials.hpp"

namespace ger::cli {
namespace {

struct AddOptions {
    std::string db;
    std::string agency;
    std::string role = "planner";
    std::string name;
};

struct SeedOptions {
    std::string db;
    std::string out = "var/credentials.txt";
};

std::string add_user(store::Store& store, const std::string& name, const std::string& agency, store::Role role) {
    if (name.empty() || name.size() > 64 || name.find_first_of(" \t\r\n:/") != std::string::npos) {
        throw CommandError("user name '" + name + "' must be 1 to 64 characters without spaces, ':' or '/'");
    }
    if (role == store::Role::planner) {
        if (agency.empty()) throw CommandError("a planner needs --agency CODE");
        require_agency(store, agency);
    } else if (!agency.empty()) {
        require_agency(store, agency);
    }
    const auto password = server::generate_password();
    try {
        store.create_user({name, agency, role, server::hash_password(password), {}, {}}, command_line_actor());
    } catch (const store::ConflictError&) {
        throw CommandError("user '" + name + "' already exists");
    }
    return password;
}

void add(const AddOptions& o) {
    auto store = open_database(o.db);
    const auto role = store::parse_role(o.role);
    const auto password = add_user(*store, o.name, o.agency, *role);
    std::cout << "created " << o.role << " '" << o.name << "'" << (o.agency.empty() ? "" : " of " + o.agency)
              << "; password (shown once):\n"
              << password << "\n";
}

void seed(const SeedOptions& o) {
    auto store = open_database(o.db);
    // O_EXCL: never overwrite (or follow a link planted at) an existing file; 0600: only the owner reads it.
    const int fd = ::open(o.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    if (fd < 0) throw CommandError("cannot create " + o.out + ": " + std::strerror(errno));
    std::string text = "# ger portal accounts created by `ger user seed` (keep this file private)\n"
                       "# user name, role, agency, password\n";
    std::size_t created = 0;
    const auto one = [&](const std::string& name, const std::string& agency, store::Role role) {
        if (store->user(name)) return;
        const auto password = add_user(*store, name, agency, role);
        text += name + " " + std::string(store::to_string(role)) + " " + (agency.empty() ? "-" : agency) + " " +
                password + "\n";
        ++created;
    };
    for (const auto& a : store->agencies()) {
        std::string name;
        for (char c : a.code) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        one(name + "-planner", a.code, store::Role::planner);
    }
    one("secretariat", "", store::Role::secretariat);
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok) throw CommandError("cannot write " + o.out);
    std::cout << "created " << created << " accounts; their passwords are in " << o.out << " (mode 600)\n";
}

const CommandRegistrar registrar{210, [](CLI::App& app) {
    auto* command = app.add_subcommand("user", "portal accounts");
    command->require_subcommand(1);
    auto add_options = std::make_shared<AddOptions>();
    auto* add_command = command->add_subcommand("add", "create an account; prints its generated password once");
    add_db_option(*add_command, add_options->db);
    add_command->add_option("--agency", add_options->agency, "the planner's agency (code)");
    add_command->add_option("--role", add_options->role, "planner or secretariat")
        ->capture_default_str()
        ->check(CLI::IsMember({"planner", "secretariat"}));
    add_command->add_option("--name", add_options->name, "login name")->required();
    add_command->callback([add_options] { add(*add_options); });

    auto seed_options = std::make_shared<SeedOptions>();
    auto* seed_command = command->add_subcommand(
        "seed", "create <agency>-planner for every agency and 'secretariat', passwords to a new mode-600 file");
    add_db_option(*seed_command, seed_options->db);
    seed_command->add_option("--out", seed_options->out, "credentials file to create")->capture_default_str();
    seed_command->callback([seed_options] { seed(*seed_options); });
}};

}  // namespace
}  // namespace ger::cli
