// The secretariat's goals, objectives and editions, edition downloads and diffs, the planners' analysis page and
// capability forms, end to end against the real server.
#include <chrono>
#include <set>
#include <thread>

#include "analysis/edition.hpp"
#include "server_fixture.hpp"

namespace {

using ger::test::Browser;
using ger::test::ServerFixture;
using nlohmann::json;
namespace model = ger::model;
namespace store = ger::store;

class PortalTest : public ServerFixture {
protected:
    httplib::Headers json_auth(const std::string& who, const std::string& if_match = "") const {
        auto h = auth(who);
        if (!if_match.empty()) h.emplace("If-Match", if_match);
        return h;
    }
    // Freezes the bundled edition `name` ("2011", "2013") straight into the store, as `ger init` does.
    void freeze_bundled(const std::string& name) {
        auto s = store::open_store(m_db);
        for (const auto& snapshot : ger::analysis::bundled_edition_snapshots()) {
            if (snapshot.editions.front().name == name) s->freeze_edition(snapshot, std::nullopt, {"test", ""});
        }
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(PortalTest, SecretariatManagesGoalsAndObjectivesOverTheApi) {
    auto c = client();
    // Create a goal: 201, Location, ETag.
    auto res = c.Post("/api/v1/goals", auth("sec"),
                      R"({"id": "economy", "number": 40, "title": "Stimulate the economy", "description": "d"})",
                      "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/api/v1/goals/economy");
    const auto created_tag = res->get_header_value("ETag");
    ASSERT_FALSE(created_tag.empty());
    res = c.Get("/api/v1/goals/economy");
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("ETag"), created_tag);

    // Change it: If-Match required, a stale tag is refused.
    EXPECT_EQ(c.Patch("/api/v1/goals/economy", auth("sec"), R"({"title": "x"})", "application/merge-patch+json")->status,
              428);
    res = c.Patch("/api/v1/goals/economy", json_auth("sec", created_tag), R"({"title": "Economic expansion"})",
                  "application/merge-patch+json");
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["title"], "Economic expansion");
    const auto new_tag = res->get_header_value("ETag");
    EXPECT_NE(new_tag, created_tag);
    res = c.Patch("/api/v1/goals/economy", json_auth("sec", created_tag), R"({"title": "Lost update"})",
                  "application/merge-patch+json");
    EXPECT_EQ(res->status, 412);
    EXPECT_EQ(json::parse(c.Get("/api/v1/goals/economy")->body)["title"], "Economic expansion");

    // Validation: a taken goal number, field path given.
    res = c.Post("/api/v1/goals", auth("sec"), R"({"id": "dup", "number": 40, "title": "Duplicate"})",
                 "application/json");
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(json::parse(res->body)["errors"][0]["pointer"], "/number");

    // An objective under it, then deleting the goal is refused while it has one.
    res = c.Post("/api/v1/objectives", auth("sec"),
                 R"({"id": "markets", "goal_id": "economy", "title": "Open markets", "verified": false})",
                 "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
    const auto objective_tag = res->get_header_value("ETag");
    res = c.Delete("/api/v1/goals/economy", json_auth("sec", new_tag));
    EXPECT_EQ(res->status, 409);
    EXPECT_TRUE(contains(json::parse(res->body)["detail"], "markets"));

    // Planners and anonymous callers write nothing.
    const auto before = change_id();
    for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{{"nasa", 403}, {"esa", 403},
                                                                               {"anonymous", 401}}) {
        SCOPED_TRACE(who);
        EXPECT_EQ(c.Post("/api/v1/goals", auth(who), R"({"id": "g9", "number": 9, "title": "t"})", "application/json")
                      ->status,
                  status);
        EXPECT_EQ(c.Post("/api/v1/objectives", auth(who), R"({"id": "o9", "goal_id": "economy", "title": "t"})",
                         "application/json")
                      ->status,
                  status);
        EXPECT_EQ(c.Patch("/api/v1/goals/economy", json_auth(who, new_tag), R"({"title": "t"})",
                          "application/merge-patch+json")
                      ->status,
                  status);
        EXPECT_EQ(c.Delete("/api/v1/objectives/markets", json_auth(who, objective_tag))->status, status);
        EXPECT_EQ(c.Delete("/api/v1/goals/economy", json_auth(who, new_tag))->status, status);
    }
    EXPECT_EQ(change_id(), before);

