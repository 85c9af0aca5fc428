// The public page of each record: a mission (with its launch feasibility and porkchop), a common goal with its
// objectives, a capability. Every record a page names is a link to its own page, and only records the caller
// may read are named (views.hpp): a mission's dependants are the readable missions that list it as a
// precursor; a goal's and a capability's missions are the readable ones that address or use it.
#include <spdlog/fmt/fmt.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

#include "analysis/analysis.hpp"
#include "analysis/feasibility.hpp"
#include "server/detail/feasibility_worker.hpp"
#include "server/detail/pages.hpp"
#include "server/html.hpp"
#include "server/http/url.hpp"
#include "server/views.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using http::encode_component;

const model::Objective* find_objective(const model::Dataset& d, std::string_view id) {
    const auto it = std::find_if(d.objectives.begin(), d.objectives.end(), [&](const auto& o) { return o.id == id; });
    return it == d.objectives.end() ? nullptr : &*it;
}

const model::Goal* find_goal(const model::Dataset& d, std::string_view id) {
    const auto it = std::find_if(d.goals.begin(), d.goals.end(), [&](const auto& g) { return g.id == id; });
    return it == d.goals.end() ? nullptr : &*it;
}

// "<a>name</a>, <a>name</a>" for missions, "none" when empty.
Html mission_links(const std::vector<const model::Mission*>& missions) {
    Html h;
    for (const auto* m : missions) {
        if (!h.empty()) h(", ");
        h("<a href=\"/missions/{}\">{}</a>", encode_component(m->id), m->name);
    }
    return h.empty() ? h("none") : h;
}

Html capability_links(const Snapshot& s, const std::vector<std::string>& ids) {
    Html h;
    for (const auto& id : ids) {
        const auto* c = s.capability(id);
        if (!c) continue;
        if (!h.empty()) h(", ");
        h("<a href=\"/capabilities/{}\">{}</a>", encode_component(c->id), c->name);
    }
    return h.empty() ? h("none") : h;
}

// The missions among `ids` (in that order) that the caller may read: a view already dropped the others, this
// resolves names.
std::vector<const model::Mission*> missions_of(const Snapshot& s, const std::vector<std::string>& ids) {
    std::vector<const model::Mission*> out;
    for (const auto& id : ids) {
        if (const auto* m = s.mission(id)) out.push_back(m);
    }
    return out;
}

// Free text with each http(s) URL in it made a link; trailing punctuation stays text.
Html linked_text(std::string_view text) {
    Html h;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto http = text.find("http://", at);
        const auto https = text.find("https://", at);
        const auto start = std::min(http, https);
        if (start == std::string_view::npos) break;
        auto end = text.find_first_of(" \t\r\n<>\"", start);
        if (end == std::string_view::npos) end = text.size();
        while (end > start && std::string_view(".,;:)]'").find(text[end - 1]) != std::string_view::npos) --end;
        const auto url = text.substr(start, end - start);
        h("{}", std::string(text.substr(at, start - at)));
        if (url == "http://" || url == "https://") {
            h("{}", std::string(url));
        } else {
            h("<a href=\"{}\" rel=\"nofollow noopener noreferrer\">{}</a>", std::string(url), std::string(url));
        }
        at = end;
    }
    h("{}", std::string(text.substr(at)));
    return h;
}

std::string km2_s2(double v) { return fmt::format("{:.2f} km²/s²", v); }
std::string km_s(double v) { return fmt::format("{:.2f} km/s", v); }

Html opportunity_text(const analysis::LaunchOpportunity& o) {
    Html h;
    h("launch {} (window {} to {}), arrival {}, Type {}, C3 {}", analysis::format_day(o.best_departure),
      analysis::format_day(o.first_departure), analysis::format_day(o.last_departure),
      analysis::format_day(o.best_arrival), o.transfer_type, km2_s2(o.best_c3_km2_s2));
    if (o.best_vinf_arr_km_s) h(", arrival v∞ {}", km_s(*o.best_vinf_arr_km_s));
    return h;
}

