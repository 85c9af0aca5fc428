#include "server/server.hpp"

#include <pthread.h>
#include <sys/socket.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "model/json.hpp"
#include "server/credentials.hpp"
#include "server/detail/app.hpp"
#include "server/detail/portal.hpp"
#include "server/detail/publisher.hpp"

namespace ger::server {
namespace {

using detail::HttpError;

std::atomic<unsigned long long> next_instance{1};

// NOTE: 'unsafe-inline' is nowhere: pages carry no script and no inline style; the stylesheet is /static/ger.css.
constexpr const char* page_csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 "frame-ancestors 'none'; base-uri 'none'";

void security_headers(httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", page_csp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "same-origin");
}

std::string cookie(const httplib::Request& req, std::string_view name) {
    const auto header = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < header.size()) {
        auto end = header.find(';', at);
        if (end == std::string::npos) end = header.size();
        auto part = std::string_view(header).substr(at, end - at);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
            return std::string(part.substr(name.size() + 1));
        }
        at = end + 1;
    }
    return {};
}

thread_local std::chrono::steady_clock::time_point request_start;

// NOTE: cpp-httplib 0.11 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into Debian's library):
// 64 clients connecting at once lose SYNs and retry after a second. listen() again on the bound socket raises it.
constexpr int listen_backlog = 1024;

class HttpServer : public httplib::Server {
public:
    void raise_backlog() {
        if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, listen_backlog);
    }
};

}  // namespace

struct Server::Impl {
    ServerOptions options;
    unsigned long long instance = next_instance++;
    detail::App app;
    HttpServer http;
    int bound_port = 0;

    store::Store& thread_store() {
        // One Store per worker thread and server (tests run several servers in one process).
        thread_local std::unordered_map<unsigned long long, std::unique_ptr<store::Store>> stores;
        auto& slot = stores[instance];
        if (!slot) slot = store::open_store(options.db, store::OpenMode::existing);
        return *slot;
    }

    void authenticate(detail::Context& ctx, bool api) {
        if (api) {
            const auto header = ctx.req.get_header_value("Authorization");
            if (header.empty()) return;
            constexpr std::string_view scheme = "Bearer ";
            std::optional<store::User> user;
            if (header.size() > scheme.size() && header.compare(0, scheme.size(), scheme) == 0) {
                const auto token_digest = digest(header.substr(scheme.size()));
                if (auto known = ctx.data().token_user(token_digest)) {
                    user = std::move(*known);
                } else {
                    user = ctx.store.user_by_token(token_digest);
                    ctx.data().remember_token(token_digest, user);
                }
            }
            if (!user) {
                HttpError e(401, "invalid-token", "Unauthorized", "the bearer token is unknown or revoked");
                e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\", error=\"invalid_token\"");
                throw e;
            }
            ctx.caller = Caller::of(*user);
            return;
        }
        const auto id = cookie(ctx.req, detail::session_cookie);
        if (id.empty()) return;
        const auto session_digest = digest(id);
        auto session = ctx.store.session(session_digest, std::chrono::floor<std::chrono::seconds>(
                                                             std::chrono::system_clock::now()));
        if (!session) return;
        auto user = ctx.store.user(session->user);
        if (!user) return;
        ctx.caller = Caller::of(*user);
        ctx.session = std::move(session);
        ctx.session_digest = session_digest;
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        std::unordered_map<std::string, std::string> params;
        std::vector<std::string> allowed;
        const std::string method = req.method == "HEAD" ? "GET" : req.method;
        const detail::Route* route = app.match(method, req.path, params, allowed);
        const bool api = route ? route->audience != detail::Audience::page : req.path.rfind("/api/", 0) == 0;
        Caller caller;
        try {
            if (!route) {
                if (!allowed.empty()) {
                    std::string list;
                    for (const auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
                    HttpError e(405, "method-not-allowed", "Method Not Allowed", req.method + " is not allowed here");
                    e.headers.emplace_back("Allow", list);
                    throw e;
                }
                throw HttpError(404, "no-route", "Not Found", "no page or endpoint at this address");
            }
            auto& store = thread_store();
            detail::Context ctx{req, res, store, app.snapshots.current(store), app, {}, {}, {}, std::move(params)};
            authenticate(ctx, api);
            caller = ctx.caller;
            if (api) {
                for (const auto& [key, value] : req.params) {
                    const bool known = std::any_of(route->query.begin(), route->query.end(),
                                                   [&key](const auto& q) { return q.name == key; });
                    if (!known) {
                        throw HttpError(400, "unknown-parameter", "Unknown query parameter",
                                        "unknown query parameter '" + key + "'", {{"query/" + key, "unknown"}});
                    }
                }
            }
            if (route->requires_caller && ctx.caller.anonymous() && api) {
                HttpError e(401, "unauthorized", "Unauthorized", "sign in with a bearer token (ger token create)");
                e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\"");
                throw e;
            }
            std::string cache_key;
            if (route->cacheable && method == "GET") {
                cache_key = ctx.session_digest + '\n' + ctx.caller.user + '\n' + req.target;
                if (auto hit = ctx.data().cached(cache_key)) {
                    res.status = hit->status;
                    if (!hit->etag.empty()) res.set_header("ETag", hit->etag);
                    res.set_content(std::move(hit->body), hit->content_type);
                    finish(res, ctx.caller, api);
                    return;
                }
            }
            route->handler(ctx);
            if (!cache_key.empty() && res.status == 200 && !res.has_header("Set-Cookie")) {
                ctx.data().cache(cache_key, {res.status, res.get_header_value("Content-Type"), res.body,
                                             res.get_header_value("ETag")});
            }
        } catch (const HttpError& e) {
            fail(req, res, e, caller, api);
        } catch (const model::ValidationError& e) {
            fail(req, res, HttpError(422, "validation", "Invalid record", e.what(), e.errors()), caller, api);
        } catch (const store::NotFoundError& e) {
            fail(req, res, HttpError(404, "not-found", "Not Found", e.what()), caller, api);
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", req.method, req.path, e.what());
            fail(req, res, HttpError(500, "internal", "Internal Server Error", "the server failed; see its log"),
                 caller, api);
        }
        finish(res, caller, api);
    }

    void fail(const httplib::Request& req, httplib::Response& res, const HttpError& e, const Caller& caller, bool api) {
        res.headers.erase("ETag");
        res.headers.erase("Location");
        if (api) {
            detail::send_problem(res, e, req.path);
        } else {
            detail::send_error_page(res, e, caller);
        }
    }

    static void finish(httplib::Response& res, const Caller& caller, bool api) {
        security_headers(res);
        if (!res.has_header("Cache-Control")) {
            res.set_header("Cache-Control", caller.anonymous() && res.status < 400 && !api ? "no-cache" : "no-store");
        }
    }

    explicit Impl(ServerOptions o) : options(std::move(o)) {
        app.max_body_bytes = options.max_body_bytes;
        std::size_t threads = options.threads;
        if (threads == 0) threads = std::max<std::size_t>(64, 8 * std::max(1u, std::thread::hardware_concurrency()));
        http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        http.set_payload_max_length(options.max_body_bytes);
        http.set_keep_alive_max_count(10000);
        // NOTE: without TCP_NODELAY a small response written in two pieces (headers, body) waits for the client's
        // delayed ACK: 40 ms per request on Linux.
        http.set_tcp_nodelay(true);
        http.set_keep_alive_timeout(5);
        http.set_read_timeout(10);
        http.set_write_timeout(10);
        http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
            request_start = std::chrono::steady_clock::now();
            return httplib::Server::HandlerResponse::Unhandled;
        });
        const auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
        http.Get(".*", handler);
        http.Post(".*", handler);
        http.Put(".*", handler);
        http.Patch(".*", handler);
        http.Delete(".*", handler);
        // Errors cpp-httplib answers itself (413 body too large, 400 bad request line) get a problem document too.
        http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            const bool too_large = res.status == 413;
            detail::send_problem(res,
                                 HttpError(res.status, too_large ? "body-too-large" : "bad-request",
                                           too_large ? "Payload Too Large" : "Bad Request",
                                           too_large ? "the request body is over the server's limit"
                                                     : "the request could not be read"),
                                 req.path);
            security_headers(res);
            return httplib::Server::HandlerResponse::Handled;
        }));
        if (options.log_requests) {
            http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
                const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                               request_start);
                spdlog::info("{} {} {} {} {:.3f} ms", req.remote_addr, req.method, req.path, res.status,
                             elapsed.count());
            });
        }
    }
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() {
    stop();
}

