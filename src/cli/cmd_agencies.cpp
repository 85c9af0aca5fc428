// `ger agencies`: the member agencies, with the editions each signed.
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
    const auto editions = store->editions();
    Table table{{"code", "name", "country", "member since", "editions signed"}, {}};
    auto json = nlohmann::json::array();
    for (const auto& agency : store->agencies()) {
        if (!options.agency.empty() && agency.code != options.agency) continue;
        std::vector<std::string> signed_editions;
        for (const auto& edition : editions) {
            const auto& who = edition.signatories;
            if (std::find(who.begin(), who.end(), agency.code) != who.end()) signed_editions.push_back(edition.name);
        }
        table.rows.push_back({agency.code, agency.name, agency.country, std::to_string(agency.member_since),
                              join(signed_editions)});
        auto item = model::to_json(agency);
        item["editions"] = signed_editions;
        json.push_back(std::move(item));
    }
    print(std::cout, options.format, table, json);
}

const CommandRegistrar registrar{50, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("agencies", "list the member agencies");
    add_db_option(*command, options->db);
    command->add_option("--agency", options->agency, "only this agency (code, e.g. ESA)");
    add_format_option(*command, options->format);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
