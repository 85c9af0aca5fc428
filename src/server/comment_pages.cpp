// The portal's comment pages: an edition's accepted comments with their responses (the comment-response report,
// also as CSV and PDF), the form that takes a new one, and the receipt page where a commenter follows theirs.
#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "render/comment_report.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

std::string day_of(model::Timestamp t) { return model::format_timestamp(t).substr(0, 10); }

std::string outcome_text(model::DispositionOutcome o) {
    switch (o) {
        case model::DispositionOutcome::adopted: return "Adopted";
        case model::DispositionOutcome::partly_adopted: return "Partly adopted";
        case model::DispositionOutcome::not_adopted: return "Not adopted";
        case model::DispositionOutcome::out_of_scope: return "Out of scope";
    }
    return "";
}

Html record_links(Context& ctx, const std::vector<std::string>& ids) {
    Html h;
    bool first = true;
    for (const auto& id : ids) {
        if (!first) h(", ");
        first = false;
        if (ctx.data().mission(id)) {
            h("<a href=\"/missions/{}\">{}</a>", id, id);
        } else {
            h("{}", id);
        }
    }
    return h;
}

Html disposition_html(Context& ctx, const std::optional<model::Disposition>& d) {
    Html h;
    if (!d) return h;
    h("<p><strong>{}</strong>", outcome_text(d->outcome));
    if (!d->reason.empty()) h(": {}", d->reason);
    if (!d->records.empty()) h(" · records changed: {}", record_links(ctx, d->records));
    if (!d->edition.empty()) h(" · addressed in edition <a href=\"/editions/{}\">{}</a>", d->edition, d->edition);
    return h("</p>");
}

Html about_html(const analysis::PublicComment& c) {
    Html h;
    if (c.section) h(" · on {}", *c.section);
    if (c.mission) h(" · on mission <a href=\"/missions/{}\">{}</a>", *c.mission, *c.mission);
    return h;
}

Html comment_html(Context& ctx, const analysis::PublicComment& c) {
    Html h;
    h("<article class=\"comment\" id=\"comment-{}\"><p class=\"meta\">{}", c.id, c.name.empty() ? "Name withheld" : c.name);
    if (!c.affiliation.empty()) h(" ({})", c.affiliation);
    h(" · <time datetime=\"{}\">{}</time>{}", model::format_timestamp(c.submitted_at), day_of(c.submitted_at),
      about_html(c));
    if (c.similar > 0) h(" · <strong>{} similar comments</strong>", c.similar);
    h("</p><p class=\"text\">{}</p>", c.text);
    if (!c.response.empty()) {
        h("<div class=\"response\"><p><strong>Response</strong>");
        if (c.responded_at) h(" <time datetime=\"{}\">{}</time>", model::format_timestamp(*c.responded_at), day_of(*c.responded_at));
        h("</p><p>{}</p></div>", c.response);
    }
    h.add(disposition_html(ctx, c.disposition));
    return h("</article>");
}

Html select_field(const FieldErrors& errors, const json& values, const std::string& name, const std::string& label,
                  const std::vector<std::pair<std::string, std::string>>& choices) {
    std::string chosen;
    if (values.contains(name) && values[name].is_string()) chosen = values[name].get<std::string>();
    Html h;
    h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<select id=\"m-{}\" name=\"{}\"><option value=\"\">"
      "The edition as a whole</option>",
      invalid(errors, name), name, label, field_errors(errors, name), name, name);
    for (const auto& [value, text] : choices) {
        if (value == chosen) {
            h("<option value=\"{}\" selected>{}</option>", value, text);
        } else {
            h("<option value=\"{}\">{}</option>", value, text);
        }
    }
    return h("</select></div>");
}

