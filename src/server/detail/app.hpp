// Internals shared by the server's parts: the request context, the route table (read by both the router and
// the OpenAPI generator), typed HTTP errors and the snapshot of the data set that reads are served from.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/error.hpp"
#include "model/records.hpp"
#include "server/access.hpp"
#include "server/comment_limits.hpp"
#include "server/detail/http_error.hpp"
#include "server/detail/snapshot.hpp"
#include "server/http/message.hpp"
#include "server/login_throttle.hpp"
#include "store/store.hpp"

namespace ger::analysis {
class FeasibilityCache;
}

namespace ger::server::detail {

class Publisher;     // detail/publisher.hpp
class FeasibilityWorker;  // detail/feasibility_worker.hpp
class AsteroidCatalogue;  // detail/asteroid_catalogue.hpp

// The one answer for "no such record" and "a record you may not see": identical in every byte.
HttpError not_found(std::string_view kind, std::string_view id);
// A numbered record's id from the path ("12"): anything but a positive decimal number is not_found(kind, text).
long long positive_id(std::string_view text, std::string_view kind);

// Bearer tokens seen since the store's change id last moved: digest -> its user (nullopt: unknown or revoked).
// Creating or revoking a token (or changing a user) advances the change id, which empties the cache, so an entry
// is never stale. Kept apart from the snapshot so that authenticating a request never waits for a snapshot build.
class TokenCache {
public:
    // The cached answer for `digest`, if one was remembered at `change_id` (the store's, read before asking).
    std::optional<std::optional<store::User>> find(const std::string& digest, long long change_id);
    // Remembers the store's answer, looked up after reading `change_id`.
    void remember(const std::string& digest, std::optional<store::User> user, long long change_id);

private:
    std::mutex m_mutex;
    long long m_change_id = -1;
    std::unordered_map<std::string, std::optional<store::User>> m_users;
};

// How the portal's cookies are named and flagged. Always HttpOnly and SameSite=Strict; behind a TLS proxy
// (ServerOptions::public_url with https) also Secure, with the __Host- prefix, which browsers accept only with
// Path=/ and no Domain, so no other host or path can set or shadow them.
struct CookiePolicy {
    bool secure = false;

    // The cookie's name as sent: "__Host-" + base when secure, base otherwise.
    std::string name(std::string_view base) const;
    // A Set-Cookie value for cookie `base`; `path` applies only when not secure (then it is "/"). A max_age of 0
    // with an empty value deletes the cookie.
    std::string set(std::string_view base, std::string_view value, std::string_view path,
                    std::chrono::seconds max_age) const;
};

// One line in the server's log for a security event (logins, logouts, denials, CSRF failures, throttling):
// "security: <event> key=value ...". Values a client chose (user names, paths) are quoted with control
// characters escaped and cut at a fixed length, so a client cannot forge log lines. Never pass a secret.
std::string log_value(std::string_view text);

class App;

// One request as the handlers see it.
struct Context {
    Context(const http::Request& request, http::Response& response, store::Store& st, App& application)
        : req(request), res(response), store(st), app(application) {}

    const http::Request& req;
    http::Response& res;
    store::Store& store;
    App& app;
    Caller caller{};
    std::optional<store::Session> session{};  // portal requests with a live session
    std::string session_digest{};
    std::unordered_map<std::string, std::string> path{};  // {name} segments of the route

