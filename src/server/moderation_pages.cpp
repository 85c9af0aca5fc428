// The secretariat's moderation queue in the portal (/workspace/comments): the comments in one state (pending
// first), each with everything the secretariat may see (email included) and a form to accept, reject or hide it,
// give the commenter a public reason and a published response, keep an internal reason, and record what the next
// edition did with it. The same checks and audit as the API's PATCH /api/v1/comments/{id}; a stale form saves
// nothing.
#include <algorithm>
#include <sstream>

#include <spdlog/spdlog.h>

#include "server/credentials.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

constexpr std::size_t queue_page = 50;

void require_moderator(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.secretariat()) throw HttpError(Problem::forbidden, "only the secretariat moderates comments");
}

model::CommentStatus shown_status(const Context& ctx) {
    const auto text = ctx.query("status").value_or("pending");
    const auto status = model::parse_enum<model::CommentStatus>(text);
    if (!status) {
        throw HttpError(Problem::invalid_parameter,
                        "status: one of " + model::allowed_values<model::CommentStatus>() + " (got '" + text + "')");
    }
    return *status;
}

Html select_of(const std::string& name, const std::string& label, const std::vector<std::string>& values,
               const std::string& chosen, const std::string& none_label, long long id) {
    Html h;
    h("<div class=\"field\"><label for=\"c{}-{}\">{}</label><select id=\"c{}-{}\" name=\"{}\">", id, name, label, id,
      name, name);
    if (!none_label.empty()) h("<option value=\"\">{}</option>", none_label);
    for (const auto& v : values) {
        if (v == chosen) {
            h("<option selected>{}</option>", v);
        } else {
            h("<option>{}</option>", v);
        }
    }
    return h("</select></div>");
}

Html area_of(const std::string& name, const std::string& label, const std::string& value, long long id) {
    Html h;
    return h("<div class=\"field\"><label for=\"c{}-{}\">{}</label><textarea id=\"c{}-{}\" name=\"{}\" rows=\"3\">{}"
             "</textarea></div>",
             id, name, label, id, name, name, value);
}

Html line_of(const std::string& name, const std::string& label, const std::string& value, long long id) {
    Html h;
    return h("<div class=\"field\"><label for=\"c{}-{}\">{}</label><input id=\"c{}-{}\" name=\"{}\" value=\"{}\">"
             "</div>",
             id, name, label, id, name, name, value);
}

// One comment with its form. `given` holds the values a refused form sent, to show them again; `errors` its errors.
Html comment_card(Context& ctx, const model::Comment& c, const std::string& back, const json& given,
                  const std::vector<std::string>& errors) {
    const auto value = [&](const std::string& key, const std::string& stored) {
        return given.contains(key) ? given[key].get<std::string>() : stored;
    };
    Html h;
    h("<article class=\"card comment\" id=\"comment-{}\" aria-labelledby=\"comment-{}-heading\"><h2 "
      "id=\"comment-{}-heading\">Comment {} on edition {}</h2>",
      c.id, c.id, c.id, c.id, c.edition);
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">Not saved: {}</p>", joined(errors));
    }
    h("<dl class=\"facts\"><dt>Status</dt><dd>{}</dd><dt>From</dt><dd>{}{}</dd><dt>Email</dt><dd>{}</dd>"
      "<dt>Sent</dt><dd>{}</dd>",
      model::to_string(c.status), c.erased ? std::string("(erased at the commenter's request)") : c.name,
      c.affiliation.empty() ? std::string() : " (" + c.affiliation + ")", c.email, when_text(c.created_at));
    if (c.section) h("<dt>Section</dt><dd>{}</dd>", *c.section);
    if (c.mission) h("<dt>Mission</dt><dd><a href=\"/missions/{}\">{}</a></dd>", *c.mission, *c.mission);
    if (c.group != c.id) h("<dt>Similar to</dt><dd>comment {}</dd>", c.group);
    h("</dl><p class=\"text\">{}</p>", c.text);
    h("<form method=\"post\" action=\"/workspace/comments/{}\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"version\" value=\"{}\"><input type=\"hidden\" name=\"back\" value=\"{}\">",
      c.id, ctx.session->csrf, value("version", std::to_string(c.version)), back);
    h.add(select_of("status", "Decision", {"accepted", "rejected", "hidden"},
                    value("status", c.status == model::CommentStatus::pending ? "" : std::string(model::to_string(c.status))),
                    "Keep as it is", c.id));
    h.add(area_of("public_reason", "Reason the commenter is told (when not accepted)",
                  value("public_reason", c.public_reason), c.id));
    h.add(area_of("reason", "Internal note (the secretariat's only)", value("reason", c.reason), c.id));
    h.add(area_of("response", "Published response", value("response", c.response), c.id));
    const auto d = c.disposition;
    std::string records;
    if (d) {
        for (const auto& r : d->records) records += (records.empty() ? "" : " ") + r;
    }
    h.add(select_of("outcome", "What the next edition did",
                    {model::EnumNames<model::DispositionOutcome>::values.begin(),
                     model::EnumNames<model::DispositionOutcome>::values.end()},
                    value("outcome", d ? std::string(model::to_string(d->outcome)) : ""), "Not decided yet", c.id));
    h.add(line_of("disposition_reason", "Why (required when not adopted or out of scope)",
                  value("disposition_reason", d ? d->reason : ""), c.id));
    h.add(line_of("records", "Records it changed (mission, goal or objective ids, separated by spaces)",
                  value("records", records), c.id));
    h.add(line_of("edition", "The edition that addressed it", value("edition", d ? d->edition : ""), c.id));
    return h("<div class=\"actions\"><button type=\"submit\">Save</button></div></form></article>");
}

