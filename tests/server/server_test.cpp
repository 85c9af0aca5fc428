// The server end to end: the authorization matrix, concurrent edits, hostile input, the OpenAPI document, the
// portal's security headers and its login.
#include <algorithm>
#include <atomic>
#include <regex>
#include <set>

#include "server_fixture.hpp"

namespace {

using ger::test::ServerFixture;
using nlohmann::json;

const std::vector<std::string> roles{"anonymous", "nasa", "esa", "jaxa", "sec"};
const std::vector<std::string> scopes{"public", "partners", "agencies"};

// Who reads a NASA record at each visibility (agencies: ESA only). The secretariat reads all.
bool may_read(const std::string& role, const std::string& scope) {
    if (scope == "public") return true;
    if (role == "anonymous") return false;
    if (scope == "partners") return true;
    return role == "nasa" || role == "esa" || role == "sec";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

class ServerTest : public ServerFixture {};

// The suite is registered once per backend (tests/CMakeLists.txt, EVERY_BACKEND); a fixture that quietly fell back
// to SQLite would pass the PostgreSQL run without testing it.
TEST_F(ServerTest, RunsOnTheBackendItIsRegisteredFor) {
    const char* backend = std::getenv("GER_TEST_SERVER_BACKEND");
    const bool postgresql = backend && std::string_view(backend) == "postgresql";
    EXPECT_EQ(m_db.rfind("postgresql://", 0) == 0, postgresql) << m_db;
    const auto health = client().Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    // Only a PostgreSQL server is told of changes (and says whether it is right now).
    const auto body = json::parse(health->body);
    EXPECT_EQ(body.contains("told_of_changes"), postgresql) << health->body;
    if (postgresql) {
        EXPECT_TRUE(body["told_of_changes"].is_boolean()) << health->body;
    }
}

TEST_F(ServerTest, HealthAndSecurityHeaders) {
    auto c = client();
    auto res = c.Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    for (const auto& path : {"/", "/roadmap", "/api/v1/missions", "/no/such/page"}) {
        res = c.Get(path);
        ASSERT_TRUE(res);
        const auto csp = res->get_header_value("Content-Security-Policy");
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    }
}

TEST_F(ServerTest, AuthorizationMatrixForReads) {
    auto c = client();
    for (const auto& [collection, prefix] : std::vector<std::pair<std::string, std::string>>{
             {"missions", "t-"}, {"capabilities", "c-"}}) {
        for (const auto& role : roles) {
            std::set<std::string> listed;
            auto list = c.Get(("/api/v1/" + collection + "?limit=500").c_str(), auth(role));
            ASSERT_TRUE(list);
            ASSERT_EQ(list->status, 200);
            const auto page = json::parse(list->body);
            for (const auto& item : page["items"]) listed.insert(item["id"].get<std::string>());
            EXPECT_EQ(page["total"].get<std::size_t>(), page["items"].size());
            for (const auto& scope : scopes) {
                const auto id = prefix + scope;
                const auto path = "/api/v1/" + collection + "/" + id;
                auto res = c.Get(path.c_str(), auth(role));
                ASSERT_TRUE(res);
                SCOPED_TRACE(role + " reads " + path);
                EXPECT_EQ(listed.count(id), may_read(role, scope) ? 1u : 0u);
                auto scoped = c.Get(("/api/v1/" + collection + "?scope=" + scope).c_str(), auth(role));
                const auto scoped_total = json::parse(scoped->body)["total"].get<int>();
                if (may_read(role, scope)) {
                    EXPECT_EQ(res->status, 200);
                    EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
                    EXPECT_GE(scoped_total, 1);
                } else {
                    // Exactly as if it did not exist: same status, same body, no ETag, not counted.
                    const auto ghost_path = "/api/v1/" + collection + "/" + prefix + "ghost";
                    auto ghost = c.Get(ghost_path.c_str(), auth(role));
                    EXPECT_EQ(res->status, 404);
                    EXPECT_EQ(replace_all(res->body, id, "X"), replace_all(ghost->body, prefix + "ghost", "X"));
                    EXPECT_FALSE(res->has_header("ETag"));
                    EXPECT_EQ(res->get_header_value("Content-Type"), ghost->get_header_value("Content-Type"));
                    EXPECT_EQ(res->get_header_value("Content-Length").size(),
                              ghost->get_header_value("Content-Length").size());
                    EXPECT_EQ(scoped_total, scope == "public" ? 1 : 0) << "a hidden record is counted";
                }
            }
        }
    }
}

TEST_F(ServerTest, AuthorizationMatrixForWrites) {
    auto c = client();
    for (const auto& role : roles) {
        for (const auto& scope : scopes) {
            const auto path = "/api/v1/missions/t-" + scope;
            SCOPED_TRACE(role + " patches " + path);
            const auto etag = c.Get(path.c_str(), auth("nasa"))->get_header_value("ETag");
            auto headers = auth(role);
            headers.emplace("If-Match", etag);
            const auto before = change_id();
            auto res = c.Patch(path.c_str(), headers, R"({"description": "edited by )" + role + "\"}",
                               "application/merge-patch+json");
            ASSERT_TRUE(res);
            int expected = 0;
            if (role == "anonymous") {
                expected = 401;  // every write, whether or not the record exists: nothing to learn
            } else if (!may_read(role, scope)) {
                expected = 404;
            } else if (role == "nasa") {
                expected = 200;
            } else {
                expected = 403;
            }
            EXPECT_EQ(res->status, expected) << res->body;
            if (expected != 200) {
                EXPECT_EQ(change_id(), before) << "a refused write changed something";
                EXPECT_FALSE(res->has_header("ETag"));
            } else {
                EXPECT_NE(res->get_header_value("ETag"), etag);
            }
            // DELETE with a stale version: refused the same way (or 412 for the owner), nothing removed.
            headers = auth(role);
            headers.emplace("If-Match", "\"999\"");
            auto del = c.Delete(path.c_str(), headers);
            EXPECT_EQ(del->status, expected == 200 ? 412 : expected);
            EXPECT_EQ(c.Get(path.c_str(), auth("nasa"))->status, 200);
        }
        // Creating: only planners, only for their own agency (whose code the id begins with: role names are the
        // agencies' codes in lower case).
        json body = {{"id", role + "-new"}, {"name", "New"}, {"destination", "Moon"}, {"kind", "robotic"},
                     {"type", "lander"}, {"status", "planned"}, {"commitment", "study"},
                     {"visibility", {{"scope", "partners"}}}};
        auto res = c.Post("/api/v1/missions", auth(role), body.dump(), "application/json");
        EXPECT_EQ(res->status, role == "anonymous" ? 401 : role == "sec" ? 403 : 201) << role << res->body;
        body["id"] = "other-" + role;
        body["lead_agency"] = "CNSA";
        res = c.Post("/api/v1/missions", auth(role), body.dump(), "application/json");
        EXPECT_EQ(res->status, role == "anonymous" ? 401 : 403) << role;
    }
}

TEST_F(ServerTest, AuditAndChangesLeakNothing) {
    auto c = client();
    EXPECT_EQ(c.Get("/api/v1/audit")->status, 401);
    const auto ids = [&](const std::string& path, const std::string& role) {
        std::set<std::string> out;
        auto res = c.Get(path.c_str(), auth(role));
        EXPECT_EQ(res->status, 200) << path << " " << role;
        const auto page = json::parse(res->body);
        for (const auto& e : page["items"]) out.insert(e["record_id"].get<std::string>());
        return out;
    };
    EXPECT_TRUE(ids("/api/v1/audit?limit=500", "nasa").count("t-agencies"));
    EXPECT_TRUE(ids("/api/v1/audit?limit=500", "sec").count("t-agencies"));
    EXPECT_FALSE(ids("/api/v1/audit?limit=500", "esa").count("t-public")) << "ESA sees NASA's before/after copies";
    for (const auto& role : roles) {
        const auto seen = ids("/api/v1/changes?limit=500", role);
        for (const auto& scope : scopes) {
            EXPECT_EQ(seen.count("t-" + scope), may_read(role, scope) ? 1u : 0u) << role << " " << scope;
        }
    }
}

TEST_F(ServerTest, PortalHidesWhatTheCallerMayNotSee) {
    auto c = client();
    const auto hidden = c.Get("/missions/t-partners");
    const auto ghost = c.Get("/missions/t-ghost");
    EXPECT_EQ(hidden->status, 404);
    EXPECT_EQ(hidden->body, ghost->body);
    EXPECT_EQ(c.Get("/missions/t-public")->status, 200);
    const auto roadmap = c.Get("/roadmap");
    EXPECT_NE(roadmap->body.find("t-public"), std::string::npos);
    EXPECT_EQ(roadmap->body.find("t-partners"), std::string::npos);
    EXPECT_EQ(roadmap->body.find("t-agencies"), std::string::npos);
    const auto agency = c.Get("/agencies/NASA");
    EXPECT_EQ(agency->body.find("Test mission partners"), std::string::npos);
    EXPECT_EQ(c.Get("/")->body.find("t-agencies"), std::string::npos);
}

TEST_F(ServerTest, ConcurrentPatchesWithOneEtagHaveOneWinner) {
    constexpr int clients = 12;
    const auto etag = client().Get("/api/v1/missions/t-public", auth("nasa"))->get_header_value("ETag");
    std::vector<int> status(clients, 0);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            auto c = client();
            auto headers = auth("nasa");
            headers.emplace("If-Match", etag);
            ++ready;
            while (ready < clients) std::this_thread::yield();
            auto res = c.Patch("/api/v1/missions/t-public", headers,
                               R"({"description": "writer )" + std::to_string(i) + "\"}", "application/merge-patch+json");
            status[i] = res ? res->status : -1;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(std::count(status.begin(), status.end(), 200), 1);
    EXPECT_EQ(std::count(status.begin(), status.end(), 412), clients - 1);
    const int winner = static_cast<int>(std::find(status.begin(), status.end(), 200) - status.begin());
    const auto final = json::parse(client().Get("/api/v1/missions/t-public", auth("nasa"))->body);
    EXPECT_EQ(final["description"], "writer " + std::to_string(winner));
    EXPECT_EQ(final["version"], 2);
}