    // An objective that missions address is not deleted, and the message says which missions.
    const auto addressed = json::parse(c.Get("/api/v1/missions?limit=500", auth("sec"))->body)["items"];
    std::string objective;
    for (const auto& m : addressed) {
        if (!m["objectives"].empty()) objective = m["objectives"][0];
    }
    ASSERT_FALSE(objective.empty());
    res = c.Get(("/api/v1/objectives/" + objective).c_str());
    res = c.Delete(("/api/v1/objectives/" + objective).c_str(), json_auth("sec", res->get_header_value("ETag")));
    EXPECT_EQ(res->status, 409);
    EXPECT_TRUE(contains(json::parse(res->body)["detail"], "cannot be deleted while missions address it"));
    EXPECT_EQ(c.Get(("/api/v1/objectives/" + objective).c_str())->status, 200);

    // The secretariat deletes the objective, then the goal.
    EXPECT_EQ(c.Delete("/api/v1/objectives/markets", json_auth("sec", objective_tag))->status, 204);
    EXPECT_EQ(c.Delete("/api/v1/goals/economy", json_auth("sec", new_tag))->status, 204);
    EXPECT_EQ(c.Get("/api/v1/goals/economy")->status, 404);
    EXPECT_EQ(c.Delete("/api/v1/goals/economy", json_auth("sec", new_tag))->status, 404);
}

TEST_F(PortalTest, SecretariatCannotEditMissions) {
    auto c = client();
    const auto before = change_id();
    EXPECT_EQ(c.Patch("/api/v1/missions/t-public", json_auth("sec", "\"1\""), R"({"name": "x"})",
                      "application/merge-patch+json")
                  ->status,
              403);
    EXPECT_EQ(c.Post("/api/v1/missions", auth("sec"), R"({"id": "sec-m", "name": "x", "destination": "Moon"})",
                     "application/json")
                  ->status,
              403);
    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", ger::test::test_password)->status, 303);
    EXPECT_EQ(sec.get("/workspace/missions/t-public")->status, 403);
    EXPECT_EQ(sec.get("/workspace/missions/new")->status, 403);
    EXPECT_EQ(sec.get("/workspace/capabilities/c-public")->status, 403);
    EXPECT_EQ(change_id(), before);
}

TEST_F(PortalTest, SecretariatEditsGoalsAndObjectivesInTheWorkspace) {
    auto c = client();
    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", ger::test::test_password)->status, 303);
    EXPECT_EQ(nasa.get("/workspace/roadmap")->status, 403);
    EXPECT_EQ(nasa.get("/workspace/goals/new")->status, 403);

    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", ger::test::test_password)->status, 303);
    ASSERT_EQ(sec.get("/workspace/roadmap")->status, 200);
    auto form = sec.get("/workspace/goals/new");
    ASSERT_EQ(form->status, 200);
    const auto csrf = Browser::csrf(form->body);
    httplib::Params fields{{"csrf", csrf}, {"id", "ws-goal"}, {"number", "four"}, {"title", "Workspace goal"},
                           {"expected", ""}};
    auto res = sec.post("/workspace/goals", fields);
    EXPECT_EQ(res->status, 422);
    const auto error = res->body.find("id=\"number-error\"");
    ASSERT_NE(error, std::string::npos) << res->body;
    EXPECT_LT(error, res->body.find("id=\"m-number\""));
    EXPECT_EQ(client().Get("/api/v1/goals/ws-goal")->status, 404);
    fields.erase("number");
    fields.emplace("number", "9");
    ASSERT_EQ(sec.post("/workspace/goals", fields)->status, 303);
    EXPECT_EQ(json::parse(client().Get("/api/v1/goals/ws-goal")->body)["number"], 9);

    // Edit: the form carries what it was opened on; a planner's forged post with the secretariat's form is
    // refused by the CSRF and role checks.
    auto edit = sec.get("/workspace/goals/ws-goal");
    ASSERT_EQ(edit->status, 200);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(edit->body, m, std::regex("name=\"expected\" value=\"([^\"]+)\"")));
    const std::string expected = std::regex_replace(m[1].str(), std::regex("&quot;"), "\"");
    httplib::Params change{{"csrf", csrf}, {"number", "9"}, {"title", "Renamed goal"}, {"expected", expected}};
    EXPECT_EQ(nasa.post("/workspace/goals/ws-goal", change)->status, 403);
    ASSERT_EQ(sec.post("/workspace/goals/ws-goal", change)->status, 303);
    EXPECT_EQ(json::parse(client().Get("/api/v1/goals/ws-goal")->body)["title"], "Renamed goal");
    // The same (now stale) form again: 409, nothing saved.
    change.erase("title");
    change.emplace("title", "Stale");
    EXPECT_EQ(sec.post("/workspace/goals/ws-goal", change)->status, 409);
    EXPECT_EQ(json::parse(client().Get("/api/v1/goals/ws-goal")->body)["title"], "Renamed goal");

