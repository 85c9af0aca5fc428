// The read rules end to end (server/access.hpp, docs/SECURITY.md "Read rules"), against the real server:
// visibility never fails open; a mission's references to records the caller may not read are dropped from
// every view of it; writes resolve references only among readable records, so a hidden id and an absent id
// get the same answer, byte for byte once the id text is substituted; ids begin with their agency's code, so
// "taken" tells nothing; a delete is never refused because of, nor names, a record the deleter cannot read.
//
// The fixture's NASA records t-public, t-partners, t-agencies (missions) and c-public, c-partners, c-agencies
// (capabilities); "agencies" means ESA only. JAXA reads public and partners records, not the agencies ones.
#include <set>

#include "model/json.hpp"
#include "server_fixture.hpp"

namespace {

using ger::test::Browser;
using ger::test::ServerFixture;
using nlohmann::json;
namespace model = ger::model;
namespace store = ger::store;

std::string substituted(std::string text, const std::string& from, const std::string& to = "X") {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

json mission_body(const std::string& id) {
    return {{"id", id},
            {"name", "Probe " + id},
            {"destination", "Moon"},
            {"kind", "robotic"},
            {"type", "orbiter"},
            {"status", "planned"},
            {"commitment", "study"},
            {"visibility", {{"scope", "partners"}}}};
}

json capability_body(const std::string& id) {
    return {{"id", id},
            {"name", "Capability " + id},
            {"kind", "relay"},
            {"status", "development"},
            {"visibility", {{"scope", "partners"}}}};
}

class ReadRulesTest : public ServerFixture {
  protected:
    httplib::Headers with_if_match(const std::string& who, const std::string& etag) const {
        auto h = auth(who);
        h.emplace("If-Match", etag);
        return h;
    }
    std::string etag(const std::string& path) {
        auto res = client().Get(path.c_str(), auth("sec"));
        EXPECT_EQ(res->status, 200) << path;
        return res->get_header_value("ETag");
    }
    httplib::Result patch(const std::string& who, const std::string& path, const json& body) {
        return client().Patch(path.c_str(), with_if_match(who, etag(path)), body.dump(),
                              "application/merge-patch+json");
    }
    httplib::Result put(const std::string& who, const std::string& path, const json& body) {
        return client().Put(path.c_str(), with_if_match(who, etag(path)), body.dump(), "application/json");
    }
    httplib::Result post(const std::string& who, const std::string& collection, const json& body) {
        return client().Post(("/api/v1/" + collection).c_str(), auth(who), body.dump(), "application/json");
    }
    json get_json(const std::string& who, const std::string& path) {
        auto res = client().Get(path.c_str(), auth(who));
        EXPECT_EQ(res->status, 200) << who << " " << path << " " << res->body;
        return json::parse(res->body);
    }
    int status_of(const std::string& who, const std::string& path) {
        return client().Get(path.c_str(), auth(who))->status;
    }

    // Two answers that must not tell `hidden` from `absent`: the same status, media type and body once each
    // id is replaced by the same text, and no ETag.
    static void expect_same_answer(const httplib::Result& hidden, const std::string& hidden_id,
                                   const httplib::Result& absent, const std::string& absent_id) {
        ASSERT_TRUE(hidden);
        ASSERT_TRUE(absent);
        EXPECT_EQ(hidden->status, absent->status);
        EXPECT_EQ(hidden->get_header_value("Content-Type"), absent->get_header_value("Content-Type"));
        EXPECT_EQ(substituted(hidden->body, hidden_id), substituted(absent->body, absent_id));
        EXPECT_FALSE(hidden->has_header("ETag"));
        EXPECT_FALSE(absent->has_header("ETag"));
    }

    // NASA's public t-public names every NASA record: for JAXA and the public only some of them exist.
    void link_everything_to_t_public() {
        auto res = patch("nasa", "/api/v1/missions/t-public",
                         {{"capabilities_required", {"c-agencies", "c-public"}},
                          {"capabilities_provided", {"c-partners"}},
                          {"precursors", {"t-agencies", "t-partners"}}});
        ASSERT_EQ(res->status, 200) << res->body;
    }
};

// ---- visibility never fails open
// -----------------------------------------------------------------------------

TEST_F(ReadRulesTest, CreateAndReplaceWithoutVisibilityAreRefused) {
    const auto before = change_id();
    for (const auto& [collection, body] : std::vector<std::pair<std::string, json>>{
             {"missions", mission_body("nasa-unsaid")}, {"capabilities", capability_body("nasa-unsaid")}}) {
        SCOPED_TRACE(collection);
        for (const bool as_null : {false, true}) {
            auto unsaid = body;
            if (as_null) {
                unsaid["visibility"] = nullptr;
            } else {
                unsaid.erase("visibility");
            }
            auto res = post("nasa", collection, unsaid);
            ASSERT_EQ(res->status, 422) << res->body;
            const auto problem = json::parse(res->body);
            EXPECT_EQ(problem["type"], "urn:ger:problem:validation");
            ASSERT_EQ(problem["errors"].size(), 1u) << res->body;
            EXPECT_EQ(problem["errors"][0]["pointer"], "/visibility");
        }
        // PUT of an existing record without it: refused the same way.
        const std::string existing = collection == "missions" ? "t-agencies" : "c-agencies";
        auto current = get_json("nasa", "/api/v1/" + collection + "/" + existing);
        for (const char* meta : {"version", "created_at", "updated_at", "author"}) current.erase(meta);
        current.erase("visibility");
        const auto res = put("nasa", "/api/v1/" + collection + "/" + existing, current);
        ASSERT_EQ(res->status, 422) << res->body;
        EXPECT_EQ(json::parse(res->body)["errors"][0]["pointer"], "/visibility");
    }
    EXPECT_EQ(change_id(), before) << "a record without a visibility was written";
    EXPECT_EQ(status_of("anonymous", "/api/v1/missions/nasa-unsaid"), 404);
    // The negative case: the same body with a visibility is created.
    EXPECT_EQ(post("nasa", "missions", mission_body("nasa-said"))->status, 201);
}

TEST_F(ReadRulesTest, NullVisibilityInAMergePatchIsRefused) {
    for (const std::string path : {"/api/v1/missions/t-agencies", "/api/v1/capabilities/c-agencies"}) {
        SCOPED_TRACE(path);
        const auto before = change_id();
        for (const auto& body : {json{{"visibility", nullptr}}, json{{"visibility", {{"scope", nullptr}}}}}) {
            auto res = patch("nasa", path, body);
            ASSERT_EQ(res->status, 422) << res->body;
            const auto pointer = json::parse(res->body)["errors"][0]["pointer"].get<std::string>();
            EXPECT_EQ(pointer.rfind("/visibility", 0), 0u) << pointer;
        }
        EXPECT_EQ(change_id(), before);
        EXPECT_EQ(status_of("anonymous", path), 404) << "the record became public";
        EXPECT_EQ(status_of("jaxa", path), 404);
        EXPECT_EQ(status_of("esa", path), 200);
        // The negative case: saying "public" makes it public.
        ASSERT_EQ(
            patch("nasa", path, {{"visibility", {{"scope", "public"}, {"agencies", json::array()}}}})->status,
            200);
        EXPECT_EQ(status_of("anonymous", path), 200);
    }
}

TEST_F(ReadRulesTest, FormsNeverDefaultToPublic) {
    auto c = client();
    Browser nasa{c, {}};
    ASSERT_EQ(nasa.login("nasa", ger::test::test_password)->status, 303);
    const auto form = nasa.get("/workspace/missions/new");
    ASSERT_EQ(form->status, 200);
    EXPECT_FALSE(contains(form->body, "value=\"public\" checked"));
    // A form posted without a scope is refused next to the visibility field, and nothing is stored.
    const auto res = nasa.post("/workspace/missions", {{"csrf", Browser::csrf(form->body)},
                                                       {"id", "nasa-formless"},
                                                       {"name", "No scope"},
                                                       {"destination", "Moon"},
                                                       {"kind", "robotic"},
                                                       {"type", "lander"},
                                                       {"status", "planned"},
                                                       {"commitment", "study"},
                                                       {"version", "0"}});
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "id=\"visibility-error\"")) << res->body;
    EXPECT_FALSE(contains(res->body, "value=\"public\" checked"));
    EXPECT_EQ(status_of("sec", "/api/v1/missions/nasa-formless"), 404);
    // The negative case: choosing "public" is what makes it public.
    EXPECT_EQ(nasa.post("/workspace/missions", {{"csrf", Browser::csrf(form->body)},
                                                {"id", "nasa-formless"},
                                                {"name", "Public by choice"},
                                                {"destination", "Moon"},
                                                {"kind", "robotic"},
                                                {"type", "lander"},
                                                {"status", "planned"},
                                                {"commitment", "study"},
                                                {"visibility_scope", "public"},
                                                {"version", "0"}})
                  ->status,
              303);
    EXPECT_EQ(status_of("anonymous", "/api/v1/missions/nasa-formless"), 200);
}

