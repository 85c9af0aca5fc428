// The API of the portal's published content: its pages (/api/v1/pages: the newest revision of each, one page with
// its Markdown and rendered HTML, its revisions; the secretariat saves a new revision with If-Match) and the
// benefit categories (/api/v1/benefits: each category's goals, objectives and the missions addressing them that
// the caller may read). The same read rules and the same checks as the portal's pages (content_pages.cpp,
// benefit_pages.cpp).
#include <charconv>

#include <spdlog/spdlog.h>

#include "analysis/benefits.hpp"
#include "model/json.hpp"
#include "model/validation.hpp"
#include "render/markdown.hpp"
#include "server/credentials.hpp"
#include "server/detail/api_kit.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

const model::PageRevision& newest_page(const Context& ctx) {
    const auto* p = ctx.data().page(ctx.path_param("slug"));
    if (!p) throw not_found("page", ctx.path_param("slug"));
    return *p;
}

json summary_view(const model::PageRevision& p) {
    return {{"slug", p.slug},
            {"title", p.title},
            {"revision", p.revision},
            {"editor", p.editor},
            {"updated_at", model::format_timestamp(p.at)},
            {"page", "/pages/" + p.slug}};
}

json page_view(const model::PageRevision& p) {
    auto view = summary_view(p);
    view["markdown"] = p.markdown;
    view["html"] = render::markdown_html(p.markdown);
    view["summary"] = p.summary;
    view["author"] = p.author;
    return view;
}

void send_page_json(Context& ctx, const model::PageRevision& p) {
    ctx.res.set_header("ETag", etag_of(p.revision));
    send_json(ctx, page_view(p));
}

void list_pages(Context& ctx) {
    std::vector<json> items;
    for (const auto& [slug, p] : ctx.data().pages) items.push_back(summary_view(p));
    send_item_page(ctx, std::move(items));
}

void get_page(Context& ctx) { send_page_json(ctx, newest_page(ctx)); }

void list_revisions(Context& ctx) {
    const auto& newest = newest_page(ctx);
    std::vector<json> items;
    for (const auto& r : ctx.store.page_history(newest.slug)) {
        items.push_back({{"revision", r.revision},
                         {"title", r.title},
                         {"summary", r.summary},
                         {"author", r.author},
                         {"editor", r.editor},
                         {"saved_at", model::format_timestamp(r.at)},
                         {"page", "/pages/" + r.slug + "/revisions/" + std::to_string(r.revision)}});
    }
    send_item_page(ctx, std::move(items));
}

// A PUT body: title, markdown and editor (strings, required), summary (optional).
model::PageRevision revision_from(const std::string& slug, const json& body) {
    std::vector<model::FieldError> errors;
    model::PageRevision next;
    next.slug = slug;
    for (const auto& [key, value] : body.items()) {
        std::string* field = key == "title"      ? &next.title
                             : key == "markdown" ? &next.markdown
                             : key == "editor"   ? &next.editor
                             : key == "summary"  ? &next.summary
                                                 : nullptr;
        if (!field) {
            errors.push_back({"/" + key, "unknown field (allowed: title, markdown, editor, summary)"});
        } else if (value.is_string()) {
            *field = value.get<std::string>();
        } else if (!(key == "summary" && value.is_null())) {
            errors.push_back({"/" + key, "must be a string"});
        }
    }
    for (const char* required : {"title", "markdown", "editor"}) {
        if (!body.contains(required)) errors.push_back({std::string("/") + required, "required"});
    }
    model::throw_if_any(errors);
    return next;
}

void save_page(Context& ctx) {
    if (!ctx.caller.secretariat()) throw HttpError(Problem::forbidden, "only the secretariat edits the portal's pages");
    const auto& newest = newest_page(ctx);
    const int expected = required_if_match(ctx);
    require_json_body(ctx, false);
    const auto body = parse_body(ctx);
    const auto saved = ctx.store.save_page(revision_from(newest.slug, body), expected, actor_of(ctx.caller));
    spdlog::info("page: saved slug={} revision={} by={}", log_value(saved.slug), saved.revision,
                 log_value(ctx.caller.user));
    send_page_json(ctx, saved);
}

json category_view(const Context& ctx, const model::BenefitCategory& category) {
    const auto links = analysis::benefit_links(ctx.data().dataset(), category, [&ctx](const model::Mission& m) {
        return can_read(ctx.caller, m);
    });
    json goals = json::array();
    for (const auto* g : links.goals) goals.push_back(g->id);
    json objectives = json::array();
    for (const auto* o : links.objectives) objectives.push_back(o->id);
    json missions = json::array();
    for (const auto* m : links.missions) missions.push_back(m->id);
    return {{"code", category.code},
            {"title", category.title},
            {"summary", category.summary},
            {"goals", std::move(goals)},
            {"objectives", std::move(objectives)},
            {"missions", std::move(missions)},
            {"page", "/benefits/" + category.code}};
}

void list_benefits(Context& ctx) {
    std::vector<json> items;
    for (const auto& c : model::benefit_categories()) items.push_back(category_view(ctx, c));
    send_item_page(ctx, std::move(items));
}

void get_benefit(Context& ctx) {
    const auto* category = model::benefit_category(ctx.path_param("code"));
    if (!category) throw not_found("benefit category", ctx.path_param("code"));
    send_json(ctx, category_view(ctx, *category));
}

const std::vector<QueryParam> page_params{{"limit", "page size (default 100, at most 500)", "integer", {}},
                                          {"offset", "items to skip", "integer", {}}};

}  // namespace

void add_content_api_routes(App& app) {
    app.add({"GET", "/api/v1/pages", "The portal's content pages, each at its newest revision (public)",
             Audience::api, list_pages, page_params, "", "PageSummaryPage", {200, 400}, true, false, "listPages"});
    app.add({"GET", "/api/v1/pages/{slug}",
             "A content page at its newest revision: its Markdown, the HTML the portal shows, who edited it and "
             "when (public); its ETag is the revision",
             Audience::api, get_page, {}, "", "PageContent", {200, 404}, true, false, "getPage"});
    app.add({"GET", "/api/v1/pages/{slug}/revisions", "A page's revisions, newest first, without their text (public)",
             Audience::api, list_revisions, page_params, "", "PageRevisionPage", {200, 400, 404}, false, false,
             "listPageRevisions"});
    app.add({"PUT", "/api/v1/pages/{slug}",
             "Save a new revision of a page (the secretariat; If-Match names the revision it is based on; audited)",
             Audience::api, save_page, {}, "PageContentInput", "PageContent",
             {200, 400, 403, 404, 412, 413, 415, 422, 428}, false, true, "savePage"});
    app.add({"GET", "/api/v1/benefits",
             "The benefit categories, each with its goals, objectives and the missions addressing them that the "
             "caller may read",
             Audience::api, list_benefits, page_params, "", "BenefitCategoryPage", {200, 400}, true, false,
             "listBenefitCategories"});
    app.add({"GET", "/api/v1/benefits/{code}", "One benefit category (missions as the caller may read them)",
             Audience::api, get_benefit, {}, "", "BenefitCategory", {200, 404}, true, false, "getBenefitCategory"});
}

}  // namespace ger::server::detail
