// Content pages through the real server: seeded at start from the bundled data, rendered from Markdown without
// raw HTML or script URLs, the footer "Page last updated: DATE · Page editor: NAME" from the newest revision,
// the goal cards on the home page reading their goal's page, and the secretariat's edit form: a new revision
// with its summary in the history, a diff between revisions, a stale form refused with nothing saved, planners
// and anonymous callers refused.
#include "server_fixture.hpp"

namespace ger::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ContentPagesTest : public ServerFixture {
protected:
    std::string body_of(const std::string& path) {
        const auto res = client().Get(path.c_str());
        EXPECT_TRUE(res) << path;
        if (!res) return "";
        EXPECT_EQ(res->status, 200) << path;
        return res->body;
    }

    // The edit form's fields as a browser would send them back, with `changes` applied.
    httplib::Params edit_form(Browser& b, const std::string& slug, const httplib::Params& changes) {
        const auto form = b.get("/pages/" + slug + "/edit");
        EXPECT_TRUE(form);
        EXPECT_EQ(form->status, 200);
        std::smatch m;
        httplib::Params p{{"csrf", Browser::csrf(form->body)}};
        EXPECT_TRUE(std::regex_search(form->body, m, std::regex("name=\"expected\" value=\"([0-9]+)\"")));
        p.emplace("expected", m[1]);
        for (const char* field : {"title", "editor"}) {
            std::smatch v;
            std::regex_search(form->body, v, std::regex(std::string("name=\"") + field + "\"[^>]*value=\"([^\"]*)\""));
            p.emplace(field, v[1]);
        }
        p.emplace("markdown", "unchanged");
        p.emplace("summary", "");
        for (const auto& [k, v] : changes) {
            p.erase(k);
            p.emplace(k, v);
        }
        return p;
    }
};

TEST_F(ContentPagesTest, TheBundledPagesAreServedWithTheirFooter) {
    for (const char* slug : {"about", "why-we-explore", "partners", "benefits"}) {
        const auto body = body_of(std::string("/pages/") + slug);
        EXPECT_TRUE(contains(body, "Page last updated: <time datetime=\"2026-12-02T00:00:00Z\">2026-12-02</time> · "
                                   "Page editor: ISECG secretariat"))
            << slug;
        EXPECT_TRUE(contains(body, "href=\"/pages/" + std::string(slug) + "/history\"")) << slug;
        EXPECT_FALSE(contains(body, "/edit\"")) << "anonymous readers get no edit link: " << slug;
    }
    EXPECT_TRUE(contains(body_of("/pages/why-we-explore"), "<h1>Why do we explore?</h1>"))
        << "the page's title is its heading (data/pages/why-we-explore.md's first line)";
    EXPECT_EQ(client().Get("/pages/no-such-page")->status, 404);
    EXPECT_EQ(client().Get("/pages/about/revisions/2")->status, 404);
    EXPECT_EQ(client().Get("/pages/about/revisions/x")->status, 404);
    EXPECT_EQ(client().Get("/pages/about/diff?from=0&to=1")->status, 404);
}

TEST_F(ContentPagesTest, GoalCardsReadTheirGoalsPage) {
    const auto home = body_of("/");
    // data/pages/goal-earth-safety.md's first paragraph, not the dataset's "Common goal N" placeholder.
    EXPECT_TRUE(contains(home, "Work together on planetary defence")) << home;
    EXPECT_TRUE(contains(home, "href=\"/pages/goal-earth-safety\""));
    EXPECT_FALSE(contains(home, "Common goal 1 of the Global Exploration Roadmap"));
}