TEST_F(ReadRulesTest, NarrowedRecordsDisappearForThoseWhoLostThem) {
    auto c = client();
    const auto total = [&](const std::string& who) {
        return get_json(who, "/api/v1/missions?limit=1")["total"].get<int>();
    };
    const auto anonymous_before = total("anonymous");
    const auto jaxa_before = total("jaxa");
    ASSERT_EQ(status_of("anonymous", "/api/v1/missions/t-public"), 200);
    ASSERT_EQ(patch("nasa", "/api/v1/missions/t-public",
                    {{"visibility", {{"scope", "agencies"}, {"agencies", {"ESA"}}}}})
                  ->status,
              200);
    for (const std::string who : {"anonymous", "jaxa"}) {
        SCOPED_TRACE(who);
        const auto hidden = c.Get("/api/v1/missions/t-public", auth(who));
        const auto ghost = c.Get("/api/v1/missions/t-ghost", auth(who));
        expect_same_answer(hidden, "t-public", ghost, "t-ghost");
        EXPECT_EQ(hidden->status, 404);
        std::set<std::string> listed;
        for (const auto& m : get_json(who, "/api/v1/missions?limit=500")["items"]) listed.insert(m["id"]);
        EXPECT_FALSE(listed.count("t-public"));
    }
    EXPECT_EQ(total("anonymous"), anonymous_before - 1);
    EXPECT_EQ(total("jaxa"), jaxa_before - 1);
    EXPECT_EQ(c.Get("/missions/t-public")->status, 404);
    EXPECT_FALSE(contains(c.Get("/roadmap")->body, "t-public"));
    EXPECT_EQ(status_of("esa", "/api/v1/missions/t-public"), 200);  // the negative case: ESA still reads it
}

