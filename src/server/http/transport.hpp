// The HTTP/1.1 transport of `ger serve`: event-driven (Boost.Beast on Asio), so a connection costs memory and a
// timer, not a thread, and slow clients cannot starve others. Every connection's cost is bounded:
//
// - the whole request head (request line and header fields) must arrive within `head_timeout` (a new connection)
//   or `keep_alive_timeout` (the next request on a kept-alive one), however slowly its bytes trickle in;
// - the head is at most `max_header_bytes` with at most `max_header_fields` fields (431 otherwise), the target at
//   most `max_target_bytes` (414);
// - the body is at most `max_body_bytes` whether sent with Content-Length (413 before it is read) or chunked
//   (413 as soon as the chunks pass the limit; nothing beyond it is kept), and must arrive within `body_timeout`;
// - at most `max_connections` connections, `max_connections_per_address` from one client address (503 and close);
// - a response must be taken by the client within `write_timeout`;
// - Range: one byte range on responses that offer it (Accept-Ranges: bytes), never several (the whole body then).
//
// Handlers run on the transport's threads, one request at a time per connection; `threads` of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "server/detail/http_error.hpp"
#include "server/http/message.hpp"

namespace ger::server::http {

struct TransportOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::size_t threads = 0;  // 0: 8 x hardware threads, at least 16 (a handler may wait on the database)
    std::size_t max_body_bytes = 64 * 1024;
    std::size_t max_header_bytes = 16 * 1024;  // request line + fields, as sent
    std::size_t max_header_fields = 100;
    std::size_t max_target_bytes = 8 * 1024;
    std::chrono::milliseconds head_timeout{10'000};
    std::chrono::milliseconds keep_alive_timeout{5'000};
    std::chrono::milliseconds body_timeout{30'000};
    std::chrono::milliseconds write_timeout{60'000};
    std::size_t max_connections = 4096;
    std::size_t max_connections_per_address = 512;
};

// Answers one request; whatever it throws is its own bug, answered 500 by the transport.
using RequestHandler = std::function<void(Request&, Response&)>;
// Renders an error found before a request reached the handler (a bad head, a body over the limit, a path that is
// not UTF-8); `request` holds what was read of it.
using RejectHandler = std::function<void(const Request& request, const detail::HttpError& error, Response&)>;

class Transport {
public:
    Transport(TransportOptions options, RequestHandler handler, RejectHandler reject);
    ~Transport();
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Binds and listens; returns the port. Throws std::runtime_error when the address cannot be used.
    int bind();
    // Serves on `threads` threads (this one among them) until stop(); returns when every connection has closed.
    void run();
    // Safe from any thread, also before run(): stops accepting, closes idle connections, lets requests in
    // flight finish and closes their connections after the response.
    void stop();

    // Connections open now (for tests and the status line).
    std::size_t open_connections() const;

private:
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

}  // namespace ger::server::http
