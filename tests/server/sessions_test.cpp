// Sessions and logins end to end against the real server: login throttling per account and address (an
// attacker is slowed, the owner elsewhere is not), cookies and HSTS behind a TLS proxy (--public-url), the
// client address from X-Forwarded-For only through trusted proxies, and the security log (every event, no
// secret).
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "server_fixture.hpp"

namespace {

using ger::test::Browser;
using ger::test::ServerFixture;
using ger::test::test_password;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Every Set-Cookie line of a response.
std::vector<std::string> set_cookies(const httplib::Result& res) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i) {
        out.push_back(res->get_header_value("Set-Cookie", i));
    }
    return out;
}

std::string cookie_line(const httplib::Result& res, const std::string& name) {
    for (const auto& line : set_cookies(res)) {
        if (line.rfind(name + "=", 0) == 0) return line;
    }
    ADD_FAILURE() << "no Set-Cookie for " << name;
    return "";
}

// The loopback address 127.0.0.2: a second client address on one machine (Linux routes all of 127/8 to lo).
httplib::Client client_from(int port, const std::string& local_address) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    c.set_interface(local_address);
    return c;
}

// ---- throttling from one address
// ----------------------------------------------------------------------------

class LoginThrottleTest : public ServerFixture {};

TEST_F(LoginThrottleTest, FailuresSlowTheAttackersAddressWhileTheOwnerLogsInFromAnother) {
    auto c = client();
    Browser attacker{c, {}};
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(attacker.login("jaxa", "guess " + std::to_string(i))->status, 401) << i;
    // The sixth attempt is refused before the password is looked at, the right one included.
    auto res = attacker.login("jaxa", test_password);
    EXPECT_EQ(res->status, 429);
    const auto retry = res->get_header_value("Retry-After");
    ASSERT_FALSE(retry.empty());
    EXPECT_GE(std::stoi(retry), 1);
    EXPECT_LE(std::stoi(retry), 30);
    EXPECT_TRUE(contains(res->body, "Too many failed attempts"));
    // A forged X-Forwarded-For from a peer that is no trusted proxy changes nothing.
    attacker.extra = {{"X-Forwarded-For", "198.51.100.23"}};
    EXPECT_EQ(attacker.login("jaxa", test_password)->status, 429);

    // The owner, from another address, logs in at once.
    auto other = client_from(m_port, "127.0.0.2");
    Browser owner{other, {}};
    res = owner.login("jaxa", test_password);
    ASSERT_EQ(res->status, 303) << res->body;
    EXPECT_EQ(owner.get("/workspace")->status, 200);
    // Other accounts from the attacker's address are not held back by that pair.
    Browser colleague{c, {}};
    EXPECT_EQ(colleague.login("esa", test_password)->status, 303);
}

TEST_F(LoginThrottleTest, UnknownAccountsAreThrottledLikeKnownOnes) {
    auto c = client();
    Browser attacker{c, {}};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(attacker.login("nobody", "guess")->status, 401) << i;
    EXPECT_EQ(attacker.login("nobody", "guess")->status, 429);
}

class SprayTest : public ServerFixture {
protected:
    void configure(ger::server::ServerOptions& options) override {
        options.login_throttle.address_failures = 3;
        options.login_throttle.address_window = std::chrono::minutes(15);
    }
};

TEST_F(SprayTest, OneAddressTryingManyAccountsIsHeldBackAcrossThem) {
    auto c = client();
    Browser sprayer{c, {}};
    EXPECT_EQ(sprayer.login("nasa", "Winter2026!")->status, 401);
    EXPECT_EQ(sprayer.login("esa", "Winter2026!")->status, 401);
    EXPECT_EQ(sprayer.login("jaxa", "Winter2026!")->status, 401);
    const auto res = sprayer.login("sec", "Winter2026!");
    EXPECT_EQ(res->status, 429);
    // 15 minutes / 3 failures: one drains every 300 s.
    EXPECT_GE(std::stoi(res->get_header_value("Retry-After")), 299);
    EXPECT_LE(std::stoi(res->get_header_value("Retry-After")), 300);
    // Nobody else is affected.
    auto other = client_from(m_port, "127.0.0.2");
    Browser planner{other, {}};
    EXPECT_EQ(planner.login("sec", test_password)->status, 303);
}

// ---- plain http (make run)
// ----------------------------------------------------------------------------------

class PlainHttpTest : public ServerFixture {};