    // An objective under it; an unknown goal is an error next to the field.
    res = sec.post("/workspace/objectives", {{"csrf", csrf}, {"id", "ws-objective"}, {"goal_id", "nope"},
                                             {"title", "Workspace objective"}, {"expected", ""}});
    EXPECT_EQ(res->status, 422);
    EXPECT_NE(res->body.find("id=\"goal_id-error\""), std::string::npos);
    ASSERT_EQ(sec.post("/workspace/objectives", {{"csrf", csrf}, {"id", "ws-objective"}, {"goal_id", "ws-goal"},
                                                 {"title", "Workspace objective"}, {"verified", "1"},
                                                 {"expected", ""}})
                  ->status,
              303);
    const auto o = json::parse(client().Get("/api/v1/objectives/ws-objective")->body);
    EXPECT_EQ(o["goal_id"], "ws-goal");
    EXPECT_EQ(o["verified"], true);
    EXPECT_TRUE(contains(sec.get("/workspace/roadmap")->body, "Workspace objective"));
    const auto audit = json::parse(client().Get("/api/v1/audit?record_kind=goal", auth("sec"))->body);
    EXPECT_EQ(audit["items"].size(), 2u);
}

TEST_F(PortalTest, EditionDownloadsAreTheStoredBytes) {
    freeze_bundled("2013");
    const std::string pdf = std::string("%PDF-1.5 stored bytes \0\x01\xff", 25);
    const std::string png = "\x89PNG\r\n\x1a\n stored png";
    const std::string page = "<!doctype html><title>stored</title>";
    {
        auto s = store::open_store(m_db);
        s->put_edition_artefact("2013", {"pdf", "application/pdf", pdf, {}});
        s->put_edition_artefact("2013", {"chart-png", "image/png", png, {}});
        s->put_edition_artefact("2013", {"html", "text/html; charset=utf-8", page, {}});
    }
    auto c = client();
    for (const auto& [file, bytes, type] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"report.pdf", pdf, "application/pdf"},
             {"chart.png", png, "image/png"},
             {"report.html", page, "text/html; charset=utf-8"}}) {
        SCOPED_TRACE(file);
        auto res = c.Get(("/editions/2013/" + file).c_str());
        ASSERT_EQ(res->status, 200);
        EXPECT_EQ(res->body, bytes);
        EXPECT_EQ(res->get_header_value("Content-Type"), type);
        EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"ger-2013-" + file + "\"");
    }
    EXPECT_EQ(c.Get("/editions/2013/chart.svg")->status, 404);  // not stored
    EXPECT_EQ(c.Get("/editions/2013/secrets.txt")->status, 404);
    EXPECT_EQ(c.Get("/editions/1999/report.pdf")->status, 404);
    EXPECT_EQ(c.Get("/editions/2011/report.pdf")->status, 404);  // listed, not frozen
    // The pages link them.
    const auto list = c.Get("/editions")->body;
    EXPECT_TRUE(contains(list, "href=\"/editions/2013/report.pdf\""));
    EXPECT_TRUE(contains(list, "href=\"/editions/2013/chart.png\""));
    EXPECT_FALSE(contains(list, "href=\"/editions/2013/chart.svg\""));
    auto edition = c.Get("/editions/2013");
    ASSERT_EQ(edition->status, 200);
    EXPECT_TRUE(contains(edition->body, "href=\"/editions/2013/report.html\""));
    EXPECT_TRUE(contains(edition->body, "Artemis I"));  // one of its missions
    auto status = c.Get("/api/v1/editions/2013/status");
    ASSERT_EQ(status->status, 200);
    EXPECT_EQ(json::parse(status->body)["state"], "missing");  // chart-svg is not there
    EXPECT_EQ(c.Get("/api/v1/editions/1999/status")->status, 404);
}

