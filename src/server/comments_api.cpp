// The comments API: anonymous submission with a receipt, the receipt's own status, the public list of an
// edition's accepted comments, and the secretariat's moderation queue (detail/comments.hpp).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/detail/api_kit.hpp"
#include "server/detail/comments.hpp"
#include "server/http/url.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

void submit(Context& ctx) {
    require_json_body(ctx, false);
    auto s = model::comment_submission_from_json(parse_body(ctx));
    s.edition = ctx.path_param("edition");
    const auto receipt = submit_comment(ctx, std::move(s));
    ctx.res.set_header("Location", "/api/v1/comments/receipts/" + receipt.token);
    send_json(ctx, {{"id", receipt.id}, {"receipt", receipt.token}, {"status", "pending"}}, 202);
}

void public_list(Context& ctx) {
    const auto& edition = ctx.path_param("edition");
    listed_edition(ctx, edition);  // 404 for an unknown edition
    std::vector<json> items;
    for (const auto& c : public_comments_of(ctx, edition)) items.push_back(analysis::to_json(c));
    send_item_page(ctx, std::move(items));
}

void receipt(Context& ctx) {
    const auto c = comment_of_receipt(ctx, ctx.path_param("receipt"));
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, receipt_view(ctx, c));
}

void erase_by_receipt(Context& ctx) {
    const auto c = comment_of_receipt(ctx, ctx.path_param("receipt"));
    const auto erased = ctx.store.erase_commenter(c.id, {"commenter", "", {}});
    spdlog::info("comment: identity erased id={} by=commenter", c.id);
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, receipt_view(ctx, erased));
}

void require_secretariat(const Context& ctx) {
    if (!ctx.caller.secretariat()) throw HttpError(Problem::forbidden, "only the secretariat moderates comments");
}

long long comment_id(const Context& ctx) { return positive_id(ctx.path_param("id"), "comment"); }

model::Comment stored_comment(Context& ctx) {
    const auto id = comment_id(ctx);
    auto c = ctx.store.comment(id);
    if (!c) throw not_found("comment", std::to_string(id));
    return *c;
}

void send_comment(Context& ctx, const model::Comment& c) {
    ctx.res.set_header("ETag", etag_of(c.version));
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, moderation_view(c));
}

void queue(Context& ctx) {
    require_secretariat(ctx);
    store::CommentFilter filter;
    filter.status = query_enum<model::CommentStatus>(ctx, "status");
    filter.edition = ctx.query("edition");
    filter.limit = std::max<std::size_t>(1, query_size(ctx, "limit", default_page, max_page));
    filter.offset = query_size(ctx, "offset", 0, 1'000'000);
    const auto total = ctx.store.count_comments(filter);
    json items = json::array();
    for (const auto& c : ctx.store.comments(filter)) items.push_back(moderation_view(c));
    ctx.res.set_header("Cache-Control", "no-store");
    json next = nullptr;
    if (static_cast<long long>(filter.offset + filter.limit) < total) {
        std::string url = "/api/v1/comments?limit=" + std::to_string(filter.limit) +
                          "&offset=" + std::to_string(filter.offset + filter.limit);
        if (filter.status) url += "&status=" + std::string(model::to_string(*filter.status));
        if (filter.edition) url += "&edition=" + http::encode_component(*filter.edition);
        next = url;
    }
    send_json(ctx, {{"items", std::move(items)},
                    {"total", total},
                    {"limit", filter.limit},
                    {"offset", filter.offset},
                    {"next", next}});
}

void get_one(Context& ctx) {
    require_secretariat(ctx);
    send_comment(ctx, stored_comment(ctx));
}

void moderate(Context& ctx) {
    require_secretariat(ctx);
    const auto id = comment_id(ctx);
    if (!ctx.store.comment(id)) throw not_found("comment", std::to_string(id));
    const int expected = required_if_match(ctx);
    require_json_body(ctx, true);
    const auto body = parse_body(ctx);
    const auto updated = ctx.store.moderate_comment(id, expected, checked_moderation(ctx, body), actor_of(ctx.caller));
    spdlog::info("comment: moderated id={} status={} by={}", id, model::to_string(updated.status),
                 log_value(ctx.caller.user));
    send_comment(ctx, updated);
}

const std::vector<QueryParam> page_params{{"limit", "page size (default 100, at most 500)", "integer", {}},
                                          {"offset", "comments to skip", "integer", {}}};

}  // namespace

void add_comment_api_routes(App& app) {
    app.add({"POST", "/api/v1/editions/{edition}/comments",
             "Comment on an edition (no account): 202 with a receipt to follow it; pending until moderated",
             Audience::api, submit, {}, "CommentInput", "CommentReceipt", {202, 400, 404, 413, 415, 422, 429}, false, false, "submitComment"});
    app.add({"GET", "/api/v1/editions/{edition}/comments",
             "The edition's accepted comments with their responses and dispositions (one per group of similar ones)",
             Audience::api, public_list, page_params, "", "PublicCommentPage", {200, 400, 404}, false, false, "listEditionComments"});
    app.add({"GET", "/api/v1/comments/receipts/{receipt}", "The status of one's own comment, by its receipt",
             Audience::api, receipt, {}, "", "CommentReceiptStatus", {200, 404}, false, false, "getCommentReceipt"});
    app.add({"POST", "/api/v1/comments/receipts/{receipt}/erasure",
             "Erase one's name, affiliation and email from one's comment (the text stays)", Audience::api,
             erase_by_receipt, {}, "", "CommentReceiptStatus", {200, 404}, false, false, "eraseOwnComment"});
    std::vector<QueryParam> queue_params{
        {"status", "only comments in this moderation state", "string",
         {model::EnumNames<model::CommentStatus>::values.begin(), model::EnumNames<model::CommentStatus>::values.end()}},
        {"edition", "only comments on this edition", "string", {}}};
    queue_params.insert(queue_params.end(), page_params.begin(), page_params.end());
    app.add({"GET", "/api/v1/comments", "The moderation queue (secretariat), newest first", Audience::api, queue,
             queue_params, "", "ModeratedCommentPage", {200, 400, 401, 403}, false, true, "listModerationQueue"});
    app.add({"GET", "/api/v1/comments/{id}", "One comment with its ETag (secretariat)", Audience::api, get_one, {},
             "", "ModeratedComment", {200, 401, 403, 404}, false, true, "getComment"});
    app.add({"PATCH", "/api/v1/comments/{id}",
             "Moderate a comment: status, internal reason, public reason, response, disposition, or erase the "
             "commenter's personal data at their request (secretariat; If-Match required; audited)",
             Audience::api, moderate, {}, "CommentModeration", "ModeratedComment",
             {200, 400, 401, 403, 404, 412, 413, 415, 422, 428}, false, true, "moderateComment"});
}

}  // namespace ger::server::detail
