// The portal: public pages (home, roadmap, agencies, missions, editions) and the agencies' workspace (login,
// own records, shared with me, changes since the last visit, audit log, API tokens). Server-rendered HTML that
// works without JavaScript; every value goes through html::escape (the Html builder).
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/portal.hpp"
#include "server/detail/style.hpp"
#include "server/html.hpp"
#include "server/views.hpp"

#if GER_SERVER_HAS_ROADMAP_CHART
#include "render/roadmap_chart.hpp"
#endif

namespace ger::server::detail {
// NOTE: no anonymous namespace here: the page kit (detail/pages.hpp) is defined in this file and used by the
// other page files.

using html::Html;
using nlohmann::json;
using model::Timestamp;

constexpr std::chrono::hours session_lifetime{8};

Timestamp now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string day_text(Timestamp t) { return model::format_timestamp(t).substr(0, 10); }
std::string when_text(Timestamp t) {
    auto text = model::format_timestamp(t);
    return text.substr(0, 10) + " " + text.substr(11, 5) + " UTC";
}

template <class Record>
void consider(std::optional<LastUpdate>& last, const Record& r) {
    if (!last || r.meta.updated_at > last->at) last = LastUpdate{r.meta.updated_at, r.meta.author};
}

std::optional<LastUpdate> import_update(const Snapshot& s) {
    if (!s.last_import) return std::nullopt;
    return LastUpdate{s.last_import->at, s.last_import->actor};
}

Html visibility_badge(const std::optional<model::Visibility>& visibility) {
    Html h;
    if (!visibility) return h("<span class=\"badge\">not set</span>");
    const auto& v = *visibility;
    const auto scope = std::string(model::to_string(v.scope));
    if (v.scope == model::VisibilityScope::agencies) {
        std::string names;
        for (const auto& a : v.agencies) names += (names.empty() ? "" : ", ") + a;
        return h("<span class=\"badge agencies\">agencies: {}</span>", names);
    }
    return h("<span class=\"badge {}\">{}</span>", scope, scope == "partners" ? "all partners" : scope);
}

// The whole document around `body`.
void send_page(Context& ctx, int status, const std::string& title, const Html& body,
               const std::optional<LastUpdate>& last) {
    Html h;
    h("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · Global Exploration Roadmap</title><link rel=\"stylesheet\" href=\"/static/ger.css\"></head><body>"
      "<a class=\"skip\" href=\"#main\">Skip to content</a>"
      "<header class=\"site\"><div class=\"bar\"><a class=\"brand\" href=\"/\">Global Exploration Roadmap</a>"
      "<nav aria-label=\"Main\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/roadmap\">Roadmap</a></li>"
      "<li><a href=\"/asteroids\">Asteroids</a></li><li><a href=\"/editions\">Editions</a></li>",
      title);
    if (ctx.session) {
        h("<li><a href=\"/workspace\">Workspace ({})</a></li><li><form method=\"post\" action=\"/logout\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">Log out</button></form></li>",
          ctx.caller.user, ctx.session->csrf);
    } else {
        h("<li><a href=\"/login\">Agency log in</a></li>");
    }
    h("</ul></nav></div></header><main id=\"main\">{}</main><footer class=\"site\">", body);
    if (last) {
        h("<p>Last updated <time datetime=\"{}\">{}</time> by {}.</p>", model::format_timestamp(last->at),
          when_text(last->at), last->author);
    }
    h("<p>The International Space Exploration Coordination Group's shared roadmap. Each agency owns its records "
      "and decides who sees them.</p></footer></body></html>\n");
    ctx.res.status = status;
    ctx.res.set_content(h.str(), "text/html; charset=utf-8");
}

void redirect(Context& ctx, const std::string& to) {
    ctx.res.status = 303;
    ctx.res.set_header("Location", to);
}

// ---- public pages ---------------------------------------------------------------------------------------

std::map<std::string, std::vector<std::string>> editions_signed(const model::Dataset& d) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : d.editions) {
        for (const auto& a : e.signatories) out[a].push_back(e.name);
    }
    return out;
}

namespace {

constexpr std::size_t home_updates = 10;       // entries in the home page's latest updates
constexpr std::size_t workspace_changes = 50;  // entries in the workspace's "changed since your last visit"
constexpr std::size_t audit_rows = 200;        // entries per page of the workspace's audit log

// Up to `count` change-feed entries `caller` may read now (the record's current visibility, access.hpp), newest
// first, without whole-data-set imports; read page by page from the store, never the whole log.
std::vector<model::AuditEntry> readable_changes(Context& ctx, const Caller& caller,
                                                std::optional<Timestamp> since, std::size_t count) {
    store::AuditQuery query{.view = store::AuditView::changes, .reader = audit_reader(caller), .since = since,
                            .limit = count};
    std::vector<model::AuditEntry> out;
    while (out.size() < count) {
        const auto page = ctx.store.audit_page(query);
        for (const auto& item : page.items) {
            if (out.size() == count) break;
            if (can_read_change(caller, item.scope) && item.entry.record_kind != "dataset") {
                out.push_back(item.entry);
            }
        }
        if (!page.next) break;
        query.before = page.next;  // imports were skipped: the next page fills the list (imports are rare)
    }
    return out;
}

}  // namespace

