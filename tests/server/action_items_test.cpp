// A workshop's action items under the read rules, on its page, in the API, in the hosts' forms and on the diff of
// the editions around the workshop: a mission an item names shows only to those who may read it, a comment only
// once accepted (the secretariat: always), an objective to everyone; the item itself is public. Only the hosts
// write; a record the writer may not read is refused in the words used for one that does not exist, and stays
// on the item when the writer changes the rest.
#include <regex>

#include "analysis/edition.hpp"
#include "server_fixture.hpp"

namespace ger::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ActionItemsPageTest : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        auto store = store::open_store(m_db);
        const auto workshop = model::bundled_workshops().at(0);
        if (!store->workshop(workshop.id)) store->create_workshop(workshop, {"sec", "", {}});
        m_workshop = workshop.id;
        model::CommentSubmission s;
        s.edition = "2013";
        s.name = "Ada";
        s.email = "ada@example.org";
        s.text = "Please add a sample return.";
        m_pending = store->create_comment({s, "receipt-digest-1", "source"}).id;
        model::ActionItem a;
        a.workshop = m_workshop;
        a.title = "Review the sample-return proposals";
        a.owner_agency = "ESA";
        a.records = {"t-agencies", "t-public", "sfl-life-beyond-earth", "comment:" + std::to_string(m_pending)};
        m_item = store->create_action_item(a, {"sec", "", {}}).id;
        // A workshop JAXA hosts: its planners may not read t-agencies (shared with ESA only).
        auto jaxa = workshop;
        jaxa.id = "jaxa-workshop";
        jaxa.title = "JAXA's roadmap workshop";
        jaxa.host_agency = "JAXA";
        store->create_workshop(jaxa, {"sec", "", {}});
    }
    httplib::Result send(const std::string& method, const std::string& path, const std::string& who,
                         const nlohmann::json& body, const std::string& if_match = "") {
        auto headers = auth(who);
        if (!if_match.empty()) headers.emplace("If-Match", if_match);
        auto c = client();
        const auto text = body.dump();
        if (method == "POST") return c.Post(path.c_str(), headers, text, "application/json");
        return c.Patch(path.c_str(), headers, text, "application/merge-patch+json");
    }
    nlohmann::json get_json(const std::string& who, const std::string& path) {
        const auto res = client().Get(path.c_str(), auth(who));
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << path << res->body;
        return nlohmann::json::parse(res->body);
    }
    std::string m_workshop;
    long long m_pending = 0;
    long long m_item = 0;
};

TEST_F(ActionItemsPageTest, RecordsShowOnlyAsTheReaderMaySeeThem) {
    const auto anonymous = client().Get(("/workshops/" + m_workshop).c_str());
    ASSERT_TRUE(anonymous);
    ASSERT_EQ(anonymous->status, 200);
    EXPECT_TRUE(contains(anonymous->body, "Review the sample-return proposals"));
    EXPECT_TRUE(contains(anonymous->body, "href=\"/missions/t-public\""));
    EXPECT_FALSE(contains(anonymous->body, "t-agencies")) << "a mission shared with ESA only";
    EXPECT_TRUE(contains(anonymous->body, "Objective: <a href=\"/goals/search-for-life\""));
    EXPECT_FALSE(contains(anonymous->body, "Comment " + std::to_string(m_pending))) << "a pending comment";

    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_TRUE(contains(esa.get("/workshops/" + m_workshop)->body, "href=\"/missions/t-agencies\""));
    auto c2 = client();
    Browser jaxa{c2, {}};
    ASSERT_EQ(jaxa.login("jaxa", test_password)->status, 303);
    EXPECT_FALSE(contains(jaxa.get("/workshops/" + m_workshop)->body, "t-agencies"));

    // Once accepted, the comment is named and linked.
    auto store = store::open_store(m_db);
    const auto pending = store->comment(m_pending);
    ASSERT_TRUE(pending);
    model::CommentModeration accept;
    accept.status = model::CommentStatus::accepted;
    store->moderate_comment(m_pending, pending->version, accept, {"sec", "", {}});
    const auto after = client().Get(("/workshops/" + m_workshop).c_str());
    EXPECT_TRUE(contains(after->body, "/editions/2013/comments#comment-" + std::to_string(m_pending)));
}