TEST_F(ServerTest, WritesNeedIfMatch) {
    auto c = client();
    auto res = c.Patch("/api/v1/missions/t-public", auth("nasa"), R"({"name": "x"})", "application/merge-patch+json");
    EXPECT_EQ(res->status, 428);
    EXPECT_EQ(json::parse(res->body)["type"], "urn:ger:problem:precondition-required");
    auto headers = auth("nasa");
    headers.emplace("If-Match", "\"7\"");
    res = c.Patch("/api/v1/missions/t-public", headers, R"({"name": "x"})", "application/merge-patch+json");
    EXPECT_EQ(res->status, 412);
    res = c.Put("/api/v1/missions/t-public", auth("nasa"), R"({"name": "x"})", "application/json");
    EXPECT_EQ(res->status, 428);
    EXPECT_EQ(c.Delete("/api/v1/missions/t-public", auth("nasa"))->status, 428);

    // The full cycle: create (201, Location, ETag), replace, delete.
    json body = {{"id", "nasa-cycle"}, {"name", "Cycle"}, {"destination", "Mars"}, {"kind", "robotic"}, {"type", "orbiter"},
                 {"status", "planned"}, {"commitment", "study"}, {"visibility", {{"scope", "partners"}}}};
    res = c.Post("/api/v1/missions", auth("nasa"), body.dump(), "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/api/v1/missions/nasa-cycle");
    EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
    EXPECT_EQ(json::parse(res->body)["lead_agency"], "NASA");
    headers = auth("nasa");
    headers.emplace("If-Match", "\"1\"");
    body["name"] = "Cycle II";
    res = c.Put("/api/v1/missions/nasa-cycle", headers, body.dump(), "application/json");
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["name"], "Cycle II");
    headers = auth("nasa");
    headers.emplace("If-Match", res->get_header_value("ETag"));
    EXPECT_EQ(c.Delete("/api/v1/missions/nasa-cycle", headers)->status, 204);
    EXPECT_EQ(c.Get("/api/v1/missions/nasa-cycle", auth("nasa"))->status, 404);
}