int Server::bind() {
    // Fail here, with the store's message, rather than on the first request.
    (void)store::open_store(m_impl->options.db, store::OpenMode::existing);
    auto& o = m_impl->options;
    if (o.port == 0) {
        m_impl->bound_port = m_impl->http.bind_to_any_port(o.host);
        if (m_impl->bound_port <= 0) throw std::runtime_error("cannot bind to " + o.host);
    } else {
        if (!m_impl->http.bind_to_port(o.host, o.port)) {
            throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                     " (in use? try --port)");
        }
        m_impl->bound_port = o.port;
    }
    m_impl->http.raise_backlog();
    m_impl->app.publisher->start(o.db, o.publish_missing_artefacts);
    return m_impl->bound_port;
}

void Server::run() { m_impl->http.listen_after_bind(); }

void Server::stop() {
    if (m_impl->http.is_running()) m_impl->http.stop();
    m_impl->app.publisher->stop();  // an edition being rendered finishes first (seconds)
}

int Server::port() const { return m_impl->bound_port; }

std::vector<RouteInfo> route_table() {
    detail::App app;
    std::vector<RouteInfo> out;
    for (const auto& r : app.routes()) out.push_back({r.method, r.path, r.audience != detail::Audience::page});
    return out;
}

void serve_until_signal(const ServerOptions& options) {
    // Signals go to one waiting thread (blocked everywhere else, the workers inherit the mask), which stops
    // the server: the listener closes, in-flight requests finish, the workers' stores close.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Server server(options);
    const int port = server.bind();
    std::cout << "ger serve: http://" << options.host << ":" << port << "/ (database " << options.db
              << "); Ctrl-C stops" << std::endl;
    std::atomic<bool> done{false};
    std::thread waiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        if (!done) {
            spdlog::info("signal {}: finishing in-flight requests, then stopping", received);
            server.stop();
        }
    });
    server.run();
    done = true;
    // The waiter returns only on a signal; if the server stopped otherwise, send one ourselves.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    spdlog::info("stopped; database closed");
}

}  // namespace ger::server