TEST_F(ContentPagesTest, TheSecretariatSavesARevisionThatShowsInTheFooterHistoryDiffAndHome) {
    auto c = client();
    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", test_password)->status, 303);
    EXPECT_TRUE(contains(sec.get("/pages/goal-earth-safety")->body, "/pages/goal-earth-safety/edit"));
    const auto saved = sec.post("/pages/goal-earth-safety/edit",
                                edit_form(sec, "goal-earth-safety",
                                          {{"markdown", "Find and deflect near-Earth objects together.\n\nMore."},
                                           {"editor", "Jane Doe"},
                                           {"summary", "Shorter summary"}}));
    ASSERT_EQ(saved->status, 303) << saved->body;
    EXPECT_EQ(saved->get_header_value("Location"), "/pages/goal-earth-safety");
    const auto page = body_of("/pages/goal-earth-safety");
    EXPECT_TRUE(contains(page, "Page editor: Jane Doe"));
    EXPECT_TRUE(contains(page, "<p>Find and deflect near-Earth objects together.</p>"));
    EXPECT_TRUE(contains(body_of("/"), "Find and deflect near-Earth objects together."))
        << "the home page's card follows the page (a save moves the snapshot on)";
    const auto history = body_of("/pages/goal-earth-safety/history");
    EXPECT_TRUE(contains(history, "Shorter summary"));
    EXPECT_TRUE(contains(history, "<td>sec</td>"));
    EXPECT_TRUE(contains(history, "/pages/goal-earth-safety/diff?from=1&amp;to=2"));
    const auto diff = body_of("/pages/goal-earth-safety/diff?from=1&to=2");
    EXPECT_TRUE(contains(diff, "<ins>+ Find and deflect near-Earth objects together.</ins>"));
    EXPECT_TRUE(contains(diff, "<del>- Work together on planetary defence"));
    EXPECT_TRUE(contains(body_of("/pages/goal-earth-safety/revisions/1"), "Work together on planetary defence"));
    // The audit log has the save, as the secretariat's change.
    const auto audit = nlohmann::json::parse(c.Get("/api/v1/audit?record_kind=page", auth("sec"))->body);
    ASSERT_TRUE(audit.contains("items")) << audit.dump();
    ASSERT_EQ(audit["items"].size(), 1u) << audit.dump();
    EXPECT_EQ(audit["items"][0]["record_id"], "goal-earth-safety");
}

TEST_F(ContentPagesTest, AStaleFormIsRefusedAndSavesNothing) {
    auto c1 = client();
    Browser first{c1, {}};
    ASSERT_EQ(first.login("sec", test_password)->status, 303);
    const auto opened = edit_form(first, "about", {{"markdown", "first"}});
    const auto also_opened = edit_form(first, "about", {{"markdown", "second"}});
    ASSERT_EQ(first.post("/pages/about/edit", opened)->status, 303);
    const auto stale = first.post("/pages/about/edit", also_opened);
    EXPECT_EQ(stale->status, 409);
    EXPECT_TRUE(contains(stale->body, "Someone saved revision 2"));
    EXPECT_TRUE(contains(stale->body, "second")) << "the unsaved text is given back";
    EXPECT_TRUE(contains(body_of("/pages/about"), "<p>first</p>"));
    EXPECT_FALSE(contains(body_of("/pages/about/history"), "revisions/3"));

    // A garbled stamp is a bad form that names its field, not a stale one; nothing is saved.
    for (const std::string garbled : {"2abc", "", "-1", "99999999999999999999"}) {
        const auto bad = first.post("/pages/about/edit", edit_form(first, "about", {{"markdown", "third"},
                                                                                   {"expected", garbled}}));
        ASSERT_TRUE(bad) << garbled;
        EXPECT_EQ(bad->status, 400) << garbled;
        EXPECT_TRUE(contains(bad->body, "expected")) << garbled;
    }
    EXPECT_TRUE(contains(body_of("/pages/about"), "<p>first</p>"));
}

TEST_F(ContentPagesTest, MarkdownCannotCarryScriptAndBadFieldsAreNamed) {
    auto c = client();
    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", test_password)->status, 303);
    const std::string hostile =
        "<script>alert(1)</script>\n\n[click](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n"
        "![pic](data:text/html;base64,PHNjcmlwdD4=) \"quoted\" & <b>bold</b>";
    ASSERT_EQ(sec.post("/pages/partners/edit", edit_form(sec, "partners", {{"markdown", hostile}}))->status, 303);
    const auto body = body_of("/pages/partners");
    EXPECT_FALSE(contains(body, "<script>alert"));
    EXPECT_FALSE(contains(body, "javascript:"));
    EXPECT_FALSE(contains(body, "onerror"));
    EXPECT_FALSE(contains(body, "data:text/html"));
    EXPECT_FALSE(contains(body, "<b>bold</b>"));
    EXPECT_TRUE(contains(body, "raw HTML omitted"));

    const auto bad = sec.post("/pages/partners/edit", edit_form(sec, "partners", {{"title", ""}, {"editor", ""}}));
    EXPECT_EQ(bad->status, 422);
    EXPECT_TRUE(contains(bad->body, "field invalid\"><label for=\"m-title\"")) << "the title field is marked";
    EXPECT_TRUE(contains(bad->body, "field invalid\"><label for=\"m-editor\"")) << "the editor field is marked";
    EXPECT_FALSE(contains(body_of("/pages/partners/history"), "revisions/3")) << "nothing saved";
}

