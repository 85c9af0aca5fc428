// `ger serve`: the public portal, the agencies' workspace and the REST API in one HTTP server.
//
// Transport: http/transport.hpp (event-driven, every connection's cost bounded). Its `threads` run the handlers;
// each opens its own Store on first use (a Store is not thread-safe, store/store.hpp) and closes it when the
// server stops. Reads come from an in-memory snapshot of the data set (detail/snapshot.hpp) that is renewed
// whenever the audit log moves on, so writes by other processes (ger import) show up on the next request.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "model/workshop.hpp"
#include "server/comment_limits.hpp"
#include "server/http/transport.hpp"
#include "server/login_throttle.hpp"

namespace ger::server {

struct ServerOptions {
    std::string db = "var/ger.db";
    // Address, port (0: any free one, see Server::bind), threads (0: 8 x hardware threads, at least 16) and the
    // limits on every connection.
    http::TransportOptions http;
    bool log_requests = true;      // one spdlog line per request: address, method, path, status, latency
    // The URL the public reaches the server at, when a TLS proxy stands in front ("https://roadmap.example.org",
    // client_address.hpp PublicUrl). With https, the portal's cookies are Secure with the __Host- prefix,
    // responses carry Strict-Transport-Security and portal forms must come from that origin. "" (plain http on
    // localhost, make run): cookies without Secure, no HSTS.
    std::string public_url;
    // Proxies (addresses or CIDR networks) whose X-Forwarded-For names the client (client_address.hpp); from any
    // other peer the header is ignored. Empty: the TCP peer is the client.
    std::vector<std::string> trusted_proxies;
    LoginThrottlePolicy login_throttle;
    CommentLimits comment_limits;
    // Workshop registrations per client address and per email: the comments' limits by default.
    CommentLimits registration_limits;
    // Names, emails and affiliations of a workshop's registrations are removed this many days after its last day
    // (the counts stay); the server purges what is due when it starts (ger workshops purge does it by hand).
    int purge_after_days = model::default_purge_after_days;
    // At start, render in the background the files (PDF, HTML, charts) of frozen editions that lack them, such
    // as the bundled 2011 and 2013 editions after `ger init`; downloads of an edition answer 503 meanwhile.
    bool publish_missing_artefacts = true;
    // Compute each mission's launch feasibility (and its porkchop) in a background thread whenever the records
    // change, for the mission pages; off, the pages say it is not computed on this server.
    bool background_feasibility = true;
};

class Server {
public:
    // Throws std::invalid_argument naming the option (public_url, trusted_proxies) whose value is bad.
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Opens the database (it must exist) and binds; returns the port. Throws std::runtime_error when the
    // address is taken, store errors when the database cannot be used.
    int bind();
    // Serves until stop(); returns once in-flight requests have finished and the workers' stores are closed.
    void run();
    // Safe from any thread (and after a signal, from the signal-waiting thread).
    void stop();
    int port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The routes the server answers, as the router and the OpenAPI generator read them. `documented` routes are in
// /api/v1/openapi.json (the API and /healthz); portal pages are not.
struct RouteInfo {
    std::string method;
    std::string path;  // with {name} placeholders
    bool documented = false;
};
std::vector<RouteInfo> route_table();

// Binds, prints the URL, serves until SIGINT or SIGTERM, then shuts down gracefully.
void serve_until_signal(const ServerOptions& options);

}  // namespace ger::server
