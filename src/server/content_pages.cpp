// The portal's content pages (/pages/{slug}: about, why-we-explore, partners, benefits, one per common goal):
// the page rendered from its Markdown with the footer "Page last updated: DATE · Page editor: NAME", the list of
// pages, each page's revisions, an old revision, the line diff between two, and the secretariat's edit form
// (a stale form is refused with the newer revision named, nothing saved).
#include <spdlog/spdlog.h>

#include <charconv>

#include "render/markdown.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

const model::PageRevision& current_page(const Context& ctx, const std::string& slug) {
    const auto* page = ctx.data().page(slug);
    if (!page) throw not_found("page", slug);
    return *page;
}

// A revision number from the path or query: 1 up to the newest; anything else is no such revision.
int revision_number(const std::string& text, const model::PageRevision& newest) {
    int n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > newest.revision) {
        throw not_found("revision of page " + newest.slug, text);
    }
    return n;
}

model::PageRevision stored_revision(Context& ctx, const model::PageRevision& newest, int n) {
    if (n == newest.revision) return newest;
    auto r = ctx.store.content_page(newest.slug, n);
    if (!r) throw not_found("revision of page " + newest.slug, std::to_string(n));
    return *r;
}

LastUpdate footer_of(const model::PageRevision& p) { return {p.at, p.author, p.editor}; }

Html page_links(const Context& ctx, const model::PageRevision& p) {
    Html h;
    h("<p class=\"page-tools\"><a href=\"/pages/{}/history\">History ({} revision{})</a>", p.slug, p.revision,
      p.revision == 1 ? "" : "s");
    if (ctx.session && ctx.caller.secretariat()) h(" · <a href=\"/pages/{}/edit\">Edit this page</a>", p.slug);
    return h("</p>");
}

void show_page(Context& ctx) {
    const auto& p = current_page(ctx, ctx.path_param("slug"));
    Html h;
    h("<h1>{}</h1><article class=\"content-page\">{}</article>", p.title,
      Html::from_escaped(render::markdown_html(p.markdown)));
    h.add(page_links(ctx, p));
    send_page(ctx, 200, p.title, h, footer_of(p));
}

void list_pages(Context& ctx) {
    Html h;
    h("<h1>Pages</h1><table><thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Last updated</th>"
      "<th scope=\"col\">Page editor</th></tr></thead><tbody>");
    for (const auto& [slug, p] : ctx.data().pages) {
        h("<tr><td><a href=\"/pages/{}\">{}</a></td><td><time datetime=\"{}\">{}</time></td><td>{}</td></tr>", slug,
          p.title, model::format_timestamp(p.at), when_text(p.at), p.editor);
    }
    h("</tbody></table>");
    send_page(ctx, 200, "Pages", h, std::nullopt);
}

void history(Context& ctx) {
    const auto& p = current_page(ctx, ctx.path_param("slug"));
    Html h;
    h("<h1>History of “{}”</h1><p><a href=\"/pages/{}\">The page as it is now</a></p>"
      "<table><thead><tr><th scope=\"col\">Revision</th><th scope=\"col\">Saved</th><th scope=\"col\">By</th>"
      "<th scope=\"col\">Page editor</th><th scope=\"col\">Summary</th><th scope=\"col\">Changes</th></tr></thead>"
      "<tbody>",
      p.title, p.slug);
    for (const auto& r : ctx.store.page_history(p.slug)) {
        h("<tr><td><a href=\"/pages/{}/revisions/{}\">{}</a></td><td><time datetime=\"{}\">{}</time></td><td>{}</td>"
          "<td>{}</td><td>{}</td><td>",
          p.slug, r.revision, r.revision, model::format_timestamp(r.at), when_text(r.at), r.author, r.editor,
          r.summary.empty() ? std::string("—") : r.summary);
        if (r.revision > 1) {
            h("<a href=\"/pages/{}/diff?from={}&amp;to={}\">against revision {}</a>", p.slug, r.revision - 1,
              r.revision, r.revision - 1);
        }
        h("</td></tr>");
    }
    h("</tbody></table>");
    send_page(ctx, 200, "History of " + p.title, h, footer_of(p));
}

void old_revision(Context& ctx) {
    const auto& newest = current_page(ctx, ctx.path_param("slug"));
    const auto r = stored_revision(ctx, newest, revision_number(ctx.path_param("revision"), newest));
    Html h;
    h("<p class=\"notice\">Revision {} of this page, saved {} by {}. <a href=\"/pages/{}\">The page as it is "
      "now</a> · <a href=\"/pages/{}/history\">History</a></p>",
      r.revision, when_text(r.at), r.author, r.slug, r.slug);
    h("<h1>{}</h1><article class=\"content-page\">{}</article>", r.title,
      Html::from_escaped(render::markdown_html(r.markdown)));
    send_page(ctx, 200, r.title + " (revision " + std::to_string(r.revision) + ")", h, footer_of(r));
}

