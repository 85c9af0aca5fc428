// The benefits pages through the real server: the four categories, a category's missions under the caller's
// read rules (a mission shared with ESA only is on ESA's page and nobody else's), and the paper (HTML and PDF),
// a published document that holds public missions only whoever asks; the API's categories under the same rules.
#include "server_fixture.hpp"

namespace ger::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class BenefitsTest : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        auto store = store::open_store(m_db);
        for (const auto& [id, scope] : std::vector<std::pair<std::string, model::VisibilityScope>>{
                 {"t-life-public", model::VisibilityScope::public_}, {"t-life-esa", model::VisibilityScope::agencies}}) {
            model::Mission m;
            m.id = id;
            m.name = "Mission " + id;
            m.lead_agency = "NASA";
            m.destination = "Mars";
            m.objectives = {"sfl-life-beyond-earth"};  // an objective of goal 1, Search for Life
            m.visibility = model::Visibility{scope, {}};
            if (scope == model::VisibilityScope::agencies) m.visibility->agencies = {"ESA"};
            store->create_mission(m, {"nasa", "NASA"});
        }
    }
    std::string page(Browser& b, const std::string& path) {
        const auto res = b.get(path);
        EXPECT_TRUE(res) << path;
        if (!res) return "";
        EXPECT_EQ(res->status, 200) << path;
        return res->body;
    }
};

TEST_F(BenefitsTest, FourCategoriesEachWithTheMissionsTheReaderMaySee) {
    auto c = client();
    Browser anonymous{c, {}};
    const auto overview = page(anonymous, "/benefits");
    for (const char* code : {"new-knowledge", "economic-expansion", "culture-inspiration", "global-challenges"}) {
        EXPECT_TRUE(contains(overview, std::string("href=\"/benefits/") + code + "\"")) << code;
    }
    EXPECT_TRUE(contains(overview, "href=\"/benefits/paper.pdf\""));
    EXPECT_TRUE(contains(overview, "Page last updated:")) << "the benefits page's footer";

    const auto knowledge = page(anonymous, "/benefits/new-knowledge");
    EXPECT_TRUE(contains(knowledge, "Mission t-life-public"));
    EXPECT_FALSE(contains(knowledge, "t-life-esa")) << "a mission shared with ESA only";
    EXPECT_FALSE(contains(page(anonymous, "/benefits/global-challenges"), "t-life-public"))
        << "Search for Life does not feed the global challenges";

    auto c2 = client();
    Browser esa{c2, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_TRUE(contains(page(esa, "/benefits/new-knowledge"), "Mission t-life-esa"));
    auto c3 = client();
    Browser jaxa{c3, {}};
    ASSERT_EQ(jaxa.login("jaxa", test_password)->status, 303);
    EXPECT_FALSE(contains(page(jaxa, "/benefits/new-knowledge"), "t-life-esa"));
    const auto overview_counts = page(esa, "/benefits");
    EXPECT_NE(overview_counts, overview) << "ESA's counts include the mission it may see";

    EXPECT_EQ(anonymous.get("/benefits/no-such-category")->status, 404);
}

TEST_F(BenefitsTest, ThePaperHoldsPublicMissionsOnlyWhoeverAsks) {
    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    const auto html = page(esa, "/benefits/paper");
    EXPECT_TRUE(contains(html, "Mission t-life-public"));
    EXPECT_FALSE(contains(html, "t-life-esa"));
    const auto pdf = esa.get("/benefits/paper.pdf");
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    EXPECT_TRUE(contains(pdf->get_header_value("Content-Disposition"), "ger-benefits-paper.pdf"));
    const auto anonymous_pdf = client().Get("/benefits/paper.pdf");
    ASSERT_TRUE(anonymous_pdf);
    EXPECT_EQ(anonymous_pdf->body.size(), pdf->body.size()) << "the same document for ESA and for the public";
}

TEST_F(BenefitsTest, TheApiGivesEachCallerTheMissionsItMayRead) {
    const auto missions_for = [&](const std::string& who) {
        const auto res = client().Get("/api/v1/benefits/new-knowledge", auth(who));
        EXPECT_TRUE(res);
        if (!res) return nlohmann::json();
        EXPECT_EQ(res->status, 200) << res->body;
        return nlohmann::json::parse(res->body)["missions"];
    };
    const auto has = [](const nlohmann::json& ids, const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    EXPECT_TRUE(has(missions_for("anonymous"), "t-life-public"));
    EXPECT_FALSE(has(missions_for("anonymous"), "t-life-esa"));
    EXPECT_FALSE(has(missions_for("jaxa"), "t-life-esa"));
    EXPECT_TRUE(has(missions_for("esa"), "t-life-esa"));
    const auto all = client().Get("/api/v1/benefits", auth("jaxa"));
    ASSERT_TRUE(all);
    EXPECT_FALSE(contains(all->body, "t-life-esa")) << "nor in the list of categories";
    EXPECT_EQ(nlohmann::json::parse(all->body)["total"], 4);
    const auto none = client().Get("/api/v1/benefits/no-such-category");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);
}

}  // namespace
}  // namespace ger::test
