// The shared words of the edition report (detail/report_text.hpp).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "model/enums.hpp"
#include "render/detail/report_text.hpp"

namespace ger::render::detail {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

}  // namespace

ReportText report_text(const model::Dataset& data, const analysis::Analysis& a) {
    ReportText t;
    const auto& edition = data.editions.front();
    t.published = analysis::format_day(std::chrono::sys_days{edition.published});
    t.signatories = join(edition.signatories, ", ");
    std::size_t human = 0;
    std::map<model::MissionStatus, std::size_t> by_status;
    for (const auto& m : data.missions) {
        human += m.kind == model::MissionKind::human;
        ++by_status[m.status];
    }
    t.cover_line = std::to_string(data.missions.size()) + " missions · " + std::to_string(data.agencies.size()) +
                   " agencies · " + std::to_string(data.destinations.size()) + " destinations";
    t.summary.push_back("This edition of the Global Exploration Roadmap holds " + std::to_string(data.missions.size()) +
                        " missions (" + std::to_string(human) + " human, " + std::to_string(data.missions.size() - human) +
                        " robotic) of " + std::to_string(data.agencies.size()) + " agencies to " +
                        std::to_string(data.destinations.size()) + " destinations, in support of " +
                        std::to_string(data.goals.size()) + " common goals and " +
                        std::to_string(data.objectives.size()) + " objectives. " +
                        std::to_string(edition.signatories.size()) + " agencies took part.");
    std::string statuses;
    for (const auto& [status, n] : by_status) {
        statuses += (statuses.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(model::to_string(status));
    }
    t.summary.push_back("By status: " + statuses + ".");
    t.summary.push_back("The analysis (horizon " + std::to_string(a.horizon_year) + ") finds " +
                        std::to_string(a.gaps.size()) + " gaps, " + std::to_string(a.overlaps.size()) +
                        " overlaps where agencies could coordinate, " + std::to_string(a.opportunities.size()) +
                        " opportunities to share capabilities and " + std::to_string(a.conflicts.size()) +
                        " conflicts between mission dates and the capabilities or precursors they need.");

    std::unordered_map<std::string, std::vector<const model::Objective*>> by_goal;
    for (const auto& o : data.objectives) by_goal[o.goal_id].push_back(&o);
    for (const auto& g : data.goals) {
        GoalText goal{std::to_string(g.number) + ". " + g.title, g.description, {}};
        for (const auto* o : by_goal[g.id]) goal.objectives.push_back(o->title);
        t.goals.push_back(std::move(goal));
    }

    std::unordered_map<std::string, std::size_t> dest_index;
    for (const auto& d : data.destinations) {
        dest_index.emplace(d.code, t.destinations.size());
        t.destinations.push_back({d.code, d.name, {}});
    }
    std::vector<const model::Mission*> sorted;
    for (const auto& m : data.missions) sorted.push_back(&m);
    std::stable_sort(sorted.begin(), sorted.end(), [](const model::Mission* x, const model::Mission* y) {
        if (!x->launch || !y->launch) return x->launch.has_value() && !y->launch.has_value();
        return x->launch->earliest() < y->launch->earliest();
    });
    for (const auto* m : sorted) {
        auto it = dest_index.find(m->destination);
        if (it == dest_index.end()) {
            it = dest_index.emplace(m->destination, t.destinations.size()).first;
            t.destinations.push_back({m->destination, m->destination, {}});
        }
        t.destinations[it->second].rows.push_back(
            {m->name, m->lead_agency, join(m->partners, " "), m->launch ? m->launch->to_string() : "undated",
             std::string(model::to_string(m->kind)) + " " + std::string(model::to_string(m->type)),
             std::string(model::to_string(m->status))});
    }
    for (auto& d : t.destinations) d.heading += " (" + std::to_string(d.rows.size()) + " missions)";

    std::unordered_map<std::string, std::string> objective_title;
    for (const auto& o : data.objectives) objective_title.emplace(o.id, o.title);
    for (const auto& id : a.coverage.objectives) t.matrix_objectives.push_back(objective_title[id]);
    std::unordered_map<std::string, std::size_t> objective_column;
    for (std::size_t i = 0; i < a.coverage.objectives.size(); ++i) objective_column.emplace(a.coverage.objectives[i], i);
    std::map<std::string, std::vector<int>> per_agency;
    for (const auto& c : a.coverage.cells) {
        auto& row = per_agency[c.agency];
        if (row.empty()) row.assign(a.coverage.objectives.size(), 0);
        row[objective_column[c.objective]] = c.total;
    }
    for (const auto& agency : a.coverage.agencies) {
        const auto it = per_agency.find(agency);
        if (it == per_agency.end()) continue;
        std::vector<std::string> row{agency};
        for (const int n : it->second) row.push_back(n ? std::to_string(n) : "·");
        t.matrix_rows.push_back(std::move(row));
    }

    // NOTE: a finding names at most `listed` records in print; the JSON of `ger analyze` names them all.
    constexpr std::size_t listed = 12;
    const auto some = [&](const std::vector<std::string>& ids) {
        if (ids.size() <= listed) return join(ids, ", ");
        std::vector<std::string> head(ids.begin(), ids.begin() + listed);
        return join(head, ", ") + " and " + std::to_string(ids.size() - listed) + " more";
    };
    for (const auto& g : a.gaps) {
        t.gaps.push_back(g.message + (g.missions.empty() ? "" : " (" + some(g.missions) + ")"));
    }
    for (const auto& o : a.overlaps) {
        t.overlaps.push_back({o.destination, objective_title.count(o.objective) ? objective_title[o.objective] : o.objective,
                              analysis::format_day(o.from) + " – " + analysis::format_day(o.to), some(o.agencies),
                              some(o.missions)});
    }
    for (const auto& o : a.opportunities) {
        t.opportunities.push_back({o.mission, o.lead_agency, o.capability, o.provider, o.partnered ? "yes" : "no"});
    }
    for (const auto& c : a.conflicts) t.conflicts.push_back(c.message);
    for (const auto& s : a.stepwise_path) {
        t.stepwise.push_back("Step " + std::to_string(s.step) + " (" + join(s.destinations, "/") + "): " +
                             (s.ok ? "" : "not met: ") + s.message);
    }
    if (a.critical_path) {
        t.critical_path_heading = "Critical path to " + a.critical_path->goal;
        int n = 1;
        for (const auto& s : a.critical_path->steps) {
            t.critical_path.push_back({std::to_string(n++), s.id, s.record_kind,
                                       s.start ? analysis::format_day(*s.start) : "-",
                                       s.finish ? analysis::format_day(*s.finish) : "-",
                                       s.slack_days ? std::to_string(*s.slack_days) : "?"});
        }
    }
    for (const auto& agency : data.agencies) {
        const bool signed_it = std::find(edition.signatories.begin(), edition.signatories.end(), agency.code) !=
                               edition.signatories.end();
        t.agencies.push_back({agency.code, agency.name, agency.country, signed_it ? "yes" : "no"});
    }
    return t;
}

}  // namespace ger::render::detail