void home(Context& ctx) {
    const auto& d = ctx.data().data;
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
    h("<h2>Why we explore</h2><div class=\"cards\">");
    for (const auto& g : d.goals) h("<div class=\"card\"><h3>{}. {}</h3><p>{}</p></div>", g.number, g.title, g.description);
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

Html options(const std::vector<std::pair<std::string, std::string>>& values, const std::optional<std::string>& chosen,
             const std::string& any_label) {
    Html h;
    h("<option value=\"\">{}</option>", any_label);
    for (const auto& [value, label] : values) {
        if (chosen && *chosen == value) {
            h("<option value=\"{}\" selected>{}</option>", value, label);
        } else {
            h("<option value=\"{}\">{}</option>", value, label);
        }
    }
    return h;
}

template <class E>
std::vector<std::pair<std::string, std::string>> enum_options() {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto v : model::EnumNames<E>::values) out.emplace_back(std::string(v), std::string(v));
    return out;
}

Html mission_row(const model::Mission& m, bool with_visibility) {
    std::string partners;
    for (const auto& p : m.partners) partners += (partners.empty() ? "" : ", ") + p;
    Html h;
    h("<tr><td><a href=\"/missions/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td>"
      "<td>{}</td>",
      m.id, m.name, m.lead_agency, partners, m.launch ? m.launch->to_string() : std::string("undated"),
      model::to_string(m.kind), model::to_string(m.type), model::to_string(m.status), model::to_string(m.commitment));
    if (with_visibility) h("<td>{}</td>", visibility_badge(m.visibility));
    return h("</tr>");
}

Html mission_table(const std::vector<const model::Mission*>& missions, bool with_visibility) {
    Html h;
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Missions\"><table><thead><tr><th scope=\"col\">Mission</th><th scope=\"col\">Lead</th>"
      "<th scope=\"col\">Partners</th><th scope=\"col\">Launch</th><th scope=\"col\">Kind</th>"
      "<th scope=\"col\">Status</th><th scope=\"col\">Commitment</th>");
    if (with_visibility) h("<th scope=\"col\">Visible to</th>");
    h("</tr></thead><tbody>");
    for (const auto* m : missions) h.add(mission_row(*m, with_visibility));
    return h("</tbody></table></div>");
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
    const auto& d = ctx.data().data;
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
    model::Dataset data = ctx.data().data;
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
    const auto& d = ctx.data().data;
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

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? "none" : out;
}

// ---- login ----------------------------------------------------------------------------------------------

constexpr std::chrono::hours login_form_lifetime{1};

// A line in the security log about this request's client (app.hpp, log_value).
std::string client_text(const Context& ctx) {
    return ctx.req.client_addr.empty() ? ctx.req.remote_addr : ctx.req.client_addr;
}

void login_form(Context& ctx, int status, const std::string& error, const std::string& name) {
    auto token = ctx.req.cookie(ctx.app.cookies.name(login_cookie));
    if (token.empty()) {
        token = random_token(32);
        ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(login_cookie, token, "/login", login_form_lifetime));
    }
    Html h;
    h("<h1>Agency log in</h1>");
    if (!error.empty()) h("<p class=\"error-summary\" role=\"alert\">{}</p>", error);
    h("<form method=\"post\" action=\"/login\" class=\"card\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<div class=\"field\"><label for=\"name\">User name</label><input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required value=\"{}\"></div><div class=\"field\"><label for=\"password\">Password"
      "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required></div><button type=\"submit\">Log in</button></form>",
      token, name);
    send_page(ctx, status, "Log in", h, std::nullopt);
}

void login_page(Context& ctx) {
    if (ctx.session) return redirect(ctx, "/workspace");
    login_form(ctx, 200, "", "");
}

// A verification against a fixed hash for unknown names, so response times do not reveal which names exist.
const std::string& decoy_hash() {
    static const std::string hash = hash_password(random_token(16));
    return hash;
}

// Behind a public URL, a form must come from a page of that origin (browsers send Origin on every POST); a
// request without Origin (an old browser, curl) is left to the CSRF token. Defence in depth beside the tokens
// and SameSite=Strict.
bool same_origin(const Context& ctx) {
    if (ctx.app.public_origin.empty()) return true;
    const auto* origin = ctx.req.headers.find("Origin");
    return origin == nullptr || *origin == ctx.app.public_origin;
}

std::string wait_text(std::chrono::seconds wait) {
    if (wait.count() < 120) return std::to_string(wait.count()) + " seconds";
    return std::to_string((wait.count() + 59) / 60) + " minutes";
}

