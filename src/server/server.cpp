#include "server/server.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "model/bundled.hpp"
#include "model/json.hpp"
#include "server/client_address.hpp"
#include "server/credentials.hpp"
#include "server/detail/app.hpp"
#include "server/detail/error_boundary.hpp"
#include "server/detail/portal.hpp"
#include "server/detail/feasibility_worker.hpp"
#include "server/detail/publisher.hpp"

namespace ger::server {
namespace {

using detail::HttpError;

std::atomic<unsigned long long> next_instance{1};

// NOTE: 'unsafe-inline' is nowhere: pages carry no script and no inline style; the stylesheet is /static/ger.css.
// NOTE: script-src 'self' for /static/roadmap.js; no page carries an inline script or handler.
constexpr const char* page_csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// NOTE: one year, without includeSubDomains: other hosts of the agency's domain are not ger's to promise.
constexpr const char* hsts = "max-age=31536000";

void security_headers(http::Response& res, bool https) {
    // NOTE: added, not set: no handler sends these itself (except a page's own CSP), and set() scans and erases.
    if (!res.has_header("Content-Security-Policy")) res.add_header("Content-Security-Policy", page_csp);
    res.add_header("X-Content-Type-Options", "nosniff");
    res.add_header("X-Frame-Options", "DENY");
    res.add_header("Referrer-Policy", "same-origin");
    if (https) res.add_header("Strict-Transport-Security", hsts);
}

// The options, checked: each error names the option.
ServerOptions checked(ServerOptions options) {
    if (!options.public_url.empty()) {
        try {
            (void)PublicUrl::parse(options.public_url);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("public_url: ") + e.what());
        }
    }
    try {
        (void)TrustedProxies(options.trusted_proxies);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("trusted_proxies: ") + e.what());
    }
    return options;
}

std::optional<PublicUrl> public_url_of(const ServerOptions& options) {
    if (options.public_url.empty()) return std::nullopt;
    return PublicUrl::parse(options.public_url);
}

const std::string& client_of(const http::Request& req) {
    return req.client_addr.empty() ? req.remote_addr : req.client_addr;
}

bool is_api_path(std::string_view path) { return path.rfind("/api/", 0) == 0; }

}  // namespace

struct Server::Impl {
    ServerOptions options;
    TrustedProxies proxies;
    std::optional<PublicUrl> public_url;
    unsigned long long instance = next_instance++;
    detail::App app;
    http::Transport transport;
    int bound_port = 0;

    store::Store& thread_store() {
        // One Store per worker thread and server (tests run several servers in one process).
        thread_local std::unordered_map<unsigned long long, std::unique_ptr<store::Store>> stores;
        auto& slot = stores[instance];
        if (!slot) {
            slot = store::open_store(options.db, store::OpenMode::existing);
            slot->follow_changes();  // every request asks the change counters (PostgreSQL: from memory, told of changes)
        }
        return *slot;
    }

    void authenticate(detail::Context& ctx, bool api) {
        if (api) {
            const auto header = ctx.req.header("Authorization");
            if (header.empty()) return;
            constexpr std::string_view scheme = "Bearer ";
            std::optional<store::User> user;
            if (header.size() > scheme.size() && header.compare(0, scheme.size(), scheme) == 0) {
                const auto token_digest = digest(header.substr(scheme.size()));
                const long long change_id = ctx.store.last_change_id();
                // NOTE: a GET's handler writes nothing, so its snapshot may be taken as of this same change id.
                if (ctx.req.method == "GET" || ctx.req.method == "HEAD") ctx.take_snapshot(change_id);
                if (auto known = app.tokens.find(token_digest, change_id)) {
                    user = std::move(*known);
                } else {
                    user = ctx.store.user_by_token(token_digest);
                    app.tokens.remember(token_digest, user, change_id);
                }
            }
            if (!user) {
                HttpError e(Problem::invalid_token, "the bearer token is unknown or revoked");
                e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\", error=\"invalid_token\"");
                throw e;
            }
            ctx.caller = Caller::of(*user);
            return;
        }
        const auto id = ctx.req.cookie(app.cookies.name(detail::session_cookie));
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

