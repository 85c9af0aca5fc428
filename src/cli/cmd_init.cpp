// `ger init`: creates the database, brings it to the newest schema and seeds it with the bundled roadmap.
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "analysis/edition.hpp"
#include "model/bundled.hpp"
#include "model/workshop.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    bool force = false;
};

void remove_database(const std::string& path) {
    // The WAL and shared-memory files belong to the database: a stale WAL would replay into the new file.
    for (const auto& suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        std::filesystem::remove(path + suffix, ec);
        if (ec) throw CommandError("cannot remove " + path + suffix + ": " + ec.message());
    }
}

void run(const Options& options) {
    if (std::filesystem::exists(options.db)) {
        if (!options.force) {
            throw CommandError("a database already exists at " + options.db +
                               "; it was left unchanged. Use `ger init --force` to replace it with the bundled "
                               "roadmap (its current data and audit log are lost)");
        }
        remove_database(options.db);
    }
    const auto data = model::bundled_dataset();
    auto store = store::open_store(options.db, store::OpenMode::create);
    store->replace_all(data, command_line_actor());
    // The bundled 2011 and 2013 editions as frozen snapshots (data/editions.json).
    for (const auto& snapshot : analysis::bundled_edition_snapshots()) {
        store->freeze_edition(snapshot, std::nullopt, command_line_actor());
    }
    // The bundled workshops (data/workshops.json): the April 2014 one on the roadmap's update.
    const auto workshops = model::bundled_workshops();
    for (const auto& workshop : workshops) store->create_workshop(workshop, command_line_actor());
    // The portal's content pages (data/pages.json) as their first revisions; `ger serve` adds any missing too.
    const auto pages = store->seed_pages(model::bundled_pages());
    std::cout << "created " << options.db << " (schema version " << store->schema_version() << ") with "
              << data.agencies.size() << " agencies, " << data.goals.size() << " goals, " << data.missions.size()
              << " missions, " << data.capabilities.size() << " capabilities, " << data.editions.size()
              << " editions, " << workshops.size() << (workshops.size() == 1 ? " workshop, " : " workshops, ") << pages
              << " content pages\n";
}

const CommandRegistrar registrar{10, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("init", "create the database and load the bundled roadmap");
    add_db_option(*command, options->db);
    command->add_flag("--force", options->force, "replace an existing database (its data is lost)");
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