void login(Context& ctx) {
    const auto name = ctx.form("name");
    const auto password = ctx.form("password");
    const auto expected = ctx.req.cookie(ctx.app.cookies.name(login_cookie));
    const bool token_ok = !expected.empty() && equal_secret(ctx.form("csrf"), expected);
    if (!token_ok || !same_origin(ctx)) {
        spdlog::warn("security: csrf-failure status=403 type=csrf route=\"POST /login\" caller=anonymous user={} "
                     "client={} check={}",
                     log_value(name), client_text(ctx), token_ok ? "origin" : "token");
        return login_form(ctx, 403, "Your login form expired. Please try again.", name);
    }
    auto& throttle = *ctx.app.login_throttle;
    const auto client = client_text(ctx);
    if (const auto decision = throttle.check(name, client); !decision.allowed()) {
        spdlog::warn("security: login-throttled user={} client={} limit={} retry_after={}s", log_value(name), client,
                     decision.limit == LoginThrottle::Limit::pair ? "account+address" : "address",
                     decision.retry_after.count());
        ctx.res.set_header("Retry-After", std::to_string(decision.retry_after.count()));
        return login_form(ctx, 429, "Too many failed attempts. Try again in " + wait_text(decision.retry_after) + ".",
                          name);
    }
    auto user = ctx.store.user(name);
    const bool ok = verify_password(password, user ? user->password_hash : decoy_hash()) && user.has_value();
    if (!ok) {
        const auto next = throttle.failure(name, client);
        spdlog::warn("security: login-failed user={} client={} reason={} retry_after={}s", log_value(name), client,
                     user ? "wrong-password" : "unknown-user", next.retry_after.count());
        return login_form(ctx, 401, "Wrong user name or password.", name);
    }
    throttle.success(name, client);
    const auto id = random_token(32);
    store::Session session{user->name, random_token(32), now(), now() + session_lifetime, {}};
    session.previous_visit = ctx.store.record_visit(user->name, now());
    ctx.store.create_session(digest(id), session);
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(session_cookie, id, "/",
                                                         std::chrono::duration_cast<std::chrono::seconds>(
                                                             session_lifetime)));
    // The login form's token has done its job; a new one comes with the next form.
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(login_cookie, "", "/login", std::chrono::seconds(0)));
    spdlog::info("security: login-ok user={} client={}", log_value(user->name), client);
    redirect(ctx, "/workspace");
}

void require_session(Context& ctx) {
    if (!ctx.session) {
        HttpError e(Problem::login_required, "log in first");
        e.headers.emplace_back("Location", "/login");
        throw e;
    }
}

// A failure is logged once, by the error boundary (server.cpp), as every 401 and 403 is.
void require_csrf(Context& ctx) {
    require_session(ctx);
    if (!equal_secret(ctx.form("csrf"), ctx.session->csrf)) {
        throw HttpError(Problem::csrf, "This form is out of date. Go back, reload the page and retry.");
    }
    if (!same_origin(ctx)) throw HttpError(Problem::csrf, "This form was sent from another site.");
}

void logout(Context& ctx) {
    require_csrf(ctx);
    ctx.store.delete_session(ctx.session_digest);
    ctx.res.add_header("Set-Cookie", ctx.app.cookies.set(session_cookie, "", "/", std::chrono::seconds(0)));
    spdlog::info("security: logout user={} client={}", log_value(ctx.caller.user), client_text(ctx));
    redirect(ctx, "/");
}

// ---- workspace ------------------------------------------------------------------------------------------

const char* action_verb(model::AuditAction a) {
    return a == model::AuditAction::create ? "created" : a == model::AuditAction::update ? "updated" : "removed";
}