Html comment_form(const std::string& edition, const CommentTargets& targets, const json& values,
                  const FieldErrors& errors) {
    Html h;
    h("<section class=\"card\" aria-labelledby=\"form-heading\"><h2 id=\"form-heading\">Comment on this edition</h2>"
      "<p>No account is needed. The secretariat reads every comment before it is published; a comment waiting "
      "for that, or not accepted, is never shown to anyone. Your email is seen by the secretariat only and is used "
      "to tell you of a response. Plain text: line breaks are kept, HTML is not allowed.</p>");
    if (errors.count("")) h("<p class=\"error-summary\" role=\"alert\">{}</p>", joined(errors.at("")));
    if (!errors.empty() && !errors.count("")) {
        h("<p class=\"error-summary\" role=\"alert\">The comment was not sent: correct the fields marked below.</p>");
    }
    h("<form method=\"post\" action=\"/editions/{}/comments\">", edition);
    h.add(text_field(errors, values, "name", "Your name", "Published with your comment (at most 120 characters).", true));
    h.add(text_field(errors, values, "affiliation", "Affiliation (optional)", "Published with your comment."));
    h.add(text_field(errors, values, "email", "Email", "Seen by the secretariat only.", true));
    std::vector<std::pair<std::string, std::string>> sections;
    for (const auto& s : targets.sections) {
        sections.emplace_back(s, s == "goals" ? "The common goals" : s == "scenario" ? "The mission scenario"
                                                                                    : "Destination: " + s);
    }
    h.add(select_field(errors, values, "section", "Section (optional)", sections));
    h.add(select_field(errors, values, "mission", "Mission (optional)", targets.missions));
    std::string text;
    if (values.contains("text") && values["text"].is_string()) text = values["text"].get<std::string>();
    h("<div class=\"field{}\"><label for=\"m-text\">Your comment</label>{}<textarea id=\"m-text\" name=\"text\" "
      "rows=\"8\" maxlength=\"{}\" required aria-describedby=\"text-hint\"{}>{}</textarea>"
      "<p class=\"hint\" id=\"text-hint\">At most {} characters.</p></div>",
      invalid(errors, "text"), field_errors(errors, "text"), model::max_comment_text,
      errors.count("text") ? Html::from_escaped(" aria-invalid=\"true\"") : Html(), text, model::max_comment_text);
    h.add(trap_field_html());
    return h("<button type=\"submit\">Send the comment</button></form></section>");
}

void comments_page_with(Context& ctx, int status, const json& values, const FieldErrors& errors) {
    const auto& edition = ctx.path_param("name");
    const auto targets = comment_targets(ctx, edition);
    const auto comments = public_comments_of(ctx, edition);
    Html h;
    h("<p><a href=\"/editions/{}\">{}</a></p><h1>Comments on {}</h1>", edition, targets.title, targets.title);
    h("<p>{} accepted {}, each with the secretariat's response and what the next edition did with it. Similar "
      "comments sent by many are shown once, with their number. Download this report as "
      "<a href=\"/editions/{}/comments.csv\">CSV</a> or <a href=\"/editions/{}/comments.pdf\">PDF</a>.</p>",
      comments.size(), comments.size() == 1 ? "comment" : "comments", edition, edition);
    for (const auto& c : comments) h.add(comment_html(ctx, c));
    h.add(comment_form(edition, targets, values, errors));
    send_page(ctx, status, "Comments on " + targets.title, h, std::nullopt);
}

void comments_page(Context& ctx) { comments_page_with(ctx, 200, json::object(), {}); }

void post_comment(Context& ctx) {
    const auto& edition = ctx.path_param("name");
    json values = json::object();
    for (const char* key : {"name", "affiliation", "email", "section", "mission", "text"}) values[key] = ctx.form(key);
    if (!ctx.form(trap_field).empty()) {
        // NOTE: the same page a person gets, minus the receipt: a bot learns nothing, nothing is stored.
        spdlog::warn("security: comment-trap client={}", log_value(ctx.req.client_addr));
        Html h;
        h("<h1>Thank you</h1><p>Your comment was received and waits for moderation.</p>");
        send_page(ctx, 202, "Comment received", h, std::nullopt);
        return;
    }
    model::CommentSubmission s;
    s.edition = edition;
    s.name = ctx.form("name");
    s.affiliation = ctx.form("affiliation");
    s.email = ctx.form("email");
    s.section = ctx.form("section");
    s.mission = ctx.form("mission");
    s.text = ctx.form("text");
    try {
        const auto receipt = submit_comment(ctx, std::move(s));
        redirect(ctx, "/comments/receipts/" + receipt.token);
    } catch (const model::ValidationError& e) {
        comments_page_with(ctx, 422, values, errors_of(e));
    }
}

