// /workspace/analysis: the roadmap analysis (coverage, gaps, overlaps, opportunities, conflicts, critical path,
// stepwise path, launch feasibility) of exactly what the signed-in user may read. The access rules are applied to
// the records BEFORE the analysis runs, so no count, finding or date can reveal a record the caller may not see.
// Results are cached per data snapshot and per view (an agency's planners share one view; the secretariat has
// its own); feasibility results are also cached per mission across snapshots (analysis::FeasibilityCache).
// The pictures (coverage heatmaps, dependency graph) are drawn from the same view and cached with it; they are
// inlined, not <img>, so that the graph's boxes are links, and they carry no inline style (the page's CSP).
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "analysis/analysis.hpp"
#include "analysis/feasibility.hpp"
#include "render/coverage_svg.hpp"
#include "render/dependency_svg.hpp"
#include "server/detail/pages.hpp"
#include "server/http/url.hpp"
#include "server/views.hpp"

namespace ger::server::detail {

struct AnalysisView {
    model::Dataset data;  // what the view holds
    analysis::Analysis result;
    std::vector<analysis::Feasibility> feasibility;
    std::string coverage_by_agency_svg;
    std::string coverage_by_period_svg;
    std::string dependency_svg;
};

namespace {

using html::Html;

std::string view_key(const Caller& caller) { return caller.secretariat() ? std::string("*") : "agency:" + caller.agency; }

std::shared_ptr<const AnalysisView> view_for(Context& ctx) {
    const auto key = view_key(ctx.caller);
    if (auto hit = ctx.data().analysis_view(key)) return hit;
    auto view = std::make_shared<AnalysisView>();
    // The records the caller may read, with references to the others dropped (views.hpp): a hidden precursor or
    // capability must not show up through a visible mission.
    view->data = view_of(ctx.caller, ctx.data().dataset());
    view->result = analysis::analyze(view->data);
    view->coverage_by_agency_svg = render::coverage_svg(view->result.coverage, view->data,
                                                        {render::CoverageColumns::agency, "heatmap-agency", ""});
    view->coverage_by_period_svg = render::coverage_svg(view->result.coverage, view->data,
                                                        {render::CoverageColumns::period, "heatmap-period", ""});
    view->dependency_svg = render::dependency_svg(view->data, view->result.critical_path, {"dependency-graph", "", 300});
    {
        std::lock_guard lock(ctx.app.feasibility_mutex);
        view->feasibility = analysis::check_feasibility(view->data, {}, ctx.app.feasibility_cache.get());
    }
    ctx.data().remember_analysis_view(key, view);
    return view;
}

class Names {
public:
    explicit Names(const model::Dataset& d) {
        for (const auto& m : d.missions) m_missions[m.id] = m.name;
        for (const auto& c : d.capabilities) m_capabilities[c.id] = c.name;
        for (const auto& o : d.objectives) m_objectives[o.id] = &o;
    }
    Html mission(const std::string& id) const {
        Html h;
        auto it = m_missions.find(id);
        return h("<a href=\"/missions/{}\">{}</a>", http::encode_component(id), it == m_missions.end() ? id : it->second);
    }
    Html missions(const std::vector<std::string>& ids) const {
        Html h;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i > 0) h(", ");
            h.add(mission(ids[i]));
        }
        return h;
    }
    // A link to the capability's page; the view holds only capabilities the caller may read.
    Html capability(const std::string& id) const {
        Html h;
        auto it = m_capabilities.find(id);
        if (it == m_capabilities.end()) return h("{}", id);
        return h("<a href=\"/capabilities/{}\">{}</a>", http::encode_component(id), it->second);
    }
    // A link to the objective on its goal's page.
    Html objective(const std::string& id) const {
        Html h;
        auto it = m_objectives.find(id);
        if (it == m_objectives.end()) return h("{}", id);
        return h("<a href=\"/goals/{}#{}\">{}</a>", http::encode_component(it->second->goal_id),
                 http::encode_component(id), it->second->title);
    }
    bool is_mission(const std::string& id) const { return m_missions.count(id) > 0; }
    static Html agency(const std::string& code) {
        Html h;
        return h("<a href=\"/agencies/{}\">{}</a>", http::encode_component(code), code);
    }
    static Html agencies(const std::vector<std::string>& codes) {
        Html h;
        if (codes.empty()) return h("none");
        for (std::size_t i = 0; i < codes.size(); ++i) {
            if (i > 0) h(", ");
            h.add(agency(codes[i]));
        }
        return h;
    }
    // The public roadmap filtered to the destination (there is no destination page).
    static Html destination(const std::string& code) {
        Html h;
        return h("<a href=\"/roadmap?destination={}\">{}</a>", http::encode_component(code), code);
    }

private:
    std::unordered_map<std::string, std::string> m_missions;
    std::unordered_map<std::string, std::string> m_capabilities;
    std::unordered_map<std::string, const model::Objective*> m_objectives;
};

