#include "cli/database.hpp"

#include <cstdlib>
#include <filesystem>

#include "cli/command.hpp"

namespace ger::cli {

void add_db_option(CLI::App& command, std::string& path) {
    path = default_db_path();
    command.add_option("--db", path, "database file (default var/ger.db, or $GER_DB)")->capture_default_str();
}

std::unique_ptr<store::Store> open_database(const std::string& path) {
    const bool is_url = path.find("://") != std::string::npos;
    if (!is_url && !std::filesystem::exists(path)) {
        throw CommandError("no database at " + path + "; create it with `ger init --db " + path + "`");
    }
    return store::open_store(path, store::OpenMode::existing);
}

void require_agency(store::Store& store, const std::string& code) {
    std::string known;
    for (const auto& agency : store.agencies()) {
        if (agency.code == code) return;
        known += (known.empty() ? "" : ", ") + agency.code;
    }
    throw CommandError("unknown agency '" + code + "' (known: " + known + ")");
}

void require_destination(store::Store& store, const std::string& code) {
    std::string known;
    for (const auto& destination : store.destinations()) {
        if (destination.code == code) return;
        known += (known.empty() ? "" : ", ") + destination.code;
    }
    throw CommandError("unknown destination '" + code + "' (known: " + known + ")");
}

store::Actor command_line_actor() {
    const char* user = std::getenv("USER");
    return {std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown"), ""};
}

}  // namespace ger::cli
