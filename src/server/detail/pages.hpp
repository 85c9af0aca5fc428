// The portal's page kit (page_kit.cpp), shared by the page files: the page frame, redirects, session and CSRF
// checks, and form fields that show their errors next to them. The page files, one per family, each adding its
// routes through add_portal_routes (portal.cpp, with the error page):
//   public_pages.cpp       home, the roadmap and its chart, agencies
//   record_pages.cpp       missions, goals, capabilities
//   asteroids.cpp          the survey's table, pages and API
//   editions.cpp           editions, their downloads and diffs, freezing one
//   session_pages.cpp      login, logout, API tokens
//   workspace.cpp          the workspace, the audit log
//   mission_forms.cpp      the workspace's mission forms
//   workspace_records.cpp  the workspace's capability, goal and objective forms
//   analysis_page.cpp      the analysis of what the caller can see
//   content_pages.cpp      the content pages, their revisions and the secretariat's edit form
//   benefit_pages.cpp      the benefits of exploration: categories, their missions, the paper (HTML, PDF)
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/json.hpp"
#include "server/detail/app.hpp"
#include "server/html.hpp"

namespace ger::server::detail {

struct LastUpdate {
    model::Timestamp at{};
    std::string author;
    // A content page's editor: the footer then reads "Page last updated: DATE · Page editor: NAME".
    std::string editor{};
};

// The whole document around `body`; `last` is the footer's "last updated ... by ..." (or a content page's
// "Page last updated: DATE · Page editor: NAME").
void send_page(Context& ctx, int status, const std::string& title, const html::Html& body,
               const std::optional<LastUpdate>& last);
void redirect(Context& ctx, const std::string& to);
// Behind a public URL, a form must come from a page of that origin.
bool same_origin(const Context& ctx);
// 303 to /login without a session.
void require_session(Context& ctx);
// require_session, then 403 unless the form carries the session's CSRF token.
void require_csrf(Context& ctx);
// The number in a hidden form field (a version or revision stamp): 400 naming the field when the form lacks it
// or it is not a whole number from 0 up, so a garbled form is never mistaken for a stale one.
int form_int(const Context& ctx, const std::string& name);
// A page route (not in the OpenAPI document).
Route page(std::string method, std::string path, std::string summary, Handler handler, bool cacheable = false);

// Up to `count` change-feed entries `caller` may read now, newest first, without whole-data-set imports.
std::vector<model::AuditEntry> readable_changes(Context& ctx, const Caller& caller,
                                                std::optional<model::Timestamp> since, std::size_t count);

std::string when_text(model::Timestamp t);             // "2026-01-31 12:00 UTC"
std::string joined(const std::vector<std::string>& items);  // "a, b"; "none" when empty
html::Html visibility_badge(const std::optional<model::Visibility>& visibility);
html::Html mission_table(const std::vector<const model::Mission*>& missions, bool with_visibility);
html::Html options(const std::vector<std::pair<std::string, std::string>>& values,
                   const std::optional<std::string>& chosen, const std::string& any_label);

// The form field bots fill in and people do not see (hidden by the stylesheet, out of the tab order), on every
// public form that takes anonymous input (comments, workshop registrations): a post that fills it is answered
// as a success and stores nothing.
inline constexpr const char* trap_field = "website";
html::Html trap_field_html();

// Form fields. Errors are keyed by the record's top-level field ("" for the form as a whole).
using FieldErrors = std::map<std::string, std::vector<std::string>>;
std::string field_of(const std::string& path);  // "/visibility/agencies/0" -> "visibility"
// The hint under a mission's or capability's id: on a new record, the agency's prefix it must begin with.
std::string id_hint(const Context& ctx, bool creating);
FieldErrors errors_of(const model::ValidationError& e);
html::Html field_errors(const FieldErrors& errors, const std::string& field);
std::string invalid(const FieldErrors& errors, const std::string& field);  // " invalid" or ""
html::Html text_field(const FieldErrors& errors, const nlohmann::json& values, const std::string& name,
                      const std::string& label, const std::string& hint, bool required = false,
                      bool readonly = false);
std::set<std::string> string_set(const nlohmann::json& values, const std::string& name);
html::Html checkboxes(const std::string& name, const std::vector<std::pair<std::string, std::string>>& choices,
                      const std::set<std::string>& chosen, const std::string& skip);
// A record form's frame: its heading with the summary of its errors (`what`: "mission"), the opening of the form
// with its CSRF token and stamp (the hidden field that tells a stale form), and the form that deletes the record.
std::string string_of(const nlohmann::json& values, const std::string& name);  // "" unless a string
void form_header(html::Html& h, const std::string& title, const FieldErrors& errors, const std::string& what);
html::Html form_start(const Context& ctx, const std::string& action, const std::string& stamp_field,
                      const std::string& stamp);
html::Html textarea_field(const FieldErrors& errors, const nlohmann::json& values, const std::string& name,
                          const std::string& label);
// A choice of one of the forum's agencies ("NASA (National Aeronautics and Space Administration)").
html::Html agency_field(const Context& ctx, const FieldErrors& errors, const nlohmann::json& values,
                        const std::string& name, const std::string& label);
html::Html delete_form(const Context& ctx, const std::string& action, const std::string& stamp_field,
                       const std::string& stamp, const std::string& label);
// The record's visibility as radio buttons and named agencies (form fields visibility_scope, visibility_agencies).
html::Html visibility_fields(const Context& ctx, const FieldErrors& errors, const nlohmann::json& values);

template <class E>
html::Html enum_field(const FieldErrors& errors, const nlohmann::json& values, const std::string& name,
                      const std::string& label) {
    std::optional<std::string> chosen;
    if (values.contains(name) && values[name].is_string()) chosen = values[name].get<std::string>();
    html::Html h;
    h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<select id=\"m-{}\" name=\"{}\">", invalid(errors, name),
      name, label, field_errors(errors, name), name, name);
    for (auto v : model::EnumNames<E>::values) {
        if (chosen && *chosen == v) {
            h("<option selected>{}</option>", v);
        } else {
            h("<option>{}</option>", v);
        }
    }
    return h("</select></div>");
}

// Routes of the other page files (called by add_portal_routes).
void add_public_page_routes(App& app);
void add_session_routes(App& app);
void add_workspace_routes(App& app);
void add_mission_form_routes(App& app);
void add_workspace_record_routes(App& app);
void add_record_page_routes(App& app);  // record_pages.cpp: missions, goals, capabilities
void add_asteroid_routes(App& app);     // asteroids.cpp: the survey's table, pages and API
void add_edition_routes(App& app);
void add_analysis_routes(App& app);
void add_content_page_routes(App& app);  // content_pages.cpp: /pages/{slug}, history, diff, the edit form
void add_benefit_routes(App& app);       // benefit_pages.cpp: /benefits, its categories and the paper

// The first paragraph of a common goal's page (content_pages.cpp), for its card on the home page.
std::optional<std::string> goal_summary(const Context& ctx, const std::string& goal_id);

}  // namespace ger::server::detail
