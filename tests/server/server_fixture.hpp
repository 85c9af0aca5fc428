// A server on a free port over a fresh database seeded with the bundled roadmap, four accounts (planners of
// NASA, ESA and JAXA, and the secretariat), a bearer token each, and NASA missions and capabilities at every
// visibility: public, partners, agencies (ESA only).
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <regex>
#include <nlohmann/json.hpp>
#include <thread>

#include "../store/backends.hpp"
#include "../store/temp_dir.hpp"
#include "model/bundled.hpp"
#include "server/credentials.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace ger::test {

inline const std::string test_password = "correct horse battery staple";

// The database a server test runs on: a new SQLite file in `dir`, or, when GER_TEST_SERVER_BACKEND=postgresql (set
// by ctest for the tests registered a second time on PostgreSQL), a new database on the test PostgreSQL server.
inline std::string server_test_database(const TempDir& dir) {
    const char* backend = std::getenv("GER_TEST_SERVER_BACKEND");
    if (backend && std::string_view(backend) == "postgresql") return fresh_postgresql_url(postgresql_server());
    if (backend && *backend && std::string_view(backend) != "sqlite") {
        throw std::runtime_error(std::string("GER_TEST_SERVER_BACKEND is '") + backend + "': sqlite or postgresql");
    }
    return (dir / "ger.db").string();
}

class ServerFixture : public ::testing::Test {
protected:
    void SetUp() override {
        m_db = server_test_database(m_dir);
        auto store = store::open_store(m_db, store::OpenMode::create);
        store->replace_all(model::bundled_dataset(), {"test", ""});
        const auto hash = server::hash_password(test_password);  // one hash for all: Argon2id is slow on purpose
        const std::vector<std::tuple<std::string, std::string, store::Role>> users{
            {"nasa", "NASA", store::Role::planner},
            {"esa", "ESA", store::Role::planner},
            {"jaxa", "JAXA", store::Role::planner},
            {"sec", "", store::Role::secretariat}};
        for (const auto& [name, agency, role] : users) {
            store->create_user({name, agency, role, hash, {}, {}}, {"test", ""});
            const auto token = server::generate_api_token();
            store->create_token(name, server::digest(token), "test");
            m_tokens[name] = token;
        }
        for (const auto& [suffix, scope] : std::vector<std::pair<std::string, model::VisibilityScope>>{
                 {"public", model::VisibilityScope::public_},
                 {"partners", model::VisibilityScope::partners},
                 {"agencies", model::VisibilityScope::agencies}}) {
            model::Mission m;
            m.id = "t-" + suffix;
            m.name = "Test mission " + suffix;
            m.lead_agency = "NASA";
            m.destination = "Moon";
            m.visibility = model::Visibility{scope, {}};
            if (scope == model::VisibilityScope::agencies) m.visibility->agencies = {"ESA"};
            store->create_mission(m, {"nasa", "NASA"});
            model::Capability c;
            c.id = "c-" + suffix;
            c.name = "Test capability " + suffix;
            c.provider = "NASA";
            c.visibility = m.visibility;
            store->create_capability(c, {"nasa", "NASA"});
        }
        store.reset();
        server::ServerOptions options;
        options.db = m_db;
        options.http.port = 0;
        options.http.threads = 16;
        options.log_requests = false;
        // The start-up scan renders files for frozen editions that lack them; tests that freeze an edition and
        // store its files themselves would race with it (a flake seen under ctest -j2), so it is off here.
        options.publish_missing_artefacts = false;
        options.background_feasibility = false;  // seconds of porkchops per server; the tests that need it say so
        configure(options);
        m_server = std::make_unique<server::Server>(options);
        m_port = m_server->bind();
        m_thread = std::thread([this] { m_server->run(); });
    }

    // Tests that need other limits or timeouts set them here.
    virtual void configure(server::ServerOptions&) {}

    void TearDown() override {
        m_server->stop();
        m_thread.join();
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", m_port);
        c.set_read_timeout(30);
        return c;
    }

    // Headers for a role: "anonymous" or a user name.
    httplib::Headers auth(const std::string& who) const {
        if (who == "anonymous") return {};
        return {{"Authorization", "Bearer " + m_tokens.at(who)}};
    }

    long long change_id() const { return store::open_store(m_db)->last_change_id(); }

    TempDir m_dir;
    std::string m_db;
    std::map<std::string, std::string> m_tokens;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
};

// A browser's side of the portal: keeps cookies, reads CSRF tokens out of forms, logs in.
struct Browser {
    httplib::Client& c;
    std::map<std::string, std::string> cookies;
    httplib::Headers extra{};  // sent with every request (X-Forwarded-For, Origin)

    httplib::Headers headers() const {
        std::string cookie;
        for (const auto& [k, v] : cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
        auto out = extra;
        if (!cookie.empty()) out.emplace("Cookie", cookie);
        return out;
    }
    // A request that got no response fails the test here, with the reason, instead of a null dereference later.
    void keep(const httplib::Result& res) {
        if (!res) {
            ADD_FAILURE() << "no response: " << httplib::to_string(res.error());
            return;
        }
        for (std::size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i) {
            const auto line = res->get_header_value("Set-Cookie", i);
            const auto eq = line.find('=');
            const auto value = line.substr(eq + 1, line.find(';') - eq - 1);
            if (value.empty()) {
                cookies.erase(line.substr(0, eq));
            } else {
                cookies[line.substr(0, eq)] = value;
            }
        }
    }
    httplib::Result get(const std::string& path) {
        auto res = c.Get(path.c_str(), headers());
        keep(res);
        return res;
    }
    httplib::Result post(const std::string& path, const httplib::Params& form) {
        auto res = c.Post(path.c_str(), headers(), form);
        keep(res);
        return res;
    }
    static std::string csrf(const std::string& page) {
        std::smatch m;
        EXPECT_TRUE(std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([^\"]+)\"")));
        return m[1];
    }
    httplib::Result login(const std::string& name, const std::string& password) {
        auto form = get("/login");
        if (!form) return form;
        return post("/login", {{"csrf", csrf(form->body)}, {"name", name}, {"password", password}});
    }
};

}  // namespace ger::test
