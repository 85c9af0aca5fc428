// The transport under hostile clients, black-box against the real server on a free port: each finding of the
// hardening issue (an anonymous request that killed the process, slow clients that starved everyone, range
// amplification, chunked bodies past the limit, unbounded headers) as a regression test, plus the limits behind
// them (head deadline, idle keep-alive, connections per address).
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "raw_client.hpp"
#include "server/http/transport.hpp"
#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class TransportTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override {
        options.http.head_timeout = 1500ms;
        options.http.keep_alive_timeout = 700ms;
        options.http.body_timeout = 2s;
    }

    // The server still answers a plain request.
    void expect_alive() {
        auto c = client();
        c.set_read_timeout(5);
        auto res = c.Get("/healthz");
        ASSERT_TRUE(res) << "the server no longer answers";
        EXPECT_EQ(res->status, 200);
    }

    std::string exchange(const std::string& bytes) {
        RawConnection connection(m_port);
        connection.send(bytes);
        return connection.receive_response();
    }
};

json problem_of(const std::string& response) { return json::parse(body_of(response)); }

TEST_F(TransportTest, BytesThatAreNotUtf8AreRefusedByPart) {
    // Finding 1: this request aborted the process (the 404 echoed the path and the JSON dump threw).
    auto response = exchange("GET /api/v1/missions/%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(response), 400) << response;
    auto problem = problem_of(response);
    EXPECT_EQ(problem["type"], "urn:ger:problem:invalid-encoding");
    EXPECT_EQ(problem["errors"][0]["pointer"], "path");
    EXPECT_EQ(problem["instance"], "/api/v1/missions/%FF%FE") << "the instance is the path as sent";
    expect_alive();

    response = exchange("GET /api/v1/missions?destination=%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(response), 400) << response;
    EXPECT_EQ(problem_of(response)["errors"][0]["pointer"], "query/destination");

    response = exchange("GET /api/v1/missions HTTP/1.1\r\nHost: x\r\nX-Note: caf\xE9\r\n\r\n");
    EXPECT_EQ(status_of(response), 400) << response;
    EXPECT_EQ(problem_of(response)["errors"][0]["pointer"], "header/X-Note");

    // Raw (not escaped) bytes in the path: a portal page, so an HTML error page, and the server stays up.
    response = exchange("GET /missions/\xFF\xFE HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(response), 400) << response;
    expect_alive();

    const std::string body = "{\"name\": \"caf\xE9\"}";
    response = exchange("POST /api/v1/missions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_tokens["nasa"] +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + body);
    EXPECT_EQ(status_of(response), 400) << response;
    EXPECT_EQ(problem_of(response)["errors"][0]["pointer"], "body");

    const std::string form = "csrf=x&name=%FF";
    response = exchange("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form);
    EXPECT_EQ(status_of(response), 400) << response;
    EXPECT_NE(body_of(response).find("form/name"), std::string::npos) << response;
    expect_alive();
}

TEST_F(TransportTest, DeeplyNestedJsonIsRefusedAndTheServerStaysUp) {
    auto c = client();
    const auto mission = c.Get("/api/v1/missions/t-public", auth("nasa"));
    ASSERT_EQ(mission->status, 200);
    auto headers = auth("nasa");
    headers.emplace("If-Match", mission->get_header_value("ETag"));
    const std::string deep = "{\"description\": " + std::string(30000, '[') + std::string(30000, ']') + "}";
    auto res = c.Patch("/api/v1/missions/t-public", headers, deep, "application/merge-patch+json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(json::parse(res->body)["type"], "urn:ger:problem:malformed-json");
    EXPECT_EQ(c.Get("/api/v1/missions/t-public", auth("nasa"))->get_header_value("ETag"),
              mission->get_header_value("ETag"));
    expect_alive();
}

TEST_F(TransportTest, SlowClientsDoNotStarveOthersAndAreCutAtTheHeadDeadline) {
    // Finding 2: 200 connections that each trickle a header byte; /healthz must still be answered at once.
    std::vector<RawConnection> slow;
    for (int i = 0; i < 200; ++i) {
        slow.emplace_back(m_port);
        slow.back().send("G");
    }
    for (int round = 0; round < 3; ++round) {
        for (auto& connection : slow) connection.send("E");
        expect_alive();
        std::this_thread::sleep_for(200ms);
    }
    // The whole head had 1.5 s: the trickling ones are answered 408 and closed, however often they send.
    std::this_thread::sleep_for(1500ms);
    std::size_t closed = 0;
    for (auto& connection : slow) {
        connection.send("T");
        const auto answer = connection.receive_all(2s);
        if (status_of(answer) == 408 || answer.empty()) ++closed;
    }
    EXPECT_EQ(closed, slow.size());
    EXPECT_TRUE(m_server != nullptr);
    expect_alive();
}

TEST_F(TransportTest, AnIdleKeptAliveConnectionIsClosed) {
    RawConnection connection(m_port);
    connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(connection.receive_response()), 200);
    EXPECT_TRUE(connection.closed_within(3s));
}

TEST_F(TransportTest, ManyRangesGetTheWholeBodyOnce) {
    // Finding 3: 2,000 ranges answered 206 with 83 MB. Only single ranges of downloads are served.
    auto c = client();
    const auto whole = c.Get("/roadmap.svg");
    ASSERT_EQ(whole->status, 200);
    std::string ranges = "bytes=0-";
    for (int i = 0; i < 1999; ++i) ranges += ",0-";
    const auto res = c.Get("/roadmap.svg", {{"Range", ranges}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body.size(), whole->body.size());
    // A page is not a download: even one range gets the whole page.
    EXPECT_EQ(c.Get("/roadmap.svg", {{"Range", "bytes=0-9"}})->status, 200);
}

TEST_F(TransportTest, ChunkedBodyOverTheLimitIsCutOffEarly) {
    // Finding 4: a 300 MiB chunked POST was read whole before the 400. Now the answer is 413 once the chunks
    // pass the 64 KiB limit, and the connection closes: the client cannot push more than a socket buffer.
    RawConnection connection(m_port);
    ASSERT_TRUE(connection.send("POST /api/v1/missions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                m_tokens["nasa"] +
                                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";  // 64 KiB per chunk
    std::size_t sent = 0;
    const std::size_t attempt = std::size_t{300} << 20;
    while (sent < attempt && connection.send(chunk)) sent += 0x10000;
    EXPECT_LT(sent, std::size_t{64} << 20) << "the server kept reading a body far past its limit";
    expect_alive();

    RawConnection second(m_port);
    second.send("POST /api/v1/missions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk);
    const auto answer = second.receive_response();
    EXPECT_EQ(status_of(answer), 413) << answer;
    EXPECT_EQ(problem_of(answer)["type"], "urn:ger:problem:body-too-large");
}

TEST_F(TransportTest, HeadersAreBoundedInSizeAndCount) {
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 3000; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
    auto response = exchange(many + "\r\n");
    EXPECT_EQ(status_of(response), 431) << response.substr(0, 200);

    std::string fields = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) fields += "X-" + std::to_string(i) + ": 1\r\n";
    response = exchange(fields + "\r\n");
    EXPECT_EQ(status_of(response), 431) << response.substr(0, 200);
    EXPECT_EQ(problem_of(response)["type"], "urn:ger:problem:headers-too-large");

    response = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(100000, 'a') + "\r\n\r\n");
    EXPECT_EQ(status_of(response), 431) << response.substr(0, 200);

    response = exchange("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(response), 414) << response.substr(0, 200);
    expect_alive();
}

TEST_F(TransportTest, GarbageIsABadRequestNotACrash) {
    for (const std::string& bytes : {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
                                    std::string("GET / HTTP/9.9\r\n\r\n"), std::string("GET\r\n\r\n"),
                                    std::string("POST /api/v1/missions HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                                    std::string("POST /api/v1/missions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                                                "\r\nzz\r\n\r\n")}) {
        const auto response = exchange(bytes);
        EXPECT_TRUE(response.empty() || status_of(response) == 400) << response;
    }
    expect_alive();
}

TEST_F(TransportTest, PipelinedHeadContinueAndHttp10BehaveAsHttpSays) {
    {
        RawConnection connection(m_port);
        connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/agencies/ESA HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto first = connection.receive_response();
        const auto second = connection.receive_response();
        EXPECT_EQ(status_of(first), 200);
        EXPECT_NE(body_of(first).find("\"status\""), std::string::npos) << first;
        EXPECT_EQ(status_of(second), 200);
        EXPECT_NE(body_of(second).find("\"ESA\""), std::string::npos) << second;
    }
    {
        RawConnection connection(m_port);
        connection.send("HEAD /roadmap HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto both = connection.receive_all(1s);
        ASSERT_EQ(status_of(both), 200) << both;
        // A HEAD answer has the GET's Content-Length and no body: the next response follows at once.
        const auto head_end = both.find("\r\n\r\n") + 4;
        EXPECT_NE(both.substr(0, head_end).find("Content-Length: "), std::string::npos);
        EXPECT_EQ(both.substr(0, head_end).find("Content-Length: 0\r\n"), std::string::npos);
        const auto next = both.substr(head_end);
        EXPECT_EQ(status_of(next), 200) << next;
        EXPECT_NE(next.find("\"status\""), std::string::npos);
    }
    {
        RawConnection connection(m_port);
        const std::string body = "{}";
        connection.send("POST /api/v1/missions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        const auto go_on = connection.receive_response(2s);
        EXPECT_EQ(status_of(go_on), 100) << go_on;
        connection.send(body);
        EXPECT_EQ(status_of(connection.receive_response()), 401);  // no token
    }
    {
        RawConnection connection(m_port);
        connection.send("GET /healthz HTTP/1.0\r\n\r\n");
        EXPECT_EQ(status_of(connection.receive_response()), 200);
        EXPECT_TRUE(connection.closed_within(500ms)) << "HTTP/1.0 without keep-alive closes after the answer";
    }
}

class TransportLimitsTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override { options.http.max_connections_per_address = 8; }
};

TEST_F(TransportLimitsTest, ConnectionsPerAddressAreCapped) {
    std::vector<RawConnection> held;
    for (int i = 0; i < 8; ++i) held.emplace_back(m_port);
    std::this_thread::sleep_for(200ms);  // all eight admitted before the ninth arrives
    RawConnection ninth(m_port);
    ninth.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto answer = ninth.receive_response();
    EXPECT_EQ(status_of(answer), 503) << answer;
    EXPECT_NE(answer.find("Retry-After"), std::string::npos);
    held.clear();
    std::this_thread::sleep_for(200ms);
    auto c = client();
    auto res = c.Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

// Stopping while connections keep arriving: the accept handler re-arms the acceptor as stop() closes it. Before the
// acceptor had its own strand this raced (a segfault at a test's teardown under ctest -j2); each round must stop,
// return from run() and leave no connection counted.
TEST(TransportStop, StoppingWhileConnectionsArriveIsSafe) {
    for (int round = 0; round < 40; ++round) {
        server::http::TransportOptions options;
        options.port = 0;
        options.threads = 4;
        server::http::Transport transport(
            options, [](server::http::Request&, server::http::Response& res) { res.set_content("ok", "text/plain"); },
            [](const server::http::Request&, const server::detail::HttpError&, server::http::Response& res) {
                res.status = 400;
            });
        const int port = transport.bind();
        std::thread serving([&] { transport.run(); });
        std::atomic<bool> done{false};
        std::thread knocking([&] {
            while (!done) {
                try {
                    RawConnection c(port);
                    c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                } catch (const std::exception&) {
                    // refused once the listener has closed: expected
                }
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(round % 5));
        transport.stop();
        serving.join();
        done = true;
        knocking.join();
        EXPECT_EQ(transport.open_connections(), 0u) << "round " << round;
    }
}

}  // namespace
}  // namespace ger::test
