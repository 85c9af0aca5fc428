// The workspace: a planner's own missions and capabilities, what partners share with them, what changed since
// their last visit, and the audit log of the records they may read.
#include <charconv>

#include "server/detail/pages.hpp"
#include "server/html.hpp"
#include "server/views.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

constexpr std::size_t workspace_changes = 50;  // entries in the workspace's "changed since your last visit"
constexpr std::size_t audit_rows = 200;        // entries per page of the workspace's audit log

const char* action_verb(model::AuditAction a) {
    return a == model::AuditAction::create ? "created" : a == model::AuditAction::update ? "updated" : "removed";
}

void workspace(Context& ctx) {
    require_session(ctx);
    const auto& d = ctx.data().dataset();
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
          "<a class=\"button\" href=\"/workspace/editions\">Freeze an edition</a> "
          "<a class=\"button\" href=\"/workspace/comments\">Comments to moderate</a></p>");
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
      "<li><a href=\"/workspace/audit\">Audit log</a></li><li><a href=\"/workspace/workshops/new\">Create a "
      "workshop</a></li>"
      "<li><a href=\"/workspace/tokens\">API tokens</a></li><li><a href=\"/api/v1/openapi.json\">API description "
      "(OpenAPI)</a></li></ul>");
    send_page(ctx, 200, "Workspace", h, std::nullopt);
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
}  // namespace

void add_workspace_routes(App& app) {
    app.add(page("GET", "/workspace", "Workspace", workspace));
    app.add(page("GET", "/workspace/audit", "Audit log", audit_page));
}

}  // namespace ger::server::detail