    void handle(http::Request& req, http::Response& res) {
        const auto start = std::chrono::steady_clock::now();
        req.client_addr = client_address(req);
        std::unordered_map<std::string, std::string> params;
        std::vector<std::string> allowed;
        const std::string method = req.method == "HEAD" ? "GET" : req.method;
        const detail::Route* route = app.match(method, req.path, params, allowed);
        const bool api = route ? route->audience != detail::Audience::page : is_api_path(req.path);
        Caller caller;
        try {
            if (!route) {
                if (!allowed.empty()) {
                    std::string list;
                    for (const auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
                    HttpError e(Problem::method_not_allowed, req.method + " is not allowed here");
                    e.headers.emplace_back("Allow", list);
                    throw e;
                }
                throw HttpError(Problem::no_route, "no page or endpoint at this address");
            }
            auto& store = thread_store();
            detail::Context ctx(req, res, store, app);
            ctx.path = std::move(params);
            authenticate(ctx, api);
            caller = ctx.caller;
            if (api) {
                for (const auto& [key, value] : req.query) {
                    const bool known = std::any_of(route->query.begin(), route->query.end(),
                                                   [&key](const auto& q) { return q.name == key; });
                    if (!known) {
                        throw HttpError(Problem::unknown_parameter, "unknown query parameter '" + key + "'",
                                        {{"query/" + key, "unknown"}});
                    }
                }
            }
            if (route->requires_caller && ctx.caller.anonymous() && api) {
                HttpError e(Problem::unauthorized, "sign in with a bearer token (ger token create)");
                e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\"");
                throw e;
            }
            std::string cache_key;
            if (route->cacheable && method == "GET") {
                cache_key = ctx.session_digest + '\n' + ctx.caller.user + '\n' + req.target;
                if (route->shows_community) cache_key += '\n' + std::to_string(ctx.store.community_change_id());
                if (auto hit = ctx.data().cached(cache_key)) {
                    res.status = hit->status;
                    if (!hit->etag.empty()) res.set_header("ETag", hit->etag);
                    res.set_content(std::move(hit->body), hit->content_type);
                    finish(req, res, ctx.caller, api, start);
                    return;
                }
            }
            route->handler(ctx);
            if (!cache_key.empty() && res.status == 200 && !res.has_header("Set-Cookie") &&
                res.header("Cache-Control") != "no-store") {
                ctx.data().cache(cache_key, {res.status, res.header("Content-Type"), res.body, res.header("ETag")});
            }
        } catch (...) {
            const auto problem = detail::current_problem(req.method, req.path);
            log_denial(req, problem, caller, route);
            fail(req, res, problem, caller, api);
        }
        finish(req, res, caller, api, start);
    }

    std::string client_address(const http::Request& req) const {
        if (proxies.empty()) return req.remote_addr;
        std::vector<std::string_view> forwarded;
        for (std::size_t i = 0; const auto* value = req.headers.find("X-Forwarded-For", i); ++i) {
            forwarded.emplace_back(*value);
        }
        return proxies.client_address(req.remote_addr, forwarded);
    }

    // One line for each 401 and 403 (a CSRF failure among them): who was refused what. No credentials: the
    // detail is what the caller was told, which never echoes a token.
    static void log_denial(const http::Request& req, const HttpError& e, const Caller& caller,
                           const detail::Route* route) {
        if (e.status() != 401 && e.status() != 403) return;
        spdlog::warn("security: {} status={} type={} route={} path={} caller={} client={} detail={}",
                     e.problem() == Problem::csrf ? "csrf-failure" : "denied", e.status(), e.type(),
                     detail::log_value(route ? route->method + " " + route->path : req.method + " -"),
                     detail::log_value(req.path), caller.anonymous() ? std::string("anonymous")
                                                                     : detail::log_value(caller.user),
                     client_of(req), detail::log_value(e.what()));
    }

    // An error found before a handler ran (the transport's limits, a path that is not UTF-8): an error page
    // for a portal page's address, problem+json for everything else.
    void reject(const http::Request& req, const HttpError& error, http::Response& res) {
        const std::string path = req.target.substr(0, req.target.find('?'));
        std::unordered_map<std::string, std::string> params;
        std::vector<std::string> allowed;
        const auto* route = app.match(req.method == "HEAD" ? "GET" : req.method, path, params, allowed);
        const bool page = route ? route->audience == detail::Audience::page
                                : !path.empty() && !is_api_path(path) && path != "/healthz";
        fail(req, res, error, Caller{}, !page);
        security_headers(res, public_url && public_url->https());
        res.set_header("Cache-Control", "no-store");
        if (options.log_requests) {
            spdlog::info("{} {} {} {} (refused: {})", client_of(req),
                         req.method.empty() ? "-" : req.method, "-", res.status, error.type());
        }
    }