TEST_F(ServerTest, HostileInputIsRefusedAndWritesNothing) {
    auto c = client();
    const auto before = change_id();
    const auto count = json::parse(c.Get("/api/v1/missions?limit=1", auth("nasa"))->body)["total"];
    const auto post = [&](const std::string& body, const std::string& type = "application/json") {
        return c.Post("/api/v1/missions", auth("nasa"), body, type.c_str());
    };
    auto res = post("{\"id\": \"x\", ");
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(json::parse(res->body)["type"], "urn:ger:problem:malformed-json");

    res = post(R"({"id": "typed", "name": 5, "destination": "Moon", "kind": "robotic", "type": "lander",
                   "status": "planned", "commitment": "study"})");
    EXPECT_EQ(res->status, 422);
    auto problem = json::parse(res->body);
    EXPECT_EQ(problem["type"], "urn:ger:problem:validation");
    EXPECT_EQ(problem["errors"][0]["pointer"], "/name");

    res = post(R"({"id": "unknown", "name": "U", "destination": "Moon", "kind": "robotic", "type": "lander",
                   "status": "planned", "commitment": "study", "budget": 1})");
    EXPECT_EQ(res->status, 422);
    EXPECT_NE(res->body.find("/budget"), std::string::npos) << res->body;

    res = post(R"({"id": "'; DROP TABLE missions; --", "name": "Robert'); DROP TABLE missions;--",
                   "destination": "Moon", "kind": "robotic", "type": "lander", "status": "planned",
                   "commitment": "study"})");
    EXPECT_EQ(res->status, 422);
    EXPECT_NE(res->body.find("/id"), std::string::npos);

    res = post("[1, 2]");
    EXPECT_EQ(res->status, 422);
    res = post(R"({"id": "x"})", "text/plain");
    EXPECT_EQ(res->status, 415);
    res = post("{\"description\": \"" + std::string(200 * 1024, 'a') + "\"}");
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");

    for (const auto& path : {"/api/v1/missions/..%2F..%2Fetc%2Fpasswd", "/api/v1/missions/../../etc/passwd",
                             "/static/../../../../etc/passwd", "/api/v1/missions/%00", "/api/v1/missions/t-public'--"}) {
        res = c.Get(path, auth("nasa"));
        ASSERT_TRUE(res) << path;
        EXPECT_GE(res->status, 400) << path;
        EXPECT_LT(res->status, 500) << path;
        EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
    }
    EXPECT_EQ(c.Get("/api/v1/missions?kind=spaceship")->status, 400);
    EXPECT_EQ(c.Get("/api/v1/missions?limit=-1")->status, 400);
    EXPECT_EQ(c.Get("/api/v1/missions?colour=red")->status, 400);
    EXPECT_EQ(c.Get("/api/v1/missions", {{"Authorization", "Bearer ger_forged"}})->status, 401);

    EXPECT_EQ(change_id(), before) << "a refused request wrote something";
    EXPECT_EQ(json::parse(c.Get("/api/v1/missions?limit=1", auth("nasa"))->body)["total"], count);
}

