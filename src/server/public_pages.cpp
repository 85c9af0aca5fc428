// The public pages: home (the partners, the goals, the current edition, the latest updates), the roadmap with its
// chart, and the agency pages. No account needed; every list holds only what the caller may read (access.hpp).
#include <algorithm>
#include <map>

#include "model/json.hpp"
#include "server/detail/pages.hpp"
#include "server/html.hpp"

#if GER_SERVER_HAS_ROADMAP_CHART
#include "render/roadmap_chart.hpp"
#endif

namespace ger::server::detail {
namespace {

using html::Html;
using model::Timestamp;

std::string day_text(Timestamp t) { return model::format_timestamp(t).substr(0, 10); }

template <class Record>
void consider(std::optional<LastUpdate>& last, const Record& r) {
    if (!last || r.meta.updated_at > last->at) last = LastUpdate{r.meta.updated_at, r.meta.author};
}

std::optional<LastUpdate> import_update(const Snapshot& s) {
    if (!s.last_import) return std::nullopt;
    return LastUpdate{s.last_import->at, s.last_import->actor};
}

std::map<std::string, std::vector<std::string>> editions_signed(const model::Dataset& d) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : d.editions) {
        for (const auto& a : e.signatories) out[a].push_back(e.name);
    }
    return out;
}

constexpr std::size_t home_updates = 10;       // entries in the home page's latest updates

void home(Context& ctx) {
    const auto& d = ctx.data().dataset();
    Html h;
    h("<h1>Global Exploration Roadmap</h1><p class=\"lead\">Fourteen space agencies coordinate their exploration "
      "plans here: each publishes its missions and capabilities, chooses who may see each one (everyone, all "
      "partner agencies, or named agencies), and reads what its partners share. Nobody edits another agency's "
      "records; every change is recorded.</p>"
      "<h2>How it works</h2><ol><li>An agency's planners log in to the workspace and keep their agency's "
      "missions and capabilities current.</li><li>Partners see what is shared with them and what changed since "
      "their last visit.</li><li>The secretariat compiles public records into roadmap editions that the agencies "
      "sign.</li></ol><p><a class=\"button\" href=\"/roadmap\">See the public roadmap</a></p>");
    const model::Edition* current = nullptr;
    for (const auto& e : d.editions) {
        if (!current || e.published > current->published) current = &e;
    }
    if (current) {
        h("<h2>Current edition</h2><div class=\"card\"><h3>{}</h3><p>Published {}; signed by {} agencies.</p>"
          "<p>{}</p><p><a href=\"/editions\">All editions</a></p></div>",
          current->title, model::format_timestamp(std::chrono::sys_days(current->published)).substr(0, 10),
          current->signatories.size(), current->scenario);
    }
    h("<h2><a href=\"/pages/why-we-explore\">Why we explore</a></h2><div class=\"cards\">");
    for (const auto& g : d.goals) {
        const auto summary = goal_summary(ctx, g.id);
        h("<div class=\"card\"><h3>{}. {}</h3><p>{}</p>", g.number, g.title, summary.value_or(g.description));
        if (summary) {
            h("<p><a href=\"/pages/{}\" aria-label=\"More on this goal: {}. {}\">More on this goal</a></p>",
              model::goal_page_slug(g.id), g.number, g.title);
        }
        h("</div>");
    }
    h("</div><h2>The partners</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Member agencies\"><table><caption class=\"skip\">Member agencies</caption>"
      "<thead><tr><th scope=\"col\">Agency</th><th scope=\"col\">Country</th><th scope=\"col\">Member since</th>"
      "<th scope=\"col\">Editions signed</th></tr></thead><tbody>");
    const auto signed_by = editions_signed(d);
    for (const auto& a : d.agencies) {
        std::string editions;
        if (auto it = signed_by.find(a.code); it != signed_by.end()) {
            for (const auto& e : it->second) editions += (editions.empty() ? "" : ", ") + e;
        }
        h("<tr><td><a href=\"/agencies/{}\">{}</a> ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>", a.code, a.name,
          a.code, a.country, a.member_since, editions.empty() ? std::string("none") : editions);
    }
    h("</tbody></table></div><h2>Latest updates</h2>");
    const Caller anonymous;
    const auto entries = readable_changes(ctx, anonymous, std::nullopt, home_updates);
    std::size_t shown = 0;
    Html list;
    std::optional<LastUpdate> last = import_update(ctx.data());
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        const auto* m = it->record_kind == "mission" ? ctx.data().mission(it->record_id) : nullptr;
        const bool linkable = m && can_read(anonymous, *m);
        const char* verb = it->action == model::AuditAction::create   ? "added"
                           : it->action == model::AuditAction::update ? "updated"
                                                                      : "removed";
        if (linkable) {
            list("<li><time datetime=\"{}\">{}</time>: {} {} {} <a href=\"/missions/{}\">{}</a></li>",
                 model::format_timestamp(it->at), day_text(it->at), it->agency.empty() ? it->actor : it->agency, verb,
                 it->record_kind, it->record_id, m->name);
        } else {
            list("<li><time datetime=\"{}\">{}</time>: {} {} {} {}</li>", model::format_timestamp(it->at),
                 day_text(it->at), it->agency.empty() ? it->actor : it->agency, verb, it->record_kind, it->record_id);
        }
        if (!last || it->at > last->at) last = LastUpdate{it->at, it->actor};
        ++shown;
    }
    if (shown == 0) {
        h("<p>No public changes since the roadmap was loaded.</p>");
    } else {
        h("<ul>{}</ul>", list);
    }
    send_page(ctx, 200, "Home", h, last);
}