std::string period_text(const analysis::Period& p) {
    return std::to_string(p.first_year) + "–" + std::to_string(p.last_year);
}

std::string c3_text(double c3) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", c3);
    return text;
}

Html coverage_section(const AnalysisView& v, const Names& names) {
    const auto& c = v.result.coverage;
    Html h;
    h("<h2 id=\"coverage\">Coverage</h2><p>Missions (lead or partner, cancelled ones excluded) per objective and "
      "agency; open a number to see the missions. {} missions counted, {} of them undated.</p>",
      c.counted_missions, c.undated_missions);
    h("<figure class=\"picture\">{}<figcaption>Each cell's count is written in it; hover a cell for its missions. "
      "The table below holds the same numbers, with links.</figcaption></figure>",
      Html::from_escaped(v.coverage_by_agency_svg));
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Coverage by objective and agency\">"
      "<table class=\"matrix\"><thead><tr><th scope=\"col\">Objective</th>");
    for (const auto& a : c.agencies) h("<th scope=\"col\">{}</th>", Names::agency(a));
    h("</tr></thead><tbody>");
    for (const auto& objective : c.objectives) {
        h("<tr><th scope=\"row\">{}</th>", names.objective(objective));
        for (const auto& agency : c.agencies) {
            const auto cell = std::find_if(c.cells.begin(), c.cells.end(), [&](const analysis::CoverageCell& x) {
                return x.objective == objective && x.agency == agency;
            });
            if (cell == c.cells.end()) {
                h("<td class=\"empty\">·</td>");
            } else {
                h("<td><details><summary>{}</summary>{}</details></td>", cell->total, names.missions(cell->missions));
            }
        }
        h("</tr>");
    }
    h("</tbody></table></div><h3 id=\"coverage-by-period\">By period</h3><p>Missions per objective and period of "
      "first launch; a mission with several agencies counts once. {} undated missions are in no period.</p>"
      "<figure class=\"picture\">{}</figure>",
      c.undated_missions, Html::from_escaped(v.coverage_by_period_svg));
    h("<h3>By destination</h3><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
      "aria-label=\"Coverage by destination\"><table><thead><tr>"
      "<th scope=\"col\">Destination</th><th scope=\"col\">Missions</th><th scope=\"col\">Human</th>"
      "<th scope=\"col\">Robotic</th>");
    for (const auto& p : c.periods) h("<th scope=\"col\">{}</th>", period_text(p));
    h("<th scope=\"col\">Agencies</th></tr></thead><tbody>");
    for (const auto& d : c.destinations) {
        h("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td>", Names::destination(d.destination),
          d.missions, d.human, d.robotic);
        for (int n : d.by_period) h("<td>{}</td>", n);
        h("<td>{}</td></tr>", Names::agencies(d.agencies));
    }
    return h("</tbody></table></div>");
}