TEST_F(PortalTest, DiffPageShowsTheArtemisSlip) {
    freeze_bundled("2013");
    auto c = client();
    auto res = c.Get("/editions/diff?a=2013&b=current");
    ASSERT_EQ(res->status, 200);
    const auto row_at = res->body.find("<tr id=\"m-artemis-1\">");
    ASSERT_NE(row_at, std::string::npos) << res->body;
    const auto row = res->body.substr(row_at, res->body.find("</tr>", row_at) - row_at);
    EXPECT_TRUE(contains(row, "slipped 1780 days")) << row;
    EXPECT_TRUE(contains(row, "<td>2018</td>")) << row;
    EXPECT_TRUE(contains(row, "2022-11-16")) << row;
    EXPECT_TRUE(contains(row, "status planned → completed")) << row;
    EXPECT_EQ(c.Get("/editions/diff?a=1999&b=current")->status, 404);
    EXPECT_EQ(c.Get("/editions/diff")->status, 200);  // the form alone
}

TEST_F(PortalTest, FreezeCreatesAnImmutableEditionAndItsFiles) {
    auto c = client();
    const auto before = change_id();
    EXPECT_EQ(c.Post("/api/v1/editions", auth("nasa"), R"({"name": "2026"})", "application/json")->status, 403);
    EXPECT_EQ(c.Post("/api/v1/editions", auth("anonymous"), R"({"name": "2026"})", "application/json")->status, 401);
    auto res = c.Post("/api/v1/editions", auth("sec"), R"({"name": "Bad Name"})", "application/json");
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(change_id(), before);

    res = c.Post("/api/v1/editions", auth("sec"), R"({"name": "2026", "title": "Roadmap 2026"})", "application/json");
    ASSERT_EQ(res->status, 202) << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/api/v1/editions/2026/status");
    // A second freeze of the same name is refused, over the API and in the portal.
    res = c.Post("/api/v1/editions", auth("sec"), R"({"name": "2026", "title": "Again"})", "application/json");
    EXPECT_EQ(res->status, 409);
    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", ger::test::test_password)->status, 303);
    const auto form = sec.get("/workspace/editions");
    ASSERT_EQ(form->status, 200);
    res = sec.post("/workspace/editions", {{"csrf", Browser::csrf(form->body)}, {"name", "2026"}, {"title", "Again"}});
    EXPECT_EQ(res->status, 409);
    EXPECT_TRUE(contains(res->body, "already frozen"));

    // The files are rendered in the background; the status endpoint follows it.
    std::string state;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
    while (std::chrono::steady_clock::now() < deadline) {
        state = json::parse(c.Get("/api/v1/editions/2026/status")->body)["state"];
        if (state == "done" || state == "failed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_EQ(state, "done");
    auto s = store::open_store(m_db);
    const auto stored = s->edition_artefact("2026", "pdf");
    ASSERT_TRUE(stored);
    res = c.Get("/editions/2026/report.pdf");
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->body, stored->content);
    EXPECT_EQ(res->body.substr(0, 5), "%PDF-");
    EXPECT_EQ(c.Get("/editions/2026/chart.png")->body.substr(1, 3), "PNG");

    // Frozen: the title stays, nothing can replace it.
    const auto snapshot = s->edition_snapshot("2026");
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->edition().title, "Roadmap 2026");
    for (const auto& m : snapshot->data.missions) EXPECT_EQ(m.visibility->scope, model::VisibilityScope::public_);
    EXPECT_THROW(s->freeze_edition(snapshot->data, std::nullopt, {"sec", ""}), store::ConflictError);
    EXPECT_THROW(s->put_edition_artefact("2026", {"pdf", "application/pdf", "other", {}}), store::ConflictError);
    EXPECT_EQ(c.Get("/editions/2026/report.pdf")->body, stored->content);
    EXPECT_TRUE(contains(c.Get("/editions/2026")->body, "Roadmap 2026"));
}

