// The JSON form of an Analysis: the output of `ger analyze --format json` and of the portal's API.
#include <cstdio>

#include "analysis/analysis.hpp"
#include "model/enums.hpp"

namespace ger::analysis {
namespace {

using nlohmann::json;

json day_or_null(const std::optional<std::chrono::sys_days>& day) {
    return day ? json(format_day(*day)) : json(nullptr);
}

json to_json(const Period& p) { return {{"first_year", p.first_year}, {"last_year", p.last_year}}; }

}  // namespace

std::string format_day(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

std::string_view to_string(GapKind kind) {
    switch (kind) {
        case GapKind::objective_unaddressed: return "objective-unaddressed";
        case GapKind::no_precursor: return "no-precursor";
        case GapKind::destination_idle: return "destination-idle";
    }
    return "?";
}

std::string_view to_string(ConflictKind kind) {
    switch (kind) {
        case ConflictKind::before_readiness: return "before-readiness";
        case ConflictKind::capability_cancelled: return "capability-cancelled";
        case ConflictKind::before_precursor: return "before-precursor";
    }
    return "?";
}

json to_json(const Analysis& a) {
    json coverage;
    coverage["periods"] = json::array();
    for (const auto& p : a.coverage.periods) coverage["periods"].push_back(to_json(p));
    coverage["objectives"] = a.coverage.objectives;
    coverage["agencies"] = a.coverage.agencies;
    coverage["counted_missions"] = a.coverage.counted_missions;
    coverage["undated_missions"] = a.coverage.undated_missions;
    coverage["matrix"] = json::array();
    for (const auto& c : a.coverage.cells) {
        coverage["matrix"].push_back({{"objective", c.objective}, {"agency", c.agency}, {"total", c.total},
                                      {"by_period", c.by_period}, {"missions", c.missions}});
    }
    coverage["by_period"] = json::array();
    for (const auto& c : a.coverage.period_cells) {
        coverage["by_period"].push_back({{"objective", c.objective}, {"period", to_json(a.coverage.periods.at(c.period))},
                                         {"missions", c.missions}});
    }
    coverage["by_destination"] = json::array();
    for (const auto& d : a.coverage.destinations) {
        coverage["by_destination"].push_back({{"destination", d.destination}, {"missions", d.missions},
                                              {"human", d.human}, {"robotic", d.robotic},
                                              {"by_period", d.by_period}, {"agencies", d.agencies},
                                              {"objectives", d.objectives}});
    }

    json gaps = json::array();
    for (const auto& g : a.gaps) {
        json j{{"kind", to_string(g.kind)}, {"message", g.message}, {"missions", g.missions}};
        if (!g.objective.empty()) j["objective"] = g.objective;
        if (!g.destination.empty()) j["destination"] = g.destination;
        if (g.period) j["period"] = to_json(*g.period);
        gaps.push_back(std::move(j));
    }
    json overlaps = json::array();
    for (const auto& o : a.overlaps) {
        overlaps.push_back({{"destination", o.destination}, {"objective", o.objective}, {"from", format_day(o.from)},
                            {"to", format_day(o.to)}, {"missions", o.missions}, {"agencies", o.agencies}});
    }
    json opportunities = json::array();
    for (const auto& o : a.opportunities) {
        opportunities.push_back({{"mission", o.mission}, {"lead_agency", o.lead_agency}, {"capability", o.capability},
                                 {"provider", o.provider}, {"capability_status", model::to_string(o.capability_status)},
                                 {"partnered", o.partnered}});
    }
    json conflicts = json::array();
    for (const auto& c : a.conflicts) {
        conflicts.push_back({{"kind", to_string(c.kind)}, {"mission", c.mission}, {"other", c.other},
                             {"mission_date", day_or_null(c.mission_date)}, {"other_date", day_or_null(c.other_date)},
                             {"days", c.days}, {"message", c.message}});
    }
    json critical = nullptr;
    if (a.critical_path) {
        critical = {{"goal", a.critical_path->goal}, {"ancestors", a.critical_path->ancestors},
                    {"undated", a.critical_path->undated}, {"steps", json::array()}};
        for (const auto& s : a.critical_path->steps) {
            critical["steps"].push_back({{"id", s.id}, {"record_kind", s.record_kind}, {"start", day_or_null(s.start)},
                                         {"finish", day_or_null(s.finish)},
                                         {"slack_days", s.slack_days ? json(*s.slack_days) : json(nullptr)}});
        }
    }
    json stepwise = json::array();
    for (const auto& s : a.stepwise_path) {
        stepwise.push_back({{"step", s.step}, {"destinations", s.destinations},
                            {"first_human_mission", s.first_human_mission ? json(*s.first_human_mission) : json(nullptr)},
                            {"first_human_launch", day_or_null(s.first_human_launch)},
                            {"first_robotic_mission",
                             s.first_robotic_mission ? json(*s.first_robotic_mission) : json(nullptr)},
                            {"ok", s.ok}, {"message", s.message}});
    }
    return {{"today_year", a.today_year}, {"horizon_year", a.horizon_year}, {"coverage", std::move(coverage)},
            {"gaps", std::move(gaps)}, {"overlaps", std::move(overlaps)}, {"opportunities", std::move(opportunities)},
            {"conflicts", std::move(conflicts)}, {"critical_path", std::move(critical)},
            {"stepwise_path", std::move(stepwise)}};
}

}  // namespace ger::analysis
