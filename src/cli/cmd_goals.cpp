// `ger goals`: the common goals, each with its objectives.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    Format format = Format::table;
};

void run(const Options& options) {
    auto store = open_database(options.db);
    Table table{{"#", "goal", "title", "objectives"}, {}};
    auto json = nlohmann::json::array();
    for (const auto& [goal, objectives] : store->goals_with_objectives()) {
        std::vector<std::string> titles;
        auto objectives_json = nlohmann::json::array();
        for (const auto& objective : objectives) {
            titles.push_back(objective.title);
            objectives_json.push_back(model::to_json(objective));
        }
        table.rows.push_back({std::to_string(goal.number), goal.id, goal.title,
                              std::to_string(objectives.size()) + (titles.empty() ? "" : ": " + join(titles))});
        auto item = model::to_json(goal);
        item["objectives"] = std::move(objectives_json);
        json.push_back(std::move(item));
    }
    print(std::cout, options.format, table, json);
}

const CommandRegistrar registrar{60, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("goals", "list the common goals with their objectives");
    add_db_option(*command, options->db);
    add_format_option(*command, options->format);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
