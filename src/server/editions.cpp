// Roadmap editions in the portal and the API: the list with each edition's downloads (served from the stored
// artefacts, never rendered per request), an edition's page, the diff of two editions (or of one and the current
// public records), and the secretariat's freeze (POST /api/v1/editions and /workspace/editions), whose PDF, HTML
// and chart the Publisher renders in the background; GET /api/v1/editions/{name}/status follows it.
#include <algorithm>
#include <cmath>

#include "analysis/edition.hpp"
#include "model/action_item.hpp"
#include "model/planned_date.hpp"
#include "model/validation.hpp"
#include "server/detail/action_items.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/publisher.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

// A download: the URL's file name, the artefact kind, and the name it is saved under.
struct Download {
    const char* file;
    const char* kind;
    const char* label;
};
constexpr std::array<Download, 4> downloads{{{"report.pdf", "pdf", "PDF report"},
                                             {"chart.png", "chart-png", "Roadmap chart, PNG 300 dpi"},
                                             {"report.html", "html", "HTML version"},
                                             {"chart.svg", "chart-svg", "Roadmap chart, SVG"}}};

std::string day_text(std::chrono::year_month_day day) {
    return model::format_timestamp(std::chrono::sys_days(day)).substr(0, 10);
}

// The edition's state for the status endpoint and the pages: the publisher's while it works on the edition,
// otherwise "done" when every artefact is stored and "missing" when some are not.
json edition_status(Context& ctx, const std::string& name) {
    json stored = json::array();
    for (const auto& a : ctx.store.edition_artefacts(name)) stored.push_back(a.kind);
    std::string state = "missing";
    std::string message;
    if (auto s = ctx.app.publisher->status(name)) {
        state = std::string(to_string(s->state));
        message = s->message;
    }
    if (state == "missing" || state == "done") {
        const bool complete = std::all_of(artefact_kinds.begin(), artefact_kinds.end(), [&](const std::string& k) {
            return std::find(stored.begin(), stored.end(), k) != stored.end();
        });
        state = complete ? "done" : "missing";
    }
    return {{"edition", name}, {"state", state}, {"message", message}, {"artefacts", stored}};
}

Html status_notice(const json& status) {
    Html h;
    const auto state = status["state"].get<std::string>();
    if (state == "queued" || state == "rendering") {
        h("<p class=\"notice\" role=\"status\">The PDF, HTML and chart are being generated ({}); this takes a few "
          "seconds. <a href=\"\">Reload</a> to see the downloads.</p>",
          state);
    } else if (state == "failed") {
        h("<p class=\"error-summary\" role=\"alert\">Generating the downloads failed: {}</p>",
          status["message"].get<std::string>());
    } else if (state == "missing") {
        h("<p class=\"notice\">No downloads are stored for this edition yet.</p>");
    }
    return h;
}

Html download_links(const std::string& name, const json& status) {
    Html h;
    const auto& stored = status["artefacts"];
    Html items;
    for (const auto& d : downloads) {
        if (std::find(stored.begin(), stored.end(), d.kind) == stored.end()) continue;
        items("<li><a href=\"/editions/{}/{}\" download>{}</a></li>", name, d.file, d.label);
    }
    if (!items.empty()) h("<ul class=\"downloads\">{}</ul>", items);
    return h;
}

void editions_page(Context& ctx) {
    const auto& d = ctx.data().dataset();
    const auto frozen = ctx.store.frozen_editions();
    Html h;
    h("<h1>Roadmap editions</h1><p class=\"lead\">Each edition is the roadmap as the agencies signed it, frozen so it "
      "never changes. Download the report, the chart or the web version, or <a href=\"/editions/diff\">compare two "
      "editions</a>.</p>");
    for (auto it = d.editions.rbegin(); it != d.editions.rend(); ++it) {
        const bool is_frozen = std::find(frozen.begin(), frozen.end(), it->name) != frozen.end();
        h("<section class=\"card edition\"><h2><a href=\"/editions/{}\">{}</a></h2><dl class=\"facts\"><dt>Published"
          "</dt><dd>{}</dd><dt>Signed by</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd></dl>",
          it->name, it->title, day_text(it->published), joined(it->signatories),
          is_frozen ? "frozen (final)" : "draft (not frozen)");
        if (is_frozen) {
            const auto status = edition_status(ctx, it->name);
            h.add(download_links(it->name, status));
            h.add(status_notice(status));
        }
        h("</section>");
    }
    if (d.editions.empty()) h("<p>No editions yet.</p>");
    send_page(ctx, 200, "Editions", h, std::nullopt);
}