TEST_F(PlainHttpTest, CookiesKeepTheirNamesWithoutSecureAndThereIsNoHsts) {
    auto c = client();
    Browser b{c, {}};
    auto form = b.get("/login");
    const auto login_cookie = cookie_line(form, "ger_login");
    EXPECT_TRUE(contains(login_cookie, "; Path=/login;"));
    EXPECT_TRUE(contains(login_cookie, "HttpOnly"));
    EXPECT_TRUE(contains(login_cookie, "SameSite=Strict"));
    EXPECT_FALSE(contains(login_cookie, "Secure"));
    EXPECT_FALSE(form->has_header("Strict-Transport-Security"));
    auto res =
        b.post("/login", {{"csrf", Browser::csrf(form->body)}, {"name", "esa"}, {"password", test_password}});
    ASSERT_EQ(res->status, 303);
    const auto session = cookie_line(res, "ger_session");
    EXPECT_TRUE(contains(session, "; Path=/;"));
    EXPECT_TRUE(contains(session, "HttpOnly"));
    EXPECT_TRUE(contains(session, "SameSite=Strict"));
    EXPECT_FALSE(contains(session, "Secure"));
    // A successful login retires the login form's token.
    EXPECT_TRUE(contains(cookie_line(res, "ger_login"), "Max-Age=0"));
    EXPECT_EQ(b.cookies.count("ger_login"), 0u);
    EXPECT_EQ(b.get("/workspace")->status, 200);
    // Without a public URL, Origin is not checked (only the token and SameSite are).
    b.extra = {{"Origin", "https://elsewhere.example"}};
    EXPECT_EQ(b.post("/logout", {{"csrf", Browser::csrf(b.get("/workspace")->body)}})->status, 303);
}

// ---- behind a TLS proxy
// -------------------------------------------------------------------------------------

class BehindProxyTest : public ServerFixture {
protected:
    void configure(ger::server::ServerOptions& options) override {
        options.public_url = "https://roadmap.example.org";
        options.trusted_proxies = {"127.0.0.1"};
    }
};

TEST_F(BehindProxyTest, CookiesAreSecureWithTheHostPrefixAndResponsesCarryHsts) {
    auto c = client();
    Browser b{c, {}};
    auto form = b.get("/login");
    EXPECT_EQ(form->get_header_value("Strict-Transport-Security"), "max-age=31536000");
    const auto login_cookie = cookie_line(form, "__Host-ger_login");
    for (const char* part : {"; Path=/;", "; Secure", "; HttpOnly", "; SameSite=Strict"}) {
        EXPECT_TRUE(contains(login_cookie, part)) << login_cookie << " lacks " << part;
    }
    EXPECT_FALSE(contains(login_cookie, "Domain"));
    auto res =
        b.post("/login", {{"csrf", Browser::csrf(form->body)}, {"name", "esa"}, {"password", test_password}});
    ASSERT_EQ(res->status, 303) << res->body;
    const auto session = cookie_line(res, "__Host-ger_session");
    for (const char* part : {"; Path=/;", "; Secure", "; HttpOnly", "; SameSite=Strict", "Max-Age=28800"}) {
        EXPECT_TRUE(contains(session, part)) << session << " lacks " << part;
    }
    EXPECT_FALSE(contains(session, "Domain"));
    EXPECT_EQ(b.get("/workspace")->status, 200);
    // The session is known only under its prefixed name.
    Browser renamed{c, {{"ger_session", b.cookies.at("__Host-ger_session")}}};
    EXPECT_EQ(renamed.get("/workspace")->status, 303);
    // HSTS on every kind of answer: the API, an error, a refusal by the transport.
    EXPECT_TRUE(c.Get("/api/v1/missions")->has_header("Strict-Transport-Security"));
    EXPECT_TRUE(c.Get("/no/such/page")->has_header("Strict-Transport-Security"));
    EXPECT_TRUE(c.Get("/api/v1/missions/%FF")->has_header("Strict-Transport-Security"));
}