TEST_F(ContentPagesTest, OnlyTheSecretariatEdits) {
    EXPECT_EQ(client().Get("/pages/about/edit")->status, 303) << "anonymous: to the login";
    auto c = client();
    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", test_password)->status, 303);
    EXPECT_EQ(nasa.get("/pages/about/edit")->status, 403);
    const auto login_page = nasa.get("/pages/about");
    EXPECT_FALSE(contains(login_page->body, "/pages/about/edit"));
    const auto post = nasa.post("/pages/about/edit", {{"csrf", Browser::csrf(nasa.get("/workspace")->body)},
                                                      {"expected", "1"},
                                                      {"title", "Hijacked"},
                                                      {"markdown", "x"},
                                                      {"editor", "x"}});
    EXPECT_EQ(post->status, 403);
    EXPECT_FALSE(contains(body_of("/pages/about"), "Hijacked"));
    auto c2 = client();
    Browser anonymous{c2, {}};
    const auto anonymous_post = anonymous.post("/pages/about/edit", {{"expected", "1"}, {"title", "Hijacked"}});
    EXPECT_EQ(anonymous_post->status, 303);
    EXPECT_EQ(anonymous_post->get_header_value("Location").rfind("/login", 0), 0u) << "to the login, not the page";
    EXPECT_FALSE(contains(body_of("/pages/about"), "Hijacked"));
}

TEST_F(ContentPagesTest, TheApiReadsPagesAndTheSecretariatSavesARevisionWithIfMatch) {
    auto c = client();
    const auto page = c.Get("/api/v1/pages/why-we-explore");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const auto etag = page->get_header_value("ETag");
    EXPECT_EQ(etag, "\"1\"");
    const auto body = nlohmann::json::parse(page->body);
    EXPECT_FALSE(body["markdown"].get<std::string>().empty());
    EXPECT_TRUE(contains(body["html"].get<std::string>(), "<p>")) << "the Markdown rendered as the portal shows it";

    const std::string hostile = R"({"title": "Why we explore", "markdown": "<script>x()</script>\n\n*new*", )"
                                R"("editor": "Secretariat", "summary": "api"})";
    auto headers = auth("nasa");
    headers.emplace("If-Match", etag);
    auto res = c.Put("/api/v1/pages/why-we-explore", headers, hostile, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "planners do not edit pages";
    headers = auth("sec");
    res = c.Put("/api/v1/pages/why-we-explore", headers, hostile, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 428) << "no If-Match";
    headers.emplace("If-Match", etag);
    res = c.Put("/api/v1/pages/why-we-explore", headers, hostile, "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("ETag"), "\"2\"");
    const auto saved = nlohmann::json::parse(res->body);
    EXPECT_FALSE(contains(saved["html"].get<std::string>(), "<script>")) << "raw HTML is not rendered";
    EXPECT_EQ(saved["author"], "sec");
    res = c.Put("/api/v1/pages/why-we-explore", headers, hostile, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 412) << "based on revision 1, which moved on";
    EXPECT_TRUE(contains(body_of("/pages/why-we-explore"), "<em>new</em>")) << "the portal shows the saved text";
    const auto revisions = nlohmann::json::parse(c.Get("/api/v1/pages/why-we-explore/revisions")->body);
    ASSERT_EQ(revisions["total"], 2);
    EXPECT_EQ(revisions["items"][0]["revision"], 2) << "newest first";
    EXPECT_EQ(c.Get("/api/v1/pages/no-such-page")->status, 404);
}

}  // namespace
}  // namespace ger::test