Html method_text(const FeasibilityWorker& worker, const analysis::Feasibility& f) {
    const auto& o = worker.options();
    const bool moon = f.target == "Moon";
    Html h;
    h("<details><summary>How this was computed</summary><p>");
    if (moon) {
        h("A translunar injection from a {} km circular parking orbit to the Moon's mean distance (384,400 km) is "
          "available every month; its C3 is compared with the limit for a mission of this type.",
          fmt::format("{:.0f}", o.parking_alt_km));
    } else {
        h("Direct ballistic transfers from the Earth (0-revolution Lambert arcs, Types I and II, every arc "
          "prograde) from a {} km circular parking orbit. The Earth and Mars come from ERFA's analytic series "
          "(eraEpv00, eraPlan94), asteroids from two-body orbits in the bundled Minor Planet Center catalogue. A "
          "porkchop of departures every {} days and flights of {} to {} days every {} days over the launch period "
          "± {} years finds the launch windows (departure days whose lowest C3 is within the limit); inside the "
          "period the minimum is refined below the grid step (Nelder-Mead).",
          fmt::format("{:.0f}", o.parking_alt_km), fmt::format("{:g}", o.depart_step_days),
          fmt::format("{:g}", f.target == "Mars" ? o.mars_tof_min_days : o.nea_tof_min_days),
          fmt::format("{:g}", f.target == "Mars" ? o.mars_tof_max_days : o.nea_tof_max_days),
          fmt::format("{:g}", o.tof_step_days), o.search_years);
    }
    h(" The C3 limit, {} for a mission of type {}, is a planning value, not a fact about this mission: heavier "
      "payloads leave with less energy. Gravity assists, deep-space manoeuvres and multi-revolution transfers are "
      "not modelled, so \"infeasible\" means \"no direct ballistic transfer\".</p></details>",
      km2_s2(f.c3_limit_km2_s2), model::to_string(f.type));
    return h;
}

// The launch feasibility section; `pending` is set when the result is still being computed.
Html feasibility_section(Context& ctx, const model::Mission& m, bool& pending) {
    Html h;
    const auto& worker = *ctx.app.feasibility;
    if (!worker.qualifies(m)) return h;
    h("<section aria-labelledby=\"feasibility\"><h2 id=\"feasibility\">Launch feasibility</h2>");
    const auto result = worker.result(m);
    if (!result && !worker.started()) return h("<p>Not computed on this server.</p></section>");
    if (!result) {
        pending = true;
        return h("<p role=\"status\">Being computed from the mission's launch period; this page shows it within "
                 "seconds (reload).</p></section>");
    }
    const auto& f = result->feasibility;
    h("<p><span class=\"badge verdict-{}\">{}</span> {}</p><dl class=\"facts\"><dt>Target</dt><dd>{}</dd>"
      "<dt>Launch period</dt><dd>{} to {}</dd><dt>C3 limit</dt><dd>{} (type {})</dd>",
      analysis::to_string(f.verdict), analysis::to_string(f.verdict), f.message, f.target,
      analysis::format_day(f.period_first), analysis::format_day(f.period_last), km2_s2(f.c3_limit_km2_s2),
      model::to_string(f.type));
    if (f.min_c3_in_period) h("<dt>Lowest C3 in the period</dt><dd>{}</dd>", km2_s2(*f.min_c3_in_period));
    if (f.in_period) h("<dt>Best launch</dt><dd>{}</dd>", opportunity_text(*f.in_period));
    if (f.before) h("<dt>Nearest window before</dt><dd>{}</dd>", opportunity_text(*f.before));
    if (f.after) h("<dt>Nearest window after</dt><dd>{}</dd>", opportunity_text(*f.after));
    h("<dt>Computed</dt><dd>{} ({} s)</dd></dl>", when_text(result->computed_at),
      fmt::format("{:.2f}", result->seconds));
    if (!result->porkchop_svg.empty()) {
        h("<figure class=\"chart\"><img src=\"/missions/{}/porkchop.svg\" alt=\"Porkchop plot of Earth to {} "
          "departures around the window {}: departure C3 and arrival v-infinity contours over departure date and "
          "time of flight; the facts above give its minimum.\"><figcaption>Porkchop of the window {} (departure C3 "
          "solid, arrival v∞ dashed). <a href=\"/missions/{}/porkchop.svg\">Open the picture</a>."
          "</figcaption></figure>",
          encode_component(m.id), f.target, result->porkchop_window, result->porkchop_window, encode_component(m.id));
    }
    h.add(method_text(worker, f));
    return h("</section>");
}