template <class E>
std::vector<std::pair<std::string, std::string>> enum_options() {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto v : model::EnumNames<E>::values) out.emplace_back(std::string(v), std::string(v));
    return out;
}

#if GER_SERVER_HAS_ROADMAP_CHART
bool matches(const model::Mission& m, const std::optional<std::string>& agency, const std::optional<std::string>& destination,
             const std::optional<std::string>& kind, const std::optional<std::string>& status) {
    if (agency && m.lead_agency != *agency && std::find(m.partners.begin(), m.partners.end(), *agency) == m.partners.end()) {
        return false;
    }
    if (destination && m.destination != *destination) return false;
    if (kind && model::to_string(m.kind) != *kind) return false;
    return !status || model::to_string(m.status) == *status;
}

// The chart laid out for a screen (about 1,100 px wide: labels of 8 pt come out near 13 px), inline so that each
// marker is a link a keyboard reaches; drawn already filtered, and /static/roadmap.js redraws it as the filters
// change and shows the details of the mission under the pointer or the focus.
Html roadmap_figure(const model::Dataset& d, const std::optional<std::string>& agency,
                    const std::optional<std::string>& destination, const std::optional<std::string>& kind,
                    const std::optional<std::string>& status) {
    model::Dataset data = d;
    const Caller anonymous;
    std::erase_if(data.missions, [&](const model::Mission& m) {
        return !can_read(anonymous, m) || !matches(m, agency, destination, kind, status);
    });
    Html h;
    if (data.missions.empty()) return h;
    render::RoadmapChartOptions options;
    options.public_only = true;
    options.width_mm = 240;
    options.embedded = true;
    options.mission_link_prefix = "/missions/";
    const auto svg = render::roadmap_svg(data, options);
    h("<figure class=\"chart roadmap-web\"><div class=\"chart-scroll\">{}</div><p id=\"chart-details\" "
      "class=\"chart-details\" aria-live=\"polite\">Point at a mission, or move to it with the Tab key, for its "
      "details; select it to open its page.</p><figcaption><span id=\"chart-count\">{} missions on the chart"
      "</span>, following the filters. <a href=\"/roadmap.svg\">The chart for print</a> (A3, every public mission)."
      "</figcaption></figure><script src=\"/static/roadmap.js\" defer></script>",
      Html::from_escaped(svg), data.missions.size());
    return h;
}
#endif

