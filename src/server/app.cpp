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

// NOTE: a bounded cache: 4096 answers of a few kB at most per snapshot; a new snapshot starts empty.
constexpr std::size_t max_cached_responses = 4096;

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

const model::Mission* Snapshot::mission(std::string_view id) const {
    auto it = mission_index.find(std::string(id));
    return it == mission_index.end() ? nullptr : &data.missions[it->second];
}
const model::Capability* Snapshot::capability(std::string_view id) const {
    auto it = capability_index.find(std::string(id));
    return it == capability_index.end() ? nullptr : &data.capabilities[it->second];
}
const model::Agency* Snapshot::agency(std::string_view code) const {
    auto it = agency_index.find(std::string(code));
    return it == agency_index.end() ? nullptr : &data.agencies[it->second];
}
const model::Objective* Snapshot::objective(std::string_view id) const {
    auto it = objective_index.find(std::string(id));
    return it == objective_index.end() ? nullptr : &data.objectives[it->second];
}

std::optional<CachedResponse> Snapshot::cached(const std::string& key) const {
    std::lock_guard lock(m_cache_mutex);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) return std::nullopt;
    return it->second;
}

void Snapshot::cache(const std::string& key, CachedResponse response) const {
    std::lock_guard lock(m_cache_mutex);
    if (m_cache.size() >= max_cached_responses) m_cache.clear();
    m_cache.insert_or_assign(key, std::move(response));
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

const model::PageRevision* Snapshot::page(std::string_view slug) const {
    const auto it = pages.find(std::string(slug));
    return it == pages.end() ? nullptr : &it->second;
}

std::shared_ptr<const Snapshot> SnapshotCache::current(store::Store& store, std::optional<long long> known) {
    const long long needed = known ? *known : store.last_change_id();
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_snapshot && m_snapshot->change_id >= needed) return m_snapshot;
        if (!m_building) break;
        m_built.wait(lock);
    }
    m_building = true;
    const auto previous = m_snapshot;
    lock.unlock();
    std::shared_ptr<Snapshot> fresh;
    try {
        fresh = build(store, previous);
    } catch (...) {
        lock.lock();
        m_building = false;
        lock.unlock();
        m_built.notify_all();
        throw;
    }
    lock.lock();
    const bool newest = !m_snapshot || m_snapshot->change_id < fresh->change_id;
    if (newest) m_snapshot = fresh;
    m_building = false;
    auto result = m_snapshot;
    lock.unlock();
    m_built.notify_all();
    if (newest && on_new) on_new(*fresh);
    return result;
}

namespace {

// `records` (in the roadmap's order) with the records `changes` names re-read by
// `load`: a changed one in its place, a removed one gone, a created one at the end in the order of creation (a
// new record takes the next position, and a record removed and created again takes a new one).
template <class Record, class Load>
void reread(std::vector<Record>& records, const std::vector<store::RecordChange>& changes, std::string_view kind,
            const Load& load) {
    std::map<std::string, long long> last_create;  // id -> the number of its newest creation in `changes`
    std::set<std::string> changed;
    for (const auto& c : changes) {
        if (c.record_kind != kind) continue;
        changed.insert(c.record_id);
        if (c.action == model::AuditAction::create) last_create[c.record_id] = c.change_id;
    }
    if (changed.empty()) return;
    std::vector<Record> kept;
    kept.reserve(records.size());
    for (auto& r : records) {
        if (!changed.contains(r.id)) {
            kept.push_back(std::move(r));
        } else if (!last_create.contains(r.id)) {
            if (auto fresh = load(r.id)) kept.push_back(std::move(*fresh));
        }
    }
    std::vector<std::pair<long long, std::string>> created;
    for (const auto& [id, number] : last_create) created.emplace_back(number, id);
    std::sort(created.begin(), created.end());
    for (const auto& [number, id] : created) {
        if (auto fresh = load(id)) kept.push_back(std::move(*fresh));
    }
    records = std::move(kept);
}

// The previous snapshot's records with only what changed since re-read, when only missions and capabilities
// changed (and not too many): the data set an export gives (tests/server/snapshot_cache_test.cpp compares them),
// at the cost of a copy instead of reading every row. False, with nothing done, otherwise.
bool patch_from(store::Store& store, const Snapshot& previous, Snapshot& fresh) {
    constexpr std::size_t most_changes = 512;  // past this, reading one by one costs about what an export does
    if (fresh.change_id - previous.change_id > static_cast<long long>(most_changes)) return false;
    const auto changes = store.changes_between(previous.change_id, fresh.change_id);
    if (!changes) return false;
    for (const auto& c : *changes) {
        if (c.record_kind != "mission" && c.record_kind != "capability") return false;
    }
    fresh.data = previous.data;
    fresh.pages = previous.pages;
    fresh.last_import = previous.last_import;
    reread(fresh.data.missions, *changes, "mission",
           [&](const std::string& id) { return store.mission(id); });
    reread(fresh.data.capabilities, *changes, "capability",
           [&](const std::string& id) { return store.capability(id); });
    return true;
}

}  // namespace

