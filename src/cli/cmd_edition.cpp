// `ger edition freeze NAME` (the secretariat's action: an immutable snapshot of the public records, then its
// PDF, HTML and chart stored with it) and `ger edition diff A B` (missions added, removed, changed; objectives).
#include <iostream>

#include "analysis/edition.hpp"
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "cli/publish.hpp"
#include "model/enums.hpp"
#include "model/planned_date.hpp"

namespace ger::cli {
namespace {

struct FreezeOptions {
    std::string db;
    std::string name;
    std::string title;
    std::string published;  // YYYY-MM-DD; default today (UTC)
    std::string scenario;
    std::vector<std::string> signatories;
    bool no_artefacts = false;
};

struct DiffOptions {
    std::string db;
    std::string from;
    std::string to;
    std::string format = "table";
};

// "current" is the live records (not stored); any other name a frozen edition.
model::Dataset load_edition(store::Store& store, const std::string& name) {
    if (name == "current") {
        model::Edition e;
        e.name = "current";
        e.title = "current records";
        e.published = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
        return analysis::edition_snapshot(store.export_dataset(), e);
    }
    auto snapshot = store.edition_snapshot(name);
    if (!snapshot) {
        std::string known;
        for (const auto& n : store.frozen_editions()) known += (known.empty() ? "" : ", ") + n;
        throw CommandError("no frozen edition '" + name + "' (frozen: " + known + "; or 'current')");
    }
    return std::move(snapshot->data);
}

void freeze(const FreezeOptions& o) {
    auto store = open_database(o.db);
    if (store->edition_snapshot(o.name)) {
        throw CommandError("edition " + o.name + " is already frozen; a frozen edition never changes");
    }
    const long long seen = store->last_change_id();
    const auto data = store->export_dataset();
    model::Edition edition;
    for (const auto& e : data.editions) {
        if (e.name == o.name) edition = e;  // an edition already listed keeps its record
    }
    edition.name = o.name;
    if (!o.title.empty()) edition.title = o.title;
    if (edition.title.empty()) edition.title = "The Global Exploration Roadmap (" + o.name + ")";
    if (!o.published.empty()) {
        const auto day = model::parse_planned_date(o.published);
        if (day.precision != model::DatePrecision::day) throw CommandError("--published needs YYYY-MM-DD");
        edition.published = day.date;
    } else if (!edition.published.ok()) {
        edition.published =
            std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    }
    if (!o.scenario.empty()) edition.scenario = o.scenario;
    if (!o.signatories.empty()) edition.signatories = o.signatories;
    if (edition.signatories.empty()) {
        for (const auto& a : data.agencies) edition.signatories.push_back(a.code);
    }
    const auto snapshot = analysis::edition_snapshot(data, edition);
    store->freeze_edition(snapshot, seen, command_line_actor());
    std::cout << "froze edition " << o.name << " (" << snapshot.missions.size() << " public missions, "
              << snapshot.capabilities.size() << " capabilities)\n";
    if (!o.no_artefacts) {
        for (const auto& artefact : publish_edition(*store, o.name)) {
            std::cout << "stored " << artefact.kind << " (" << artefact.content.size() << " bytes)\n";
        }
    }
}

std::string launch_text(const std::optional<model::LaunchWindow>& w) { return w ? w->to_string() : "undated"; }

void diff(const DiffOptions& o) {
    auto store = open_database(o.db);
    const auto d = analysis::diff_editions(load_edition(*store, o.from), load_edition(*store, o.to));
    if (o.format == "json") {
        std::cout << analysis::to_json(d).dump(2) << '\n';
        return;
    }
    Table table{{"change", "record", "detail"}, {}};
    for (const auto& id : d.missions_added) table.rows.push_back({"mission added", id, ""});
    for (const auto& id : d.missions_removed) table.rows.push_back({"mission removed", id, ""});
    for (const auto& c : d.missions_changed) {
        std::vector<std::string> parts;
        if (c.launch_before || c.launch_after) {
            std::string launch = "launch " + launch_text(c.launch_before) + " -> " + launch_text(c.launch_after);
            if (c.slip_days) launch += " (" + std::string(*c.slip_days >= 0 ? "slipped " : "advanced ") +
                                       std::to_string(std::abs(*c.slip_days)) + " days)";
            parts.push_back(launch);
        }
        if (c.status_before) {
            parts.push_back("status " + std::string(model::to_string(*c.status_before)) + " -> " +
                            std::string(model::to_string(*c.status_after)));
        }
        if (!c.partners_added.empty()) parts.push_back("partners added " + join(c.partners_added, " "));
        if (!c.partners_removed.empty()) parts.push_back("partners removed " + join(c.partners_removed, " "));
        if (!c.other_fields.empty()) parts.push_back("also " + join(c.other_fields, ", "));
        table.rows.push_back({"mission changed", c.mission, join(parts, "; ")});
    }
    for (const auto& id : d.objectives_added) table.rows.push_back({"objective added", id, ""});
    for (const auto& id : d.objectives_removed) table.rows.push_back({"objective removed", id, ""});
    for (const auto& c : d.objectives_changed) table.rows.push_back({"objective changed", c.objective, join(c.fields, ", ")});
    for (const auto& a : d.signatories_added) table.rows.push_back({"signatory added", a, ""});
    for (const auto& a : d.signatories_removed) table.rows.push_back({"signatory removed", a, ""});
    std::cout << "edition " << d.from << " -> " << d.to << '\n';
    print_table(std::cout, table, 120);
}

const CommandRegistrar registrar{92, [](CLI::App& app) {
    auto* command = app.add_subcommand("edition", "freeze an edition (secretariat) or compare two");
    command->require_subcommand(1);

    auto f = std::make_shared<FreezeOptions>();
    auto* freeze_cmd = command->add_subcommand("freeze", "freeze the public records as edition NAME (never changes)");
    add_db_option(*freeze_cmd, f->db);
    freeze_cmd->add_option("name", f->name, "edition name, e.g. 2026")->required();
    freeze_cmd->add_option("--title", f->title, "edition title");
    freeze_cmd->add_option("--published", f->published, "publication day YYYY-MM-DD (default today)");
    freeze_cmd->add_option("--scenario", f->scenario, "the mission scenario, prose");
    freeze_cmd->add_option("--signatory", f->signatories, "signatory agency code (repeat; default all agencies)");
    freeze_cmd->add_flag("--no-artefacts", f->no_artefacts, "do not render and store the PDF, HTML and chart");
    freeze_cmd->callback([f] { freeze(*f); });

    auto d = std::make_shared<DiffOptions>();
    auto* diff_cmd = command->add_subcommand("diff", "what changed from edition A to edition B ('current': live)");
    add_db_option(*diff_cmd, d->db);
    diff_cmd->add_option("a", d->from, "earlier edition")->required();
    diff_cmd->add_option("b", d->to, "later edition")->required();
    diff_cmd->add_option("--format", d->format, "json or table (default)")->check(CLI::IsMember({"json", "table"}));
    diff_cmd->callback([d] { diff(*d); });
}};

}  // namespace
}  // namespace ger::cli