// ---- references are dropped from what the caller sees
// ----------------------------------------------------------

TEST_F(ReadRulesTest, ApiAnswersNameOnlyReadableRecords) {
    link_everything_to_t_public();
    struct Expected {
        std::vector<std::string> required, provided, precursors;
    };
    const std::map<std::string, Expected> expected{
        {"anonymous", {{"c-public"}, {}, {}}},
        {"jaxa", {{"c-public"}, {"c-partners"}, {"t-partners"}}},
        {"esa", {{"c-agencies", "c-public"}, {"c-partners"}, {"t-agencies", "t-partners"}}},
        {"nasa", {{"c-agencies", "c-public"}, {"c-partners"}, {"t-agencies", "t-partners"}}},
        {"sec", {{"c-agencies", "c-public"}, {"c-partners"}, {"t-agencies", "t-partners"}}},
    };
    const auto etag_seen = etag("/api/v1/missions/t-public");
    for (const auto& [who, want] : expected) {
        SCOPED_TRACE(who);
        auto res = client().Get("/api/v1/missions/t-public", auth(who));
        ASSERT_EQ(res->status, 200);
        EXPECT_EQ(res->get_header_value("ETag"), etag_seen)
            << "the ETag is the record's version, whatever the view";
        const auto one = json::parse(res->body);
        EXPECT_EQ(one["capabilities_required"], json(want.required));
        EXPECT_EQ(one["capabilities_provided"], json(want.provided));
        EXPECT_EQ(one["precursors"], json(want.precursors));
        const auto page = get_json(who, "/api/v1/missions?limit=500");
        bool listed = false;
        for (const auto& item : page["items"]) {
            if (item["id"] != "t-public") continue;
            listed = true;
            EXPECT_EQ(item, one) << "the list shows another view than the single answer";
        }
        EXPECT_TRUE(listed);
        if (who == "anonymous" || who == "jaxa") {
            EXPECT_FALSE(contains(page.dump(), "c-agencies"));
            EXPECT_FALSE(contains(page.dump(), "t-agencies"));
        }
    }
}