TEST_F(BehindProxyTest, FormsFromAnotherOriginAreRefused) {
    auto c = client();
    Browser b{c, {}};
    b.extra = {{"Origin", "https://evil.example"}};
    auto form = b.get("/login");
    auto res =
        b.post("/login", {{"csrf", Browser::csrf(form->body)}, {"name", "esa"}, {"password", test_password}});
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(b.cookies.count("__Host-ger_session"), 0u);
    b.extra = {{"Origin", "https://roadmap.example.org"}};
    ASSERT_EQ(
        b.post("/login", {{"csrf", Browser::csrf(form->body)}, {"name", "esa"}, {"password", test_password}})
            ->status,
        303);
    const auto token = Browser::csrf(b.get("/workspace")->body);
    b.extra = {{"Origin", "https://roadmap.example.org.evil.example"}};
    EXPECT_EQ(b.post("/logout", {{"csrf", token}})->status, 403);
    EXPECT_EQ(b.get("/workspace")->status, 200);  // still logged in
    b.extra = {};                                 // no Origin at all: the token decides
    EXPECT_EQ(b.post("/logout", {{"csrf", token}})->status, 303);
}

TEST_F(BehindProxyTest, TheClientAddressComesFromTheProxysForwardedFor) {
    auto c = client();
    Browser attacker{c, {}};
    attacker.extra = {{"X-Forwarded-For", "198.51.100.1"}};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(attacker.login("nasa", "guess")->status, 401) << i;
    EXPECT_EQ(attacker.login("nasa", test_password)->status, 429);
    // Whatever the attacker writes left of what the proxy appended is not believed.
    attacker.extra = {{"X-Forwarded-For", "198.51.100.2, 198.51.100.1"}};
    EXPECT_EQ(attacker.login("nasa", test_password)->status, 429);
    // The owner, another client behind the same proxy, is not held back.
    Browser owner{c, {}};
    owner.extra = {{"X-Forwarded-For", "198.51.100.2"}};
    EXPECT_EQ(owner.login("nasa", test_password)->status, 303);
}

class UntrustedProxyTest : public ServerFixture {
protected:
    void configure(ger::server::ServerOptions& options) override {
        options.public_url = "https://roadmap.example.org";
        options.trusted_proxies = {"192.0.2.0/24"};  // not the test's own address
    }
};

TEST_F(UntrustedProxyTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
    auto c = client();
    for (int i = 0; i < 6; ++i) {
        Browser attacker{c, {}};
        attacker.extra = {
            {"X-Forwarded-For", "198.51.100." + std::to_string(i)}};  // a new "address" each time
        EXPECT_EQ(attacker.login("nasa", "guess")->status, i < 5 ? 401 : 429) << i;
    }
}