void queue_page_with(Context& ctx, int status_code, model::CommentStatus status, std::optional<long long> refused,
                     const json& given, const std::vector<std::string>& errors) {
    store::CommentFilter filter;
    filter.status = status;
    filter.limit = queue_page;
    const auto total = ctx.store.count_comments(filter);
    auto comments = ctx.store.comments(filter);
    // NOTE: a refused form is shown again even when its comment is not among the first of the queue.
    if (refused && std::none_of(comments.begin(), comments.end(), [&](const auto& c) { return c.id == *refused; })) {
        if (auto c = ctx.store.comment(*refused)) comments.insert(comments.begin(), std::move(*c));
    }
    const std::string back = "/workspace/comments?status=" + std::string(model::to_string(status));
    Html h;
    h("<h1>Comments to moderate</h1><nav aria-label=\"Moderation states\"><p>");
    bool first = true;
    for (const auto s : model::EnumNames<model::CommentStatus>::values) {
        h("{}", first ? "" : " · ");
        first = false;
        if (s == model::to_string(status)) {
            h("<strong>{}</strong>", s);
        } else {
            h("<a href=\"/workspace/comments?status={}\">{}</a>", s, s);
        }
    }
    h("</p></nav><p>{} {} comment{}{}. A comment is public only once accepted; every decision is audited and a "
      "response is sent to the commenter through the outbox.</p>",
      total, model::to_string(status), total == 1 ? "" : "s",
      total > static_cast<long long>(queue_page) ? " (the oldest " + std::to_string(queue_page) + " shown)" : "");
    for (const auto& c : comments) {
        const bool this_one = refused && *refused == c.id;
        h.add(comment_card(ctx, c, back, this_one ? given : json::object(),
                           this_one ? errors : std::vector<std::string>{}));
    }
    send_page(ctx, status_code, "Comments to moderate", h, std::nullopt);
}

void queue(Context& ctx) {
    require_moderator(ctx);
    ctx.res.set_header("Cache-Control", "no-store");
    queue_page_with(ctx, 200, shown_status(ctx), std::nullopt, json::object(), {});
}

// The form as the API's moderation body: empty fields leave what is stored, an outcome sets the disposition.
json moderation_body(const Context& ctx) {
    json body = json::object();
    if (!ctx.form("status").empty()) body["status"] = ctx.form("status");
    for (const char* key : {"public_reason", "reason", "response"}) body[key] = ctx.form(key);
    if (!ctx.form("outcome").empty()) {
        json records = json::array();
        std::istringstream in(ctx.form("records"));
        for (std::string r; in >> r;) records.push_back(r);
        body["disposition"] = {{"outcome", ctx.form("outcome")},
                               {"reason", ctx.form("disposition_reason")},
                               {"records", records},
                               {"edition", ctx.form("edition")}};
    }
    return body;
}

void moderate(Context& ctx) {
    require_moderator(ctx);
    require_csrf(ctx);
    const auto id = positive_id(ctx.path_param("id"), "comment");
    const auto current = ctx.store.comment(id);
    if (!current) throw not_found("comment", std::to_string(id));
    const int version = form_int(ctx, "version");
    json given = json::object();
    for (const char* key : {"version", "status", "public_reason", "reason", "response", "outcome",
                            "disposition_reason", "records", "edition"}) {
        given[key] = ctx.form(key);
    }
    const auto back_status = current->status;
    try {
        const auto updated =
            ctx.store.moderate_comment(id, version, checked_moderation(ctx, moderation_body(ctx)), actor_of(ctx.caller));
        spdlog::info("comment: moderated id={} status={} by={}", id, model::to_string(updated.status),
                     log_value(ctx.caller.user));
        // NOTE: to the list the comment is in now, so its card shows what was saved.
        redirect(ctx, "/workspace/comments?status=" + std::string(model::to_string(updated.status)) + "#comment-" +
                          std::to_string(id));
    } catch (const model::ValidationError& e) {
        std::vector<std::string> errors;
        for (const auto& f : e.errors()) errors.push_back(f.path.empty() ? f.message : f.path.substr(1) + ": " + f.message);
        queue_page_with(ctx, 422, back_status, id, given, errors);
    } catch (const store::ConflictError& e) {
        queue_page_with(ctx, 409, back_status, id, given,
                        {"someone moderated this comment (now at version " + std::to_string(e.actual_version()) +
                         ") after you opened the page; your decision is below, not saved: reload and decide again"});
    }
}

}  // namespace

void add_moderation_page_routes(App& app) {
    app.add(page("GET", "/workspace/comments", "The moderation queue (the secretariat)", queue));
    app.add(page("POST", "/workspace/comments/{id}", "Moderate a comment (the secretariat)", moderate));
}

}  // namespace ger::server::detail