TEST_F(ReadRulesTest, PortalPagesNameOnlyReadableRecords) {
    link_everything_to_t_public();
    auto c = client();
    const auto anonymous = c.Get("/missions/t-public");
    ASSERT_EQ(anonymous->status, 200);
    EXPECT_FALSE(contains(anonymous->body, "t-agencies"));
    EXPECT_FALSE(contains(anonymous->body, "t-partners"));
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", ger::test::test_password)->status, 303);
    const auto jaxa_page = jaxa.get("/missions/t-public");
    EXPECT_FALSE(contains(jaxa_page->body, "t-agencies"));
    EXPECT_TRUE(contains(jaxa_page->body, "t-partners"));
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    EXPECT_TRUE(contains(esa.get("/missions/t-public")->body, "t-agencies"));  // the negative case
    for (const auto* path : {"/agencies/NASA", "/roadmap", "/"}) {
        EXPECT_FALSE(contains(c.Get(path)->body, "t-agencies")) << path;
        EXPECT_FALSE(contains(c.Get(path)->body, "c-agencies")) << path;
    }
}

TEST_F(ReadRulesTest, AnalysisAndEditionSnapshotsNameOnlyReadableRecords) {
    // ESA's late capability, required by NASA's public t-public (launch 2030, readiness 2040: a conflict), is
    // then narrowed to ESA: NASA, JAXA and the public no longer see it, ESA still does.
    ASSERT_EQ(post("esa", "capabilities",
                   {{"id", "esa-late-habitat"},
                    {"name", "Late habitat"},
                    {"kind", "habitat"},
                    {"status", "development"},
                    {"readiness", "2040"},
                    {"visibility", {{"scope", "partners"}}}})
                  ->status,
              201);
    auto res = patch("nasa", "/api/v1/missions/t-public",
                     {{"launch", "2030"}, {"capabilities_required", {"esa-late-habitat", "c-agencies"}}});
    ASSERT_EQ(res->status, 200) << res->body;
    ASSERT_EQ(patch("esa", "/api/v1/capabilities/esa-late-habitat",
                    {{"visibility", {{"scope", "agencies"}, {"agencies", {"JAXA"}}}}})
                  ->status,
              200);
    EXPECT_EQ(get_json("nasa", "/api/v1/missions/t-public")["capabilities_required"], json({"c-agencies"}));
    EXPECT_EQ(get_json("jaxa", "/api/v1/missions/t-public")["capabilities_required"],
              json({"esa-late-habitat"}));
    EXPECT_EQ(get_json("sec", "/api/v1/missions/t-public")["capabilities_required"],
              json({"esa-late-habitat", "c-agencies"}));

    auto c = client();
    const auto analysis_of = [&](const std::string& who) {
        Browser b{c, {}};
        EXPECT_EQ(b.login(who, ger::test::test_password)->status, 303);
        auto page = b.get("/workspace/analysis");
        EXPECT_EQ(page->status, 200);
        return page->body;
    };
    const auto nasa = analysis_of("nasa");
    EXPECT_FALSE(contains(nasa, "esa-late-habitat"));
    EXPECT_FALSE(contains(nasa, "Late habitat"));
    const auto jaxa = analysis_of("jaxa");
    EXPECT_FALSE(contains(jaxa, "c-agencies"));
    EXPECT_TRUE(contains(jaxa, "esa-late-habitat")) << "the negative case: JAXA sees the conflict";
    EXPECT_TRUE(contains(analysis_of("esa"), "esa-late-habitat"));

    // A frozen edition is the public's view: t-public is in it, naming neither capability.
    res = c.Post("/api/v1/editions", auth("sec"), R"({"name": "2031", "title": "Roadmap 2031"})",
                 "application/json");
    ASSERT_EQ(res->status, 202) << res->body;
    const auto snapshot = store::open_store(m_db)->edition_snapshot("2031");
    ASSERT_TRUE(snapshot);
    const model::Mission* frozen = nullptr;
    for (const auto& m : snapshot->data.missions) {
        if (m.id == "t-public") frozen = &m;
    }
    ASSERT_NE(frozen, nullptr);
    EXPECT_TRUE(frozen->capabilities_required.empty());
    const auto text = model::to_json(snapshot->data).dump();
    for (const char* id : {"esa-late-habitat", "c-agencies", "t-agencies", "t-partners", "c-partners"}) {
        EXPECT_FALSE(contains(text, id)) << id;
    }
    const auto diff = c.Get("/editions/diff?a=2031&b=current");
    ASSERT_EQ(diff->status, 200);
    EXPECT_FALSE(contains(diff->body, "esa-late-habitat"));
    EXPECT_FALSE(contains(diff->body, "c-agencies"));
}

