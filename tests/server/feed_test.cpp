// The change feed and the audit log end to end (issue 10, findings 6 and 9): entries follow their record's
// visibility *now* in /api/v1/changes, the home page's latest updates and the workspace; both lists page by a
// keyset cursor (`before`, `next`) without gaps or duplicates while writes happen, and answer no total.
#include <set>

#include "server_fixture.hpp"

namespace {

using ger::test::Browser;
using ger::test::ServerFixture;
using nlohmann::json;

class FeedTest : public ServerFixture {
protected:
    json get_json(const std::string& path, const std::string& who) {
        auto res = client().Get(path.c_str(), auth(who));
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << path << " " << who << " " << res->body;
        return json::parse(res->body);
    }

    // The record ids of a whole (one page of at most 500) list.
    std::multiset<std::string> ids(const std::string& path, const std::string& who) {
        std::multiset<std::string> out;
        const auto page = get_json(path, who);
        EXPECT_TRUE(page["next"].is_null()) << path << ": the test data fits one page";
        for (const auto& e : page["items"]) out.insert(e["record_id"].get<std::string>());
        return out;
    }
    std::multiset<std::string> feed(const std::string& who) { return ids("/api/v1/changes?limit=500", who); }

    void set_visibility(const std::string& mission, const json& visibility) {
        auto c = client();
        auto current = c.Get(("/api/v1/missions/" + mission).c_str(), auth("nasa"));
        ASSERT_EQ(current->status, 200);
        auto headers = auth("nasa");
        headers.emplace("If-Match", current->get_header_value("ETag"));
        auto res = c.Patch(("/api/v1/missions/" + mission).c_str(), headers, json{{"visibility", visibility}}.dump(),
                           "application/merge-patch+json");
        ASSERT_EQ(res->status, 200) << res->body;
    }

    void create_mission(const std::string& id, const json& visibility) {
        json body = {{"id", id},          {"name", "Mission " + id}, {"lead_agency", "NASA"},
                     {"destination", "Moon"}, {"kind", "robotic"},   {"type", "lander"},
                     {"status", "planned"}, {"commitment", "study"}, {"visibility", visibility}};
        auto res = client().Post("/api/v1/missions", auth("nasa"), body.dump(), "application/json");
        ASSERT_EQ(res->status, 201) << res->body;
    }

    void delete_mission(const std::string& id) {
        auto c = client();
        auto current = c.Get(("/api/v1/missions/" + id).c_str(), auth("nasa"));
        ASSERT_EQ(current->status, 200);
        auto headers = auth("nasa");
        headers.emplace("If-Match", current->get_header_value("ETag"));
        ASSERT_EQ(c.Delete(("/api/v1/missions/" + id).c_str(), headers)->status, 204);
    }

    bool home_names(const std::string& id) {
        const auto home = client().Get("/");
        EXPECT_EQ(home->status, 200);
        return home->body.find(id) != std::string::npos;
    }