void workspace(Context& ctx) {
    require_session(ctx);
    const auto& d = ctx.data().data;
    Html h;
    h("<h1>Workspace</h1><p>Signed in as <strong>{}</strong> ({}{}).</p>", ctx.caller.user,
      store::to_string(*ctx.caller.role), ctx.caller.agency.empty() ? std::string() : ", " + ctx.caller.agency);
    if (ctx.caller.planner()) {
        std::vector<const model::Mission*> own;
        for (const auto& m : d.missions) {
            if (m.lead_agency == ctx.caller.agency) own.push_back(&m);
        }
        h("<h2 id=\"own\">{}'s missions</h2><p><a class=\"button\" href=\"/workspace/missions/new\">New mission</a>"
          "</p>",
          ctx.caller.agency);
        h.add(own.empty() ? Html()("<p>None yet.</p>") : mission_table(own, true));
        h("<h2 id=\"capabilities\">{}'s capabilities</h2><p><a class=\"button\" href=\"/workspace/capabilities/new\">"
          "New capability</a></p><ul>",
          ctx.caller.agency);
        for (const auto& c : d.capabilities) {
            if (c.provider == ctx.caller.agency) {
                h("<li><a href=\"/workspace/capabilities/{}\">{}</a> ({}, {}{}) {}</li>", c.id, c.name,
                  model::to_string(c.kind), model::to_string(c.status),
                  c.readiness ? ", ready " + c.readiness->to_string() : std::string(), visibility_badge(c.visibility));
            }
        }
        h("</ul>");
    } else {
        h("<p class=\"notice\">The secretariat reads every record, manages the goals and objectives and compiles "
          "the editions; agencies' missions and capabilities are edited only by their own planners.</p>"
          "<p><a class=\"button\" href=\"/workspace/roadmap\">Goals and objectives</a> "
          "<a class=\"button\" href=\"/workspace/editions\">Freeze an edition</a></p>");
    }
    std::vector<const model::Mission*> shared;
    for (const auto& m : d.missions) {
        if (m.visibility && m.visibility->scope != model::VisibilityScope::public_ && m.lead_agency != ctx.caller.agency &&
            can_read(ctx.caller, m)) {
            shared.push_back(&m);
        }
    }
    h("<h2 id=\"shared\">Shared with me</h2><p>Missions partners share with {} that the public does not see.</p>",
      ctx.caller.agency.empty() ? std::string("the secretariat") : ctx.caller.agency);
    h.add(shared.empty() ? Html()("<p>Nothing shared yet.</p>") : mission_table(shared, true));
    std::vector<const model::Capability*> shared_caps;
    for (const auto& c : d.capabilities) {
        if (c.visibility && c.visibility->scope != model::VisibilityScope::public_ && c.provider != ctx.caller.agency &&
            can_read(ctx.caller, c)) {
            shared_caps.push_back(&c);
        }
    }
    if (!shared_caps.empty()) {
        h("<ul>");
        for (const auto* c : shared_caps) h("<li>{} ({}) {}</li>", c->name, c->provider, visibility_badge(c->visibility));
        h("</ul>");
    }
    const auto since = ctx.session->previous_visit;
    h("<h2 id=\"changes\">Changed since your last visit</h2>");
    if (since) {
        h("<p>Since {}.</p>", when_text(*since));
    } else {
        h("<p>This is your first visit: all changes are new to you.</p>");
    }
    const auto entries = readable_changes(ctx, ctx.caller, since, workspace_changes);
    Html list;
    std::size_t shown = 0;
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        list("<li><time datetime=\"{}\">{}</time>: {} ({}) {} {} {}</li>", model::format_timestamp(it->at),
             when_text(it->at), it->actor, it->agency.empty() ? std::string("secretariat") : it->agency,
             action_verb(it->action), it->record_kind, it->record_id);
        ++shown;
    }
    if (shown == 0) {
        h("<p>Nothing changed.</p>");
    } else {
        h("<ul>{}</ul>", list);
    }
    h("<h2>More</h2><ul><li><a href=\"/workspace/analysis\">Analysis of what you can see</a></li>"
      "<li><a href=\"/workspace/audit\">Audit log</a></li>"
      "<li><a href=\"/workspace/tokens\">API tokens</a></li><li><a href=\"/api/v1/openapi.json\">API description "
      "(OpenAPI)</a></li></ul>");
    send_page(ctx, 200, "Workspace", h, std::nullopt);
}

// The form's fields as the JSON the model reads; `number_error` is set when duration_days is not a number.
json mission_json_from_form(const Context& ctx, std::optional<std::string>& number_error) {
    const auto optional_text = [&](const std::string& name) -> json {
        auto v = ctx.form(name);
        return v.empty() ? json(nullptr) : json(v);
    };
    const auto list = [&](const std::string& name) {
        json out = json::array();
        std::string text = ctx.form(name);
        std::size_t at = 0;
        while (at <= text.size()) {
            auto end = text.find(',', at);
            if (end == std::string::npos) end = text.size();
            auto item = text.substr(at, end - at);
            item.erase(0, item.find_first_not_of(" \t\r\n"));
            item.erase(item.find_last_not_of(" \t\r\n") + 1);
            if (!item.empty()) out.push_back(item);
            at = end + 1;
        }
        return out;
    };
    json duration = nullptr;
    if (auto text = ctx.form("duration_days"); !text.empty()) {
        try {
            std::size_t used = 0;
            duration = std::stod(text, &used);
            if (used != text.size()) throw std::invalid_argument(text);
        } catch (const std::exception&) {
            number_error = "'" + text + "' is not a number of days";
        }
    }
    return {{"id", ctx.form("id")},
            {"name", ctx.form("name")},
            {"lead_agency", ctx.caller.agency},
            {"partners", ctx.form_all("partners")},
            {"destination", ctx.form("destination")},
            {"target_body", optional_text("target_body")},
            {"kind", ctx.form("kind")},
            {"type", ctx.form("type")},
            {"launch", optional_text("launch")},
            {"duration_days", duration},
            {"status", ctx.form("status")},
            {"commitment", ctx.form("commitment")},
            {"objectives", ctx.form_all("objectives")},
            {"capabilities_required", list("capabilities_required")},
            {"capabilities_provided", list("capabilities_provided")},
            {"precursors", list("precursors")},
            {"visibility", {{"scope", ctx.form("visibility_scope")}, {"agencies", ctx.form_all("visibility_agencies")}}},
            {"description", ctx.form("description")},
            {"source", ctx.form("source")}};
}

// "/visibility/agencies/0" -> "visibility"
std::string field_of(const std::string& path) {
    auto p = path;
    if (!p.empty() && p.front() == '/') p.erase(0, 1);
    return p.substr(0, p.find('/'));
}

