// `ger missions`: the mission catalogue, filtered by agency (lead or partner), destination, kind or status.
#include <iostream>
#include <map>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string agency;
    std::string destination;
    std::string kind;
    std::string status;
    Format format = Format::table;
};

template <class E>
std::vector<std::string> names() {
    return {model::EnumNames<E>::values.begin(), model::EnumNames<E>::values.end()};
}

void run(const Options& options) {
    auto store = open_database(options.db);
    store::MissionFilter filter;
    if (!options.agency.empty()) {
        require_agency(*store, options.agency);
        filter.agency = options.agency;
    }
    if (!options.destination.empty()) {
        require_destination(*store, options.destination);
        filter.destination = options.destination;
    }
    if (!options.kind.empty()) filter.kind = model::parse_enum<model::MissionKind>(options.kind);
    if (!options.status.empty()) filter.status = model::parse_enum<model::MissionStatus>(options.status);

    Table table{{"id", "name", "lead", "partners", "destination", "kind", "type", "launch", "status", "commitment",
                 "visibility"},
                {}};
    auto json = nlohmann::json::array();
    for (const auto& m : store->missions(filter)) {
        table.rows.push_back({m.id, m.name, m.lead_agency, join(m.partners, " "), m.destination,
                              std::string(model::to_string(m.kind)), std::string(model::to_string(m.type)),
                              m.launch ? m.launch->to_string() : "", std::string(model::to_string(m.status)),
                              std::string(model::to_string(m.commitment)),
                              (m.visibility ? std::string(model::to_string(m.visibility->scope)) : std::string("unset"))});
        json.push_back(model::to_json(m));
    }
    print(std::cout, options.format, table, json);
}

const CommandRegistrar registrar{70, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("missions", "list missions");
    add_db_option(*command, options->db);
    command->add_option("--agency", options->agency, "missions this agency leads or partners in (code)");
    command->add_option("--destination", options->destination, "missions to this destination (code, e.g. Moon)");
    command->add_option("--kind", options->kind, "human or robotic")->check(CLI::IsMember(names<model::MissionKind>()));
    command->add_option("--status", options->status, "mission status")
        ->check(CLI::IsMember(names<model::MissionStatus>()));
    add_format_option(*command, options->format);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
