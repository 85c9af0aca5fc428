// `ger analyze`: coverage, gaps, overlaps, opportunities, conflicts, the critical path, the stepwise path and
// launch feasibility of the roadmap in the database (analysis/analysis.hpp, analysis/feasibility.hpp).
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/analysis.hpp"
#include "analysis/feasibility.hpp"
#include "astro/catalog.hpp"
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/enums.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string format = "table";
    int horizon = 0;
    int today = 0;
    int period_years = 5;
    std::string goal;
    bool no_feasibility = false;
    bool include_flown = false;
    std::vector<std::string> c3_limits;  // TYPE=KM2S2
    std::string catalog;
    unsigned threads = 0;
};

analysis::TargetResolver catalog_resolver(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CommandError("cannot read the catalogue " + path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string bytes = text.str();
    auto catalog = std::make_shared<astro::Catalog>(
        astro::parse_catalog(bytes, astro::detect_catalog_format(bytes)));
    return [catalog](std::string_view name) -> std::optional<astro::TransferBody> {
        for (const auto& object : catalog->objects) {
            if (astro::matches_designation(object, name)) {
                return astro::SmallBodyOrbit{object.designation, object.elements, object.epoch};
            }
        }
        return std::nullopt;
    };
}

std::string day_or_dash(const std::optional<std::chrono::sys_days>& day) {
    return day ? analysis::format_day(*day) : "-";
}

std::string fixed1(double value) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << value;
    return s.str();
}

void print_tables(const analysis::Analysis& a, const std::vector<analysis::Feasibility>* feasibility) {
    auto& out = std::cout;
    out << "Coverage by destination (" << a.coverage.counted_missions << " missions, "
        << a.coverage.undated_missions << " undated)\n";
    Table destinations{{"destination", "missions", "human", "robotic", "agencies", "objectives"}, {}};
    for (const auto& d : a.coverage.destinations) {
        destinations.rows.push_back({d.destination, std::to_string(d.missions), std::to_string(d.human),
                                     std::to_string(d.robotic), join(d.agencies, " "), join(d.objectives, " ")});
    }
    print_table(out, destinations);

    out << "\nObjective x agency (missions, lead or partner)\n";
    Table matrix{{"objective", "agency", "missions"}, {}};
    for (const auto& p : a.coverage.periods) {
        const int end = p.last_year % 100;
        matrix.headers.push_back(std::to_string(p.first_year) + "-" + (end < 10 ? "0" : "") + std::to_string(end));
    }
    for (const auto& c : a.coverage.cells) {
        std::vector<std::string> row{c.objective, c.agency, std::to_string(c.total)};
        for (const int n : c.by_period) row.push_back(n ? std::to_string(n) : ".");
        matrix.rows.push_back(std::move(row));
    }
    print_table(out, matrix);

    out << "\nGaps (horizon " << a.horizon_year << ")\n";
    Table gaps{{"kind", "record", "finding"}, {}};
    for (const auto& g : a.gaps) {
        gaps.rows.push_back({std::string(analysis::to_string(g.kind)), g.objective.empty() ? g.destination : g.objective,
                             g.message + (g.missions.empty() ? "" : ": " + join(g.missions, " "))});
    }
    print_table(out, gaps, 120);

    out << "\nOverlaps (a chance to coordinate)\n";
    Table overlaps{{"destination", "objective", "from", "to", "agencies", "missions"}, {}};
    for (const auto& o : a.overlaps) {
        overlaps.rows.push_back({o.destination, o.objective, analysis::format_day(o.from), analysis::format_day(o.to),
                                 join(o.agencies, " "), join(o.missions, " ")});
    }
    print_table(out, overlaps, 80);

    out << "\nOpportunities (a capability of another agency)\n";
    Table opportunities{{"mission", "lead", "capability", "provider", "status", "partnered"}, {}};
    for (const auto& o : a.opportunities) {
        opportunities.rows.push_back({o.mission, o.lead_agency, o.capability, o.provider,
                                      std::string(model::to_string(o.capability_status)), o.partnered ? "yes" : "no"});
    }
    print_table(out, opportunities);

    out << "\nConflicts\n";
    Table conflicts{{"kind", "mission", "other", "days", "finding"}, {}};
    for (const auto& c : a.conflicts) {
        conflicts.rows.push_back({std::string(analysis::to_string(c.kind)), c.mission, c.other, std::to_string(c.days),
                                  c.message});
    }
    print_table(out, conflicts, 120);

    if (a.critical_path) {
        out << "\nCritical path to " << a.critical_path->goal << " (" << a.critical_path->ancestors
            << " records it depends on)\n";
        Table path{{"step", "record", "kind", "start", "finish", "slack [days]"}, {}};
        int n = 1;
        for (const auto& s : a.critical_path->steps) {
            path.rows.push_back({std::to_string(n++), s.id, s.record_kind, day_or_dash(s.start), day_or_dash(s.finish),
                                 s.slack_days ? std::to_string(*s.slack_days) : "?"});
        }
        print_table(out, path);
    }

    out << "\nStepwise path\n";
    Table steps{{"step", "destinations", "first human", "launch", "ok", "finding"}, {}};
    for (const auto& s : a.stepwise_path) {
        steps.rows.push_back({std::to_string(s.step), join(s.destinations, "/"), s.first_human_mission.value_or("-"),
                              day_or_dash(s.first_human_launch), s.ok ? "yes" : "NO", s.message});
    }
    print_table(out, steps, 100);

    if (feasibility) {
        out << "\nLaunch feasibility (direct ballistic transfers)\n";
        Table table{{"mission", "target", "period", "C3 limit", "lowest C3", "verdict", "finding"}, {}};
        for (const auto& f : *feasibility) {
            table.rows.push_back({f.mission, f.target,
                                  analysis::format_day(f.period_first) + "/" + analysis::format_day(f.period_last),
                                  fixed1(f.c3_limit_km2_s2), f.min_c3_in_period ? fixed1(*f.min_c3_in_period) : "-",
                                  std::string(analysis::to_string(f.verdict)), f.message});
        }
        print_table(out, table, 120);
    }
}