Html field_errors(const FieldErrors& errors, const std::string& field) {
    Html h;
    auto it = errors.find(field);
    if (it == errors.end()) return h;
    for (const auto& message : it->second) h("<p class=\"error\" id=\"{}-error\">{}</p>", field, message);
    return h;
}

std::string invalid(const FieldErrors& errors, const std::string& field) {
    return errors.count(field) ? " invalid" : "";
}

Html text_field(const FieldErrors& errors, const json& values, const std::string& name, const std::string& label,
                const std::string& hint, bool required, bool readonly) {
    std::string value;
    if (values.contains(name) && values[name].is_string()) value = values[name].get<std::string>();
    if (values.contains(name) && values[name].is_number()) value = values[name].dump();
    Html h;
    h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<input id=\"m-{}\" name=\"{}\" value=\"{}\"", invalid(errors, name),
      name, label, field_errors(errors, name), name, name, value);
    if (!hint.empty()) h(" aria-describedby=\"{}-hint\"", name);
    if (errors.count(name)) h(" aria-invalid=\"true\"");
    if (required) h(" required");
    if (readonly) h(" readonly");
    h(">");
    if (!hint.empty()) h("<p class=\"hint\" id=\"{}-hint\">{}</p>", name, hint);
    return h("</div>");
}


std::set<std::string> string_set(const json& values, const std::string& name) {
    std::set<std::string> out;
    if (values.contains(name) && values[name].is_array()) {
        for (const auto& v : values[name]) {
            if (v.is_string()) out.insert(v.get<std::string>());
        }
    }
    return out;
}

std::string list_text(const json& values, const std::string& name) {
    std::string out;
    for (const auto& v : string_set(values, name)) out += (out.empty() ? "" : ", ") + v;
    return out;
}

Html checkboxes(const std::string& name, const std::vector<std::pair<std::string, std::string>>& choices,
                const std::set<std::string>& chosen, const std::string& skip) {
    Html h;
    h("<div class=\"checks\">");
    for (const auto& [value, label] : choices) {
        if (value == skip) continue;
        if (chosen.count(value)) {
            h("<label><input type=\"checkbox\" name=\"{}\" value=\"{}\" checked> {}</label>", name, value, label);
        } else {
            h("<label><input type=\"checkbox\" name=\"{}\" value=\"{}\"> {}</label>", name, value, label);
        }
    }
    return h("</div>");
}

Html visibility_fields(const Context& ctx, const FieldErrors& errors, const json& values) {
    std::vector<std::pair<std::string, std::string>> agencies;
    for (const auto& a : ctx.data().data.agencies) agencies.emplace_back(a.code, a.code);
    std::string scope;  // none chosen unless the record says: a form never defaults to public
    std::set<std::string> shared_with;
    if (values.contains("visibility") && values["visibility"].is_object()) {
        const auto& v = values["visibility"];
        if (v.contains("scope") && v["scope"].is_string()) scope = v["scope"].get<std::string>();
        shared_with = string_set(v, "agencies");
    }
    Html h;
    h("<fieldset class=\"field{}\"><legend>Who may see it</legend>{}<div class=\"checks\">", invalid(errors, "visibility"),
      field_errors(errors, "visibility"));
    for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
             {"public", "Everyone (public)"}, {"partners", "All partner agencies"}, {"agencies", "Only these agencies:"}}) {
        if (scope == value) {
            h("<label><input type=\"radio\" name=\"visibility_scope\" value=\"{}\" checked> {}</label>", value, label);
        } else {
            h("<label><input type=\"radio\" name=\"visibility_scope\" value=\"{}\"> {}</label>", value, label);
        }
    }
    return h("</div>{}</fieldset>", checkboxes("visibility_agencies", agencies, shared_with, ctx.caller.agency));
}

std::string id_hint(const Context& ctx, bool creating) {
    if (!creating) return "never changes";
    return "begins with " + model::id_prefix(ctx.caller.agency) + " (your agency's code), then lowercase letters, "
           "digits and dashes; never changes";
}