    void fail(const http::Request& req, http::Response& res, const HttpError& e, const Caller& caller, bool api) {
        res.headers.erase("ETag");
        res.headers.erase("Location");
        res.headers.erase("Set-Cookie");
        if (api) {
            // A request refused before its path was decoded is named by its target's path as sent (escapes kept).
            const std::string where = !req.path.empty() ? req.path : req.target.substr(0, req.target.find('?'));
            detail::send_problem(res, e, where.empty() ? std::string("/") : where);
        } else {
            detail::send_error_page(res, e, caller);
        }
    }

    void finish(const http::Request& req, http::Response& res, const Caller& caller, bool api,
                std::chrono::steady_clock::time_point start) const {
        security_headers(res, public_url && public_url->https());
        if (!res.has_header("Cache-Control")) {
            res.set_header("Cache-Control", caller.anonymous() && res.status < 400 && !api ? "no-cache" : "no-store");
        }
        if (options.log_requests) {
            const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
            spdlog::info("{} {} {} {} {:.3f} ms", client_of(req), req.method, detail::log_value(req.path), res.status,
                         elapsed.count());
        }
    }

    explicit Impl(ServerOptions o)
        : options(checked(std::move(o))),
          proxies(options.trusted_proxies),
          public_url(public_url_of(options)),
          transport(
              options.http, [this](http::Request& req, http::Response& res) { handle(req, res); },
              [this](const http::Request& req, const HttpError& e, http::Response& res) { reject(req, e, res); }) {
        app.max_body_bytes = options.http.max_body_bytes;
        app.login_throttle = std::make_unique<LoginThrottle>(options.login_throttle);
        app.comment_limits = options.comment_limits;
        app.registration_limits = options.registration_limits;
        app.cookies.secure = public_url && public_url->https();
        if (public_url) app.public_origin = public_url->origin;
    }
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() {
    stop();
}

int Server::bind() {
    // Fail here, with the store's message, rather than on the first request.
    auto store = store::open_store(m_impl->options.db, store::OpenMode::existing);
    // A database made before content pages existed (or with one deleted by hand) gets the bundled ones; pages
    // already there are never touched.
    try {
        if (const auto added = store->seed_pages(model::bundled_pages())) spdlog::info("seeded {} content pages", added);
    } catch (const store::StoreError& e) {
        spdlog::warn("content pages not seeded: {}", e.what());  // a read-only database still serves
    }
    const auto purged = store->purge_registrations(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                                                   m_impl->options.purge_after_days, {"system", "", {}});
    // NOTE: quiet when nothing personal went (a workshop past with no registrations), so a start prints its URL
    // first, as scripts that read it expect.
    if (purged.registrations > 0) {
        spdlog::info("workshops: personal data of {} registrations purged ({} workshops, {} days after each)",
                     purged.registrations, purged.workshops.size(), m_impl->options.purge_after_days);
    }
    m_impl->bound_port = m_impl->transport.bind();
    m_impl->app.publisher->start(m_impl->options.db, m_impl->options.publish_missing_artefacts);
    if (m_impl->options.background_feasibility) {
        m_impl->app.feasibility->start(m_impl->options.db);
        (void)m_impl->app.snapshots.current(*store);  // offers the records to the worker now, not on the first request
    }
    return m_impl->bound_port;
}

void Server::run() { m_impl->transport.run(); }

void Server::stop() {
    m_impl->transport.stop();
    m_impl->app.publisher->stop();  // an edition being rendered finishes first (seconds)
    m_impl->app.feasibility->stop();  // the mission being computed finishes first (under a second)
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
    std::cout << "ger serve: http://" << options.http.host << ":" << port << "/ (database " << options.db << ")";
    if (!options.public_url.empty()) std::cout << ", public at " << options.public_url;
    std::cout << "; Ctrl-C stops" << std::endl;
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
