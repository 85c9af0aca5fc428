// The action-items API: a workshop's items (public, each item's records as the caller may see them), one item
// with its ETag, and the host's writes (the secretariat, or planners of the workshop's host agency): adding an
// item, and changing one with If-Match. Every write is audited (as "action-item", on the community counter).
#include <spdlog/spdlog.h>

#include "server/credentials.hpp"
#include "server/detail/action_items.hpp"
#include "server/detail/api_kit.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

void send_item(Context& ctx, const model::ActionItem& item, int status = 200) {
    CommentLookup comments(ctx);
    ctx.res.set_header("ETag", etag_of(item.version));
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, action_item_view(ctx, item, comments), status);
}

void list(Context& ctx) {
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    CommentLookup comments(ctx);
    std::vector<json> items;
    for (const auto& a : ctx.store.action_items(w.id)) items.push_back(action_item_view(ctx, a, comments));
    send_item_page(ctx, std::move(items));
}

void create(Context& ctx) {
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    require_host(ctx, w, "add its action items");
    require_json_body(ctx, false);
    const auto body = parse_body(ctx);
    model::ActionItem base;
    base.workshop = w.id;
    const auto stored = ctx.store.create_action_item(changed_action_item(ctx, base, body), actor_of(ctx.caller));
    spdlog::info("action item: created id={} workshop={} by={}", stored.id, log_value(w.id),
                 log_value(ctx.caller.user));
    ctx.res.set_header("Location", "/api/v1/action-items/" + std::to_string(stored.id));
    send_item(ctx, stored, 201);
}

void get_one(Context& ctx) { send_item(ctx, action_item_of(ctx, ctx.path_param("id"))); }

void update(Context& ctx) {
    const auto current = action_item_of(ctx, ctx.path_param("id"));
    const auto w = workshop_of(ctx, current.workshop);
    require_host(ctx, w, "change its action items");
    const int expected = required_if_match(ctx);
    require_json_body(ctx, true);
    const auto body = parse_body(ctx);
    const auto updated =
        ctx.store.update_action_item(changed_action_item(ctx, current, body), expected, actor_of(ctx.caller));
    spdlog::info("action item: updated id={} status={} by={}", updated.id, model::to_string(updated.status),
                 log_value(ctx.caller.user));
    send_item(ctx, updated);
}

const std::vector<QueryParam> page_params{{"limit", "page size (default 100, at most 500)", "integer", {}},
                                          {"offset", "items to skip", "integer", {}}};

}  // namespace

void add_action_item_api_routes(App& app) {
    app.add({"GET", "/api/v1/workshops/{id}/action-items",
             "A workshop's action items, oldest first (public; each item's records only as the caller may read "
             "them)",
             Audience::api, list, page_params, "", "ActionItemPage", {200, 400, 404}, false, false,
             "listWorkshopActionItems"});
    app.add({"POST", "/api/v1/workshops/{id}/action-items",
             "Add an action item to a workshop (the secretariat, or planners of its host agency; audited)",
             Audience::api, create, {}, "ActionItemInput", "ActionItem", {201, 403, 404, 413, 415, 422}, false, true,
             "createActionItem"});
    app.add({"GET", "/api/v1/action-items/{id}", "One action item with its ETag (public)", Audience::api, get_one, {},
             "", "ActionItem", {200, 404}, false, false, "getActionItem"});
    app.add({"PATCH", "/api/v1/action-items/{id}",
             "Change an action item: title, description, owner, status, records (the workshop's host; If-Match "
             "required; audited). Records the caller may not read stay on the item.",
             Audience::api, update, {}, "ActionItemChange", "ActionItem",
             {200, 400, 403, 404, 412, 413, 415, 422, 428}, false, true, "updateActionItem"});
}

}  // namespace ger::server::detail