    // The snapshot this request is served from: taken on first use (at least as new as the store's change id
    // then), and the same for the rest of the request. A write's handler that never reads it before writing waits
    // for one snapshot only, the one that holds its write.
    const Snapshot& data() const;
    // Takes the snapshot now, at least as new as `change_id` (one the request has just read from the store), for a
    // request whose handler writes nothing: the same snapshot data() would take, without asking the store again.
    void take_snapshot(long long change_id) const;
    const std::string& path_param(const std::string& name) const { return path.at(name); }
    // The query parameter, if given (and not empty).
    std::optional<std::string> query(const std::string& name) const;
    // A form field of a POST body (application/x-www-form-urlencoded; 400 when the body is not one, or a part is
    // not UTF-8).
    std::string form(const std::string& name) const;
    std::vector<std::string> form_all(const std::string& name) const;

private:
    const http::QueryParams& form_fields() const;
    mutable std::optional<http::QueryParams> m_form;
    mutable std::shared_ptr<const Snapshot> m_snapshot;
};

using Handler = std::function<void(Context&)>;

enum class Audience { api, page, system };

struct QueryParam {
    std::string name;
    std::string description;
    std::string type = "string";      // "string", "integer"
    std::vector<std::string> values;  // allowed values, when closed
};

struct Route {
    std::string method;  // GET, POST, PUT, PATCH, DELETE
    std::string path;    // "/api/v1/missions/{id}"
    std::string summary;
    Audience audience = Audience::api;
    Handler handler;
    std::vector<QueryParam> query;
    // components/schemas names (openapi.cpp) of the body and of a 2xx answer; "" for none. A name "<Item>Page" is
    // an offset page of <Item> records, "<Item>FeedPage" a keyset page: both are generated from <Item>.
    std::string request_schema;
    std::string response_schema;
    // Documented answers. The generator adds those every route of its shape can give (400 for an unknown query
    // parameter, 401 for an unknown token; 413/415/422 with a body; 412/428 with If-Match) and maps each error
    // status to the problem types (problem.hpp) that can answer it.
    std::vector<int> statuses;
    bool cacheable = false;              // a GET whose answer depends only on the URL, the caller and the data
                                         // (the roadmap's: a cached answer lives as long as its snapshot)
    bool requires_caller = false;        // 401 for anonymous callers
    std::string operation_id{};          // OpenAPI operationId; "" derives it from method and path (openapi.cpp)
    std::vector<std::string> segments{}; // path split at '/'
    // A PUT, PATCH or DELETE that takes no If-Match (its target is no versioned record: a registration cancelled
    // by its token).
    bool unconditional = false;
    // A cacheable GET that also shows community content (comments, workshops, action items), which moves its own
    // counter and not the roadmap's: its cached answer is keyed by that counter too.
    bool shows_community = false;
};

class App {
public:
    App();
    void add(Route route);
    const std::vector<Route>& routes() const { return m_routes; }
    // The route for method + path and its {name} values; nullptr when none. `allowed` lists the methods of
    // routes whose path matches (for 405).
    const Route* match(const std::string& method, const std::string& path,
                       std::unordered_map<std::string, std::string>& params, std::vector<std::string>& allowed) const;

    SnapshotCache snapshots;
    TokenCache tokens;
    // Failed portal logins (login_throttle.hpp); replaced by the server with its options' policy.
    std::unique_ptr<LoginThrottle> login_throttle = std::make_unique<LoginThrottle>();
    CookiePolicy cookies;
    // scheme://host[:port] of ServerOptions::public_url; "" when none. Portal forms posted with another Origin
    // are refused as cross-site.
    std::string public_origin;
    std::size_t max_body_bytes = 64 * 1024;
    CommentLimits comment_limits;
    CommentLimits registration_limits;  // workshop registrations: the same kind of limits
    // Renders frozen editions' files in the background (started by Server::bind).
    std::shared_ptr<Publisher> publisher;
    // Launch feasibility per mission, kept across snapshots; not thread-safe, hence the mutex.
    std::mutex feasibility_mutex;
    std::shared_ptr<analysis::FeasibilityCache> feasibility_cache;
    // Each mission's launch feasibility for its page, computed in the background (started by Server::bind).
    std::shared_ptr<FeasibilityWorker> feasibility;
    // The newest complete NEA survey run for the asteroid pages and API.
    std::shared_ptr<AsteroidCatalogue> asteroids;

private:
    std::vector<Route> m_routes;
};

void add_api_routes(App& app);
void add_portal_routes(App& app);
void add_content_api_routes(App& app);  // content_api.cpp: /api/v1/pages and /api/v1/benefits
nlohmann::json openapi_document(const App& app);

// The request body as JSON (any value), checked as http/json_body.hpp says.
nlohmann::json json_body(const Context& ctx);

// The ETag of a record without a version (goals, objectives): a digest of its JSON, quoted.
std::string content_etag(const nlohmann::json& record);

// Answers `error` as application/problem+json.
void send_problem(http::Response& res, const HttpError& error, const std::string& instance);

}  // namespace ger::server::detail
