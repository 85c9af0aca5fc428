// `ger outbox`: the notifications ger has queued (to the secretariat on a new comment, to a commenter on a
// response) for whoever sends mail; ger assumes no mail server. `list` shows them, `mark-sent` records that
// they went out.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    bool unsent = false;
    Format format = Format::table;
    std::vector<long long> ids;
};

void list(const Options& o) {
    const auto messages = open_database(o.db)->outbox(o.unsent);
    Table table{{"id", "created", "recipient", "subject", "about", "sent"}, {}};
    nlohmann::json json = nlohmann::json::array();
    for (const auto& m : messages) {
        const auto sent = m.sent_at ? model::format_timestamp(*m.sent_at) : std::string();
        table.rows.push_back({std::to_string(m.id), model::format_timestamp(m.created_at), m.recipient, m.subject,
                              m.about, sent});
        json.push_back({{"id", m.id},
                        {"created_at", model::format_timestamp(m.created_at)},
                        {"recipient", m.recipient},
                        {"subject", m.subject},
                        {"body", m.body},
                        {"about", m.about},
                        {"sent_at", m.sent_at ? nlohmann::json(sent) : nlohmann::json(nullptr)}});
    }
    print(std::cout, o.format, table, json);
}

void mark_sent(const Options& o) {
    auto store = open_database(o.db);
    std::vector<long long> unknown;
    for (const auto id : o.ids) {
        if (!store->mark_outbox_sent(id)) unknown.push_back(id);
    }
    if (!unknown.empty()) {
        std::string text;
        for (const auto id : unknown) text += (text.empty() ? "" : ", ") + std::to_string(id);
        throw CommandError("no unsent message " + text + " (the others were marked sent)");
    }
}

const CommandRegistrar registrar{97, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("outbox", "notifications waiting to be sent (no mail server is assumed)");
    command->require_subcommand(1);
    auto* list_command = command->add_subcommand("list", "the queued notifications, oldest first");
    add_db_option(*list_command, o->db);
    list_command->add_flag("--unsent", o->unsent, "only those not marked sent");
    add_format_option(*list_command, o->format);
    list_command->callback([o] { list(*o); });
    auto* mark = command->add_subcommand("mark-sent", "record that notifications were sent");
    add_db_option(*mark, o->db);
    mark->add_option("ids", o->ids, "message ids (from ger outbox list)")->required()->check(CLI::PositiveNumber);
    mark->callback([o] { mark_sent(*o); });
}};

}  // namespace
}  // namespace ger::cli
