// `ger workshops`: the workshops in the store (`list`) and the purge of their registrations' personal data
// (`purge`): names, emails and affiliations of the registrations of every workshop that ended more than
// --after-days days ago are removed, the counts kept, each purge audited. The server does the same when it starts.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"
#include "model/workshop.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    int after_days = model::default_purge_after_days;
    Format format = Format::table;
};

void list(const Options& o) {
    auto store = open_database(o.db);
    Table table{{"id", "starts", "ends", "host", "capacity", "confirmed", "waitlisted", "purged", "title"}, {}};
    nlohmann::json json = nlohmann::json::array();
    for (const auto& w : store->workshops()) {
        const auto c = store->registration_counts(w.id);
        const auto purged = w.purged_at ? model::format_timestamp(*w.purged_at) : std::string();
        table.rows.push_back({w.id, model::format_day(w.starts), model::format_day(w.ends), w.host_agency,
                              std::to_string(w.capacity), std::to_string(c.confirmed), std::to_string(c.waitlisted),
                              purged, w.title});
        auto item = model::workshop_json(w);
        item["confirmed"] = c.confirmed;
        item["waitlisted"] = c.waitlisted;
        item["purged_at"] = w.purged_at ? nlohmann::json(purged) : nlohmann::json(nullptr);
        json.push_back(std::move(item));
    }
    print(std::cout, o.format, table, json);
}

void purge(const Options& o) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto result = open_database(o.db)->purge_registrations(now, o.after_days, command_line_actor());
    std::cout << "purged the personal data of " << result.registrations << " registrations of "
              << result.workshops.size() << " workshops that ended more than " << o.after_days << " days ago";
    for (std::size_t i = 0; i < result.workshops.size(); ++i) std::cout << (i ? ", " : ": ") << result.workshops[i];
    std::cout << "\n";
}

const CommandRegistrar registrar{96, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("workshops", "workshops and the purge of their registrations' personal data");
    command->require_subcommand(1);
    auto* list_command = command->add_subcommand("list", "the workshops with their counts, newest first");
    add_db_option(*list_command, o->db);
    add_format_option(*list_command, o->format);
    list_command->callback([o] { list(*o); });
    auto* purge_command = command->add_subcommand(
        "purge", "remove names, emails and affiliations of registrations once their workshop is long enough past");
    add_db_option(*purge_command, o->db);
    purge_command
        ->add_option("--after-days", o->after_days, "days after a workshop's last day (default 30)")
        ->check(CLI::Range(0, 36500));
    purge_command->callback([o] { purge(*o); });
}};

}  // namespace
}  // namespace ger::cli