TEST_F(PortalTest, AnalysisCountsOnlyWhatThePlannerMaySee) {
    {
        // A Moon mission only ESA (and JAXA) may see, addressing an objective so coverage would count it.
        auto s = store::open_store(m_db);
        model::Mission m;
        m.id = "esa-hidden";
        m.name = "Hidden ESA lander";
        m.lead_agency = "ESA";
        m.destination = "Moon";
        m.type = model::MissionType::lander;
        m.launch = model::parse_launch_window("2031");
        m.objectives = {s->objectives().front().id};
        m.visibility = {model::VisibilityScope::agencies, {"JAXA"}};
        s->create_mission(m, {"esa", "ESA"});
    }
    auto c = client();
    const auto visible_to = [&](const std::string& who) {
        return json::parse(c.Get("/api/v1/missions?limit=1", auth(who))->body)["total"].get<int>();
    };
    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", ger::test::test_password)->status, 303);
    auto res = nasa.get("/workspace/analysis");
    ASSERT_EQ(res->status, 200);
    for (const auto* section : {"id=\"coverage\"", "id=\"gaps\"", "id=\"overlaps\"", "id=\"opportunities\"",
                                "id=\"conflicts\"", "id=\"feasibility\""}) {
        EXPECT_TRUE(contains(res->body, section)) << section;
    }
    EXPECT_FALSE(contains(res->body, "esa-hidden"));
    EXPECT_FALSE(contains(res->body, "Hidden ESA lander"));
    EXPECT_TRUE(contains(res->body, std::to_string(visible_to("nasa")) + " missions")) << visible_to("nasa");
    EXPECT_TRUE(contains(res->body, "href=\"/missions/"));  // findings link to mission pages

    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    res = esa.get("/workspace/analysis");
    ASSERT_EQ(res->status, 200);
    EXPECT_TRUE(contains(res->body, "href=\"/missions/esa-hidden\""));
    EXPECT_TRUE(contains(res->body, std::to_string(visible_to("esa")) + " missions"));
    EXPECT_EQ(visible_to("esa"), visible_to("nasa") + 1);  // both see NASA's t-agencies; ESA also esa-hidden
    // Still not for NASA on a second (cached) view.
    EXPECT_FALSE(contains(nasa.get("/workspace/analysis")->body, "esa-hidden"));
    EXPECT_EQ(c.Get("/workspace/analysis")->status, 303);  // anonymous: log in first
}

TEST_F(PortalTest, APlannerRevokesOnlyTheirOwnTokenAndAGarbledIdIsNotFound) {
    auto c = client();
    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", ger::test::test_password)->status, 303);
    const auto page = nasa.get("/workspace/tokens");
    ASSERT_EQ(page->status, 200);
    const auto csrf = Browser::csrf(page->body);
    const auto esa_token = store::open_store(m_db)->tokens("esa").at(0).id;
    const auto nasa_token = store::open_store(m_db)->tokens("nasa").at(0).id;
    const auto api_status = [&](const std::string& who) {
        return client().Get("/api/v1/missions/t-agencies", auth(who))->status;
    };
    // Not a number, a number with a tail, zero, and another planner's token: all the same 404, nothing revoked.
    for (const auto& id : {std::string("abc"), std::to_string(nasa_token) + "abc", std::string("0"),
                           std::to_string(esa_token)}) {
        const auto res = nasa.post("/workspace/tokens/" + id + "/revoke", {{"csrf", csrf}});
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 404) << id;
    }
    EXPECT_EQ(api_status("esa"), 200);
    EXPECT_EQ(api_status("nasa"), 200);
    const auto res = nasa.post("/workspace/tokens/" + std::to_string(nasa_token) + "/revoke", {{"csrf", csrf}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303);
    EXPECT_EQ(api_status("nasa"), 401);
    EXPECT_EQ(api_status("esa"), 200);
}

