// The portal: its routes, gathered from one file per page family (detail/pages.hpp lists them), its static
// files, and the HTML error page the dispatcher sends for a page request that fails.
#include "server/detail/action_items.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/workshops.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/portal.hpp"
#include "server/detail/style.hpp"
#include "server/html.hpp"

namespace ger::server::detail {

using html::Html;

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
    add_public_page_routes(app);
    app.add(page("GET", "/static/roadmap.js", "The roadmap chart's script", [](Context& ctx) {
        ctx.res.set_header("Cache-Control", "public, max-age=3600");
        ctx.res.set_content(std::string(roadmap_script()), "text/javascript; charset=utf-8");
    }));
    app.add(page("GET", "/static/ger.css", "Stylesheet", [](Context& ctx) {
        ctx.res.set_header("Cache-Control", "public, max-age=3600");
        ctx.res.set_content(std::string(stylesheet()), "text/css; charset=utf-8");
    }));
    add_session_routes(app);
    add_workspace_routes(app);
    add_mission_form_routes(app);
    add_record_page_routes(app);
    add_asteroid_routes(app);
    add_workspace_record_routes(app);
    add_comment_page_routes(app);  // before the editions': /editions/{name}/comments is no download
    add_edition_routes(app);
    add_analysis_routes(app);
    add_workshop_page_routes(app);
    add_action_item_page_routes(app);
    add_workshop_form_routes(app);
    add_moderation_page_routes(app);
    add_content_page_routes(app);
    add_benefit_routes(app);
}

}  // namespace ger::server::detail