// A mission's name, linked to its page when the caller may read the live record.
Html mission_link(Context& ctx, const std::string& id, const std::string& name) {
    Html h;
    const auto* live = ctx.data().mission(id);
    if (live && can_read(ctx.caller, *live)) return h("<a href=\"/missions/{}\">{}</a>", id, name);
    return h("{}", name);
}

void edition_page(Context& ctx) {
    const auto& name = ctx.path_param("name");
    const auto snapshot = ctx.store.edition_snapshot(name);
    const model::Edition* listed = nullptr;
    for (const auto& e : ctx.data().dataset().editions) {
        if (e.name == name) listed = &e;
    }
    if (!snapshot && !listed) throw not_found("edition", name);
    const model::Edition& e = snapshot ? snapshot->edition() : *listed;
    Html h;
    h("<h1>{}</h1><dl class=\"facts\"><dt>Edition</dt><dd>{}</dd><dt>Published</dt><dd>{}</dd><dt>Signed by</dt>"
      "<dd>{}</dd>",
      e.title, e.name, day_text(e.published), joined(e.signatories));
    if (snapshot) {
        h("<dt>Frozen</dt><dd>{} by {}</dd>", when_text(snapshot->frozen_at), snapshot->frozen_by);
    } else {
        h("<dt>Status</dt><dd>draft (not frozen)</dd>");
    }
    h("</dl>");
    const auto accepted = ctx.store.count_comments({.edition = name, .status = model::CommentStatus::accepted});
    h("<p><a href=\"/editions/{}/comments\">Comments on this edition</a> ({} accepted) · comment on it, no "
      "account needed.</p>",
      name, accepted);
    if (!e.scenario.empty()) h("<h2>The mission scenario</h2><p>{}</p>", e.scenario);
    if (snapshot) {
        const auto status = edition_status(ctx, name);
        h("<h2>Downloads</h2>");
        h.add(download_links(name, status));
        h.add(status_notice(status));
        h("<h2>Its missions <small>({})</small></h2><p>The public missions as the edition froze them. "
          "<a href=\"/editions/diff?a={}&amp;b=current\">What changed since</a>.</p>",
          snapshot->data.missions.size(), name);
        std::vector<const model::Mission*> missions;
        for (const auto& m : snapshot->data.missions) missions.push_back(&m);
        std::stable_sort(missions.begin(), missions.end(), [](const auto* a, const auto* b) {
            if (!a->launch || !b->launch) return a->launch.has_value() && !b->launch.has_value();
            return a->launch->earliest() < b->launch->earliest();
        });
        h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Missions of the edition\"><table><thead><tr><th scope=\"col\">Mission</th><th scope=\"col\">Lead</th>"
          "<th scope=\"col\">Destination</th><th scope=\"col\">Launch</th><th scope=\"col\">Kind</th>"
          "<th scope=\"col\">Status</th></tr></thead><tbody>");
        for (const auto* m : missions) {
            h("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
              mission_link(ctx, m->id, m->name), m->lead_agency, m->destination,
              m->launch ? m->launch->to_string() : std::string("undated"), model::to_string(m->kind),
              model::to_string(m->type), model::to_string(m->status));
        }
        h("</tbody></table></div>");
    }
    send_page(ctx, 200, e.title, h, std::nullopt);
}