void mission_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                  int version) {
    const auto& d = ctx.data().data;
    std::vector<std::pair<std::string, std::string>> agencies;
    for (const auto& a : d.agencies) agencies.emplace_back(a.code, a.code);
    std::vector<std::pair<std::string, std::string>> objectives;
    for (const auto& o : d.objectives) objectives.emplace_back(o.id, o.title);
    std::optional<std::string> destination;
    if (values.contains("destination") && values["destination"].is_string()) {
        destination = values["destination"].get<std::string>();
    }
    std::vector<std::pair<std::string, std::string>> destinations;
    for (const auto& x : d.destinations) destinations.emplace_back(x.code, x.name);
    const std::string id = values.contains("id") && values["id"].is_string() ? values["id"].get<std::string>() : "";
    Html h;
    h("<h1>{}</h1>", creating ? std::string("New mission") : "Edit " + id);
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">The mission was not saved: please correct the fields marked "
          "below.</p>");
        h.add(field_errors(errors, ""));
    }
    h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"version\" value=\"{}\">",
      creating ? std::string("/workspace/missions") : "/workspace/missions/" + id, ctx.session->csrf, version);
    h.add(text_field(errors, values, "id", "Id", id_hint(ctx, creating), true, !creating));
    h.add(text_field(errors, values, "name", "Name", "", true));
    h("<div class=\"field{}\"><label for=\"m-destination\">Destination</label>{}<select id=\"m-destination\" "
      "name=\"destination\">{}</select></div>",
      invalid(errors, "destination"), field_errors(errors, "destination"),
      options(destinations, destination, "Choose a destination"));
    h.add(text_field(errors, values, "target_body", "Target body", "optional, e.g. Phobos or 2000 SG344"));
    h.add(enum_field<model::MissionKind>(errors, values, "kind", "Kind"));
    h.add(enum_field<model::MissionType>(errors, values, "type", "Type"));
    h.add(text_field(errors, values, "launch", "Launch", "YYYY, YYYY-MM, YYYY-MM-DD, or a window START/END"));
    h.add(text_field(errors, values, "duration_days", "Duration [days]", "optional"));
    h.add(enum_field<model::MissionStatus>(errors, values, "status", "Status"));
    h.add(enum_field<model::Commitment>(errors, values, "commitment", "Commitment"));
    h("<fieldset class=\"field{}\"><legend>Partner agencies</legend>{}{}</fieldset>", invalid(errors, "partners"),
      field_errors(errors, "partners"), checkboxes("partners", agencies, string_set(values, "partners"), ctx.caller.agency));
    h.add(visibility_fields(ctx, errors, values));
    h("<fieldset class=\"field{}\"><legend>Objectives addressed</legend>{}{}</fieldset>", invalid(errors, "objectives"),
      field_errors(errors, "objectives"), checkboxes("objectives", objectives, string_set(values, "objectives"), ""));
    Html lists;
    for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
             {"capabilities_required", "Capabilities required"},
             {"capabilities_provided", "Capabilities provided"},
             {"precursors", "Precursor missions"}}) {
        json v = {{name, list_text(values, name)}};
        lists.add(text_field(errors, v, name, label, "ids separated by commas"));
    }
    h.add(lists);
    std::string description = values.contains("description") && values["description"].is_string()
                                  ? values["description"].get<std::string>()
                                  : "";
    h("<div class=\"field{}\"><label for=\"m-description\">Description</label>{}<textarea id=\"m-description\" "
      "name=\"description\">{}</textarea></div>",
      invalid(errors, "description"), field_errors(errors, "description"), description);
    h.add(text_field(errors, values, "source", "Source", "where the facts come from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create mission" : "Save changes");
    if (!creating) {
        h("<form method=\"post\" action=\"/workspace/missions/{}/delete\" class=\"card\"><input type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\"><button class=\"danger\" "
          "type=\"submit\">Delete this mission</button></form>",
          id, ctx.session->csrf, version);
    }
    send_page(ctx, status, creating ? "New mission" : "Edit " + id, h, std::nullopt);
}

void require_planner_page(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "Only an agency's planners edit its missions.");
    }
}

void new_mission(Context& ctx) {
    require_planner_page(ctx);
    mission_form(ctx, 200,
                 {{"id", model::id_prefix(ctx.caller.agency)}, {"kind", "robotic"}, {"status", "planned"},
                  {"commitment", "study"}, {"visibility", {{"scope", "partners"}}}},
                 {}, true, 0);
}

FieldErrors errors_of(const model::ValidationError& e) {
    FieldErrors out;
    for (const auto& fe : e.errors()) out[field_of(fe.path)].push_back(fe.message);
    return out;
}

// The current mission for an edit: 404 unless the caller may read it, 403 unless they may write it.
model::Mission editable_mission(Context& ctx, const std::string& id) {
    require_planner_page(ctx);
    // NOTE: the snapshot first, so an absent id and a hidden one cost the same (as the API's writable_record).
    const auto data = ctx.app.snapshots.current(ctx.store);
    const auto* seen = data->mission(id);
    if (!seen || !can_read(ctx.caller, *seen)) throw not_found("mission", id);
    auto m = ctx.store.mission(id);
    if (!m || !can_read(ctx.caller, *m)) throw not_found("mission", id);
    if (!can_write(ctx.caller, *m)) {
        throw HttpError(Problem::forbidden, "Only planners of " + m->lead_agency + " edit this mission.");
    }
    return *m;
}

int form_version(const Context& ctx) {
    try {
        return std::stoi(ctx.form("version"));
    } catch (const std::exception&) {
        throw HttpError(Problem::bad_form, "The form lacks its version; reload the page.");
    }
}

void create_mission(Context& ctx) {
    require_planner_page(ctx);
    require_csrf(ctx);
    std::optional<std::string> number_error;
    auto values = mission_json_from_form(ctx, number_error);
    FieldErrors errors;
    if (number_error) errors["duration_days"].push_back(*number_error);
    if (errors.empty()) {
        try {
            auto m = model::mission_from_json(values);
            // NOTE: before the store looks for the id, so "taken" is only ever about the agency's own records.
            model::throw_if_any(model::validate_new_id(m.id, ctx.caller.agency));
            ctx.store.create_mission(m, actor_of(ctx.caller));
            return redirect(ctx, "/workspace#own");
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors["id"].push_back("this id is taken; choose another");
        }
    }
    mission_form(ctx, 422, values, errors, true, 0);
}

