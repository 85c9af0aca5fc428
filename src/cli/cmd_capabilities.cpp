// `ger capabilities`: the capability elements agencies provide, and which missions need or provide each.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string agency;
    Format format = Format::table;
};

void run(const Options& options) {
    auto store = open_database(options.db);
    store::CapabilityFilter filter;
    if (!options.agency.empty()) {
        require_agency(*store, options.agency);
        filter.provider = options.agency;
    }
    const auto missions = store->missions();
    Table table{{"id", "name", "provider", "kind", "readiness", "status", "required by"}, {}};
    auto json = nlohmann::json::array();
    for (const auto& c : store->capabilities(filter)) {
        std::vector<std::string> required_by;
        for (const auto& m : missions) {
            const auto& needs = m.capabilities_required;
            if (std::find(needs.begin(), needs.end(), c.id) != needs.end()) required_by.push_back(m.id);
        }
        table.rows.push_back({c.id, c.name, c.provider, std::string(model::to_string(c.kind)),
                              c.readiness ? c.readiness->to_string() : "", std::string(model::to_string(c.status)),
                              join(required_by, " ")});
        json.push_back(model::to_json(c));
    }
    print(std::cout, options.format, table, json);
}

const CommandRegistrar registrar{80, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("capabilities", "list capability elements");
    add_db_option(*command, options->db);
    command->add_option("--agency", options->agency, "capabilities this agency provides (code)");
    add_format_option(*command, options->format);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