void download(Context& ctx) {
    const auto& name = ctx.path_param("name");
    const auto& file = ctx.path_param("file");
    const auto d = std::find_if(downloads.begin(), downloads.end(), [&](const Download& x) { return file == x.file; });
    if (d == downloads.end()) throw not_found("file", file);
    auto artefact = ctx.store.edition_artefact(name, d->kind);
    if (!artefact) {
        if (auto s = ctx.app.publisher->status(name);
            s && (s->state == Publisher::State::queued || s->state == Publisher::State::rendering)) {
            HttpError e(Problem::being_generated, "The downloads of this edition are being generated; try again in a few seconds.");
            e.headers.emplace_back("Retry-After", "5");
            throw e;
        }
        throw not_found("file", file);
    }
    // NOTE: names of frozen editions are slugs (checked on freeze), but the bundled ones came from data files:
    // only a slug goes into the header.
    const std::string base = model::is_valid_slug(name) ? "ger-" + name : std::string("ger-edition");
    ctx.res.set_header("Content-Disposition",
                       "attachment; filename=\"" + base + "-" + std::string(d->file) + "\"");
    // Frozen: the bytes never change, so a client may resume a download (one range, http/range.hpp).
    ctx.res.set_header("Cache-Control", "public, max-age=86400, immutable");
    ctx.res.set_header("Accept-Ranges", "bytes");
    if (artefact->kind == "html" || artefact->kind == "chart-svg") {
        ctx.res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }
    ctx.res.set_content(std::move(artefact->content), artefact->media_type);
}

// ---- diff -----------------------------------------------------------------------------------------------

constexpr const char* current_name = "current";

model::Dataset edition_data(Context& ctx, const std::string& name) {
    if (name == current_name) {
        model::Edition e;
        e.name = current_name;
        e.title = "Current public records";
        e.published = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
        return analysis::edition_snapshot(ctx.data().dataset(), e);
    }
    auto snapshot = ctx.store.edition_snapshot(name);
    if (!snapshot) throw not_found("edition", name);
    return std::move(snapshot->data);
}

std::string launch_text(const std::optional<model::LaunchWindow>& w) { return w ? w->to_string() : "undated"; }

std::string slip_text(long long days) {
    if (days == 0) return "same earliest day";
    const auto years = std::abs(static_cast<double>(days)) / 365.25;
    char text[64];
    std::snprintf(text, sizeof text, "%s %lld days (%.1f years)", days > 0 ? "slipped" : "advanced", std::llabs(days),
                  years);
    return text;
}

const model::Mission* find_mission(const model::Dataset& d, const std::string& id) {
    for (const auto& m : d.missions) {
        if (m.id == id) return &m;
    }
    return nullptr;
}