std::string status_text(const std::string& status, const model::Comment& c) {
    if (status == "pending") return "Waiting for moderation: it is not public yet.";
    if (status == "accepted") return "Accepted and published.";
    if (status == "answered") return "Accepted, published and answered.";
    if (status == "addressed") return "Accepted, answered and addressed in edition " + c.disposition->edition + ".";
    if (status == "rejected") return "Not accepted: it is not published.";
    return "Hidden by the secretariat: it is no longer published.";
}

void receipt_page(Context& ctx) {
    const auto& token = ctx.path_param("receipt");
    const auto c = comment_of_receipt(ctx, token);
    const auto view = receipt_view(ctx, c);
    const auto status = view["status"].get<std::string>();
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Referrer-Policy", "no-referrer");
    Html h;
    h("<h1>Your comment</h1><p class=\"notice\" role=\"status\"><strong>{}</strong></p>", status_text(status, c));
    h("<p>Keep this page's address: it is the only way to follow your comment, and nobody else has it.</p>");
    h("<dl class=\"facts\"><dt>Edition</dt><dd><a href=\"/editions/{}\">{}</a></dd><dt>Sent</dt><dd>{}</dd>", c.edition,
      c.edition, when_text(c.created_at));
    if (c.section) h("<dt>Section</dt><dd>{}</dd>", *c.section);
    if (c.mission) h("<dt>Mission</dt><dd>{}</dd>", *c.mission);
    h("<dt>Name</dt><dd>{}</dd></dl>", c.erased ? std::string("erased at your request") : c.name);
    h("<article class=\"comment\"><p class=\"text\">{}</p>", c.text);
    if (!view["public_reason"].get<std::string>().empty()) {
        h("<p><strong>Reason</strong>: {}</p>", view["public_reason"].get<std::string>());
    }
    if (!view["response"].get<std::string>().empty()) {
        h("<div class=\"response\"><p><strong>Response</strong></p><p>{}</p></div>", view["response"].get<std::string>());
    }
    if (c.status == model::CommentStatus::accepted) h.add(disposition_html(ctx, c.disposition));
    h("</article>");
    if (!c.erased) {
        h("<section class=\"card\"><h2>Your personal data</h2><p>You can erase your name, affiliation and email from "
          "this comment. The text stays; nobody will be able to tell it was yours, and you will get no email about "
          "it.</p><form method=\"post\" action=\"/comments/receipts/{}/erase\"><button type=\"submit\">Erase my name "
          "and email</button></form></section>",
          token);
    }
    send_page(ctx, 200, "Your comment", h, std::nullopt);
}

void erase_page(Context& ctx) {
    const auto& token = ctx.path_param("receipt");
    const auto c = comment_of_receipt(ctx, token);
    ctx.store.erase_commenter(c.id, {"commenter", "", {}});
    spdlog::info("comment: identity erased id={} by=commenter", c.id);
    redirect(ctx, "/comments/receipts/" + token);
}

std::string file_base(const std::string& edition) {
    return model::is_valid_slug(edition) ? "ger-" + edition + "-comments" : std::string("ger-comments");
}

void report_csv(Context& ctx) {
    const auto& edition = ctx.path_param("name");
    listed_edition(ctx, edition);
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + file_base(edition) + ".csv\"");
    ctx.res.set_content(render::comment_report_csv(public_comments_of(ctx, edition)), "text/csv; charset=utf-8");
}

void report_pdf(Context& ctx) {
    const auto& edition = ctx.path_param("name");
    const auto& e = listed_edition(ctx, edition);
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + file_base(edition) + ".pdf\"");
    ctx.res.set_content(render::comment_report_pdf(e, public_comments_of(ctx, edition)), "application/pdf");
}

}  // namespace

void add_comment_page_routes(App& app) {
    app.add(page("GET", "/editions/{name}/comments", "An edition's comments and the comment form", comments_page));
    app.add(page("POST", "/editions/{name}/comments", "Send a comment", post_comment));
    app.add(page("GET", "/editions/{name}/comments.csv", "The comment-response report (CSV)", report_csv));
    app.add(page("GET", "/editions/{name}/comments.pdf", "The comment-response report (PDF)", report_pdf));
    app.add(page("GET", "/comments/receipts/{receipt}", "A comment's receipt", receipt_page));
    app.add(page("POST", "/comments/receipts/{receipt}/erase", "Erase one's personal data from a comment", erase_page));
}

}  // namespace ger::server::detail