// The audit log keeps copies of a record: the owner's planners read them, but a copy names only what they may
// read.
TEST_F(ReadRulesTest, AuditCopiesNameOnlyReadableRecords) {
    ASSERT_EQ(post("esa", "capabilities", capability_body("esa-secret-tug"))->status, 201);
    ASSERT_EQ(patch("nasa", "/api/v1/missions/t-public",
                    {{"capabilities_required", {"esa-secret-tug", "c-public"}}})
                  ->status,
              200);
    ASSERT_EQ(patch("esa", "/api/v1/capabilities/esa-secret-tug",
                    {{"visibility", {{"scope", "agencies"}, {"agencies", {"JAXA"}}}}})
                  ->status,
              200);
    ASSERT_EQ(patch("nasa", "/api/v1/missions/t-public", {{"description", "after the narrowing"}})->status,
              200);
    const auto nasa = get_json("nasa", "/api/v1/audit?record_id=t-public&limit=500");
    ASSERT_GE(nasa["items"].size(), 2u);
    EXPECT_FALSE(contains(nasa.dump(), "esa-secret-tug")) << nasa.dump();
    EXPECT_TRUE(contains(nasa.dump(), "c-public"));
    auto c = client();
    Browser b{c, {}};
    ASSERT_EQ(b.login("nasa", ger::test::test_password)->status, 303);
    const auto page = b.get("/workspace/audit");
    ASSERT_EQ(page->status, 200);
    EXPECT_FALSE(contains(page->body, "esa-secret-tug"));
    EXPECT_TRUE(contains(page->body, "after the narrowing"));
    // The negative case: the secretariat reads every record, so its copies are whole.
    EXPECT_TRUE(
        contains(get_json("sec", "/api/v1/audit?record_id=t-public&limit=500").dump(), "esa-secret-tug"));
}

// ---- writes resolve references only among readable records
// -------------------------------------------------------

TEST_F(ReadRulesTest, AHiddenReferenceAndAnAbsentOneGetTheSameAnswerOnEveryWritePath) {
    ASSERT_EQ(post("jaxa", "missions", mission_body("jaxa-probe"))->status, 201);
    const auto before = change_id();
    int esa_creates = 0;
    for (const auto& [field, hidden, absent] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"capabilities_required", "c-agencies", "c-ghost"},
             {"capabilities_provided", "c-agencies", "c-ghost"},
             {"precursors", "t-agencies", "t-ghost"}}) {
        SCOPED_TRACE(field);
        const auto with = [&](const std::string& id, std::string mission_id = "jaxa-probe-2") {
            auto body = mission_body(mission_id);
            body[field] = {id};
            return body;
        };
        expect_same_answer(post("jaxa", "missions", with(hidden)), hidden,
                           post("jaxa", "missions", with(absent)), absent);
        auto res = post("jaxa", "missions", with(hidden));
        EXPECT_EQ(res->status, 422);
        EXPECT_EQ(json::parse(res->body)["errors"][0]["pointer"], "/" + field + "/0");
        expect_same_answer(put("jaxa", "/api/v1/missions/jaxa-probe", with(hidden, "jaxa-probe")), hidden,
                           put("jaxa", "/api/v1/missions/jaxa-probe", with(absent, "jaxa-probe")), absent);
        expect_same_answer(patch("jaxa", "/api/v1/missions/jaxa-probe", {{field, {hidden}}}), hidden,
                           patch("jaxa", "/api/v1/missions/jaxa-probe", {{field, {absent}}}), absent);
        // The negative case: ESA reads the hidden record, so for ESA it resolves.
        const auto esa_body = with(hidden, "esa-probe-" + std::to_string(++esa_creates));
        EXPECT_EQ(post("esa", "missions", esa_body)->status, 201) << field;
    }
    // Records JAXA cannot read: every write answers as for records that do not exist.
    for (const auto& [collection, hidden, absent] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"missions", "t-agencies", "t-ghost"}, {"capabilities", "c-agencies", "c-ghost"}}) {
        SCOPED_TRACE(collection);
        const auto path = [&](const std::string& id) { return "/api/v1/" + collection + "/" + id; };
        auto c = client();
        const auto body = collection == "missions" ? mission_body(hidden) : capability_body(hidden);
        expect_same_answer(
            c.Put(path(hidden).c_str(), with_if_match("jaxa", "\"1\""), body.dump(), "application/json"),
            hidden,
            c.Put(path(absent).c_str(), with_if_match("jaxa", "\"1\""), body.dump(), "application/json"),
            absent);
        expect_same_answer(c.Patch(path(hidden).c_str(), with_if_match("jaxa", "\"1\""), R"({"name": "n"})",
                                   "application/merge-patch+json"),
                           hidden,
                           c.Patch(path(absent).c_str(), with_if_match("jaxa", "\"1\""), R"({"name": "n"})",
                                   "application/merge-patch+json"),
                           absent);
        expect_same_answer(c.Delete(path(hidden).c_str(), with_if_match("jaxa", "\"1\"")), hidden,
                           c.Delete(path(absent).c_str(), with_if_match("jaxa", "\"1\"")), absent);
        // Creating a record under an id that exists but is hidden: the same as under an absent id.
        const auto hidden_create = collection == "missions" ? mission_body(hidden) : capability_body(hidden);
        const auto absent_create = collection == "missions" ? mission_body(absent) : capability_body(absent);
        const auto hidden_res = post("jaxa", collection, hidden_create);
        expect_same_answer(hidden_res, hidden, post("jaxa", collection, absent_create), absent);
        EXPECT_EQ(hidden_res->status, 422);
        EXPECT_FALSE(contains(hidden_res->body, "taken"));
    }
    EXPECT_EQ(get_json("jaxa", "/api/v1/missions/jaxa-probe")["version"], 1) << "a refused write changed it";
    EXPECT_EQ(change_id(), before + esa_creates) << "only ESA's creates were written";
}