TEST_F(ServerTest, MarkupIsEscapedEverywhere) {
    auto c = client();
    json body = {{"id", "nasa-xss"}, {"name", "<script>alert(1)</script>"}, {"destination", "Moon"},
                 {"kind", "robotic"}, {"type", "lander"}, {"status", "planned"}, {"commitment", "study"},
                 {"visibility", {{"scope", "public"}}},
                 {"description", "\"><img src=x onerror=alert(1)>"}};
    ASSERT_EQ(c.Post("/api/v1/missions", auth("nasa"), body.dump(), "application/json")->status, 201);
    for (const auto& path : {"/missions/nasa-xss", "/roadmap", "/agencies/NASA", "/"}) {
        const auto page = c.Get(path)->body;
        EXPECT_EQ(page.find("<script>"), std::string::npos) << path;
        EXPECT_EQ(page.find("<img src=x"), std::string::npos) << path;
    }
    EXPECT_NE(c.Get("/missions/nasa-xss")->body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(ServerTest, OpenApiDocumentsExactlyTheRoutes) {
    auto c = client();
    auto res = c.Get("/api/v1/openapi.json");
    ASSERT_EQ(res->status, 200);
    const auto doc = json::parse(res->body);
    EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
    std::set<std::pair<std::string, std::string>> documented;
    for (const auto& [path, ops] : doc["paths"].items()) {
        for (const auto& [method, op] : ops.items()) {
            std::string upper = method;
            for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            documented.insert({upper, path});
            // The documented route exists: the router matches it (no "no-route" 404, no 405).
            auto concrete = std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "t-public");
            auto headers = auth("nasa");
            headers.emplace("If-Match", "\"999\"");
            auto r = c.send([&] {
                httplib::Request req;
                req.method = upper;
                req.path = concrete;
                req.headers = headers;
                if (upper != "GET" && upper != "DELETE") {
                    req.body = "{}";
                    req.set_header("Content-Type", "application/json");
                }
                return req;
            }());
            ASSERT_TRUE(r) << upper << " " << path;
            EXPECT_NE(r->status, 405) << upper << " " << path;
            if (r->status == 404) {
                EXPECT_NE(json::parse(r->body)["type"], "urn:ger:problem:no-route") << upper << " " << path;
            }
        }
    }
    std::set<std::pair<std::string, std::string>> served;
    for (const auto& route : ger::server::route_table()) {
        if (route.documented) served.insert({route.method, route.path});
        if (route.path.rfind("/api/", 0) == 0) {
            EXPECT_TRUE(route.documented) << route.path;
        }
    }
    EXPECT_EQ(documented, served);
    auto none = c.Get("/api/v1/spaceships");
    EXPECT_EQ(none->status, 404);
    EXPECT_EQ(json::parse(none->body)["type"], "urn:ger:problem:no-route");
    EXPECT_EQ(c.Delete("/api/v1/agencies")->status, 405);
}

// ---- portal login and workspace -----------------------------------------------------------------------------

using ger::test::Browser;

TEST_F(ServerTest, LoginSessionsCsrfAndRateLimit) {
    auto c = client();
    Browser b{c, {}};
    auto res = b.login("esa", "wrong");
    EXPECT_EQ(res->status, 401);
    res = b.login("esa", ger::test::test_password);
    ASSERT_EQ(res->status, 303);
    EXPECT_EQ(res->get_header_value("Location"), "/workspace");
    const auto set_cookie = res->get_header_value("Set-Cookie");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    auto ws = b.get("/workspace");
    ASSERT_EQ(ws->status, 200);
    // Shared with ESA: NASA's partners-only and ESA-only missions.
    const auto shared = ws->body.substr(ws->body.find("id=\"shared\""));
    EXPECT_NE(shared.find("t-partners"), std::string::npos);
    EXPECT_NE(shared.find("t-agencies"), std::string::npos);

    // A form without the session's CSRF token is refused; logout with it works.
    EXPECT_EQ(b.post("/logout", {{"csrf", "forged"}})->status, 403);
    EXPECT_EQ(b.post("/logout", {{"csrf", Browser::csrf(ws->body)}})->status, 303);
    EXPECT_EQ(b.get("/workspace")->status, 303);

    // Login without the login form's token: refused.
    Browser stranger{c, {}};
    EXPECT_EQ(stranger.post("/login", {{"name", "esa"}, {"password", ger::test::test_password}})->status, 403);

    // Five failures make this address wait before it may try this account again, even with the right password
    // (sessions_test.cpp: the owner elsewhere is not held back).
    Browser attacker{c, {}};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(attacker.login("jaxa", "guess")->status, 401);
    res = attacker.login("jaxa", ger::test::test_password);
    EXPECT_EQ(res->status, 429);
    EXPECT_FALSE(res->get_header_value("Retry-After").empty());
}

TEST_F(ServerTest, PlannerEditsMissionsInTheWorkspace) {
    auto c = client();
    Browser b{c, {}};
    ASSERT_EQ(b.login("nasa", ger::test::test_password)->status, 303);
    auto form = b.get("/workspace/missions/new");
    ASSERT_EQ(form->status, 200);
    const auto csrf = Browser::csrf(form->body);
    httplib::Params fields{{"csrf", csrf}, {"id", "nasa-ws-mission"}, {"name", "Workspace mission"},
                           {"destination", "Moon"}, {"kind", "robotic"}, {"type", "lander"},
                           {"launch", "2031-02-30"}, {"status", "planned"}, {"commitment", "study"},
                           {"visibility_scope", "partners"}, {"version", "0"}};
    auto res = b.post("/workspace/missions", fields);
    EXPECT_EQ(res->status, 422);
    // The error sits next to its field.
    const auto launch_field = res->body.find("id=\"m-launch\"");
    const auto launch_error = res->body.find("id=\"launch-error\"");
    ASSERT_NE(launch_error, std::string::npos) << res->body;
    EXPECT_LT(launch_error, launch_field);
    EXPECT_GT(launch_error, res->body.find("for=\"m-launch\""));

    fields.erase("launch");
    fields.emplace("launch", "2031-02");
    res = b.post("/workspace/missions", fields);
    ASSERT_EQ(res->status, 303) << res->body;
    EXPECT_EQ(client().Get("/api/v1/missions/nasa-ws-mission", auth("jaxa"))->status, 200);
    EXPECT_EQ(client().Get("/api/v1/missions/nasa-ws-mission")->status, 404);

    // Another agency's mission cannot be edited; a hidden one does not exist.
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", ger::test::test_password)->status, 303);
    EXPECT_EQ(esa.get("/workspace/missions/nasa-ws-mission")->status, 403);
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", ger::test::test_password)->status, 303);
    EXPECT_EQ(jaxa.get("/workspace/missions/t-agencies")->status, 404);

    // A stale form does not overwrite a newer version.
    auto edit = b.get("/workspace/missions/nasa-ws-mission");
    ASSERT_EQ(edit->status, 200);
    auto headers = auth("nasa");
    headers.emplace("If-Match", "\"1\"");
    ASSERT_EQ(c.Patch("/api/v1/missions/nasa-ws-mission", headers, R"({"name": "Changed via API"})",
                      "application/merge-patch+json")->status,
              200);
    fields.erase("name");
    fields.emplace("name", "Stale edit");
    fields.erase("version");
    fields.emplace("version", "1");
    res = b.post("/workspace/missions/nasa-ws-mission", fields);
    EXPECT_EQ(res->status, 409);
    EXPECT_EQ(json::parse(c.Get("/api/v1/missions/nasa-ws-mission", auth("nasa"))->body)["name"], "Changed via API");
}

}  // namespace