Html findings_section(const AnalysisView& v, const Names& names) {
    const auto& r = v.result;
    Html h;
    h("<h2 id=\"gaps\">Gaps <small>({})</small></h2>", r.gaps.size());
    if (r.gaps.empty()) h("<p>None.</p>");
    h("<ul class=\"findings\">");
    for (const auto& g : r.gaps) {
        h("<li><span class=\"badge\">{}</span> {}", analysis::to_string(g.kind), g.message);
        if (!g.objective.empty()) h(" — {}", names.objective(g.objective));
        if (!g.destination.empty()) h(" — {}", Names::destination(g.destination));
        if (!g.missions.empty()) h(" — {}", names.missions(g.missions));
        h("</li>");
    }
    h("</ul><h2 id=\"overlaps\">Overlaps <small>({})</small></h2><p>Missions of different agencies at one destination, "
      "for one objective, active at the same time: a chance to coordinate.</p>",
      r.overlaps.size());
    if (r.overlaps.empty()) h("<p>None.</p>");
    h("<ul class=\"findings\">");
    for (const auto& o : r.overlaps) {
        h("<li>{}, {}: {} to {} ({}) — {}</li>", Names::destination(o.destination), names.objective(o.objective),
          analysis::format_day(o.from), analysis::format_day(o.to), Names::agencies(o.agencies),
          names.missions(o.missions));
    }
    h("</ul><h2 id=\"opportunities\">Opportunities <small>({})</small></h2><p>A mission that requires a capability "
      "another agency provides or plans.</p>",
      r.opportunities.size());
    if (r.opportunities.empty()) h("<p>None.</p>");
    h("<ul class=\"findings\">");
    for (const auto& o : r.opportunities) {
        h("<li>{} ({}) requires {}, which {} has ({}){}</li>", names.mission(o.mission), Names::agency(o.lead_agency),
          names.capability(o.capability), Names::agency(o.provider), model::to_string(o.capability_status),
          o.partnered ? std::string("; already a partner") : std::string());
    }
    h("</ul><h2 id=\"conflicts\">Conflicts <small>({})</small></h2>", r.conflicts.size());
    if (r.conflicts.empty()) h("<p>None.</p>");
    h("<ul class=\"findings\">");
    for (const auto& c : r.conflicts) {
        h("<li><span class=\"badge\">{}</span> {}: {} — ", analysis::to_string(c.kind), names.mission(c.mission),
          c.message);
        if (names.is_mission(c.other)) {
            h.add(names.mission(c.other));
        } else {
            h("{}", names.capability(c.other));
        }
        h("</li>");
    }
    h("</ul>");
    if (r.critical_path) {
        const auto& p = *r.critical_path;
        h("<h2 id=\"critical-path\">Critical path to {}</h2><p>Missions that build on others, left to right; the "
          "critical path to the goal is drawn thick in vermillion. Each box opens its record.</p>"
          "<figure class=\"picture\">{}</figure><ol>",
          names.mission(p.goal), Html::from_escaped(v.dependency_svg));
        for (const auto& s : p.steps) {
            h("<li>");
            if (s.record_kind == "mission") {
                h.add(names.mission(s.id));
            } else {
                h("{}", names.capability(s.id));
            }
            h(" ({}; slack {})</li>", s.start ? analysis::format_day(*s.start) : std::string("undated"),
              s.slack_days ? std::to_string(*s.slack_days) + " days" : std::string("unknown"));
        }
        h("</ol>");
    } else {
        h("<h2 id=\"dependencies\">Dependencies</h2><p>No goal mission, so no critical path.</p>"
          "<figure class=\"picture\">{}</figure>",
          Html::from_escaped(v.dependency_svg));
    }
    h("<h2 id=\"stepwise\">Stepwise path</h2><ol>");
    for (const auto& s : r.stepwise_path) {
        h("<li>");
        for (std::size_t i = 0; i < s.destinations.size(); ++i) {
            if (i > 0) h(", ");
            h.add(Names::destination(s.destinations[i]));
        }
        h(": {}{}", s.ok ? std::string("holds. ") : std::string("broken. "), s.message);
        if (s.first_robotic_mission) h(" — first robotic: {}", names.mission(*s.first_robotic_mission));
        if (s.first_human_mission) h(" — first human: {}", names.mission(*s.first_human_mission));
        h("</li>");
    }
    return h("</ol>");
}

