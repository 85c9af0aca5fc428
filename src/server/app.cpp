#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <span>

#include <spdlog/fmt/fmt.h>

#include "model/json.hpp"
#include "server/credentials.hpp"
#include "server/detail/app.hpp"
#include "server/detail/publisher.hpp"
#include "server/http/url.hpp"
#include "server/http/json_body.hpp"
#include "analysis/feasibility.hpp"
#include "server/detail/asteroid_catalogue.hpp"
#include "server/detail/feasibility_worker.hpp"

namespace ger::server::detail {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 1;  // paths begin with '/'
    while (start <= path.size()) {
        const auto end = path.find('/', start);
        out.emplace_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

HttpError not_found(std::string_view kind, std::string_view id) {
    return HttpError(Problem::not_found, "no " + std::string(kind) + " '" + std::string(id) + "'");
}

long long positive_id(std::string_view text, std::string_view kind) {
    long long id = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (text.empty() || ec != std::errc() || ptr != end || id <= 0) throw not_found(kind, text);
    return id;
}

std::optional<std::optional<store::User>> TokenCache::find(const std::string& digest, long long change_id) {
    std::lock_guard lock(m_mutex);
    if (change_id != m_change_id) return std::nullopt;
    const auto it = m_users.find(digest);
    if (it == m_users.end()) return std::nullopt;
    return it->second;
}

void TokenCache::remember(const std::string& digest, std::optional<store::User> user, long long change_id) {
    std::lock_guard lock(m_mutex);
    if (change_id < m_change_id) return;  // looked up before a change this cache already knows of
    if (change_id > m_change_id) {
        m_users.clear();
        m_change_id = change_id;
    }
    if (m_users.size() >= max_cached_responses) m_users.clear();  // forged tokens cannot grow it unbounded
    m_users.insert_or_assign(digest, std::move(user));
}

const Snapshot& Context::data() const {
    if (!m_snapshot) m_snapshot = app.snapshots.current(store);
    return *m_snapshot;
}

void Context::take_snapshot(long long change_id) const {
    if (!m_snapshot) m_snapshot = app.snapshots.current(store, change_id);
}

std::string CookiePolicy::name(std::string_view base) const {
    return (secure ? std::string("__Host-") : std::string()) + std::string(base);
}

std::string CookiePolicy::set(std::string_view base, std::string_view value, std::string_view path,
                              std::chrono::seconds max_age) const {
    return name(base) + "=" + std::string(value) + "; Path=" + (secure ? std::string("/") : std::string(path)) +
           (secure ? "; Secure" : "") + "; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
}

std::string log_value(std::string_view text) {
    constexpr std::size_t max_bytes = 128;
    std::string out = "\"";
    std::size_t i = 0;
    for (; i < text.size() && out.size() < max_bytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    // NOTE: never end inside a UTF-8 sequence (the text is UTF-8, checked on the way in).
    if (i < text.size()) {
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        out += "...";
    }
    return out + "\"";
}

std::optional<std::string> Context::query(const std::string& name) const {
    const auto* value = req.query_value(name);
    if (!value || value->empty()) return std::nullopt;
    return *value;
}

const http::QueryParams& Context::form_fields() const {
    if (!m_form) {
        const auto type = req.header("Content-Type");
        if (type.substr(0, type.find(';')) != "application/x-www-form-urlencoded") {
            throw HttpError(Problem::bad_form, "send the form as application/x-www-form-urlencoded");
        }
        m_form = http::parse_query(req.body, "form");
    }
    return *m_form;
}

nlohmann::json json_body(const Context& ctx) { return http::parse_json_body(ctx.req.body); }

std::string Context::form(const std::string& name) const {
    for (const auto& [key, value] : form_fields()) {
        if (key == name) return value;
    }
    return {};
}

std::vector<std::string> Context::form_all(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : form_fields()) {
        if (key == name) out.push_back(value);
    }
    return out;
}

App::App()
    : publisher(std::make_shared<Publisher>()),
      feasibility_cache(std::make_shared<analysis::FeasibilityCache>()),
      feasibility(std::make_shared<FeasibilityWorker>()),
      asteroids(std::make_shared<AsteroidCatalogue>()) {
    snapshots.on_new = [worker = feasibility](const Snapshot& s) { worker->offer(s); };
    add_api_routes(*this);
    add_portal_routes(*this);
}

void App::add(Route route) {
    route.segments = split_path(route.path);
    m_routes.push_back(std::move(route));
}

const Route* App::match(const std::string& method, const std::string& path,
                        std::unordered_map<std::string, std::string>& params,
                        std::vector<std::string>& allowed) const {
    if (path.empty() || path.front() != '/') return nullptr;
    // NOTE: views into `path`, on the stack: this runs for every request. No route has more than a few segments,
    // so a path with more than max_segments matches none.
    constexpr std::size_t max_segments = 16;
    std::array<std::string_view, max_segments> parts;
    std::size_t count = 0;
    for (std::size_t start = 1;;) {
        if (count == max_segments) return nullptr;
        const auto end = path.find('/', start);
        parts[count++] = std::string_view(path).substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const std::span<const std::string_view> segments(parts.data(), count);
    const Route* found = nullptr;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            same = is_param(route.segments[i]) ? !segments[i].empty() : route.segments[i] == segments[i];
        }
        if (!same) continue;
        if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) allowed.push_back(route.method);
        if (route.method == method && !found) {
            found = &route;
            for (std::size_t i = 0; i < segments.size(); ++i) {
                if (is_param(route.segments[i])) {
                    params[route.segments[i].substr(1, route.segments[i].size() - 2)] = std::string(segments[i]);
                }
            }
        }
    }
    return found;
}

std::string content_etag(const nlohmann::json& record) {
    // NOTE: 16 hex digits of SHA-256 are plenty to tell two versions of one record apart.
    std::string tag(1, '"');
    tag += digest(record.dump()).substr(0, 16);
    tag += '"';
    return tag;
}

void send_problem(http::Response& res, const HttpError& error, const std::string& instance) {
    nlohmann::json body = {{"type", std::string(problem_type_prefix) + std::string(error.type())},
                           {"title", error.title()},
                           {"status", error.status()},
                           {"detail", error.what()},
                           {"instance", instance}};
    if (!error.errors().empty()) {
        auto list = nlohmann::json::array();
        for (const auto& e : error.errors()) list.push_back({{"pointer", e.path}, {"detail", e.message}});
        body["errors"] = list;
    }
    res.status = error.status();
    for (const auto& [name, value] : error.headers) res.add_header(name, value);
    // NOTE: replace, never throw: whatever a detail echoes (a path, a value) must not end the process.
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/problem+json");
}

}  // namespace ger::server::detail
