// `ger actions`: a workshop's action items: `list` (all, or one workshop's), `add` (one item, with the missions,
// objectives and comments it concerns; the store checks that each exists) and `status` (move an item on, with the version
// it was read at so a concurrent change is not overwritten). Every change is audited.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/action_item.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string workshop;
    std::string title;
    std::string description;
    std::string owner;
    std::vector<std::string> records;
    long long id = 0;
    std::string status;
    int expect_version = 0;
    Format format = Format::table;
};

std::string records_text(const std::vector<std::string>& records) {
    std::string out;
    for (const auto& r : records) out += (out.empty() ? "" : " ") + r;
    return out;
}

void list(const Options& o) {
    auto store = open_database(o.db);
    const auto items = o.workshop.empty() ? store->action_items() : store->action_items(std::string_view(o.workshop));
    Table table{{"id", "version", "workshop", "owner", "status", "records", "title"}, {}};
    nlohmann::json json = nlohmann::json::array();
    for (const auto& a : items) {
        table.rows.push_back({std::to_string(a.id), std::to_string(a.version), a.workshop, a.owner_agency,
                              std::string(model::to_string(a.status)), records_text(a.records), a.title});
        json.push_back(model::to_json(a));
    }
    print(std::cout, o.format, table, json);
}

void add(const Options& o) {
    auto store = open_database(o.db);
    model::ActionItem item;
    item.workshop = o.workshop;
    item.title = o.title;
    item.description = o.description;
    item.owner_agency = o.owner;
    item.records = o.records;
    const auto stored = store->create_action_item(item, command_line_actor());
    std::cout << "added action item " << stored.id << " to workshop " << stored.workshop << "\n";
}

void set_status(const Options& o) {
    auto store = open_database(o.db);
    auto item = store->action_item(o.id);
    if (!item) throw CommandError("no action item " + std::to_string(o.id));
    const auto status = model::parse_enum<model::ActionStatus>(o.status);
    if (!status) throw CommandError("status: one of open, in-progress, done, dropped (got '" + o.status + "')");
    item->status = *status;
    const auto updated =
        store->update_action_item(*item, o.expect_version > 0 ? o.expect_version : item->version, command_line_actor());
    std::cout << "action item " << updated.id << " is " << model::to_string(updated.status) << " (version "
              << updated.version << ")\n";
}

const CommandRegistrar registrar{97, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("actions", "a workshop's action items: list, add, status");
    command->require_subcommand(1);
    auto* list_command = command->add_subcommand("list", "the action items, oldest first");
    add_db_option(*list_command, o->db);
    add_format_option(*list_command, o->format);
    list_command->add_option("--workshop", o->workshop, "only this workshop's");
    list_command->callback([o] { list(*o); });
    auto* add_command = command->add_subcommand("add", "add an action item to a workshop");
    add_db_option(*add_command, o->db);
    add_command->add_option("--workshop", o->workshop, "the workshop it came from")->required();
    add_command->add_option("--title", o->title, "what is to be done (plain text)")->required();
    add_command->add_option("--owner", o->owner, "the agency that acts on it (ESA, NASA, ...)")->required();
    add_command->add_option("--description", o->description, "more detail (plain text)");
    add_command->add_option("--record", o->records, "a mission or objective id, or comment:N (repeatable)");
    add_command->callback([o] { add(*o); });
    auto* status_command = command->add_subcommand("status", "move an action item on");
    add_db_option(*status_command, o->db);
    status_command->add_option("id", o->id, "the item's id")->required();
    status_command->add_option("status", o->status, "open, in-progress, done or dropped")->required();
    status_command->add_option("--expect-version", o->expect_version,
                               "refuse if the item changed since this version (from `ger actions list`)");
    status_command->callback([o] { set_status(*o); });
}};

}  // namespace
}  // namespace ger::cli
