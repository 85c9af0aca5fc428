// The public record pages (mission, goal, capability): every record they name is a link, only records the caller
// may read are named, hidden records answer like absent ones, and a mission's launch feasibility and porkchop
// arrive from the background worker without a request waiting for a grid.
#include <chrono>
#include <thread>

#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class RecordPagesTest : public ServerFixture {
  protected:
    void configure(server::ServerOptions& options) override { options.background_feasibility = true; }

    httplib::Result api(const std::string& method, const std::string& who, const std::string& path,
                        const json& body = nullptr) {
        auto c = client();
        auto headers = auth(who);
        if (method == "POST") return c.Post(path.c_str(), headers, body.dump(), "application/json");
        headers.emplace("If-Match", c.Get(path.c_str(), auth(who))->get_header_value("ETag"));
        return c.Patch(path.c_str(), headers, body.dump(), "application/merge-patch+json");
    }

    // The page as `who` sees it in a browser ("anonymous": no session).
    httplib::Result page(const std::string& who, const std::string& path) {
        auto c = client();
        Browser b{c, {}};
        if (who != "anonymous") {
            const auto res = b.login(who, test_password);
            EXPECT_EQ(res->status, 303) << res->body;
        }
        return b.get(path);
    }

    // The first bundled objective and its goal.
    static std::pair<model::Objective, model::Goal> an_objective() {
        const auto d = model::bundled_dataset();
        const auto& o = d.objectives.front();
        const auto g = std::find_if(d.goals.begin(), d.goals.end(), [&](const auto& x) { return x.id == o.goal_id; });
        return {o, *g};
    }
};