TEST_F(ActionItemsPageTest, TheApiListsItemsWithTheRecordsEachCallerMayRead) {
    const auto path = "/api/v1/workshops/" + m_workshop + "/action-items";
    const auto pending = "comment:" + std::to_string(m_pending);
    const auto records_for = [&](const std::string& who) {
        const auto page = get_json(who, path);
        EXPECT_EQ(page["total"], 1) << page.dump();
        return page["items"][0]["records"];
    };
    EXPECT_EQ(records_for("anonymous"), nlohmann::json({"t-public", "sfl-life-beyond-earth"}));
    EXPECT_EQ(records_for("jaxa"), nlohmann::json({"t-public", "sfl-life-beyond-earth"}));
    EXPECT_EQ(records_for("esa"), nlohmann::json({"t-agencies", "t-public", "sfl-life-beyond-earth"}));
    EXPECT_EQ(records_for("sec"), nlohmann::json({"t-agencies", "t-public", "sfl-life-beyond-earth", pending}));
    const auto one = client().Get(("/api/v1/action-items/" + std::to_string(m_item)).c_str());
    ASSERT_TRUE(one);
    EXPECT_EQ(one->status, 200);
    EXPECT_EQ(one->get_header_value("ETag"), "\"1\"");
    EXPECT_FALSE(contains(one->body, "t-agencies"));
    for (const char* bad : {"/api/v1/action-items/999", "/api/v1/action-items/abc", "/api/v1/action-items/-1",
                            "/api/v1/workshops/no-such-workshop/action-items"}) {
        const auto res = client().Get(bad);
        ASSERT_TRUE(res) << bad;
        EXPECT_EQ(res->status, 404) << bad;
    }
}