Html opportunity_text(const std::optional<analysis::LaunchOpportunity>& o) {
    Html h;
    if (!o) return h("—");
    return h("{} to {} (best {}, C3 {})", analysis::format_day(o->first_departure),
             analysis::format_day(o->last_departure), analysis::format_day(o->best_departure),
             c3_text(o->best_c3_km2_s2));
}

Html feasibility_section(const AnalysisView& v, const Names& names) {
    Html h;
    h("<h2 id=\"feasibility\">Launch feasibility <small>({} missions)</small></h2><p>Is there a direct ballistic "
      "launch opportunity in each mission's planned period within its type's departure energy limit (C3, "
      "km²/s²)? If not, the nearest windows before and after.</p>",
      v.feasibility.size());
    if (v.feasibility.empty()) return h("<p>No dated mission to the Moon, Mars or a named asteroid.</p>");
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Launch feasibility\"><table><thead><tr>"
      "<th scope=\"col\">Mission</th><th scope=\"col\">Target</th>"
      "<th scope=\"col\">Period</th><th scope=\"col\">Verdict</th><th scope=\"col\">Lowest C3 / limit</th>"
      "<th scope=\"col\">Nearest window before</th><th scope=\"col\">Nearest window after</th></tr></thead><tbody>");
    for (const auto& f : v.feasibility) {
        h("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{} to {}</td><td><span class=\"badge verdict-{}\">{}</span>"
          "</td><td>{} / {}</td><td>{}</td><td>{}</td></tr>",
          analysis::to_string(f.verdict), names.mission(f.mission), f.target, analysis::format_day(f.period_first),
          analysis::format_day(f.period_last), analysis::to_string(f.verdict), analysis::to_string(f.verdict),
          f.min_c3_in_period ? c3_text(*f.min_c3_in_period) : std::string("—"), c3_text(f.c3_limit_km2_s2),
          opportunity_text(f.before), opportunity_text(f.after));
    }
    return h("</tbody></table></div>");
}

void analysis_page(Context& ctx) {
    require_session(ctx);
    const auto view = view_for(ctx);
    const Names names(view->data);
    Html h;
    h("<h1>Analysis</h1><p class=\"lead\">The roadmap as {} sees it: {} missions and {} capabilities (public ones "
      "and those shared with you). Findings as of {}, horizon {}.</p>"
      "<nav aria-label=\"Sections\"><ul class=\"inline\"><li><a href=\"#coverage\">Coverage</a></li>"
      "<li><a href=\"#gaps\">Gaps</a></li><li><a href=\"#overlaps\">Overlaps</a></li>"
      "<li><a href=\"#opportunities\">Opportunities</a></li><li><a href=\"#conflicts\">Conflicts</a></li>"
      "<li><a href=\"#{}\">{}</a></li><li><a href=\"#stepwise\">Stepwise path</a></li>"
      "<li><a href=\"#feasibility\">Feasibility</a></li></ul></nav>",
      ctx.caller.agency.empty() ? std::string("the secretariat") : ctx.caller.agency, view->data.missions.size(),
      view->data.capabilities.size(), view->result.today_year, view->result.horizon_year,
      view->result.critical_path ? std::string("critical-path") : std::string("dependencies"),
      view->result.critical_path ? std::string("Critical path") : std::string("Dependencies"));
    h.add(coverage_section(*view, names));
    h.add(findings_section(*view, names));
    h.add(feasibility_section(*view, names));
    send_page(ctx, 200, "Analysis", h, std::nullopt);
}

}  // namespace

void add_analysis_routes(App& app) { app.add(page("GET", "/workspace/analysis", "Analysis", analysis_page)); }

}  // namespace ger::server::detail