void roadmap(Context& ctx) {
    const auto& d = ctx.data().dataset();
    const auto agency = ctx.query("agency");
    const auto destination = ctx.query("destination");
    const auto kind = ctx.query("kind");
    const auto status = ctx.query("status");
    std::vector<std::pair<std::string, std::string>> agency_opts;
    for (const auto& a : d.agencies) agency_opts.emplace_back(a.code, a.code);
    std::vector<std::pair<std::string, std::string>> destination_opts;
    for (const auto& x : d.destinations) destination_opts.emplace_back(x.code, x.name);
    Html h;
    h("<h1>The roadmap</h1><p class=\"lead\">Every public mission of the partner agencies, by destination, from low "
      "Earth orbit outward.</p><form class=\"filters\" method=\"get\" action=\"/roadmap\" role=\"search\">"
      "<div><label for=\"f-agency\">Agency</label><select id=\"f-agency\" name=\"agency\">{}</select></div>"
      "<div><label for=\"f-destination\">Destination</label><select id=\"f-destination\" name=\"destination\">{}"
      "</select></div><div><label for=\"f-kind\">Kind</label><select id=\"f-kind\" name=\"kind\">{}</select></div>"
      "<div><label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\">{}</select></div>"
      "<div><button type=\"submit\">Filter</button> <a href=\"/roadmap\">Clear</a></div></form>",
      options(agency_opts, agency, "All agencies"), options(destination_opts, destination, "All destinations"),
      options(enum_options<model::MissionKind>(), kind, "Human and robotic"),
      options(enum_options<model::MissionStatus>(), status, "Any status"));
#if GER_SERVER_HAS_ROADMAP_CHART
    h.add(roadmap_figure(d, agency, destination, kind, status));
#endif
    std::optional<LastUpdate> last;
    std::size_t total = 0;
    const Caller anonymous;  // the roadmap is the public one, whoever looks at it
    for (const auto& x : d.destinations) {
        if (destination && x.code != *destination) continue;
        std::vector<const model::Mission*> shown;
        for (const auto& m : d.missions) {
            if (m.destination != x.code || !can_read(anonymous, m)) continue;
            if (agency && m.lead_agency != *agency &&
                std::find(m.partners.begin(), m.partners.end(), *agency) == m.partners.end()) {
                continue;
            }
            if (kind && model::to_string(m.kind) != *kind) continue;
            if (status && model::to_string(m.status) != *status) continue;
            shown.push_back(&m);
        }
        std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
            if (!a->launch || !b->launch) return a->launch.has_value() && !b->launch.has_value();
            return a->launch->earliest() < b->launch->earliest();
        });
        if (shown.empty()) continue;
        total += shown.size();
        for (const auto* m : shown) consider(last, *m);
        h("<section aria-labelledby=\"d-{}\"><h2 id=\"d-{}\">{} <small>({} missions)</small></h2>{}</section>", x.code,
          x.code, x.name, shown.size(), mission_table(shown, false));
    }
    if (total == 0) h("<p>No public mission matches these filters.</p>");
    send_page(ctx, 200, "Roadmap", h, last ? last : import_update(ctx.data()));
}

#if GER_SERVER_HAS_ROADMAP_CHART
void roadmap_svg(Context& ctx) {
    model::Dataset data = ctx.data().dataset();
    const Caller anonymous;
    std::erase_if(data.missions, [&](const model::Mission& m) { return !can_read(anonymous, m); });
    render::RoadmapChartOptions options;
    options.public_only = true;
    ctx.res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.res.set_content(render::roadmap_svg(data, options), "image/svg+xml");
}
#endif

void agency_page(Context& ctx) {
    const auto& code = ctx.path_param("code");
    const auto* a = ctx.data().agency(code);
    if (!a) throw not_found("agency", code);
    const auto& d = ctx.data().dataset();
    std::vector<const model::Mission*> led;
    std::vector<const model::Mission*> partnered;
    std::optional<LastUpdate> last;
    for (const auto& m : d.missions) {
        if (!can_read(ctx.caller, m)) continue;
        if (m.lead_agency == code) {
            led.push_back(&m);
            consider(last, m);
        } else if (std::find(m.partners.begin(), m.partners.end(), code) != m.partners.end()) {
            partnered.push_back(&m);
        }
    }
    Html h;
    h("<h1>{}</h1><dl class=\"facts\"><dt>Code</dt><dd>{}</dd><dt>Country or region</dt><dd>{}</dd>"
      "<dt>Member since</dt><dd>{}</dd><dt>Source</dt><dd>{}</dd></dl>",
      a->name, a->code, a->country, a->member_since, a->source);
    h("<h2>Missions {} leads</h2>", a->code);
    if (led.empty()) {
        h("<p>None that you may see.</p>");
    } else {
        h.add(mission_table(led, !ctx.caller.anonymous()));
    }
    h("<h2>Missions {} takes part in</h2>", a->code);
    if (partnered.empty()) {
        h("<p>None that you may see.</p>");
    } else {
        h.add(mission_table(partnered, !ctx.caller.anonymous()));
    }
    h("<h2>Capabilities</h2><ul>");
    for (const auto& c : d.capabilities) {
        if (c.provider != code || !can_read(ctx.caller, c)) continue;
        consider(last, c);
        h("<li>{} ({}, {}{})</li>", c.name, model::to_string(c.kind), model::to_string(c.status),
          c.readiness ? ", ready " + c.readiness->to_string() : std::string());
    }
    h("</ul>");
    send_page(ctx, 200, a->name, h, last ? last : import_update(ctx.data()));
}
}  // namespace

void add_public_page_routes(App& app) {
    app.add(page("GET", "/", "Home", home, true));
    app.add(page("GET", "/roadmap", "The public roadmap", roadmap, true));
#if GER_SERVER_HAS_ROADMAP_CHART
    app.add(page("GET", "/roadmap.svg", "The public roadmap chart", roadmap_svg, true));
#endif
    app.add(page("GET", "/agencies/{code}", "An agency", agency_page, true));
}

}  // namespace ger::server::detail
