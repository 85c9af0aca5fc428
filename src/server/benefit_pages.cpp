// The benefits of exploration on the portal: /benefits (the secretariat's "benefits" page, the four categories
// with what the reader may see of them, and the paper's download page), /benefits/{code} (one category: its
// goals, objectives and the missions that address them, under the caller's read rules), and the paper as HTML
// (/benefits/paper) and PDF (/benefits/paper.pdf): a published document, so it holds public missions only,
// whoever asks.
#include <spdlog/spdlog.h>

#include "analysis/benefits.hpp"
#include "render/benefits_paper.hpp"
#include "render/markdown.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;

constexpr const char* benefits_slug = "benefits";
const std::string paper_title = "Benefits stemming from space exploration";

analysis::ReadableMission readable_by(const Caller& caller) {
    return [caller](const model::Mission& m) { return can_read(caller, m); };
}

std::vector<analysis::BenefitLinks> all_links(const Context& ctx, const Caller& caller) {
    std::vector<analysis::BenefitLinks> out;
    for (const auto& c : model::benefit_categories()) out.push_back(analysis::benefit_links(ctx.data().dataset(), c, readable_by(caller)));
    return out;
}

std::optional<LastUpdate> benefits_footer(const Context& ctx) {
    const auto* p = ctx.data().page(benefits_slug);
    if (!p) return std::nullopt;
    return LastUpdate{p->at, p->author, p->editor};
}

Html introduction(const Context& ctx) {
    Html h;
    if (const auto* p = ctx.data().page(benefits_slug)) {
        h("<div class=\"content-page\">{}</div>", Html::from_escaped(render::markdown_html(p->markdown)));
    }
    return h;
}

Html category_body(const analysis::BenefitLinks& links, bool with_visibility) {
    Html h;
    h("<p class=\"lead\">{}</p><h2>Common goals</h2><ul>", links.category->summary);
    for (const auto* g : links.goals) h("<li><a href=\"/goals/{}\">{}. {}</a></li>", g->id, g->number, g->title);
    h("</ul><h2>Objectives ({})</h2><ul>", links.objectives.size());
    for (const auto* o : links.objectives) h("<li>{}</li>", o->title);
    h("</ul><h2>Missions that address them ({})</h2>", links.missions.size());
    if (links.missions.empty()) {
        h("<p>No mission you may see addresses these objectives yet.</p>");
    } else {
        h.add(mission_table(links.missions, with_visibility));
    }
    return h;
}

void overview(Context& ctx) {
    Html h;
    h("<h1>Benefits of space exploration</h1>");
    h.add(introduction(ctx));
    h("<h2>The four categories</h2><div class=\"cards\">");
    for (const auto& links : all_links(ctx, ctx.caller)) {
        h("<div class=\"card\"><h3><a href=\"/benefits/{}\">{}</a></h3><p>{}</p><p>{} objectives · {} missions</p>"
          "</div>",
          links.category->code, links.category->title, links.category->summary, links.objectives.size(),
          links.missions.size());
    }
    h("</div><h2 id=\"paper\">The benefits paper</h2><p>The paper with the public missions of each category, as "
      "the forum publishes it: <a href=\"/benefits/paper\">read it online</a> or "
      "<a href=\"/benefits/paper.pdf\" download>download the PDF</a>.</p>");
    if (ctx.session && ctx.caller.secretariat()) {
        h("<p class=\"page-tools\"><a href=\"/pages/benefits/edit\">Edit the introduction</a></p>");
    }
    send_page(ctx, 200, "Benefits of space exploration", h, benefits_footer(ctx));
}

void paper_html(Context& ctx) {
    const Caller anonymous;
    Html h;
    h("<h1>{}</h1><p><a href=\"/benefits/paper.pdf\" download>Download the PDF</a></p>", paper_title);
    h.add(introduction(ctx));
    for (const auto& links : all_links(ctx, anonymous)) {
        h("<section><h2>{}</h2>", links.category->title);
        Html body = category_body(links, false);
        h("{}</section>", body);
    }
    send_page(ctx, 200, paper_title, h, benefits_footer(ctx));
}

void paper_pdf(Context& ctx) {
    const Caller anonymous;
    render::BenefitsPaper paper;
    paper.title = paper_title;
    if (const auto* p = ctx.data().page(benefits_slug)) {
        paper.introduction = render::block_texts(p->markdown);
        paper.updated = model::format_timestamp(p->at).substr(0, 10) + " · Page editor: " + p->editor;
    }
    paper.categories = all_links(ctx, anonymous);
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"ger-benefits-paper.pdf\"");
    ctx.res.set_content(render::benefits_paper_pdf(paper), "application/pdf");
}

void category_page(Context& ctx) {
    const auto& code = ctx.path_param("code");
    if (code == "paper") return paper_html(ctx);
    if (code == "paper.pdf") return paper_pdf(ctx);
    const auto* category = model::benefit_category(code);
    if (!category) throw not_found("benefit category", code);
    const auto links = analysis::benefit_links(ctx.data().dataset(), *category, readable_by(ctx.caller));
    Html h;
    h("<p><a href=\"/benefits\">Benefits</a></p><h1>{}</h1>", category->title);
    h.add(category_body(links, !ctx.caller.anonymous()));
    send_page(ctx, 200, category->title, h, benefits_footer(ctx));
}

}  // namespace

void add_benefit_routes(App& app) {
    app.add(page("GET", "/benefits", "The benefits of exploration, their categories and the paper", overview, true));
    app.add(page("GET", "/benefits/{code}",
                 "One benefit category; /benefits/paper and /benefits/paper.pdf the paper", category_page, true));
}

}  // namespace ger::server::detail