TEST_F(ReadRulesTest, WorkspaceFormsAnswerAHiddenReferenceLikeAnAbsentOne) {
    auto c = client();
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", ger::test::test_password)->status, 303);
    const auto csrf = Browser::csrf(jaxa.get("/workspace/missions/new")->body);
    const auto form = [&](const std::string& id, const std::string& field, const std::string& value) {
        httplib::Params fields{{"csrf", csrf},
                               {"id", id},
                               {"name", "Form probe"},
                               {"destination", "Moon"},
                               {"kind", "robotic"},
                               {"type", "lander"},
                               {"status", "planned"},
                               {"commitment", "study"},
                               {"visibility_scope", "partners"},
                               {"version", "0"}};
        if (!field.empty()) fields.emplace(field, value);
        return jaxa.post("/workspace/missions", fields);
    };
    const auto before = change_id();
    for (const auto& [field, hidden, absent] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"capabilities_required", "c-agencies", "c-ghost"},
             {"capabilities_provided", "c-agencies", "c-ghost"},
             {"precursors", "t-agencies", "t-ghost"}}) {
        SCOPED_TRACE(field);
        const auto hidden_res = form("jaxa-form", field, hidden);
        const auto absent_res = form("jaxa-form", field, absent);
        EXPECT_EQ(hidden_res->status, 422);
        EXPECT_EQ(hidden_res->status, absent_res->status);
        EXPECT_EQ(substituted(hidden_res->body, hidden), substituted(absent_res->body, absent));
    }
    // An id that exists but is hidden, and one that does not exist: both break the prefix rule, alike.
    const auto hidden_id = form("t-agencies", "", "");
    const auto absent_id = form("t-ghost", "", "");
    EXPECT_EQ(hidden_id->status, 422);
    EXPECT_EQ(substituted(hidden_id->body, "t-agencies"), substituted(absent_id->body, "t-ghost"));
    EXPECT_FALSE(contains(hidden_id->body, "taken"));
    EXPECT_EQ(change_id(), before);
    // The negative case: a readable reference is saved.
    EXPECT_EQ(form("jaxa-form", "capabilities_required", "c-partners")->status, 303);
    EXPECT_EQ(get_json("jaxa", "/api/v1/missions/jaxa-form")["capabilities_required"], json({"c-partners"}));
}