void edit_mission(Context& ctx) {
    const auto m = editable_mission(ctx, ctx.path_param("id"));
    // The form shows (and so sends back) only the references the planner may read; the store keeps the others.
    mission_form(ctx, 200, model::to_json(view_of(ctx.caller, m, *ctx.app.snapshots.current(ctx.store))), {}, false,
                 m.meta.version);
}

void update_mission(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = editable_mission(ctx, id);
    require_csrf(ctx);
    const int version = form_version(ctx);
    std::optional<std::string> number_error;
    auto values = mission_json_from_form(ctx, number_error);
    values["id"] = id;
    FieldErrors errors;
    if (number_error) errors["duration_days"].push_back(*number_error);
    if (errors.empty()) {
        try {
            ctx.store.update_mission(model::mission_from_json(values), version, actor_of(ctx.caller));
            return redirect(ctx, "/missions/" + id);
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors[""].push_back("Someone changed this mission (now version " + std::to_string(current.meta.version) +
                                 ") after you opened it. Your changes were not saved: open the mission again and "
                                 "reapply them.");
        }
    }
    mission_form(ctx, errors.count("") ? 409 : 422, values, errors, false, version);
}

void delete_mission(Context& ctx) {
    const auto& id = ctx.path_param("id");
    editable_mission(ctx, id);
    require_csrf(ctx);
    try {
        ctx.store.delete_mission(id, form_version(ctx), actor_of(ctx.caller));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale, "Someone changed this mission meanwhile; nothing was deleted.");
    }
    redirect(ctx, "/workspace#own");
}

void audit_page(Context& ctx) {
    require_session(ctx);
    store::AuditQuery query{.view = store::AuditView::audit, .reader = audit_reader(ctx.caller), .limit = audit_rows};
    if (auto before = ctx.query("before")) {
        long long id = 0;
        const auto [ptr, ec] = std::from_chars(before->data(), before->data() + before->size(), id);
        if (ec != std::errc() || ptr != before->data() + before->size() || id < 1) {
            throw HttpError(Problem::invalid_parameter, "before: '" + *before + "' is not an entry id",
                            {{"query/before", "an entry id, at least 1"}});
        }
        query.before = id;
    }
    const auto page = ctx.store.audit_page(query);
    Html h;
    h("<h1>Audit log</h1><p>Every change to {}'s records: who, when, and the record before and after. Newest "
      "first.</p>",
      ctx.caller.agency.empty() ? std::string("every agency") : ctx.caller.agency);
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Audit log\"><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
      "<th scope=\"col\">What</th><th scope=\"col\">Before / after</th></tr></thead><tbody>");
    std::size_t shown = 0;
    for (const auto& item : page.items) {
        if (!can_read_audit(ctx.caller, item.scope)) continue;
        ++shown;
        const auto entry = view_of(ctx.caller, item.entry, ctx.data());  // copies name only records the caller reads
        h("<tr><td>{}</td><td>{}</td><td>{} {} {}", when_text(entry.at), entry.actor, action_verb(entry.action),
          entry.record_kind, entry.record_id);
        if (!entry.note.empty()) h("<br><small>{}</small>", entry.note);
        h("</td><td>");
        if (!entry.before.empty()) {
            h("<details><summary>before</summary><pre>{}</pre></details>", json::parse(entry.before).dump(1));
        }
        if (!entry.after.empty()) {
            h("<details><summary>after</summary><pre>{}</pre></details>", json::parse(entry.after).dump(1));
        }
        h("</td></tr>");
    }
    h("</tbody></table></div>");
    if (shown == 0) h("<p>No entries.</p>");
    if (page.next) h("<p><a href=\"/workspace/audit?before={}\">Older entries</a></p>", *page.next);
    send_page(ctx, 200, "Audit log", h, std::nullopt);
}

void tokens_page_with(Context& ctx, const std::string& fresh) {
    Html h;
    h("<h1>API tokens</h1><p>A token lets a program use the API as you (<code>Authorization: Bearer …</code>).</p>");
    if (!fresh.empty()) {
        h("<p class=\"notice\" role=\"status\">Your new token (shown once; copy it now): <code>{}</code></p>", fresh);
    }
    h("<form method=\"post\" action=\"/workspace/tokens\" class=\"card\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\"><div class=\"field\"><label for=\"t-label\">Label</label><input id=\"t-label\" name=\"label\" "
      "required></div><button type=\"submit\">Create token</button></form><ul>",
      ctx.session->csrf);
    for (const auto& t : ctx.store.tokens(ctx.caller.user)) {
        if (t.revoked_at) {
            h("<li>{} (created {}; revoked {})</li>", t.label, when_text(t.created_at), when_text(*t.revoked_at));
        } else {
            h("<li>{} (created {}) <form method=\"post\" action=\"/workspace/tokens/{}/revoke\"><input type=\"hidden\" "
              "name=\"csrf\" value=\"{}\"><button class=\"danger\" type=\"submit\">Revoke</button></form></li>",
              t.label, when_text(t.created_at), t.id, ctx.session->csrf);
        }
    }
    h("</ul>");
    send_page(ctx, 200, "API tokens", h, std::nullopt);
}