TEST_F(RecordPagesTest, MissionPageLinksWhatItNamesAndOnlyWhatTheCallerMayRead) {
    const auto [objective, goal] = an_objective();
    ASSERT_EQ(api("PATCH", "nasa", "/api/v1/missions/t-public",
                  {{"objectives", {objective.id}},
                   {"capabilities_required", {"c-public", "c-agencies"}},
                   {"precursors", {"t-agencies"}},
                   {"source", "NASA page https://www.nasa.gov/x. and <script>alert(1)</script> javascript:alert(2)"}})
                  ->status,
              200);
    // t-partners builds on t-public: a dependant that only partners may see.
    ASSERT_EQ(api("PATCH", "nasa", "/api/v1/missions/t-partners", {{"precursors", {"t-public"}}})->status, 200);

    const auto anonymous = page("anonymous", "/missions/t-public");
    ASSERT_EQ(anonymous->status, 200);
    const auto& a = anonymous->body;
    EXPECT_TRUE(contains(a, "href=\"/goals/" + goal.id + "#" + objective.id + "\"")) << a;
    EXPECT_TRUE(contains(a, objective.title));
    EXPECT_TRUE(contains(a, "<a href=\"/capabilities/c-public\">Test capability public</a>"));
    EXPECT_FALSE(contains(a, "c-agencies"));
    EXPECT_FALSE(contains(a, "Test capability agencies"));
    EXPECT_FALSE(contains(a, "t-agencies"));
    EXPECT_FALSE(contains(a, "t-partners"));
    EXPECT_FALSE(contains(a, "Test mission partners"));
    // The URL is a link without its full stop; the rest stays inert text.
    EXPECT_TRUE(contains(a, "<a href=\"https://www.nasa.gov/x\" rel=\"nofollow noopener noreferrer\">")) << a;
    EXPECT_TRUE(contains(a, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(contains(a, "href=\"javascript:"));

    // ESA reads every one of them (t-agencies is ESA's to read; t-partners is for partners).
    const auto esa = page("esa", "/missions/t-public");
    ASSERT_EQ(esa->status, 200);
    EXPECT_TRUE(contains(esa->body, "<a href=\"/capabilities/c-agencies\">Test capability agencies</a>"));
    EXPECT_TRUE(contains(esa->body, "<a href=\"/missions/t-agencies\">Test mission agencies</a>"));
    EXPECT_TRUE(contains(esa->body, "<a href=\"/missions/t-partners\">Test mission partners</a>"));
    // JAXA is a partner but not named on t-agencies.
    const auto jaxa = page("jaxa", "/missions/t-public");
    EXPECT_TRUE(contains(jaxa->body, "Test mission partners"));
    EXPECT_FALSE(contains(jaxa->body, "t-agencies"));
}

TEST_F(RecordPagesTest, GoalAndCapabilityPagesNameOnlyReadableMissions) {
    const auto [objective, goal] = an_objective();
    for (const auto* id : {"t-public", "t-agencies"}) {
        ASSERT_EQ(api("PATCH", "nasa", std::string("/api/v1/missions/") + id,
                      {{"objectives", {objective.id}}, {"capabilities_required", {"c-public"}}})
                      ->status,
                  200);
    }
    const auto anonymous_goal = page("anonymous", "/goals/" + goal.id);
    ASSERT_EQ(anonymous_goal->status, 200);
    EXPECT_TRUE(contains(anonymous_goal->body, "id=\"" + objective.id + "\""));
    EXPECT_TRUE(contains(anonymous_goal->body, "<a href=\"/missions/t-public\">"));
    EXPECT_FALSE(contains(anonymous_goal->body, "t-agencies"));
    EXPECT_TRUE(contains(page("esa", "/goals/" + goal.id)->body, "<a href=\"/missions/t-agencies\">"));

    const auto anonymous_capability = page("anonymous", "/capabilities/c-public");
    ASSERT_EQ(anonymous_capability->status, 200);
    EXPECT_TRUE(contains(anonymous_capability->body, "<a href=\"/missions/t-public\">"));
    EXPECT_FALSE(contains(anonymous_capability->body, "t-agencies"));
    EXPECT_TRUE(contains(page("esa", "/capabilities/c-public")->body, "<a href=\"/missions/t-agencies\">"));

    // Hidden and absent look alike, on every record page and on the picture.
    for (const auto& [hidden, absent] : std::vector<std::pair<std::string, std::string>>{
             {"/capabilities/c-agencies", "/capabilities/c-agenciez"},
             {"/missions/t-agencies", "/missions/t-agenciez"},
             {"/missions/t-agencies/porkchop.svg", "/missions/t-agenciez/porkchop.svg"},
             {"/goals/no-such-goal", "/goals/no-such-goal"}}) {
        const auto h = page("jaxa", hidden);
        const auto x = page("jaxa", absent);
        EXPECT_EQ(h->status, 404) << hidden;
        EXPECT_EQ(x->status, 404) << absent;
        EXPECT_EQ(h->body.size(), x->body.size()) << hidden;
    }
}

TEST_F(RecordPagesTest, MarsMissionPageShowsFeasibilityAndPorkchopFromTheBackground) {
    const json mars = {{"id", "nasa-mars-2026"},
                       {"name", "Mars orbiter 2026"},
                       {"destination", "Mars"},
                       {"kind", "robotic"},
                       {"type", "orbiter"},
                       {"status", "planned"},
                       {"commitment", "study"},
                       {"launch", "2026-11"},
                       {"visibility", {{"scope", "public"}}}};
    ASSERT_EQ(api("POST", "nasa", "/api/v1/missions", mars)->status, 201);
    auto hidden = mars;
    hidden["id"] = "nasa-mars-hidden";
    hidden["visibility"] = {{"scope", "agencies"}, {"agencies", {"ESA"}}};
    ASSERT_EQ(api("POST", "nasa", "/api/v1/missions", hidden)->status, 201);

    // The first answer may come before the worker is done; it must not be cached as the page.
    std::string body;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        const auto res = page("anonymous", "/missions/nasa-mars-2026");
        ASSERT_EQ(res->status, 200);
        body = res->body;
        if (!contains(body, "Being computed")) break;
        EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no feasibility after 120 s";
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    EXPECT_TRUE(contains(body, "Launch feasibility"));
    EXPECT_TRUE(contains(body, "verdict-feasible")) << body;
    EXPECT_TRUE(contains(body, "arrival v∞"));
    EXPECT_TRUE(contains(body, "How this was computed"));
    EXPECT_TRUE(contains(body, "src=\"/missions/nasa-mars-2026/porkchop.svg\""));

    const auto svg = client().Get("/missions/nasa-mars-2026/porkchop.svg");
    ASSERT_EQ(svg->status, 200);
    EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
    EXPECT_TRUE(contains(svg->body, "<svg"));
    EXPECT_TRUE(contains(svg->body, "Mars orbiter 2026"));

    // The hidden twin is computed too, and shown only to those who may read it.
    EXPECT_EQ(client().Get("/missions/nasa-mars-hidden/porkchop.svg")->status, 404);
    const auto esa_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        const auto res = page("esa", "/missions/nasa-mars-hidden");
        ASSERT_EQ(res->status, 200);
        if (contains(res->body, "verdict-feasible")) break;
        ASSERT_LT(std::chrono::steady_clock::now(), esa_deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }

    // The worker's status says when every mission is in.
    const auto until_done = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    json status;
    do {
        status = json::parse(client().Get("/api/v1/feasibility")->body);
        if (status["computed"] == status["missions"] && !status["running"].get<bool>()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } while (std::chrono::steady_clock::now() < until_done);
    EXPECT_TRUE(status["enabled"].get<bool>());
    EXPECT_GE(status["missions"].get<int>(), 2);  // the public one above, and the bundled dated ones
    EXPECT_EQ(status["computed"], status["missions"]);
    // Counted over what the caller may read: ESA reads the hidden twin, the public does not.
    auto esa = client().Get("/api/v1/feasibility", auth("esa"));
    EXPECT_EQ(json::parse(esa->body)["missions"].get<int>(), status["missions"].get<int>() + 1);

    // Kept in the database: a server started later reads it instead of computing it again (the stored message is
    // altered here, under the same key, so only a read from storage can show it).
    {
        auto st = store::open_store(m_db);
        auto kept = st->derived("feasibility", "nasa-mars-2026");
        ASSERT_TRUE(kept);
        auto content = json::parse(kept->content);
        EXPECT_FALSE(content["porkchop_svg"].get<std::string>().empty());
        content["feasibility"]["message"] = "read from storage";
        kept->content = content.dump();
        st->put_derived(*kept);
        server::ServerOptions options;
        options.db = m_db;
        options.http.port = 0;
        options.log_requests = false;
        options.publish_missing_artefacts = false;
        server::Server second(options);
        const int port = second.bind();
        std::thread serving([&] { second.run(); });
        httplib::Client c("127.0.0.1", port);
        std::string seen;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < until) {
            seen = c.Get("/missions/nasa-mars-2026")->body;
            if (!contains(seen, "Being computed")) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        second.stop();
        serving.join();
        EXPECT_TRUE(contains(seen, "read from storage")) << seen.substr(0, 2000);
    }

    // A change of dates is recomputed: 2027 has no window (feasibility_test checks why).
    ASSERT_EQ(api("PATCH", "nasa", "/api/v1/missions/nasa-mars-2026", {{"launch", "2027-06"}})->status, 200);
    const auto again = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        const auto res = page("anonymous", "/missions/nasa-mars-2026");
        if (contains(res->body, "verdict-infeasible")) {
            EXPECT_TRUE(contains(res->body, "Nearest window after"));
            break;
        }
        ASSERT_LT(std::chrono::steady_clock::now(), again) << res->body;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

TEST_F(RecordPagesTest, TheRoadmapChartLinksEachPublicMissionFollowsTheFiltersAndRunsNoInlineScript) {
    const auto res = client().Get("/roadmap");
    ASSERT_EQ(res->status, 200);
    const auto& b = res->body;
    EXPECT_TRUE(contains(b, "<a class=\"mission-link\" href=\"/missions/artemis-3\""));
    EXPECT_TRUE(contains(b, "<a class=\"mission-link\" href=\"/missions/t-public\""));
    EXPECT_FALSE(contains(b, "/missions/t-partners"));
    EXPECT_FALSE(contains(b, "/missions/t-agencies"));
    EXPECT_FALSE(contains(b, "<style")) << "the page's policy is style-src 'self'";
    // One script, from the server's own origin; no inline script or handler anywhere on the page.
    EXPECT_TRUE(contains(b, "<script src=\"/static/roadmap.js\" defer></script>"));
    std::size_t scripts = 0;
    for (auto at = b.find("<script"); at != std::string::npos; at = b.find("<script", at + 1)) ++scripts;
    EXPECT_EQ(scripts, 1u);
    EXPECT_FALSE(contains(b, " onclick=") || contains(b, " onload=") || contains(b, " onmouseover="));
    EXPECT_TRUE(contains(res->get_header_value("Content-Security-Policy"), "script-src 'self'"));

    // Without the script, the filters redraw the chart on the server.
    const auto jaxa = client().Get("/roadmap?agency=JAXA");
    EXPECT_TRUE(contains(jaxa->body, "href=\"/missions/mmx\""));  // JAXA leads it
    EXPECT_FALSE(contains(jaxa->body, "href=\"/missions/tianwen-1\""));  // CNSA alone
    const auto script = client().Get("/static/roadmap.js");
    ASSERT_EQ(script->status, 200);
    EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_TRUE(contains(script->body, "a.mission-link"));
    EXPECT_FALSE(contains(script->body, "eval("));
    // The chart's class styles come with the stylesheet, scoped to the chart.
    EXPECT_TRUE(contains(client().Get("/static/ger.css")->body, ".roadmap-web svg .mk{"));
}

TEST_F(RecordPagesTest, MissionsBeyondTheReachOfTheCheckHaveNoFeasibilitySection) {
    const auto res = page("anonymous", "/missions/t-public");  // the Moon, undated
    ASSERT_EQ(res->status, 200);
    EXPECT_FALSE(contains(res->body, "Launch feasibility"));
    EXPECT_EQ(client().Get("/missions/t-public/porkchop.svg")->status, 404);
}

}  // namespace
}  // namespace ger::test