void diff_page(Context& ctx) {
    const auto frozen = ctx.store.frozen_editions();
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& n : frozen) choices.emplace_back(n, n);
    choices.emplace_back(current_name, "current public records");
    const auto a = ctx.query("a");
    const auto b = ctx.query("b");
    Html h;
    h("<h1>Compare editions</h1><form class=\"filters\" method=\"get\" action=\"/editions/diff\">"
      "<div><label for=\"d-a\">From</label><select id=\"d-a\" name=\"a\">{}</select></div>"
      "<div><label for=\"d-b\">To</label><select id=\"d-b\" name=\"b\">{}</select></div>"
      "<div><button type=\"submit\">Compare</button></div></form>",
      options(choices, a, "Choose an edition"), options(choices, b ? b : std::optional<std::string>(current_name),
                                                        "Choose an edition"));
    if (!a || !b) {
        h("<p>Choose two editions: what was added, removed and changed between them, with launch slips.</p>");
        return send_page(ctx, 200, "Compare editions", h, std::nullopt);
    }
    const auto from = edition_data(ctx, *a);
    const auto to = edition_data(ctx, *b);
    const auto diff = analysis::diff_editions(from, to);
    const auto name_in = [&](const std::string& id) {
        if (const auto* m = find_mission(to, id)) return m->name;
        if (const auto* m = find_mission(from, id)) return m->name;
        return id;
    };
    h("<h2>From {} to {}</h2><p class=\"lead\">{} missions added, {} removed, {} changed; {} objectives added, {} "
      "removed, {} changed.</p>",
      from.editions.front().title, to.editions.front().title, diff.missions_added.size(), diff.missions_removed.size(),
      diff.missions_changed.size(), diff.objectives_added.size(), diff.objectives_removed.size(),
      diff.objectives_changed.size());
    if (!diff.missions_changed.empty()) {
        h("<h3>Missions changed</h3><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Missions changed\"><table class=\"diff\"><thead><tr><th scope=\"col\">"
          "Mission</th><th scope=\"col\">Launch before</th><th scope=\"col\">Launch after</th><th scope=\"col\">Slip"
          "</th><th scope=\"col\">Other changes</th></tr></thead><tbody>");
        for (const auto& c : diff.missions_changed) {
            std::vector<std::string> other;
            if (c.status_before) {
                other.push_back("status " + std::string(model::to_string(*c.status_before)) + " → " +
                                std::string(model::to_string(*c.status_after)));
            }
            if (!c.partners_added.empty()) other.push_back("partners added: " + joined(c.partners_added));
            if (!c.partners_removed.empty()) other.push_back("partners removed: " + joined(c.partners_removed));
            if (!c.other_fields.empty()) other.push_back("also " + joined(c.other_fields));
            std::string others;
            for (const auto& o : other) others += (others.empty() ? "" : "; ") + o;
            h("<tr id=\"m-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", c.mission,
              mission_link(ctx, c.mission, name_in(c.mission)), launch_text(c.launch_before),
              launch_text(c.launch_after), c.slip_days ? slip_text(*c.slip_days) : std::string("—"), others);
        }
        h("</tbody></table></div>");
    }
    const auto mission_list = [&](const char* title, const std::vector<std::string>& ids) {
        if (ids.empty()) return;
        Html items;
        for (const auto& id : ids) {
            const auto* m = find_mission(to, id);
            if (!m) m = find_mission(from, id);
            items("<li>{} ({}, {})</li>", mission_link(ctx, id, name_in(id)), m ? m->lead_agency : std::string(),
                  m ? launch_text(m->launch) : std::string());
        }
        h("<h3>{}</h3><ul>{}</ul>", title, items);
    };
    mission_list("Missions added", diff.missions_added);
    mission_list("Missions removed", diff.missions_removed);
    if (!diff.objectives_added.empty()) h("<h3>Objectives added</h3><p>{}</p>", joined(diff.objectives_added));
    if (!diff.objectives_removed.empty()) h("<h3>Objectives removed</h3><p>{}</p>", joined(diff.objectives_removed));
    if (!diff.objectives_changed.empty()) {
        h("<h3>Objectives changed</h3><ul>");
        for (const auto& c : diff.objectives_changed) {
            h("<li>{}: {} ({})</li>", c.objective, c.title_after, joined(c.fields));
        }
        h("</ul>");
    }
    if (!diff.signatories_added.empty()) h("<h3>Signatories added</h3><p>{}</p>", joined(diff.signatories_added));
    if (!diff.signatories_removed.empty()) {
        h("<h3>Signatories removed</h3><p>{}</p>", joined(diff.signatories_removed));
    }
    const auto items = model::action_items_between(ctx.store.action_items(), ctx.store.workshops(),
                                                   from.editions.front().published, to.editions.front().published);
    h("<h3 id=\"action-items\">Action items from the workshops held in between</h3>");
    if (items.empty()) {
        h("<p>No workshop held between these editions recorded an action item.</p>");
    } else {
        h("<p>What the workshops held after {} and up to {} agreed to do, and how far each item has got.</p>",
          model::format_day(std::min(from.editions.front().published, to.editions.front().published)),
          model::format_day(std::max(from.editions.front().published, to.editions.front().published)));
        h.add(action_items_html(ctx, items, true));
    }
    send_page(ctx, 200, "Compare editions", h, std::nullopt);
}

// ---- freeze ---------------------------------------------------------------------------------------------

struct FreezeRequest {
    std::string name;
    std::string title;
    std::string published;  // YYYY-MM-DD; "" today
    std::string scenario;
    std::vector<std::string> signatories;  // empty: the edition's listed ones, else every agency
};