// Built outside the lock from the calling thread's own connection.
std::shared_ptr<Snapshot> SnapshotCache::build(store::Store& store, const std::shared_ptr<const Snapshot>& previous) {
    // NOTE: labelled with the id read *before* the records (and after the caller's): a write that lands in
    // between is then either in the data or newer than the label (so the next request rebuilds), never served as
    // current while missing. Re-reading a record that changed again after the label gives its newer state,
    // which is as good.
    auto fresh = std::make_shared<Snapshot>();
    fresh->change_id = store.last_change_id();
    if (previous && patch_from(store, *previous, *fresh)) {
        index_records(*fresh);
        return fresh;
    }
    fresh->data = store.export_dataset();
    index_records(*fresh);
    for (auto& page : store.content_pages()) {
        auto slug = page.slug;
        fresh->pages.emplace(std::move(slug), std::move(page));
    }
    // The newest whole-data-set import: one entry read, not every import with its content.
    const store::AuditReader everything{store::Role::secretariat, ""};
    auto imports = store.audit_page({.reader = everything, .record_kind = "dataset", .limit = 1});
    if (!imports.items.empty()) fresh->last_import = imports.items.front().entry;
    return fresh;
}

void SnapshotCache::index_records(Snapshot& fresh) {
    for (std::size_t i = 0; i < fresh.data.missions.size(); ++i) fresh.mission_index[fresh.data.missions[i].id] = i;
    for (std::size_t i = 0; i < fresh.data.capabilities.size(); ++i) {
        fresh.capability_index[fresh.data.capabilities[i].id] = i;
    }
    for (std::size_t i = 0; i < fresh.data.agencies.size(); ++i) fresh.agency_index[fresh.data.agencies[i].code] = i;
    for (std::size_t i = 0; i < fresh.data.objectives.size(); ++i) {
        fresh.objective_index[fresh.data.objectives[i].id] = i;
    }
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

std::shared_ptr<const AnalysisView> Snapshot::analysis_view(const std::string& key) const {
    std::lock_guard lock(m_cache_mutex);
    auto it = m_analyses.find(key);
    return it == m_analyses.end() ? nullptr : it->second;
}

void Snapshot::remember_analysis_view(const std::string& key, std::shared_ptr<const AnalysisView> view) const {
    std::lock_guard lock(m_cache_mutex);
    m_analyses.insert_or_assign(key, std::move(view));
}

App::App()
    : publisher(std::make_shared<Publisher>()),
      feasibility_cache(std::make_shared<analysis::FeasibilityCache>()),
      feasibility(std::make_shared<FeasibilityWorker>()),
      asteroids(std::make_shared<AsteroidCatalogue>()) {
    snapshots.on_new = [worker = feasibility](const Snapshot& s) { worker->offer(s.change_id, s.data.missions); };
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