TEST_F(PortalTest, CapabilityFormRoundTrip) {
    auto c = client();
    Browser b{c, {}};
    ASSERT_EQ(b.login("nasa", ger::test::test_password)->status, 303);
    auto form = b.get("/workspace/capabilities/new");
    ASSERT_EQ(form->status, 200);
    const auto csrf = Browser::csrf(form->body);
    httplib::Params fields{{"csrf", csrf},          {"id", "nasa-ws-cap"},         {"name", "Workspace relay"},
                           {"kind", "relay"}, {"status", "development"}, {"readiness", "2031-13"},
                           {"visibility_scope", "agencies"}, {"visibility_agencies", "JAXA"},
                           {"description", "A relay."},   {"source", "test"},       {"version", "0"}};
    auto res = b.post("/workspace/capabilities", fields);
    EXPECT_EQ(res->status, 422);
    const auto error = res->body.find("id=\"readiness-error\"");
    ASSERT_NE(error, std::string::npos) << res->body;
    EXPECT_LT(error, res->body.find("id=\"m-readiness\""));
    EXPECT_TRUE(contains(res->body, "value=\"Workspace relay\""));  // what was typed stays
    EXPECT_EQ(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("nasa"))->status, 404);

    fields.erase("readiness");
    fields.emplace("readiness", "2031-06");
    res = b.post("/workspace/capabilities", fields);
    ASSERT_EQ(res->status, 303) << res->body;
    auto stored = json::parse(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("nasa"))->body);
    EXPECT_EQ(stored["name"], "Workspace relay");
    EXPECT_EQ(stored["provider"], "NASA");
    EXPECT_EQ(stored["kind"], "relay");
    EXPECT_EQ(stored["readiness"], "2031-06");
    EXPECT_EQ(stored["visibility"]["scope"], "agencies");
    EXPECT_EQ(stored["visibility"]["agencies"], json::array({"JAXA"}));
    EXPECT_EQ(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("jaxa"))->status, 200);
    EXPECT_EQ(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("esa"))->status, 404);

    // The edit form shows the stored values; others may not open it.
    auto edit = b.get("/workspace/capabilities/nasa-ws-cap");
    ASSERT_EQ(edit->status, 200);
    EXPECT_TRUE(contains(edit->body, "value=\"2031-06\""));
    EXPECT_TRUE(contains(edit->body, "value=\"agencies\" checked"));
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", ger::test::test_password)->status, 303);
    EXPECT_EQ(jaxa.get("/workspace/capabilities/nasa-ws-cap")->status, 403);
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    EXPECT_EQ(esa.get("/workspace/capabilities/nasa-ws-cap")->status, 404);

    fields.erase("status");
    fields.emplace("status", "operational");
    fields.erase("version");
    fields.emplace("version", "1");
    ASSERT_EQ(b.post("/workspace/capabilities/nasa-ws-cap", fields)->status, 303);
    stored = json::parse(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("nasa"))->body);
    EXPECT_EQ(stored["status"], "operational");
    EXPECT_EQ(stored["version"], 2);
    EXPECT_EQ(b.post("/workspace/capabilities/nasa-ws-cap", fields)->status, 409);  // version 1 is stale now
    EXPECT_EQ(b.post("/workspace/capabilities/nasa-ws-cap/delete", {{"csrf", csrf}, {"version", "2"}})->status, 303);
    EXPECT_EQ(client().Get("/api/v1/capabilities/nasa-ws-cap", auth("nasa"))->status, 404);
}

}  // namespace