// Freezes the current public records as edition `r.name` and queues its artefacts. Throws ValidationError for a
// bad name or date, HttpError 409 when the edition is already frozen.
void freeze(Context& ctx, const FreezeRequest& r) {
    std::vector<model::FieldError> errors;
    if (!model::is_valid_slug(r.name)) {
        errors.push_back({"/name", "'" + r.name + "' is not a name like 2026 or 2026-update (lowercase letters, "
                                   "digits and dashes)"});
    }
    std::optional<std::chrono::year_month_day> published;
    if (!r.published.empty()) {
        try {
            const auto day = model::parse_planned_date(r.published);
            if (day.precision != model::DatePrecision::day) throw model::ParseError("needs a day");
            published = day.date;
        } catch (const model::ParseError&) {
            errors.push_back({"/published", "'" + r.published + "' is not a day like 2026-11-30"});
        }
    }
    model::throw_if_any(errors);
    const auto already = [&] {
        return HttpError(Problem::already_frozen, "edition " + r.name + " is already frozen; a frozen edition never changes",
                         {{"/name", "already frozen"}});
    };
    if (ctx.store.edition_snapshot(r.name)) throw already();
    // NOTE: the snapshot must be of one moment: when the records move on between reading and freezing, the store
    // refuses (ConflictError) and we read again; three tries are plenty for human-paced edits.
    for (int attempt = 0;; ++attempt) {
        const long long seen = ctx.store.last_change_id();
        const auto data = ctx.store.export_dataset();
        model::Edition edition;
        for (const auto& e : data.editions) {
            if (e.name == r.name) edition = e;  // an edition already listed keeps its record
        }
        edition.name = r.name;
        if (!r.title.empty()) edition.title = r.title;
        if (edition.title.empty()) edition.title = "The Global Exploration Roadmap (" + r.name + ")";
        if (published) edition.published = *published;
        if (!edition.published.ok()) {
            edition.published =
                std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
        }
        if (!r.scenario.empty()) edition.scenario = r.scenario;
        if (!r.signatories.empty()) edition.signatories = r.signatories;
        if (edition.signatories.empty()) {
            for (const auto& a : data.agencies) edition.signatories.push_back(a.code);
        }
        try {
            ctx.store.freeze_edition(analysis::edition_snapshot(data, edition), seen,
                                     actor_of(ctx.caller));
            break;
        } catch (const store::ConflictError&) {
            if (ctx.store.edition_snapshot(r.name)) throw already();
            if (attempt == 2) throw;
        }
    }
    ctx.app.publisher->enqueue(r.name);
}

void require_secretariat_api(const Context& ctx) {
    if (ctx.caller.anonymous()) {
        HttpError e(Problem::unauthorized, "sign in with a bearer token (ger token create)");
        e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\"");
        throw e;
    }
    if (!can_manage_roadmap(ctx.caller)) {
        throw HttpError(Problem::forbidden, "only the secretariat freezes editions");
    }
}

void api_freeze(Context& ctx) {
    require_secretariat_api(ctx);
    const auto type = ctx.req.header("Content-Type");
    if (type.substr(0, type.find(';')) != "application/json") {
        throw HttpError(Problem::unsupported_media_type, "send the body as application/json; got '" + type + "'");
    }
    const auto body = json_body(ctx);
    std::vector<model::FieldError> errors;
    if (!body.is_object()) {
        errors.push_back({"", "expected an object"});
        model::throw_if_any(errors);
    }
    FreezeRequest r;
    const auto text = [&](const char* key, std::string& out) {
        if (!body.contains(key)) return;
        if (body[key].is_string()) {
            out = body[key].get<std::string>();
        } else {
            errors.push_back({std::string("/") + key, "must be a string"});
        }
    };
    for (const auto& [key, value] : body.items()) {
        if (key != "name" && key != "title" && key != "published" && key != "scenario" && key != "signatories") {
            errors.push_back({"/" + key, "unknown field (allowed: name, title, published, scenario, signatories)"});
        }
    }
    text("name", r.name);
    text("title", r.title);
    text("published", r.published);
    text("scenario", r.scenario);
    if (body.contains("signatories")) {
        if (!body["signatories"].is_array()) {
            errors.push_back({"/signatories", "must be a list of agency codes"});
        } else {
            for (const auto& s : body["signatories"]) {
                if (!s.is_string() || !ctx.data().agency(s.get<std::string>())) {
                    errors.push_back({"/signatories", "unknown agency " + s.dump()});
                } else {
                    r.signatories.push_back(s.get<std::string>());
                }
            }
        }
    }
    if (!body.contains("name")) errors.push_back({"/name", "required"});
    model::throw_if_any(errors);
    freeze(ctx, r);
    ctx.res.set_header("Location", "/api/v1/editions/" + r.name + "/status");
    ctx.res.status = 202;
    ctx.res.set_content(edition_status(ctx, r.name).dump(), "application/json");
}