void run(const Options& options) {
    auto store = open_database(options.db);
    const auto data = store->export_dataset();
    analysis::AnalysisOptions a;
    a.horizon_year = options.horizon;
    a.today_year = options.today;
    a.period_years = options.period_years;
    a.goal_mission = options.goal;
    if (!a.goal_mission.empty() && !store->mission(a.goal_mission)) {
        throw CommandError("--goal " + a.goal_mission + ": no such mission");
    }
    const auto result = analysis::analyze(data, a);

    std::optional<std::vector<analysis::Feasibility>> feasibility;
    if (!options.no_feasibility) {
        analysis::FeasibilityOptions f;
        f.include_flown = options.include_flown;
        f.threads = options.threads;
        for (const auto& entry : options.c3_limits) {
            const auto eq = entry.find('=');
            const auto type = eq == std::string::npos ? std::nullopt
                                                      : model::parse_enum<model::MissionType>(entry.substr(0, eq));
            double value = 0;
            try {
                value = std::stod(entry.substr(eq == std::string::npos ? 0 : eq + 1));
            } catch (const std::exception&) {
                throw CommandError("--c3-limit " + entry + ": expected TYPE=KM2_S2");
            }
            if (!type) {
                throw CommandError("--c3-limit " + entry + ": TYPE must be one of " +
                                   model::allowed_values<model::MissionType>());
            }
            f.c3_limits.set(*type, value);
        }
        if (!options.catalog.empty()) f.resolve_target = catalog_resolver(options.catalog);
        feasibility = analysis::check_feasibility(data, f);
    }

    if (options.format == "json") {
        auto j = analysis::to_json(result);
        j["feasibility"] = feasibility ? analysis::to_json(*feasibility) : nlohmann::json(nullptr);
        std::cout << j.dump(2) << '\n';
    } else {
        print_tables(result, feasibility ? &*feasibility : nullptr);
    }
}

const CommandRegistrar registrar{95, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("analyze", "coverage, gaps, overlaps, conflicts and launch feasibility");
    add_db_option(*command, options->db);
    command->add_option("--format", options->format, "json or table (default)")
        ->check(CLI::IsMember({"json", "table"}));
    command->add_option("--horizon", options->horizon, "gaps: objectives not addressed by this year (default today+15)");
    command->add_option("--today", options->today, "the current year for gaps (default: the clock's)");
    command->add_option("--period-years", options->period_years, "width of the coverage periods (default 5)")
        ->check(CLI::Range(1, 100));
    command->add_option("--goal", options->goal,
                        "critical path to this mission (default: the first human mission to Mars)");
    command->add_flag("--no-feasibility", options->no_feasibility, "skip the launch feasibility checks");
    command->add_flag("--include-flown", options->include_flown, "also check missions that already launched");
    command->add_option("--c3-limit", options->c3_limits, "TYPE=KM2_S2: departure energy limit for a mission type");
    command->add_option("--catalog", options->catalog,
                        "MPC or SBDB catalogue that names asteroid targets (default: the bundled data/NEA.txt)");
    command->add_option("--threads", options->threads, "porkchop threads (default: all cores)");
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
