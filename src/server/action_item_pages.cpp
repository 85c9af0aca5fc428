// The portal's forms for a workshop's action items, for its hosts (the secretariat, planners of the host agency):
// add an item (/workshops/{id}/action-items/new) and change one (/action-items/{id}/edit), with the same checks as
// the API (detail/action_items.hpp); a stale form is refused with the text given back, nothing saved.
#include <spdlog/spdlog.h>

#include <sstream>

#include "server/credentials.hpp"
#include "server/detail/action_items.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

constexpr const char* form_fields[] = {"title", "owner_agency", "status", "description", "records"};

// The form's records field: one record per line (or separated by spaces or commas).
json records_of(const std::string& text) {
    std::string spaced = text;
    for (auto& c : spaced) {
        if (c == ',' || c == '\r' || c == '\t') c = ' ';
    }
    std::istringstream in(spaced);
    json out = json::array();
    for (std::string r; in >> r;) out.push_back(r);
    return out;
}

// The form as the JSON the API takes.
json fields_of(const Context& ctx) {
    return {{"title", ctx.form("title")},
            {"owner_agency", ctx.form("owner_agency")},
            {"status", ctx.form("status")},
            {"description", ctx.form("description")},
            {"records", records_of(ctx.form("records"))}};
}

json values_of(const Context& ctx) {
    json values = json::object();
    for (const char* key : form_fields) values[key] = ctx.form(key);
    values["version"] = ctx.form("version");
    return values;
}

json values_of(Context& ctx, const model::ActionItem& a) {
    CommentLookup comments(ctx);
    std::string records;
    for (const auto& r : a.records) {
        if (may_see_record(ctx, r, comments)) records += (records.empty() ? "" : "\n") + r;
    }
    return {{"title", a.title},
            {"owner_agency", a.owner_agency},
            {"status", std::string(model::to_string(a.status))},
            {"description", a.description},
            {"records", records},
            {"version", std::to_string(a.version)}};
}

void show_form(Context& ctx, int status, const model::Workshop& w, std::optional<long long> item,
               const json& values, const FieldErrors& errors) {
    const auto title = item ? "Change action item " + std::to_string(*item) : "Add an action item";
    Html h;
    h("<p><a href=\"/workshops/{}\">{}</a></p>", w.id, w.title);
    form_header(h, title, errors, "action item");
    h.add(form_start(ctx, item ? "/action-items/" + std::to_string(*item) + "/edit"
                               : "/workshops/" + w.id + "/action-items/new",
                     "version", string_of(values, "version")));
    h.add(text_field(errors, values, "title", "What is to be done", "Plain text, at most 200 characters.", true));
    h.add(agency_field(ctx, errors, values, "owner_agency", "Who acts on it"));
    h.add(enum_field<model::ActionStatus>(errors, values, "status", "Status"));
    h.add(textarea_field(errors, values, "description", "More detail (plain text)"));
    h.add(textarea_field(errors, values, "records",
                         "The missions and objectives it concerns (their ids) and public comments (comment:N), one "
                         "per line"));
    h("<div class=\"actions\"><button type=\"submit\">Save</button> <a href=\"/workshops/{}\">Cancel</a></div></form>",
      w.id);
    send_page(ctx, status, title, h, std::nullopt);
}

void new_form(Context& ctx) {
    require_session(ctx);
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    require_host(ctx, w, "add its action items");
    show_form(ctx, 200, w, std::nullopt, {{"status", "open"}, {"version", "0"}}, {});
}

void create(Context& ctx) {
    require_session(ctx);
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    require_host(ctx, w, "add its action items");
    require_csrf(ctx);
    try {
        model::ActionItem base;
        base.workshop = w.id;
        const auto stored = ctx.store.create_action_item(changed_action_item(ctx, base, fields_of(ctx)),
                                                         actor_of(ctx.caller));
        spdlog::info("action item: created id={} workshop={} by={}", stored.id, log_value(w.id),
                     log_value(ctx.caller.user));
        redirect(ctx, "/workshops/" + w.id + "#action-" + std::to_string(stored.id));
    } catch (const model::ValidationError& e) {
        show_form(ctx, 422, w, std::nullopt, values_of(ctx), errors_of(e));
    }
}

void edit_form(Context& ctx) {
    require_session(ctx);
    const auto item = action_item_of(ctx, ctx.path_param("id"));
    const auto w = workshop_of(ctx, item.workshop);
    require_host(ctx, w, "change its action items");
    show_form(ctx, 200, w, item.id, values_of(ctx, item), {});
}

void update(Context& ctx) {
    require_session(ctx);
    const auto current = action_item_of(ctx, ctx.path_param("id"));
    const auto w = workshop_of(ctx, current.workshop);
    require_host(ctx, w, "change its action items");
    require_csrf(ctx);
    const int version = form_int(ctx, "version");
    try {
        const auto updated = ctx.store.update_action_item(changed_action_item(ctx, current, fields_of(ctx)), version,
                                                          actor_of(ctx.caller));
        spdlog::info("action item: updated id={} status={} by={}", updated.id, model::to_string(updated.status),
                     log_value(ctx.caller.user));
        redirect(ctx, "/workshops/" + w.id + "#action-" + std::to_string(updated.id));
    } catch (const model::ValidationError& e) {
        show_form(ctx, 422, w, current.id, values_of(ctx), errors_of(e));
    } catch (const store::ConflictError& e) {
        FieldErrors errors;
        errors[""].push_back("Someone changed this action item (it is now at version " +
                             std::to_string(e.actual_version()) + ") after you opened it. Your change was not "
                             "saved: it is below; open the item again and make your change there.");
        show_form(ctx, 409, w, current.id, values_of(ctx), errors);
    }
}

}  // namespace

Html action_item_forms(const model::Workshop& w, const std::vector<model::ActionItem>& items) {
    Html h;
    h("<p><a href=\"/workshops/{}/action-items/new\">Add an action item</a></p>", w.id);
    if (items.empty()) return h;
    h("<p>Change an item: ");
    bool first = true;
    for (const auto& a : items) {
        h("{}<a href=\"/action-items/{}/edit\">{}</a>", first ? "" : " · ", a.id, a.id);
        first = false;
    }
    return h("</p>");
}

void add_action_item_page_routes(App& app) {
    app.add(page("GET", "/workshops/{id}/action-items/new", "Add an action item (the workshop's hosts)", new_form));
    app.add(page("POST", "/workshops/{id}/action-items/new", "Add an action item (the workshop's hosts)", create));
    app.add(page("GET", "/action-items/{id}/edit", "Change an action item (the workshop's hosts)", edit_form));
    app.add(page("POST", "/action-items/{id}/edit", "Change an action item (the workshop's hosts)", update));
}

}  // namespace ger::server::detail