void diff(Context& ctx) {
    const auto& newest = current_page(ctx, ctx.path_param("slug"));
    const int to = revision_number(ctx.query("to").value_or(std::to_string(newest.revision)), newest);
    const int from = revision_number(ctx.query("from").value_or(std::to_string(std::max(1, to - 1))), newest);
    const auto before = stored_revision(ctx, newest, from);
    const auto after = stored_revision(ctx, newest, to);
    Html h;
    h("<h1>Changes to “{}”</h1><p>From <a href=\"/pages/{}/revisions/{}\">revision {}</a> ({}) to "
      "<a href=\"/pages/{}/revisions/{}\">revision {}</a> ({}, by {}: {}).</p>",
      after.title, newest.slug, from, from, when_text(before.at), newest.slug, to, to, when_text(after.at),
      after.author, after.summary.empty() ? std::string("no summary") : after.summary);
    if (before.title != after.title) h("<p>Title: “{}” → “{}”</p>", before.title, after.title);
    if (before.editor != after.editor) h("<p>Page editor: {} → {}</p>", before.editor, after.editor);
    h("<pre class=\"diff\" aria-label=\"Line changes: lines starting with + were added, - removed\">");
    for (const auto& line : model::diff_lines(before.markdown, after.markdown)) {
        switch (line.kind) {
            case model::DiffLine::Kind::kept: h("<span>  {}</span>\n", line.text); break;
            case model::DiffLine::Kind::removed: h("<del>- {}</del>\n", line.text); break;
            case model::DiffLine::Kind::added: h("<ins>+ {}</ins>\n", line.text); break;
        }
    }
    h("</pre><p><a href=\"/pages/{}/history\">History</a></p>", newest.slug);
    send_page(ctx, 200, "Changes to " + after.title, h, std::nullopt);
}

void require_secretariat_session(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.secretariat()) throw HttpError(Problem::forbidden, "only the secretariat edits the portal's pages");
}

void edit_form(Context& ctx, int status, const model::PageRevision& newest, const json& values,
               const FieldErrors& errors) {
    Html h;
    form_header(h, "Edit “" + newest.title + "”", errors, "page");
    h.add(form_start(ctx, "/pages/" + newest.slug + "/edit", "expected", string_of(values, "expected")));
    h.add(text_field(errors, values, "title", "Title", "at most 200 characters", true));
    h.add(textarea_field(errors, values, "markdown", "Text (Markdown; raw HTML is not shown)"));
    h.add(text_field(errors, values, "editor", "Page editor", "the name the footer shows", true));
    h.add(text_field(errors, values, "summary", "What you changed", "shown in the page's history"));
    h("<div class=\"actions\"><button type=\"submit\">Save a new revision</button> "
      "<a href=\"/pages/{}\">Cancel</a></div></form>",
      newest.slug);
    send_page(ctx, status, "Edit " + newest.title, h, footer_of(newest));
}

void edit_page(Context& ctx) {
    require_secretariat_session(ctx);
    const auto& p = current_page(ctx, ctx.path_param("slug"));
    const json values{{"title", p.title},   {"markdown", p.markdown},
                      {"editor", p.editor}, {"summary", ""},
                      {"expected", std::to_string(p.revision)}};
    edit_form(ctx, 200, p, values, {});
}

void save_page(Context& ctx) {
    require_secretariat_session(ctx);
    require_csrf(ctx);
    const auto& newest = current_page(ctx, ctx.path_param("slug"));
    const int expected = form_int(ctx, "expected");
    json values = json::object();
    for (const char* key : {"title", "markdown", "editor", "summary", "expected"}) values[key] = ctx.form(key);
    model::PageRevision next;
    next.slug = newest.slug;
    next.title = ctx.form("title");
    next.markdown = ctx.form("markdown");
    next.editor = ctx.form("editor");
    next.summary = ctx.form("summary");
    try {
        const auto saved = ctx.store.save_page(next, expected, actor_of(ctx.caller));
        spdlog::info("page: saved slug={} revision={} by={}", log_value(saved.slug), saved.revision,
                     log_value(ctx.caller.user));
        redirect(ctx, "/pages/" + saved.slug);
    } catch (const model::ValidationError& e) {
        edit_form(ctx, 422, newest, values, errors_of(e));
    } catch (const store::ConflictError&) {
        const auto now = ctx.store.content_page(newest.slug);
        FieldErrors errors;
        errors[""].push_back("Someone saved revision " + std::to_string(now ? now->revision : newest.revision) +
                             " of this page after you opened it. Your text was not saved: it is below; open the "
                             "page again, see its history and make your change there.");
        edit_form(ctx, 409, now ? *now : newest, values, errors);
    }
}

}  // namespace

// The common goal's summary for its card on the home page: the first paragraph of its page, when there is one.
std::optional<std::string> goal_summary(const Context& ctx, const std::string& goal_id) {
    const auto* p = ctx.data().page(model::goal_page_slug(goal_id));
    if (!p) return std::nullopt;
    auto text = render::first_paragraph_text(p->markdown);
    if (text.empty()) return std::nullopt;
    return text;
}

void add_content_page_routes(App& app) {
    app.add(page("GET", "/pages", "The portal's pages", list_pages, true));
    app.add(page("GET", "/pages/{slug}", "A content page", show_page, true));
    app.add(page("GET", "/pages/{slug}/history", "A page's revisions", history));
    app.add(page("GET", "/pages/{slug}/revisions/{revision}", "One revision of a page", old_revision, true));
    app.add(page("GET", "/pages/{slug}/diff", "The changes between two revisions of a page", diff, true));
    app.add(page("GET", "/pages/{slug}/edit", "Edit a page (the secretariat)", edit_page));
    app.add(page("POST", "/pages/{slug}/edit", "Save a page's new revision (the secretariat)", save_page));
}

}  // namespace ger::server::detail