TEST_F(ReadRulesTest, AnEditKeepsTheReferencesTheEditorNoLongerSees) {
    // ESA's mission requires NASA's c-partners and builds on t-partners; NASA then narrows both to JAXA, so
    // that ESA no longer reads them.
    auto esa_mission = mission_body("esa-user");
    esa_mission["capabilities_required"] = {"c-partners", "c-public"};
    esa_mission["precursors"] = {"t-partners"};
    ASSERT_EQ(post("esa", "missions", esa_mission)->status, 201);
    for (const std::string path : {"/api/v1/capabilities/c-partners", "/api/v1/missions/t-partners"}) {
        ASSERT_EQ(
            patch("nasa", path, {{"visibility", {{"scope", "agencies"}, {"agencies", {"JAXA"}}}}})->status,
            200);
    }
    auto seen = get_json("esa", "/api/v1/missions/esa-user");
    EXPECT_EQ(seen["capabilities_required"], json({"c-public"}));
    EXPECT_EQ(seen["precursors"], json::array());
    // ESA edits what it sees: PATCH, PUT and the workspace form all keep what it cannot see.
    auto res = patch("esa", "/api/v1/missions/esa-user", {{"description", "patched"}});
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["capabilities_required"], json({"c-public"}));
    auto stored = get_json("sec", "/api/v1/missions/esa-user");
    EXPECT_EQ(stored["capabilities_required"], json({"c-public", "c-partners"}));
    EXPECT_EQ(stored["precursors"], json({"t-partners"}));
    seen = get_json("esa", "/api/v1/missions/esa-user");
    for (const char* meta : {"version", "created_at", "updated_at", "author"}) seen.erase(meta);
    seen["capabilities_required"] = json::array();
    ASSERT_EQ(put("esa", "/api/v1/missions/esa-user", seen)->status, 200);
    stored = get_json("sec", "/api/v1/missions/esa-user");
    EXPECT_EQ(stored["capabilities_required"], json({"c-partners"}));
    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    const auto edit = esa.get("/workspace/missions/esa-user");
    ASSERT_EQ(edit->status, 200);
    EXPECT_FALSE(contains(edit->body, "c-partners"));
    EXPECT_FALSE(contains(edit->body, "t-partners"));
    ASSERT_EQ(esa.post("/workspace/missions/esa-user", {{"csrf", Browser::csrf(edit->body)},
                                                        {"name", "Edited in the form"},
                                                        {"destination", "Moon"},
                                                        {"kind", "robotic"},
                                                        {"type", "orbiter"},
                                                        {"status", "planned"},
                                                        {"commitment", "study"},
                                                        {"visibility_scope", "partners"},
                                                        {"version", stored["version"].dump()}})
                  ->status,
              303);
    stored = get_json("sec", "/api/v1/missions/esa-user");
    EXPECT_EQ(stored["name"], "Edited in the form");
    EXPECT_EQ(stored["capabilities_required"], json({"c-partners"}));
    EXPECT_EQ(stored["precursors"], json({"t-partners"}));
}

// ---- ids are no oracle
// ------------------------------------------------------------------------------------------

TEST_F(ReadRulesTest, NewIdsBeginWithTheCreatorsAgencyCode) {
    for (const std::string collection : {"missions", "capabilities"}) {
        SCOPED_TRACE(collection);
        const auto body = [&](const std::string& id) {
            return collection == "missions" ? mission_body(id) : capability_body(id);
        };
        for (const std::string bad : {"esa-foreign", "unprefixed", "nasa"}) {
            auto res = post("nasa", collection, body(bad));
            ASSERT_EQ(res->status, 422) << bad;
            const auto problem = json::parse(res->body);
            EXPECT_EQ(problem["errors"][0]["pointer"], "/id");
            EXPECT_TRUE(contains(problem["errors"][0]["detail"], "\"nasa-...\"")) << res->body;
        }
        auto res = post("nasa", collection, body("nasa-fresh"));
        ASSERT_EQ(res->status, 201) << res->body;
        res = post("nasa", collection, body("nasa-fresh"));
        EXPECT_EQ(res->status, 409);
        EXPECT_EQ(json::parse(res->body)["type"], "urn:ger:problem:already-exists");
    }
    // The forms prefill and explain the prefix.
    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    for (const auto* path : {"/workspace/missions/new", "/workspace/capabilities/new"}) {
        const auto page = esa.get(path)->body;
        EXPECT_TRUE(contains(page, "name=\"id\" value=\"esa-\"")) << path;
        EXPECT_TRUE(contains(page, "begins with esa-")) << path;
    }
}

// ---- deletes
// ---------------------------------------------------------------------------------------------------

