// The portal's page kit (detail/pages.hpp): the page frame, redirects, session and CSRF checks, the change feed
// a reader may see, mission tables, and form fields that show their errors next to them. Every value goes
// through html::escape (the Html builder).
#include <algorithm>
#include <charconv>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/pages.hpp"
#include "server/html.hpp"

namespace ger::server::detail {

using html::Html;
using nlohmann::json;
using model::Timestamp;

std::string when_text(Timestamp t) {
    auto text = model::format_timestamp(t);
    return text.substr(0, 10) + " " + text.substr(11, 5) + " UTC";
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
      "<li><a href=\"/asteroids\">Asteroids</a></li><li><a href=\"/editions\">Editions</a></li>"
      "<li><a href=\"/workshops\">Workshops</a></li>",
      title);
    if (ctx.session) {
        h("<li><a href=\"/workspace\">Workspace ({})</a></li><li><form method=\"post\" action=\"/logout\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">Log out</button></form></li>",
          ctx.caller.user, ctx.session->csrf);
    } else {
        h("<li><a href=\"/login\">Agency log in</a></li>");
    }
    h("</ul></nav></div></header><main id=\"main\">{}</main><footer class=\"site\">", body);
    if (last && !last->editor.empty()) {
        h("<p class=\"page-updated\">Page last updated: <time datetime=\"{}\">{}</time> · Page editor: {}</p>",
          model::format_timestamp(last->at), model::format_timestamp(last->at).substr(0, 10), last->editor);
    } else if (last) {
        h("<p>Last updated <time datetime=\"{}\">{}</time> by {}.</p>", model::format_timestamp(last->at),
          when_text(last->at), last->author);
    }
    h("<nav aria-label=\"About the roadmap\"><ul class=\"footer-links\"><li><a href=\"/pages/about\">About</a></li>"
      "<li><a href=\"/pages/why-we-explore\">Why we explore</a></li><li><a href=\"/pages/partners\">Partners</a></li>"
      "<li><a href=\"/benefits\">Benefits</a></li></ul></nav>");
    h("<p>The International Space Exploration Coordination Group's shared roadmap. Each agency owns its records "
      "and decides who sees them.</p></footer></body></html>\n");
    ctx.res.status = status;
    ctx.res.set_content(h.str(), "text/html; charset=utf-8");
}

void redirect(Context& ctx, const std::string& to) {
    ctx.res.status = 303;
    ctx.res.set_header("Location", to);
}

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

namespace {

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

}  // namespace

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

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? "none" : out;
}

// Behind a public URL, a form must come from a page of that origin (browsers send Origin on every POST); a
// request without Origin (an old browser, curl) is left to the CSRF token. Defence in depth beside the tokens
// and SameSite=Strict.
bool same_origin(const Context& ctx) {
    if (ctx.app.public_origin.empty()) return true;
    const auto* origin = ctx.req.headers.find("Origin");
    return origin == nullptr || *origin == ctx.app.public_origin;
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

int form_int(const Context& ctx, const std::string& name) {
    const auto text = ctx.form(name);
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) {
        throw HttpError(Problem::bad_form,
                        "The form's hidden field " + name + " is missing or not a number; reload the page.");
    }
    return value;
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

Html trap_field_html() {
    Html h;
    return h("<div class=\"trap\" aria-hidden=\"true\"><label for=\"m-{}\">Leave this field empty</label>"
             "<input id=\"m-{}\" name=\"{}\" tabindex=\"-1\" autocomplete=\"off\"></div>",
             trap_field, trap_field, trap_field);
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
    for (const auto& a : ctx.data().dataset().agencies) agencies.emplace_back(a.code, a.code);
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

FieldErrors errors_of(const model::ValidationError& e) {
    FieldErrors out;
    for (const auto& fe : e.errors()) out[field_of(fe.path)].push_back(fe.message);
    return out;
}

std::string string_of(const json& values, const std::string& name) {
    return values.contains(name) && values[name].is_string() ? values[name].get<std::string>() : "";
}

void form_header(Html& h, const std::string& title, const FieldErrors& errors, const std::string& what) {
    h("<h1>{}</h1>", title);
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">The {} was not saved: please correct the fields marked below."
          "</p>",
          what);
        h.add(field_errors(errors, ""));
    }
}

Html form_start(const Context& ctx, const std::string& action, const std::string& stamp_field,
                const std::string& stamp) {
    Html h;
    return h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" "
             "value=\"{}\"><input type=\"hidden\" name=\"{}\" value=\"{}\">",
             action, ctx.session->csrf, stamp_field, stamp);
}

Html textarea_field(const FieldErrors& errors, const json& values, const std::string& name, const std::string& label) {
    Html h;
    return h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<textarea id=\"m-{}\" name=\"{}\">{}</textarea>"
             "</div>",
             invalid(errors, name), name, label, field_errors(errors, name), name, name, string_of(values, name));
}

Html agency_field(const Context& ctx, const FieldErrors& errors, const json& values, const std::string& name,
                  const std::string& label) {
    std::vector<std::pair<std::string, std::string>> agencies;
    for (const auto& a : ctx.data().dataset().agencies) agencies.emplace_back(a.code, a.code + " (" + a.name + ")");
    Html h;
    return h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<select id=\"m-{}\" name=\"{}\">{}</select></div>",
             invalid(errors, name), name, label, field_errors(errors, name), name, name,
             options(agencies, string_of(values, name), "Choose an agency"));
}

Html delete_form(const Context& ctx, const std::string& action, const std::string& stamp_field,
                 const std::string& stamp, const std::string& label) {
    Html h;
    return h("<form method=\"post\" action=\"{}\" class=\"card\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
             "<input type=\"hidden\" name=\"{}\" value=\"{}\"><button class=\"danger\" type=\"submit\">{}</button>"
             "</form>",
             action, ctx.session->csrf, stamp_field, stamp, label);
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
}  // namespace ger::server::detail