TEST_F(ActionItemsPageTest, OnlyTheHostsWriteAndAHiddenRecordReadsAsAnAbsentOne) {
    const std::string path = "/api/v1/workshops/jaxa-workshop/action-items";
    const nlohmann::json body{{"title", "Compare lunar landing sites"}, {"owner_agency", "JAXA"},
                              {"records", {"t-public"}}};
    auto res = send("POST", path, "anonymous", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    res = send("POST", path, "esa", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "ESA does not host JAXA's workshop";
    EXPECT_TRUE(get_json("anonymous", path)["items"].empty()) << "the refused writes stored nothing";

    // JAXA's planner cannot read t-agencies: naming it is answered as naming a mission that does not exist.
    const auto refused = [&](const std::string& record) {
        auto r = send("POST", path, "jaxa", {{"title", "x"}, {"owner_agency", "JAXA"}, {"records", {record}}});
        EXPECT_TRUE(r);
        if (!r) return std::string();
        EXPECT_EQ(r->status, 422) << record << r->body;
        const auto errors = nlohmann::json::parse(r->body)["errors"];
        EXPECT_EQ(errors.size(), 1u) << r->body;
        auto text = errors.dump();
        return std::regex_replace(text, std::regex(record), "RECORD");
    };
    EXPECT_EQ(refused("t-agencies"), refused("t-nowhere"));
    // Nor with another bad field in the same answer (the store is never reached then).
    const auto with_bad_title = [&](const std::string& record) {
        auto r = send("POST", path, "jaxa", {{"title", ""}, {"owner_agency", "JAXA"}, {"records", {record}}});
        EXPECT_TRUE(r);
        if (!r) return std::string();
        EXPECT_EQ(r->status, 422) << r->body;
        return std::regex_replace(nlohmann::json::parse(r->body)["errors"].dump(), std::regex(record), "RECORD");
    };
    EXPECT_EQ(with_bad_title("t-agencies"), with_bad_title("t-nowhere"));
    EXPECT_TRUE(contains(with_bad_title("t-nowhere"), "/records/0")) << "the absent record is named as well";
    EXPECT_EQ(refused("comment:" + std::to_string(m_pending)), refused("comment:99999"))
        << "a pending comment is hidden from planners";
    // Too many records, or one named twice, is refused by name rather than cut or merged.
    res = send("POST", path, "jaxa",
               {{"title", "x"}, {"owner_agency", "JAXA"}, {"records", std::vector<std::string>(51, "t-public")}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "at most 50 records (got 51)")) << res->body;
    res = send("POST", path, "jaxa", {{"title", "x"}, {"owner_agency", "JAXA"}, {"records", {"t-public", "t-public"}}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "\"/records/1\"")) << res->body;
    res = send("POST", path, "jaxa", {{"title", "x"}, {"owner_agency", "ZZZ"}, {"colour", "red"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "/colour")) << res->body;

    res = send("POST", path, "jaxa", body);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    const auto created = nlohmann::json::parse(res->body);
    EXPECT_EQ(created["status"], "open");
    EXPECT_EQ(created["workshop"], "jaxa-workshop");
    EXPECT_EQ(res->get_header_value("Location"), "/api/v1/action-items/" + std::to_string(created["id"].get<long long>()));
    auto store = store::open_store(m_db);
    EXPECT_EQ(store->audit({.record_kind = "action-item", .record_id = std::to_string(created["id"].get<long long>())})
                  .size(),
              1u);
}

TEST_F(ActionItemsPageTest, AChangeNeedsIfMatchAndKeepsTheRecordsTheWriterCannotRead) {
    // The secretariat adds an item to JAXA's workshop naming a mission JAXA may not read.
    auto res = send("POST", "/api/v1/workshops/jaxa-workshop/action-items", "sec",
                    {{"title", "Share the habitat study"}, {"owner_agency", "ESA"},
                     {"records", {"t-agencies", "t-public"}}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    const auto id = nlohmann::json::parse(res->body)["id"].get<long long>();
    const auto path = "/api/v1/action-items/" + std::to_string(id);

    res = send("PATCH", path, "jaxa", {{"status", "in-progress"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 428) << "no If-Match";
    res = send("PATCH", path, "esa", {{"status", "done"}}, "\"1\"");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "ESA owns the item's work but does not host the workshop";
    res = send("PATCH", path, "jaxa", {{"status", "finished"}}, "\"1\"");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    res = send("PATCH", path, "jaxa", {{"status", "in-progress"}, {"records", {"sfl-life-beyond-earth"}}},
               "\"1\"");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("ETag"), "\"2\"");
    EXPECT_EQ(nlohmann::json::parse(res->body)["records"], nlohmann::json({"sfl-life-beyond-earth"}))
        << "JAXA sees only what it may read";
    auto stored = store::open_store(m_db)->action_item(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->records, (std::vector<std::string>{"sfl-life-beyond-earth", "t-agencies"}))
        << "t-public was removed by JAXA; t-agencies, which JAXA cannot see, stays";
    EXPECT_EQ(stored->status, model::ActionStatus::in_progress);

    res = send("PATCH", path, "sec", {{"status", "done"}}, "\"1\"");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 412) << "a stale version";
    EXPECT_EQ(store::open_store(m_db)->action_item(id)->status, model::ActionStatus::in_progress);

    // A named mission deleted since: changes still go through, and a change of the records drops it.
    {
        auto store = store::open_store(m_db);
        store->delete_mission("t-agencies", store->mission("t-agencies")->meta.version, {"nasa", "NASA", {}});
    }
    res = send("PATCH", path, "jaxa", {{"status", "done"}}, "\"2\"");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    res = send("PATCH", path, "jaxa", {{"records", {"t-public"}}}, "\"3\"");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(store::open_store(m_db)->action_item(id)->records, (std::vector<std::string>{"t-public"}));
}

TEST_F(ActionItemsPageTest, TheHostsUseThePortalFormsAndAStaleFormSavesNothing) {
    auto c = client();
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", test_password)->status, 303);
    auto page = jaxa.get("/workshops/jaxa-workshop");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "/workshops/jaxa-workshop/action-items/new"));
    EXPECT_FALSE(contains(jaxa.get("/workshops/" + m_workshop)->body, "action-items/new"))
        << "JAXA does not host NASA's workshop";
    const auto form = jaxa.get("/workshops/jaxa-workshop/action-items/new");
    ASSERT_EQ(form->status, 200);
    const auto csrf = Browser::csrf(form->body);
    auto res = jaxa.post("/workshops/jaxa-workshop/action-items/new",
                         {{"csrf", csrf}, {"version", "0"}, {"title", ""}, {"owner_agency", "JAXA"},
                          {"status", "open"}, {"description", ""}, {"records", "t-agencies"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "field invalid\"><label for=\"m-title\""));
    EXPECT_TRUE(contains(res->body, "t-agencies: no mission, objective or comment:N of that id")) << res->body;
    res = jaxa.post("/workshops/jaxa-workshop/action-items/new",
                    {{"csrf", csrf}, {"version", "0"}, {"title", "Map the south pole"}, {"owner_agency", "JAXA"},
                     {"status", "open"}, {"description", "Line one\nline two"},
                     {"records", "t-public\nsfl-life-beyond-earth"}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body;
    const auto items = store::open_store(m_db)->action_items(std::string_view("jaxa-workshop"));
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].records, (std::vector<std::string>{"t-public", "sfl-life-beyond-earth"}));
    const auto edit = "/action-items/" + std::to_string(items[0].id) + "/edit";
    EXPECT_TRUE(contains(jaxa.get("/workshops/jaxa-workshop")->body, edit));

    const auto opened = jaxa.get(edit);
    ASSERT_EQ(opened->status, 200);
    const httplib::Params change{{"csrf", Browser::csrf(opened->body)}, {"version", "1"},
                                 {"title", "Map the south pole"}, {"owner_agency", "JAXA"}, {"status", "done"},
                                 {"description", ""}, {"records", "t-public"}};
    ASSERT_EQ(jaxa.post(edit, change)->status, 303);
    const auto stale = jaxa.post(edit, change);
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 409);
    EXPECT_TRUE(contains(stale->body, "now at version 2"));
    EXPECT_EQ(store::open_store(m_db)->action_item(items[0].id)->version, 2);

    auto c2 = client();
    Browser esa{c2, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_EQ(esa.get(edit)->status, 403);
    auto forged = change;
    forged.erase("csrf");
    forged.emplace("csrf", Browser::csrf(esa.get("/workspace")->body));
    forged.erase("version");
    forged.emplace("version", "2");
    EXPECT_EQ(esa.post(edit, forged)->status, 403);
    auto c3 = client();
    Browser anonymous{c3, {}};
    EXPECT_EQ(anonymous.post(edit, change)->status, 303) << "to the login";
    EXPECT_EQ(store::open_store(m_db)->action_item(items[0].id)->version, 2) << "nothing saved by others";
}

TEST_F(ActionItemsPageTest, TheDiffOfTheEditionsAroundAWorkshopShowsItsItems) {
    {
        auto s = store::open_store(m_db);
        for (const auto& snapshot : analysis::bundled_edition_snapshots()) {
            s->freeze_edition(snapshot, std::nullopt, {"test", ""});
        }
    }
    // The 2014 workshop was held after the 2013 edition: on its diff to the current records, not on 2011 to 2013.
    const auto after = client().Get("/editions/diff?a=2013&b=current");
    ASSERT_TRUE(after);
    ASSERT_EQ(after->status, 200);
    EXPECT_TRUE(contains(after->body, "Review the sample-return proposals")) << after->body;
    EXPECT_TRUE(contains(after->body, "href=\"/workshops/" + m_workshop + "\""));
    EXPECT_FALSE(contains(after->body, "t-agencies")) << "the read rules hold on the diff too";
    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_TRUE(contains(esa.get("/editions/diff?a=2013&b=current")->body, "href=\"/missions/t-agencies\""));
    const auto before = client().Get("/editions/diff?a=2011&b=2013");
    ASSERT_TRUE(before);
    EXPECT_FALSE(contains(before->body, "Review the sample-return proposals"));
    EXPECT_TRUE(contains(before->body, "No workshop held between these editions recorded an action item."));

    // An item's change shows at once: the cached diff is keyed by the community counter too.
    auto item = store::open_store(m_db)->action_item(m_item);
    item->status = model::ActionStatus::done;
    store::open_store(m_db)->update_action_item(*item, item->version, {"sec", "", {}});
    const auto moved = client().Get("/editions/diff?a=2013&b=current");
    ASSERT_TRUE(moved);
    const auto at = moved->body.find("Review the sample-return proposals");
    ASSERT_NE(at, std::string::npos);
    EXPECT_TRUE(contains(moved->body.substr(at, 200), ">done<")) << moved->body.substr(at, 200);
}

}  // namespace
}  // namespace ger::test