void mission_page(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto* stored = ctx.data().mission(id);
    if (!stored || !can_read(ctx.caller, *stored)) throw not_found("mission", id);
    const auto view = view_of(ctx.caller, *stored, ctx.data());
    const auto& m = view;
    const auto& d = ctx.data().dataset();
    Html objectives;
    for (const auto& oid : m.objectives) {
        const auto* o = find_objective(d, oid);
        const auto* g = o ? find_goal(d, o->goal_id) : nullptr;
        if (!o) continue;
        objectives("<li><a href=\"/goals/{}#{}\">{}</a>", encode_component(o->goal_id), encode_component(o->id),
                   o->title);
        if (g) objectives(" <small>(goal {}: {})</small>", g->number, g->title);
        objectives("</li>");
    }
    std::vector<const model::Mission*> dependants;
    for (const auto& other : d.missions) {
        if (std::find(other.precursors.begin(), other.precursors.end(), m.id) != other.precursors.end() &&
            can_read(ctx.caller, other)) {
            dependants.push_back(&other);
        }
    }
    const auto* lead = ctx.data().agency(m.lead_agency);
    Html partners;
    for (const auto& p : m.partners) {
        if (!partners.empty()) partners(", ");
        partners("<a href=\"/agencies/{}\">{}</a>", encode_component(p), p);
    }
    Html h;
    h("<h1>{}</h1><p>{}</p><dl class=\"facts\"><dt>Lead agency</dt><dd><a href=\"/agencies/{}\">{}</a></dd>"
      "<dt>Partners</dt><dd>{}</dd><dt>Destination</dt><dd>{}</dd><dt>Target</dt><dd>{}</dd><dt>Kind</dt>"
      "<dd>{} {}</dd><dt>Launch</dt><dd>{}</dd><dt>Duration</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd>"
      "<dt>Commitment</dt><dd>{}</dd><dt>Visible to</dt><dd>{}</dd><dt>Builds on</dt><dd>{}</dd>"
      "<dt>Missions building on it</dt><dd>{}</dd><dt>Capabilities required</dt><dd>{}</dd>"
      "<dt>Capabilities provided</dt><dd>{}</dd><dt>Version</dt><dd>{}</dd></dl>",
      m.name, m.description, encode_component(m.lead_agency), lead ? lead->name : m.lead_agency,
      partners.empty() ? Html()("none") : partners, m.destination, m.target_body.value_or("—"),
      model::to_string(m.kind), model::to_string(m.type),
      m.launch ? m.launch->to_string() : std::string("not dated"),
      m.duration_days ? fmt::format("{:g} days", *m.duration_days) : std::string("not given"),
      model::to_string(m.status), model::to_string(m.commitment), visibility_badge(m.visibility),
      mission_links(missions_of(ctx.data(), m.precursors)), mission_links(dependants),
      capability_links(ctx.data(), m.capabilities_required), capability_links(ctx.data(), m.capabilities_provided),
      m.meta.version);
    h("<h2>Objectives</h2>");
    if (objectives.empty()) {
        h("<p>None named.</p>");
    } else {
        h("<ul>{}</ul>", objectives);
    }
    bool pending = false;
    h.add(feasibility_section(ctx, m, pending));
    h("<h2>Sources</h2><p class=\"source\">{}</p>", m.source.empty() ? Html()("none given") : linked_text(m.source));
    if (can_write(ctx.caller, m)) {
        h("<p><a class=\"button\" href=\"/workspace/missions/{}\">Edit</a></p>", encode_component(m.id));
    }
    // NOTE: a page still waiting for its feasibility must not be kept in the snapshot's page cache.
    if (pending) ctx.res.set_header("Cache-Control", "no-store");
    send_page(ctx, 200, m.name, h, LastUpdate{m.meta.updated_at, m.meta.author});
}

void mission_porkchop(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto* m = ctx.data().mission(id);
    if (!m || !can_read(ctx.caller, *m)) throw not_found("mission", id);
    const auto& worker = *ctx.app.feasibility;
    const auto result = worker.result(*m);
    if (!result) {
        if (worker.qualifies(*m) && worker.started()) {
            HttpError e(Problem::being_generated, "This mission's porkchop is being computed; try again in a few seconds.");
            e.headers.emplace_back("Retry-After", "5");
            throw e;
        }
        throw not_found("porkchop of mission", id);
    }
    if (result->porkchop_svg.empty()) throw not_found("porkchop of mission", id);
    ctx.res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.res.set_content(result->porkchop_svg, "image/svg+xml");
}