TEST_F(ReadRulesTest, ADeleteIsNeverRefusedBecauseOfOrNamingARecordTheDeleterCannotRead) {
    // ESA's mission requires NASA's c-partners and builds on t-partners, then ESA hides it from NASA.
    auto hidden_user = mission_body("esa-user");
    hidden_user["capabilities_required"] = {"c-partners"};
    hidden_user["precursors"] = {"t-partners"};
    ASSERT_EQ(post("esa", "missions", hidden_user)->status, 201);
    ASSERT_EQ(patch("esa", "/api/v1/missions/esa-user",
                    {{"visibility", {{"scope", "agencies"}, {"agencies", {"JAXA"}}}}})
                  ->status,
              200);
    const auto esa_etag = etag("/api/v1/missions/esa-user");
    ASSERT_EQ(status_of("nasa", "/api/v1/missions/esa-user"), 404);
    // And NASA's own t-public builds on t-partners too: that reference NASA sees.
    ASSERT_EQ(patch("nasa", "/api/v1/missions/t-public", {{"precursors", {"t-partners"}}})->status, 200);

    auto c = client();
    auto refused =
        c.Delete("/api/v1/missions/t-partners", with_if_match("nasa", etag("/api/v1/missions/t-partners")));
    ASSERT_EQ(refused->status, 409);
    EXPECT_EQ(json::parse(refused->body)["type"], "urn:ger:problem:in-use");
    EXPECT_TRUE(contains(refused->body, "t-public"));
    EXPECT_FALSE(contains(refused->body, "esa-user")) << refused->body;

    // A capability only the hidden mission requires is deleted exactly like one nobody requires.
    ASSERT_EQ(post("nasa", "capabilities", capability_body("nasa-unused"))->status, 201);
    const auto hidden_delete = c.Delete("/api/v1/capabilities/c-partners",
                                        with_if_match("nasa", etag("/api/v1/capabilities/c-partners")));
    const auto plain_delete = c.Delete("/api/v1/capabilities/nasa-unused",
                                       with_if_match("nasa", etag("/api/v1/capabilities/nasa-unused")));
    EXPECT_EQ(hidden_delete->status, 204);
    EXPECT_EQ(plain_delete->status, 204);
    EXPECT_EQ(hidden_delete->body, plain_delete->body);

    // ESA's mission lost the reference, as the system's change: a new version, an audit entry with a note.
    auto user = get_json("esa", "/api/v1/missions/esa-user");
    EXPECT_EQ(user["capabilities_required"], json::array());
    EXPECT_EQ(user["author"], "system");
    EXPECT_NE("\"" + user["version"].dump() + "\"", esa_etag);
    const auto audit = get_json("esa", "/api/v1/audit?record_id=esa-user&limit=500");
    ASSERT_FALSE(audit["items"].empty());
    const auto& last = audit["items"].front();  // newest first
    EXPECT_EQ(last["actor"], "system");
    EXPECT_TRUE(contains(last["note"], "capability 'c-partners' removed")) << last.dump();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    EXPECT_TRUE(
        contains(esa.get("/workspace/audit")->body, "removed: it was deleted by NASA, who cannot read this"));
    // ESA's edit based on what it read before fails rather than silently undoing that.
    auto res = c.Patch("/api/v1/missions/esa-user", with_if_match("esa", esa_etag), R"({"name": "stale"})",
                       "application/merge-patch+json");
    EXPECT_EQ(res->status, 412);

    // Once t-public no longer builds on it, t-partners goes, and the hidden mission loses its precursor.
    ASSERT_EQ(patch("nasa", "/api/v1/missions/t-public", {{"precursors", json::array()}})->status, 200);
    EXPECT_EQ(
        c.Delete("/api/v1/missions/t-partners", with_if_match("nasa", etag("/api/v1/missions/t-partners")))
            ->status,
        204);
    EXPECT_EQ(get_json("esa", "/api/v1/missions/esa-user")["precursors"], json::array());
    // The negative case: once NASA may read ESA's mission again, its reference blocks NASA's delete, named.
    ASSERT_EQ(patch("esa", "/api/v1/missions/esa-user",
                    {{"capabilities_required", {"c-public"}},
                     {"visibility", {{"scope", "partners"}, {"agencies", json::array()}}}})
                  ->status,
              200);
    refused = c.Delete("/api/v1/capabilities/c-public",
                       with_if_match("nasa", etag("/api/v1/capabilities/c-public")));
    EXPECT_EQ(refused->status, 409);
    EXPECT_TRUE(contains(refused->body, "esa-user"));
}

}  // namespace