void api_status(Context& ctx) {
    const auto& name = ctx.path_param("name");
    if (!ctx.store.edition_snapshot(name) && !ctx.app.publisher->status(name)) throw not_found("frozen edition", name);
    ctx.res.set_content(edition_status(ctx, name).dump(), "application/json");
}

void require_secretariat_page(Context& ctx) {
    require_session(ctx);
    if (!can_manage_roadmap(ctx.caller)) {
        throw HttpError(Problem::forbidden, "Only the secretariat freezes editions.");
    }
}

void freeze_form(Context& ctx, int status, const json& values, const FieldErrors& errors) {
    Html h;
    h("<h1>Freeze an edition</h1><p class=\"lead\">Freezing keeps the public missions and capabilities, the goals and "
      "objectives, the scenario and the signatories as they are now, for ever. The PDF report, the chart and the web "
      "version are then generated and stored (a few seconds).</p>");
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">The edition was not frozen: please correct the fields marked "
          "below.</p>");
        h.add(field_errors(errors, ""));
    }
    h("<form method=\"post\" action=\"/workspace/editions\" class=\"card\" novalidate><input type=\"hidden\" "
      "name=\"csrf\" value=\"{}\">",
      ctx.session->csrf);
    h.add(text_field(errors, values, "name", "Name", "e.g. 2026; lowercase letters, digits and dashes", true));
    h.add(text_field(errors, values, "title", "Title", "e.g. The Global Exploration Roadmap (2026)"));
    h.add(text_field(errors, values, "published", "Publication day", "YYYY-MM-DD; empty: today"));
    h("<button type=\"submit\">Freeze edition</button></form><h2>Frozen editions</h2><ul>");
    for (const auto& name : ctx.store.frozen_editions()) {
        const auto s = edition_status(ctx, name);
        h("<li><a href=\"/editions/{}\">{}</a>: downloads {}</li>", name, name, s["state"].get<std::string>());
    }
    h("</ul>");
    send_page(ctx, status, "Freeze an edition", h, std::nullopt);
}

void freeze_page(Context& ctx) {
    require_secretariat_page(ctx);
    freeze_form(ctx, 200, json::object(), {});
}

void freeze_post(Context& ctx) {
    require_secretariat_page(ctx);
    require_csrf(ctx);
    FreezeRequest r{ctx.form("name"), ctx.form("title"), ctx.form("published"), "", {}};
    const json values = {{"name", r.name}, {"title", r.title}, {"published", r.published}};
    FieldErrors errors;
    int status = 422;
    try {
        freeze(ctx, r);
        return redirect(ctx, "/editions/" + r.name);
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const HttpError& e) {
        if (e.status() != 409) throw;
        errors["name"].push_back(e.what());
        status = 409;
    }
    freeze_form(ctx, status, values, errors);
}

}  // namespace

void add_edition_routes(App& app) {
    app.add(page("GET", "/editions", "Roadmap editions", editions_page));
    auto diff_route = page("GET", "/editions/diff", "Compare two editions", diff_page, true);
    diff_route.shows_community = true;  // the action items of the workshops in between
    app.add(std::move(diff_route));
    app.add(page("GET", "/editions/{name}", "An edition", edition_page));
    app.add(page("GET", "/editions/{name}/{file}", "An edition's download", download));
    app.add(page("GET", "/workspace/editions", "Freeze an edition", freeze_page));
    app.add(page("POST", "/workspace/editions", "Freeze an edition", freeze_post));
    app.add({"POST", "/api/v1/editions", "Freeze the current public records as an edition (secretariat); its files "
             "are generated in the background",
             Audience::api, api_freeze, {}, "EditionFreeze", "EditionStatus",
             {202, 400, 401, 403, 409, 413, 415, 422}, false, true, "freezeEdition"});
    app.add({"GET", "/api/v1/editions/{name}/status", "Whether a frozen edition's files are generated: queued, "
             "rendering, done, failed or missing",
             Audience::api, api_status, {}, "", "EditionStatus", {200, 404}});
}

}  // namespace ger::server::detail