    // Every item of a list, followed page by page through `next`, with `between` run before each next page.
    std::vector<json> follow(std::string path, const std::string& who, const std::function<void()>& between) {
        std::vector<json> out;
        for (int pages = 0; pages < 10000; ++pages) {
            const auto page = get_json(path, who);
            for (const auto& item : page["items"]) out.push_back(item);
            EXPECT_FALSE(page.contains("total")) << "counting the log is the cost the cursor removes";
            if (page["next"].is_null()) return out;
            path = page["next"].get<std::string>();
            between();
        }
        ADD_FAILURE() << "paging did not end";
        return out;
    }
};

const json only_esa = {{"scope", "agencies"}, {"agencies", {"ESA"}}};
const json everyone = {{"scope", "public"}, {"agencies", json::array()}};

TEST_F(FeedTest, NarrowingAPublicMissionTakesItsEntriesOutOfTheAnonymousFeedAndTheHomePage) {
    EXPECT_EQ(feed("anonymous").count("t-public"), 1u);
    EXPECT_TRUE(home_names("t-public"));

    set_visibility("t-public", only_esa);
    EXPECT_EQ(feed("anonymous").count("t-public"), 0u) << "its create entry was public when written";
    EXPECT_FALSE(home_names("t-public"));
    EXPECT_EQ(feed("jaxa").count("t-public"), 0u);
    EXPECT_EQ(feed("esa").count("t-public"), 2u);
    EXPECT_EQ(feed("nasa").count("t-public"), 2u);
    EXPECT_EQ(feed("sec").count("t-public"), 2u);

    set_visibility("t-public", everyone);
    EXPECT_EQ(feed("anonymous").count("t-public"), 3u);
    EXPECT_TRUE(home_names("t-public"));
    EXPECT_EQ(feed("jaxa").count("t-public"), 3u);
}

TEST_F(FeedTest, ARemovedMissionsEntriesFollowItsLastState) {
    create_mission("nasa-gone", everyone);
    set_visibility("nasa-gone", only_esa);
    delete_mission("nasa-gone");
    EXPECT_EQ(feed("anonymous").count("nasa-gone"), 0u);
    EXPECT_FALSE(home_names("nasa-gone"));
    EXPECT_EQ(feed("jaxa").count("nasa-gone"), 0u);
    EXPECT_EQ(feed("esa").count("nasa-gone"), 3u);

    create_mission("nasa-was-public", everyone);
    delete_mission("nasa-was-public");
    EXPECT_EQ(feed("anonymous").count("nasa-was-public"), 2u);
    EXPECT_TRUE(home_names("nasa-was-public"));
}

TEST_F(FeedTest, EntriesCarryNoRecordContent) {
    const auto page = get_json("/api/v1/changes?limit=500", "anonymous");
    ASSERT_FALSE(page["items"].empty());
    for (const auto& e : page["items"]) {
        std::set<std::string> keys;
        for (const auto& [key, value] : e.items()) keys.insert(key);
        EXPECT_EQ(keys, (std::set<std::string>{"id", "at", "actor", "agency", "record_kind", "record_id", "action"}));
    }
}

TEST_F(FeedTest, PagingWithBeforeYieldsTheUnpagedListWhileWritesHappen) {
    for (int i = 0; i < 6; ++i) create_mission("nasa-extra-" + std::to_string(i), everyone);
    for (const std::string who : {"anonymous", "jaxa", "sec"}) {
        for (const std::string list : {"/api/v1/changes", "/api/v1/audit"}) {
            if (who == "anonymous" && list == "/api/v1/audit") continue;
            for (const std::string filter : {"", "&record_kind=mission"}) {
                const auto whole = get_json(list + "?limit=500" + filter, who);
                ASSERT_TRUE(whole["next"].is_null());
                int writes = 0;
                const auto paged = follow(list + "?limit=2" + filter, who, [&] {
                    const auto& visibility = writes % 2 == 0 ? only_esa : everyone;
                    set_visibility("nasa-extra-" + std::to_string(writes % 6), visibility);
                    ++writes;
                });
                if (whole["items"].size() > 4) {
                    EXPECT_GT(writes, 1) << list << " " << who;
                }
                // The writes narrow and widen the extra missions: compare with what the whole list held of the
                // records whose visibility the writes did not touch, and check the order.
                std::vector<long long> expected;
                for (const auto& e : whole["items"]) {
                    if (e["record_id"].get<std::string>().rfind("nasa-extra-", 0) != 0) expected.push_back(e["id"]);
                }
                std::vector<long long> got;
                for (std::size_t i = 0; i < paged.size(); ++i) {
                    const auto id = paged[i]["id"].get<long long>();
                    if (i > 0) {
                        EXPECT_LT(id, paged[i - 1]["id"].get<long long>()) << "newest first, no duplicates";
                    }
                    if (paged[i]["record_id"].get<std::string>().rfind("nasa-extra-", 0) != 0) got.push_back(id);
                }
                EXPECT_EQ(got, expected) << list << " " << who << filter;
                for (int i = 0; i < 6; ++i) set_visibility("nasa-extra-" + std::to_string(i), everyone);
            }
        }
    }
}

TEST_F(FeedTest, PagingWithoutWritesYieldsExactlyTheUnpagedList) {
    for (const std::string who : {"anonymous", "nasa", "sec"}) {
        const auto whole = get_json("/api/v1/changes?limit=500", who)["items"];
        const auto paged = follow("/api/v1/changes?limit=1", who, [] {});
        EXPECT_EQ(json(paged), whole) << who;
    }
}

TEST_F(FeedTest, LimitOneAnswersOneItemAndANextLink) {
    const auto page = get_json("/api/v1/changes?limit=1&since=2000-01-01T00:00:00Z", "anonymous");
    ASSERT_EQ(page["items"].size(), 1u);
    EXPECT_EQ(page["limit"], 1);
    EXPECT_FALSE(page.contains("total"));
    ASSERT_TRUE(page["next"].is_string());
    const auto next = page["next"].get<std::string>();
    EXPECT_EQ(next.rfind("/api/v1/changes?", 0), 0u) << next;
    EXPECT_NE(next.find("since=2000-01-01T00"), std::string::npos) << "the filters travel with the cursor";
    EXPECT_NE(next.find("before=" + std::to_string(page["items"][0]["id"].get<long long>())), std::string::npos);
    const auto second = get_json(next, "anonymous");
    ASSERT_EQ(second["items"].size(), 1u);
    EXPECT_LT(second["items"][0]["id"], page["items"][0]["id"]);
    EXPECT_EQ(get_json("/api/v1/changes", "anonymous")["limit"], 100);

    auto c = client();
    for (const auto* bad : {"/api/v1/changes?limit=0", "/api/v1/changes?limit=501", "/api/v1/changes?before=x",
                            "/api/v1/changes?before=0", "/api/v1/changes?offset=5",
                            "/api/v1/changes?since=yesterday"}) {
        const auto res = c.Get(bad);
        EXPECT_EQ(res->status, 400) << bad;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << bad;
    }
}

TEST_F(FeedTest, TheAuditLogShowsContentOnlyToTheOwnerAndTheSecretariat) {
    set_visibility("t-public", only_esa);
    const auto nasa = get_json("/api/v1/audit?record_id=t-public", "nasa");
    ASSERT_EQ(nasa["items"].size(), 2u);
    EXPECT_EQ(nasa["items"][0]["action"], "update");
    EXPECT_FALSE(nasa["items"][0]["before"].get<std::string>().empty());
    EXPECT_EQ(get_json("/api/v1/audit?record_id=t-public", "sec")["items"].size(), 2u);
    EXPECT_TRUE(get_json("/api/v1/audit?record_id=t-public", "esa")["items"].empty());
    EXPECT_EQ(client().Get("/api/v1/audit?limit=1")->status, 401);
    const auto one = get_json("/api/v1/audit?limit=1", "nasa");
    EXPECT_EQ(one["items"].size(), 1u);
    EXPECT_TRUE(one["next"].is_string());
}

TEST_F(FeedTest, TheWorkspaceListsFollowTheRecordsVisibilityNow) {
    auto c = client();
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", ger::test::test_password)->status, 303);
    const auto changed = [&] {
        const auto page = jaxa.get("/workspace")->body;
        const auto from = page.find("id=\"changes\"");
        return page.substr(from, page.find("<h2>More</h2>") - from);
    };
    EXPECT_NE(changed().find("t-partners"), std::string::npos);
    set_visibility("t-partners", only_esa);
    EXPECT_EQ(changed().find("t-partners"), std::string::npos);

    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", ger::test::test_password)->status, 303);
    const auto audit = nasa.get("/workspace/audit");
    ASSERT_EQ(audit->status, 200);
    EXPECT_NE(audit->body.find("t-partners"), std::string::npos);
    EXPECT_EQ(nasa.get("/workspace/audit?before=x")->status, 400);
}

}  // namespace