TEST(ServerOptions, BadValuesAreRefusedNamingTheOption) {
    const auto message = [](ger::server::ServerOptions options) {
        try {
            ger::server::Server server(std::move(options));
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    ger::server::ServerOptions bad_url;
    bad_url.public_url = "roadmap.example.org";
    EXPECT_EQ(message(bad_url).rfind("public_url: 'roadmap.example.org'", 0), 0u) << message(bad_url);
    ger::server::ServerOptions bad_proxy;
    bad_proxy.trusted_proxies = {"10.0.0.1", "proxy.internal"};
    EXPECT_EQ(message(bad_proxy).rfind("trusted_proxies: 'proxy.internal'", 0), 0u) << message(bad_proxy);
}

// ---- the security log
// ---------------------------------------------------------------------------------------

class SecurityLogTest : public ServerFixture {
protected:
    void configure(ger::server::ServerOptions& options) override {
        options.public_url = "https://roadmap.example.org";
        options.trusted_proxies = {"127.0.0.1"};
        options.login_throttle.free_failures = 1;
        // The server's threads are idle until the test sends its first request: the logger can be swapped.
        m_sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000);
        m_sink->set_pattern("%v");
        m_previous = spdlog::default_logger();
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", m_sink));
    }
    void TearDown() override {
        ServerFixture::TearDown();
        spdlog::set_default_logger(m_previous);
    }
    // The lines logged, each without the one end of line that ends it.
    std::vector<std::string> lines() const {
        auto out = m_sink->last_formatted();
        for (auto& l : out) {
            EXPECT_TRUE(!l.empty() && l.back() == '\n') << l;
            if (!l.empty()) l.pop_back();
        }
        return out;
    }
    // The lines that begin with `prefix`.
    std::vector<std::string> lines_with(const std::string& prefix) const {
        std::vector<std::string> out;
        for (const auto& l : lines()) {
            if (l.rfind(prefix, 0) == 0) out.push_back(l);
        }
        return out;
    }

    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_sink;
    std::shared_ptr<spdlog::logger> m_previous;
};

TEST_F(SecurityLogTest, EveryEventIsOneLineWithoutSecrets) {
    auto c = client();
    std::vector<std::string> secrets{test_password, "wrong-password-9f3b"};
    for (const auto& [name, token] : m_tokens) secrets.push_back(token);

    Browser b{c, {}};
    b.extra = {{"X-Forwarded-For", "198.51.100.77"}};
    EXPECT_EQ(b.login("esa", "wrong-password-9f3b")->status, 401);
    EXPECT_EQ(b.login("esa", "wrong-password-9f3b")->status, 429);
    secrets.push_back(b.cookies.at("__Host-ger_login"));

    Browser owner{c, {}};
    owner.extra = {{"X-Forwarded-For", "198.51.100.78"}};
    ASSERT_EQ(owner.login("esa", test_password)->status, 303);
    secrets.push_back(owner.cookies.at("__Host-ger_session"));
    const auto csrf = Browser::csrf(owner.get("/workspace")->body);
    secrets.push_back(csrf);
    EXPECT_EQ(owner.post("/logout", {{"csrf", "forged-csrf-token"}})->status, 403);
    secrets.push_back("forged-csrf-token");
    EXPECT_EQ(owner.post("/logout", {{"csrf", csrf}})->status, 303);

    // Denials on the API: a planner writing a goal, an anonymous write, an unknown token.
    EXPECT_EQ(c.Post("/api/v1/goals", auth("nasa"), R"({"id": "g9", "number": 9, "title": "t"})",
                     "application/json")
                  ->status,
              403);
    EXPECT_EQ(
        c.Post("/api/v1/goals", R"({"id": "g9", "number": 9, "title": "t"})", "application/json")->status,
        401);
    const std::string bogus = "ger_bogus-token-that-must-not-be-logged";
    secrets.push_back(bogus);
    EXPECT_EQ(c.Get("/api/v1/missions", {{"Authorization", "Bearer " + bogus}})->status, 401);

    // A user name that tries to forge a log line stays in its own line.
    Browser forger{c, {}};
    forger.extra = {{"X-Forwarded-For", "198.51.100.79"}};
    EXPECT_EQ(forger.login("x\nsecurity: login-ok user=\"sec\" client=1.2.3.4", "pw")->status, 401);

    auto failed = lines_with("security: login-failed");
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_TRUE(contains(failed[0], "user=\"esa\""));
    EXPECT_TRUE(contains(failed[0], "client=198.51.100.77"));
    EXPECT_TRUE(contains(failed[0], "reason=wrong-password"));
    EXPECT_TRUE(contains(failed[1], "user=\"x\\x0asecurity: login-ok"));
    auto throttled = lines_with("security: login-throttled");
    ASSERT_EQ(throttled.size(), 1u);
    EXPECT_TRUE(
        contains(throttled[0], "user=\"esa\" client=198.51.100.77 limit=account+address retry_after=30s"));
    auto ok = lines_with("security: login-ok");
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0], "security: login-ok user=\"esa\" client=198.51.100.78");
    auto csrf_lines = lines_with("security: csrf-failure");
    ASSERT_EQ(csrf_lines.size(), 1u);
    EXPECT_TRUE(contains(csrf_lines[0], "route=\"POST /logout\""));
    EXPECT_TRUE(contains(csrf_lines[0], "caller=\"esa\""));
    EXPECT_TRUE(contains(csrf_lines[0], "client=198.51.100.78"));
    auto logout = lines_with("security: logout");
    ASSERT_EQ(logout.size(), 1u);
    EXPECT_EQ(logout[0], "security: logout user=\"esa\" client=198.51.100.78");
    auto denied = lines_with("security: denied");
    ASSERT_EQ(denied.size(), 3u);
    EXPECT_TRUE(contains(denied[0], "status=403 type=forbidden route=\"POST /api/v1/goals\""));
    EXPECT_TRUE(contains(denied[0], "caller=\"nasa\" client=127.0.0.1"));
    EXPECT_TRUE(contains(denied[1], "status=401 type=unauthorized route=\"POST /api/v1/goals\""));
    EXPECT_TRUE(contains(denied[1], "caller=anonymous"));
    EXPECT_TRUE(contains(denied[2], "status=401 type=invalid-token route=\"GET /api/v1/missions\""));

    for (const auto& line : lines()) {
        EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 0) << line;
        for (const auto& secret : secrets) EXPECT_FALSE(contains(line, secret)) << line << " holds a secret";
    }
}

}  // namespace
