// `ger editions`: the published editions of the roadmap and who signed each.
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
    if (!options.agency.empty()) require_agency(*store, options.agency);
    Table table{{"edition", "title", "published", "frozen", "signatories"}, {}};
    auto json = nlohmann::json::array();
    for (const auto& e : store->editions()) {
        const auto& who = e.signatories;
        if (!options.agency.empty() && std::find(who.begin(), who.end(), options.agency) == who.end()) continue;
        table.rows.push_back({e.name, e.title, model::PlannedDate{e.published, model::DatePrecision::day}.to_string(),
                              e.frozen ? "yes" : "no", join(who, " ")});
        json.push_back(model::to_json(e));
    }
    print(std::cout, options.format, table, json);
}

const CommandRegistrar registrar{90, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("editions", "list the roadmap's editions");
    add_db_option(*command, options->db);
    command->add_option("--agency", options->agency, "editions this agency signed (code)");
    add_format_option(*command, options->format);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
