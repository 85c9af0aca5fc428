// `ger summary`: the roadmap at a glance for the terminal: missions per destination and lead agency, the next
// launches, and how many missions stand at each status.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"

namespace ger::cli {
namespace {

// NOTE: ten lines keep the whole summary on one screen.
constexpr std::size_t next_launches_shown = 10;

struct Options {
    std::string db;
};

bool still_to_fly(const model::Mission& m) {
    using S = model::MissionStatus;
    return m.status == S::proposed || m.status == S::planned;
}

void run(const Options& options) {
    auto store = open_database(options.db);
    const auto data = store->export_dataset();
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    auto& out = std::cout;

    out << "Global Exploration Roadmap: " << options.db << " (schema version " << store->schema_version() << ")\n"
        << data.agencies.size() << " agencies, " << data.goals.size() << " goals, " << data.objectives.size()
        << " objectives, " << data.missions.size() << " missions, " << data.capabilities.size()
        << " capabilities, " << data.editions.size() << " editions\n\n";

    // Destinations along the stepwise path outward; agencies that lead at least one mission, in data set order.
    auto destinations = data.destinations;
    std::stable_sort(destinations.begin(), destinations.end(), [](auto& a, auto& b) { return a.order < b.order; });
    std::map<std::pair<std::string, std::string>, int> count;
    std::map<std::string, int> per_agency;
    for (const auto& m : data.missions) {
        ++count[{m.destination, m.lead_agency}];
        ++per_agency[m.lead_agency];
    }
    Table matrix{{"destination"}, {}};
    std::vector<std::string> leads;
    for (const auto& a : data.agencies) {
        if (per_agency.count(a.code)) {
            leads.push_back(a.code);
            matrix.headers.push_back(a.code);
        }
    }
    matrix.headers.push_back("total");
    for (const auto& d : destinations) {
        std::vector<std::string> row{d.code};
        int total = 0;
        for (const auto& code : leads) {
            const auto it = count.find({d.code, code});
            const int n = it == count.end() ? 0 : it->second;
            total += n;
            row.push_back(n ? std::to_string(n) : ".");
        }
        row.push_back(std::to_string(total));
        matrix.rows.push_back(std::move(row));
    }
    std::vector<std::string> totals{"total"};
    for (const auto& code : leads) totals.push_back(std::to_string(per_agency[code]));
    totals.push_back(std::to_string(data.missions.size()));
    matrix.rows.push_back(std::move(totals));
    out << "Missions by destination and lead agency\n";
    print_table(out, matrix);

    std::vector<const model::Mission*> upcoming;
    for (const auto& m : data.missions) {
        if (m.launch && still_to_fly(m) && m.launch->latest() >= today) upcoming.push_back(&m);
    }
    std::stable_sort(upcoming.begin(), upcoming.end(),
                     [](auto* a, auto* b) { return a->launch->earliest() < b->launch->earliest(); });
    out << "\nNext launches after " << model::PlannedDate{std::chrono::year_month_day{today}}.to_string() << "\n";
    Table next{{"launch", "mission", "lead", "destination", "commitment"}, {}};
    for (std::size_t i = 0; i < upcoming.size() && i < next_launches_shown; ++i) {
        const auto& m = *upcoming[i];
        next.rows.push_back({m.launch->to_string(), m.name, m.lead_agency, m.destination,
                             std::string(model::to_string(m.commitment))});
    }
    if (next.rows.empty()) {
        out << "(none dated)\n";
    } else {
        print_table(out, next);
        if (upcoming.size() > next_launches_shown) {
            out << "... and " << upcoming.size() - next_launches_shown << " more (`ger missions`)\n";
        }
    }

    out << "\nMissions by status\n";
    Table statuses{{"status", "missions"}, {}};
    for (auto name : model::EnumNames<model::MissionStatus>::values) {
        const auto n = std::count_if(data.missions.begin(), data.missions.end(),
                                     [&](const auto& m) { return model::to_string(m.status) == name; });
        statuses.rows.push_back({std::string(name), std::to_string(n)});
    }
    print_table(out, statuses);
}

const CommandRegistrar registrar{40, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("summary", "the roadmap at a glance");
    add_db_option(*command, options->db);
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