void tokens_page(Context& ctx) {
    require_session(ctx);
    tokens_page_with(ctx, "");
}

void create_token(Context& ctx) {
    require_csrf(ctx);
    const auto token = generate_api_token();
    auto label = ctx.form("label");
    if (label.empty()) label = "unnamed";
    ctx.store.create_token(ctx.caller.user, digest(token), label.substr(0, 100));
    tokens_page_with(ctx, token);
}

void revoke_token(Context& ctx) {
    require_csrf(ctx);
    long long id = 0;
    try {
        id = std::stoll(ctx.path_param("id"));
    } catch (const std::exception&) {
        throw not_found("token", ctx.path_param("id"));
    }
    if (!ctx.store.revoke_token(id, ctx.caller.user)) throw not_found("token", ctx.path_param("id"));
    redirect(ctx, "/workspace/tokens");
}

Route page(std::string method, std::string path, std::string summary, Handler handler, bool cacheable) {
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.summary = std::move(summary);
    r.audience = Audience::page;
    r.handler = std::move(handler);
    r.cacheable = cacheable;
    return r;
}

void send_error_page(http::Response& res, const HttpError& error, const Caller& caller) {
    res.status = error.status();
    for (const auto& [name, value] : error.headers) res.add_header(name, value);
    Html h;
    h("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>{} · Global Exploration Roadmap</title>"
      "<link rel=\"stylesheet\" href=\"/static/ger.css\"></head><body><header class=\"site\"><div class=\"bar\">"
      "<a class=\"brand\" href=\"/\">Global Exploration Roadmap</a><nav aria-label=\"Main\"><ul>"
      "<li><a href=\"/roadmap\">Roadmap</a></li><li><a href=\"{}\">{}</a></li></ul></nav></div></header>"
      "<main id=\"main\"><h1>{}</h1><p>{}</p><p><a href=\"/\">Home</a></p></main></body></html>\n",
      error.title(), caller.anonymous() ? "/login" : "/workspace", caller.anonymous() ? "Agency log in" : "Workspace",
      error.status() == 404 ? std::string("Not found") : error.title(),
      error.status() == 404 ? std::string("There is no such page.") : std::string(error.what()));
    res.set_content(h.str(), "text/html; charset=utf-8");
}

void add_portal_routes(App& app) {
    app.add(page("GET", "/", "Home", home, true));
    app.add(page("GET", "/roadmap", "The public roadmap", roadmap, true));
#if GER_SERVER_HAS_ROADMAP_CHART
    app.add(page("GET", "/roadmap.svg", "The public roadmap chart", roadmap_svg, true));
#endif
    app.add(page("GET", "/agencies/{code}", "An agency", agency_page, true));
    app.add(page("GET", "/static/roadmap.js", "The roadmap chart's script", [](Context& ctx) {
        ctx.res.set_header("Cache-Control", "public, max-age=3600");
        ctx.res.set_content(std::string(roadmap_script()), "text/javascript; charset=utf-8");
    }));
    app.add(page("GET", "/static/ger.css", "Stylesheet", [](Context& ctx) {
        ctx.res.set_header("Cache-Control", "public, max-age=3600");
        ctx.res.set_content(std::string(stylesheet()), "text/css; charset=utf-8");
    }));
    app.add(page("GET", "/login", "Log in", login_page));
    app.add(page("POST", "/login", "Log in", login));
    app.add(page("POST", "/logout", "Log out", logout));
    app.add(page("GET", "/workspace", "Workspace", workspace));
    app.add(page("GET", "/workspace/missions/new", "New mission", new_mission));
    app.add(page("POST", "/workspace/missions", "Create a mission", create_mission));
    app.add(page("GET", "/workspace/missions/{id}", "Edit a mission", edit_mission));
    app.add(page("POST", "/workspace/missions/{id}", "Save a mission", update_mission));
    app.add(page("POST", "/workspace/missions/{id}/delete", "Delete a mission", delete_mission));
    app.add(page("GET", "/workspace/audit", "Audit log", audit_page));
    app.add(page("GET", "/workspace/tokens", "API tokens", tokens_page));
    app.add(page("POST", "/workspace/tokens", "Create an API token", create_token));
    app.add(page("POST", "/workspace/tokens/{id}/revoke", "Revoke an API token", revoke_token));
    add_record_page_routes(app);
    add_asteroid_routes(app);
    add_workspace_record_routes(app);
    add_comment_page_routes(app);  // before the editions': /editions/{name}/comments is no download
    add_edition_routes(app);
    add_analysis_routes(app);
}

}  // namespace ger::server::detail