void goal_page(Context& ctx) {
    const auto& d = ctx.data().dataset();
    const auto* g = find_goal(d, ctx.path_param("id"));
    if (!g) throw not_found("goal", ctx.path_param("id"));
    Html h;
    h("<h1>Goal {}: {}</h1><p class=\"lead\">{}</p>", g->number, g->title, g->description);
    std::size_t shown = 0;
    for (const auto& o : d.objectives) {
        if (o.goal_id != g->id) continue;
        ++shown;
        std::vector<const model::Mission*> addressing;
        for (const auto& m : d.missions) {
            if (can_read(ctx.caller, m) && std::find(m.objectives.begin(), m.objectives.end(), o.id) != m.objectives.end()) {
                addressing.push_back(&m);
            }
        }
        h("<section aria-labelledby=\"{}\"><h2 id=\"{}\">{}</h2><p>{}</p><p>Missions addressing it: {}</p></section>",
          o.id, o.id, o.title, o.description, mission_links(addressing));
    }
    if (shown == 0) h("<p>No objective under this goal yet.</p>");
    h("<h2>Sources</h2><p class=\"source\">{}</p>", g->source.empty() ? Html()("none given") : linked_text(g->source));
    send_page(ctx, 200, g->title, h, std::nullopt);
}

void capability_page(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto* c = ctx.data().capability(id);
    if (!c || !can_read(ctx.caller, *c)) throw not_found("capability", id);
    std::vector<const model::Mission*> requiring, providing;
    for (const auto& m : ctx.data().dataset().missions) {
        if (!can_read(ctx.caller, m)) continue;
        const auto has = [&](const std::vector<std::string>& ids) {
            return std::find(ids.begin(), ids.end(), c->id) != ids.end();
        };
        if (has(m.capabilities_required)) requiring.push_back(&m);
        if (has(m.capabilities_provided)) providing.push_back(&m);
    }
    const auto* provider = ctx.data().agency(c->provider);
    Html h;
    h("<h1>{}</h1><p>{}</p><dl class=\"facts\"><dt>Provider</dt><dd><a href=\"/agencies/{}\">{}</a></dd>"
      "<dt>Kind</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd><dt>Ready</dt><dd>{}</dd><dt>Visible to</dt><dd>{}</dd>"
      "<dt>Missions requiring it</dt><dd>{}</dd><dt>Missions providing it</dt><dd>{}</dd>"
      "<dt>Version</dt><dd>{}</dd></dl><h2>Sources</h2><p class=\"source\">{}</p>",
      c->name, c->description, encode_component(c->provider), provider ? provider->name : c->provider,
      model::to_string(c->kind), model::to_string(c->status),
      c->readiness ? c->readiness->to_string() : std::string("not dated"), visibility_badge(c->visibility),
      mission_links(requiring), mission_links(providing), c->meta.version,
      c->source.empty() ? Html()("none given") : linked_text(c->source));
    if (can_write(ctx.caller, *c)) {
        h("<p><a class=\"button\" href=\"/workspace/capabilities/{}\">Edit</a></p>", encode_component(c->id));
    }
    send_page(ctx, 200, c->name, h, LastUpdate{c->meta.updated_at, c->meta.author});
}

// How far the background worker is, over the missions the caller may read only: the worker's own totals hold
// hidden missions too, and a count (or a "running") that moves when a hidden mission changes would tell.
void feasibility_status(Context& ctx) {
    const auto& worker = *ctx.app.feasibility;
    std::size_t missions = 0, computed = 0;
    for (const auto& m : ctx.data().dataset().missions) {
        if (!can_read(ctx.caller, m) || !worker.qualifies(m)) continue;
        ++missions;
        computed += worker.result(m) != nullptr;
    }
    const nlohmann::json body{{"enabled", worker.started()},
                              {"change_id", ctx.data().change_id},
                              {"missions", missions},
                              {"computed", computed},
                              {"running", worker.started() && computed < missions}};
    ctx.res.set_content(body.dump(), "application/json");
}

}  // namespace

void add_record_page_routes(App& app) {
    Route status{"GET", "/api/v1/feasibility", "How far the background launch-feasibility worker is", Audience::api,
                 feasibility_status, {}, "", "FeasibilityStatus", {200}, false};
    status.operation_id = "getFeasibilityStatus";
    app.add(std::move(status));
    app.add(page("GET", "/missions/{id}", "A mission", mission_page, true));
    app.add(page("GET", "/missions/{id}/porkchop.svg", "A mission's launch window porkchop", mission_porkchop, true));
    app.add(page("GET", "/goals/{id}", "A common goal and its objectives", goal_page, true));
    app.add(page("GET", "/capabilities/{id}", "A capability", capability_page, true));
}

}  // namespace ger::server::detail
