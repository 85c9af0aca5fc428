// The REST API under /api/v1: JSON in and out, problem+json errors, optimistic concurrency through ETags.
#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/action_items.hpp"
#include "server/detail/api_kit.hpp"
#include "server/detail/app.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/workshops.hpp"
#include "server/http/url.hpp"
#include "server/views.hpp"
// NOTE: Kind and RoadmapKind, shared with the workspace forms (detail/record_forms.hpp).
#include "server/detail/record_kinds.hpp"

namespace ger::server::detail {

using nlohmann::json;

HttpError bad_query(const std::string& name, const std::string& message) {
    return HttpError(Problem::invalid_parameter, name + ": " + message,
                     {{"query/" + name, message}});
}

std::size_t query_size(const Context& ctx, const std::string& name, std::size_t fallback, std::size_t max) {
    auto text = ctx.query(name);
    if (!text) return fallback;
    std::size_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end) throw bad_query(name, "'" + *text + "' is not a whole number");
    if (value > max) throw bad_query(name, "at most " + std::to_string(max));
    return value;
}

std::optional<model::Timestamp> query_time(const Context& ctx, const std::string& name) {
    auto text = ctx.query(name);
    if (!text) return std::nullopt;
    try {
        return model::parse_timestamp(*text);
    } catch (const model::ParseError&) {
        throw bad_query(name, "'" + *text + "' is not a UTC timestamp like 2026-01-31T12:00:00Z");
    }
}

void send_json(Context& ctx, const json& body, int status) {
    ctx.res.status = status;
    ctx.res.set_content(body.dump(), "application/json");
}

// {"items": [...], "total": n, "limit": l, "offset": o, "next": "/api/v1/...?offset=..."|null}: `items` holds only
// what the caller may read, so `total` counts only that too.
void send_item_page(Context& ctx, std::vector<json> items) {
    const auto limit = query_size(ctx, "limit", default_page, max_page);
    const auto offset = query_size(ctx, "offset", 0, std::numeric_limits<std::size_t>::max());
    json page = json::array();
    for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) page.push_back(std::move(items[i]));
    json next = nullptr;
    if (offset + limit < items.size()) {
        std::string url = ctx.req.path + "?";
        for (const auto& [key, value] : ctx.req.query) {
            if (key == "offset") continue;
            url += http::encode_component(key) + "=" + http::encode_component(value) + "&";
        }
        next = url + "offset=" + std::to_string(offset + limit);
    }
    send_json(ctx, {{"items", std::move(page)},
                    {"total", items.size()},
                    {"limit", limit},
                    {"offset", offset},
                    {"next", next}});
}

std::string etag_of(int version) {
    // NOTE: built by appending: GCC 12's -Wrestrict misfires on "\"" + std::to_string(...) (GCC bug 105329).
    std::string tag(1, '"');
    tag += std::to_string(version);
    tag += '"';
    return tag;
}

// The version an If-Match header names. 428 when missing: every change must say what it changes.
int required_if_match(const Context& ctx) {
    if (!ctx.req.has_header("If-Match")) {
        throw HttpError(Problem::precondition_required, "send If-Match with the ETag of the record you read (GET it first)");
    }
    auto value = ctx.req.header("If-Match");
    if (value.rfind("W/", 0) == 0) value = value.substr(2);
    int version = 0;
    if (value.size() >= 3 && value.front() == '"' && value.back() == '"') {
        const auto* begin = value.data() + 1;
        const auto* end = value.data() + value.size() - 1;
        const auto [ptr, ec] = std::from_chars(begin, end, version);
        if (ec == std::errc() && ptr == end && version > 0) return version;
    }
    throw HttpError(Problem::invalid_if_match, "If-Match must be one ETag as the server sent it, like \"3\"; got " + value);
}

void require_json_body(const Context& ctx, bool merge_patch) {
    const auto type = ctx.req.header("Content-Type");
    const auto base = type.substr(0, type.find(';'));
    const bool ok = base == "application/json" || (merge_patch && base == "application/merge-patch+json");
    if (!ok) {
        throw HttpError(Problem::unsupported_media_type, std::string("send the body as ") +
                            (merge_patch ? "application/merge-patch+json (RFC 7396)" : "application/json") +
                            "; got '" + type + "'");
    }
}

json parse_body(const Context& ctx) {
    auto body = json_body(ctx);
    if (!body.is_object()) {
        throw HttpError(Problem::validation, "the request body must be a JSON object",
                        {{"", "expected an object, got " + std::string(body.type_name())}});
    }
    return body;
}

namespace {

void require_planner(const Context& ctx) {
    if (ctx.caller.anonymous()) {
        HttpError e(Problem::unauthorized, "sign in with a bearer token (ger token create)");
        e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\"");
        throw e;
    }
    if (!ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "only an agency's planners create and edit its records");
    }
}

constexpr std::array<const char*, 4> meta_fields{"version", "created_at", "updated_at", "author"};

// The record as a client may write it: without the server-kept meta fields.
template <class Record>
json writable_json(const Record& r) {
    auto j = model::to_json(r);
    for (const char* field : meta_fields) j.erase(field);
    return j;
}

store::Actor actor_of(const Context& ctx) { return server::actor_of(ctx.caller); }

// The data set as of now, for the view of a record just read from or written to the store (the request's own
// snapshot may predate it); shared with the requests that follow, which would build it anyway.
std::shared_ptr<const Snapshot> fresh_data(Context& ctx) { return ctx.app.snapshots.current(ctx.store); }

// The records a just-written record names, read from the store as they are now, for its view (view_of): what a
// snapshot holding the write would answer, without building one. A write's answer then costs the few records it
// names instead of a copy of the roadmap (every write would otherwise rebuild the snapshot for its own answer).
class StoredReferences {
public:
    explicit StoredReferences(store::Store& store) : m_store(store) {}
    const model::Mission* mission(std::string_view id) const { return find(m_missions, id, &store::Store::mission); }
    const model::Capability* capability(std::string_view id) const {
        return find(m_capabilities, id, &store::Store::capability);
    }

private:
    template <class Record>
    const Record* find(std::map<std::string, std::optional<Record>, std::less<>>& cache, std::string_view id,
                       std::optional<Record> (store::Store::*load)(std::string_view)) const {
        auto it = cache.find(id);
        if (it == cache.end()) it = cache.emplace(std::string(id), (m_store.*load)(id)).first;
        return it->second ? &*it->second : nullptr;
    }

    store::Store& m_store;
    mutable std::map<std::string, std::optional<model::Mission>, std::less<>> m_missions;
    mutable std::map<std::string, std::optional<model::Capability>, std::less<>> m_capabilities;
};

// The current record, read fresh from the store (not the snapshot) for a write; 404 when the caller may not
// read it, 403 when they may read but not write it.
template <class Record>
Record writable_record(Context& ctx, const std::string& id) {
    // NOTE: first in the current snapshot, so an absent id and one the caller may not read are refused at the same
    // cost (a hash lookup); only a record the caller may read is then loaded from the store.
    const auto data = fresh_data(ctx);
    const auto* seen = Kind<Record>::find(*data, id);
    if (!seen || !can_read(ctx.caller, *seen)) throw not_found(Kind<Record>::name, id);
    auto current = Kind<Record>::load(ctx.store, id);
    if (!current || !can_read(ctx.caller, *current)) throw not_found(Kind<Record>::name, id);
    require_planner(ctx);
    if (!can_write(ctx.caller, *current)) {
        throw HttpError(Problem::forbidden, "only planners of " + Kind<Record>::owner(*current) + " edit " + Kind<Record>::name + " '" +
                            id + "'");
    }
    return *current;
}

// A body becomes a record: meta fields are the server's (ignored), and the owner cannot change hands.
template <class Record>
Record record_from_body(json body, const std::string& owner, const std::optional<std::string>& id) {
    for (const char* field : meta_fields) body.erase(field);
    const char* owner_field = Kind<Record>::owner_field;
    if (!body.contains(owner_field)) body[owner_field] = owner;
    if (id && !body.contains("id")) body["id"] = *id;
    Record record = Kind<Record>::parse(body);
    if (Kind<Record>::owner(record) != owner) {
        throw HttpError(Problem::forbidden, std::string(owner_field) + " must be your agency (" + owner + ")",
                        {{std::string("/") + owner_field, "must be " + owner}});
    }
    if (id && record.id != *id) {
        throw HttpError(Problem::validation, "the id in the body differs from the URL",
                        {{"/id", "must be '" + *id + "' (ids never change; create a new record instead)"}});
    }
    return record;
}

// The record as the caller sees it (views.hpp), with its version as the ETag.
template <class Record, class Index>
void send_record(Context& ctx, const Record& r, const Index& data, int status = 200) {
    ctx.res.set_header("ETag", etag_of(r.meta.version));
    send_json(ctx, model::to_json(view_of(ctx.caller, r, data)), status);
}

template <class Record>
void get_one(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto* r = Kind<Record>::find(ctx.data(), id);
    if (!r || !can_read(ctx.caller, *r)) throw not_found(Kind<Record>::name, id);
    send_record(ctx, *r, ctx.data());
}

template <class Record>
void create(Context& ctx) {
    require_planner(ctx);
    require_json_body(ctx, false);
    auto record = record_from_body<Record>(parse_body(ctx), ctx.caller.agency, std::nullopt);
    // NOTE: before the store looks for the id: a new id begins with the creator's agency code, so "taken" can
    // only ever be about a record of its own agency (model/validation.hpp: validate_new_id).
    model::throw_if_any(model::validate_new_id(record.id, ctx.caller.agency));
    auto stored = Kind<Record>::create(ctx.store, record, actor_of(ctx));
    ctx.res.set_header("Location", std::string(Kind<Record>::collection) + "/" + stored.id);
    send_record(ctx, stored, StoredReferences(ctx.store), 201);
}

template <class Record>
void save(Context& ctx, const Record& record, int expected) {
    const auto stored = Kind<Record>::update(ctx.store, record, expected, actor_of(ctx));
    send_record(ctx, stored, StoredReferences(ctx.store));
}

void check_version(const std::string& kind, const std::string& id, int expected, int actual) {
    if (expected != actual) {
        throw HttpError(Problem::stale_etag, kind + " '" + id + "' is at version " + std::to_string(actual) + ", not " +
                            std::to_string(expected) + ": GET it again and reapply your change");
    }
}

template <class Record>
void replace(Context& ctx) {
    const auto& id = ctx.path_param("id");
    auto current = writable_record<Record>(ctx, id);
    const int expected = required_if_match(ctx);
    require_json_body(ctx, false);
    auto record = record_from_body<Record>(parse_body(ctx), Kind<Record>::owner(current), id);
    check_version(Kind<Record>::name, id, expected, current.meta.version);
    save(ctx, record, expected);
}

template <class Record>
void patch(Context& ctx) {
    const auto& id = ctx.path_param("id");
    auto current = writable_record<Record>(ctx, id);
    const int expected = required_if_match(ctx);
    require_json_body(ctx, true);
    auto patch_doc = parse_body(ctx);
    for (const char* field : meta_fields) {
        if (patch_doc.contains(field)) {
            throw HttpError(Problem::validation, std::string(field) + " is kept by the server",
                            {{std::string("/") + field, "read-only"}});
        }
    }
    // The patch applies to the record as the caller sees it: references it may not read are not in the base
    // (the store keeps them, store.hpp: update_mission), so the patched record never names them.
    auto merged = writable_json(view_of(ctx.caller, current, *fresh_data(ctx)));
    merged.merge_patch(patch_doc);
    auto record = record_from_body<Record>(merged, Kind<Record>::owner(current), id);
    check_version(Kind<Record>::name, id, expected, current.meta.version);
    save(ctx, record, expected);
}

template <class Record>
void remove(Context& ctx) {
    const auto& id = ctx.path_param("id");
    auto current = writable_record<Record>(ctx, id);
    const int expected = required_if_match(ctx);
    check_version(Kind<Record>::name, id, expected, current.meta.version);
    Kind<Record>::remove(ctx.store, id, expected, actor_of(ctx));
    ctx.res.status = 204;
}

void list_missions(Context& ctx) {
    const auto agency = ctx.query("agency");
    const auto lead = ctx.query("lead_agency");
    const auto destination = ctx.query("destination");
    const auto kind = query_enum<model::MissionKind>(ctx, "kind");
    const auto status = query_enum<model::MissionStatus>(ctx, "status");
    const auto commitment = query_enum<model::Commitment>(ctx, "commitment");
    const auto scope = query_enum<model::VisibilityScope>(ctx, "scope");
    std::vector<json> items;
    for (const auto& m : ctx.data().dataset().missions) {
        if (!can_read(ctx.caller, m)) continue;
        if (agency && m.lead_agency != *agency &&
            std::find(m.partners.begin(), m.partners.end(), *agency) == m.partners.end()) {
            continue;
        }
        if (lead && m.lead_agency != *lead) continue;
        if (destination && m.destination != *destination) continue;
        if (kind && m.kind != *kind) continue;
        if (status && m.status != *status) continue;
        if (commitment && m.commitment != *commitment) continue;
        if (scope && (!m.visibility || m.visibility->scope != *scope)) continue;
        items.push_back(model::to_json(view_of(ctx.caller, m, ctx.data())));
    }
    send_item_page(ctx, std::move(items));
}

void list_capabilities(Context& ctx) {
    const auto provider = ctx.query("provider");
    const auto kind = query_enum<model::CapabilityKind>(ctx, "kind");
    const auto status = query_enum<model::CapabilityStatus>(ctx, "status");
    const auto scope = query_enum<model::VisibilityScope>(ctx, "scope");
    std::vector<json> items;
    for (const auto& c : ctx.data().dataset().capabilities) {
        if (!can_read(ctx.caller, c)) continue;
        if (provider && c.provider != *provider) continue;
        if (kind && c.kind != *kind) continue;
        if (status && c.status != *status) continue;
        if (scope && (!c.visibility || c.visibility->scope != *scope)) continue;
        items.push_back(model::to_json(c));
    }
    send_item_page(ctx, std::move(items));
}

// Lists and single records of the shared reference data (no visibility: everyone reads them).
template <class Record, class Key>
void add_reference(App& app, const std::string& plural, const std::string& singular, const std::string& schema,
                   const std::string& key_name, const std::vector<Record> model::Dataset::*member, Key key) {
    app.add({"GET", "/api/v1/" + plural, "List " + plural, Audience::api,
             [member](Context& ctx) {
                 std::vector<json> items;
                 for (const auto& r : ctx.data().dataset().*member) items.push_back(model::to_json(r));
                 send_item_page(ctx, std::move(items));
             },
             {{"limit", "page size (default 100, at most 500)", "integer", {}},
              {"offset", "records to skip", "integer", {}}},
             "", schema + "Page", {200, 400}, true});
    app.add({"GET", "/api/v1/" + plural + "/{" + key_name + "}", "One " + singular, Audience::api,
             [member, key, singular, key_name](Context& ctx) {
                 const auto& wanted = ctx.path_param(key_name);
                 for (const auto& r : ctx.data().dataset().*member) {
                     if (key(r) == wanted) return send_json(ctx, model::to_json(r));
                 }
                 throw not_found(singular, wanted);
             },
             {}, "", schema, {200, 404}, true});
}

json change_json(const model::AuditEntry& e) {
    return {{"id", e.id},
            {"at", model::format_timestamp(e.at)},
            {"actor", e.actor},
            {"agency", e.agency},
            {"record_kind", e.record_kind},
            {"record_id", e.record_id},
            {"action", e.action == model::AuditAction::create   ? "create"
                       : e.action == model::AuditAction::update ? "update"
                                                                : "remove"}};
}

// The change feed and the audit log page by a keyset, newest first: `before` is an entry id (the `next` link of the
// page before), `limit` 1..500. Each page is one bounded query (Store::audit_page); `offset` is refused so a
// client written for the other lists learns it here rather than getting page one again and again.
store::AuditQuery feed_query(const Context& ctx, store::AuditView view) {
    if (ctx.query("offset")) {
        throw bad_query("offset", "this list pages by `before` (follow the `next` link), not by offset");
    }
    store::AuditQuery query;
    query.view = view;
    query.reader = audit_reader(ctx.caller);
    query.agency = ctx.query("agency");
    query.record_kind = ctx.query("record_kind");
    query.record_id = ctx.query("record_id");
    query.since = query_time(ctx, "since");
    query.limit = query_size(ctx, "limit", default_page, max_page);
    if (query.limit == 0) throw bad_query("limit", "at least 1");
    if (ctx.query("before")) {
        const auto before = query_size(ctx, "before", 0, std::numeric_limits<long long>::max());
        if (before == 0) throw bad_query("before", "an entry id, at least 1");
        query.before = static_cast<long long>(before);
    }
    return query;
}

// {"items": [...], "limit": n, "next": "<this URL with before=<id>>" | null}. No `total`: counting the matching
// entries would read the whole log, the cost the cursor removes.
void send_feed(Context& ctx, const store::AuditQuery& query, const store::AuditPage& page, std::vector<json> items) {
    json next = nullptr;
    if (page.next) {
        std::string url = ctx.req.path + "?";
        for (const auto& [key, value] : ctx.req.query) {
            if (key == "before") continue;
            url += http::encode_component(key) + "=" + http::encode_component(value) + "&";
        }
        next = url + "before=" + std::to_string(*page.next);
    }
    send_json(ctx, {{"items", std::move(items)}, {"limit", query.limit}, {"next", next}});
}

void list_audit(Context& ctx) {
    if (ctx.caller.anonymous()) require_planner(ctx);
    const auto query = feed_query(ctx, store::AuditView::audit);
    const auto page = ctx.store.audit_page(query);
    std::vector<json> items;
    for (const auto& item : page.items) {
        // NOTE: the store applied this rule in SQL already; asking access.hpp again costs nothing and keeps
        // this one place from trusting a backend's query alone.
        if (can_read_audit(ctx.caller, item.scope)) {
            items.push_back(model::to_json(view_of(ctx.caller, item.entry, ctx.data())));
        }
    }
    send_feed(ctx, query, page, std::move(items));
}

void list_changes(Context& ctx) {
    const auto query = feed_query(ctx, store::AuditView::changes);
    const auto page = ctx.store.audit_page(query);
    std::vector<json> items;
    for (const auto& item : page.items) {
        if (can_read_change(ctx.caller, item.scope)) items.push_back(change_json(item.entry));
    }
    send_feed(ctx, query, page, std::move(items));
}

// ---- goals and objectives: the secretariat's ---------------------------------------------------------------

// The If-Match value as sent (428 when missing), without a weak prefix.
std::string if_match_value(const Context& ctx) {
    if (!ctx.req.has_header("If-Match")) {
        throw HttpError(Problem::precondition_required, "send If-Match with the ETag of the record you read (GET it first)");
    }
    auto value = ctx.req.header("If-Match");
    if (value.rfind("W/", 0) == 0) value = value.substr(2);
    return value;
}

void require_secretariat(const Context& ctx) {
    if (ctx.caller.anonymous()) {
        HttpError e(Problem::unauthorized, "sign in with a bearer token (ger token create)");
        e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ger\"");
        throw e;
    }
    if (!can_manage_roadmap(ctx.caller)) {
        throw HttpError(Problem::forbidden, "only the secretariat manages goals, objectives and editions");
    }
}

template <class Record>
void send_roadmap_record(Context& ctx, const Record& r, int status = 200) {
    ctx.res.set_header("ETag", content_etag(model::to_json(r)));
    send_json(ctx, model::to_json(r), status);
}

template <class Record>
std::optional<Record> stored_roadmap_record(Context& ctx, const std::string& id) {
    for (auto& r : RoadmapKind<Record>::load_all(ctx.store)) {
        if (r.id == id) return r;
    }
    return std::nullopt;
}

template <class Record>
void roadmap_get(Context& ctx) {
    const auto& id = ctx.path_param("id");
    for (const auto& r : RoadmapKind<Record>::all(ctx.data())) {
        if (r.id == id) return send_roadmap_record(ctx, r);
    }
    throw not_found(RoadmapKind<Record>::name, id);
}

template <class Record>
void roadmap_create(Context& ctx) {
    require_secretariat(ctx);
    require_json_body(ctx, false);
    const auto record = RoadmapKind<Record>::parse(parse_body(ctx));
    const auto stored = RoadmapKind<Record>::create(ctx.store, record, actor_of(ctx));
    ctx.res.set_header("Location", std::string(RoadmapKind<Record>::collection) + "/" + stored.id);
    send_roadmap_record(ctx, stored, 201);
}

// The stored record the change is based on: 404 unknown, 412 when If-Match names other content.
template <class Record>
Record roadmap_current(Context& ctx, const std::string& id) {
    require_secretariat(ctx);
    auto current = stored_roadmap_record<Record>(ctx, id);
    if (!current) throw not_found(RoadmapKind<Record>::name, id);
    const auto expected = if_match_value(ctx);
    const auto actual = content_etag(model::to_json(*current));
    if (expected != actual) {
        throw HttpError(Problem::stale_etag, std::string(RoadmapKind<Record>::name) + " '" + id + "' is now " + actual + ", not " +
                            expected + ": GET it again and reapply your change");
    }
    return *current;
}

template <class Record>
void roadmap_patch(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = roadmap_current<Record>(ctx, id);
    require_json_body(ctx, true);
    const auto patch_doc = parse_body(ctx);
    auto merged = model::to_json(current);
    merged.merge_patch(patch_doc);
    const auto record = RoadmapKind<Record>::parse(merged);
    if (record.id != id) {
        throw HttpError(Problem::validation, "the id in the body differs from the URL",
                        {{"/id", "must be '" + id + "' (ids never change; create a new record instead)"}});
    }
    send_roadmap_record(ctx, RoadmapKind<Record>::update(ctx.store, record, current, actor_of(ctx)));
}

template <class Record>
void roadmap_delete(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = roadmap_current<Record>(ctx, id);
    RoadmapKind<Record>::remove(ctx.store, current, actor_of(ctx));
    ctx.res.status = 204;
}

template <class Record>
void add_roadmap(App& app, const std::string& plural, const std::string& schema) {
    const std::string base = "/api/v1/" + plural;
    const std::string one = base + "/{id}";
    app.add({"GET", base, "List " + plural, Audience::api,
             [](Context& ctx) {
                 std::vector<json> items;
                 for (const auto& r : RoadmapKind<Record>::all(ctx.data())) items.push_back(model::to_json(r));
                 send_item_page(ctx, std::move(items));
             },
             {{"limit", "page size (default 100, at most 500)", "integer", {}},
              {"offset", "records to skip", "integer", {}}},
             "", schema + "Page", {200, 400}, true});
    app.add({"POST", base, "Create a " + schema + " (secretariat)", Audience::api, roadmap_create<Record>, {},
             schema + "Input", schema, {201, 400, 401, 403, 409, 413, 415, 422}, false, true});
    app.add({"GET", one, "One " + schema + " (with its ETag)", Audience::api, roadmap_get<Record>, {}, "", schema,
             {200, 404}, true});
    app.add({"PATCH", one, "Change a " + schema + " with a JSON merge patch (secretariat; If-Match required)",
             Audience::api, roadmap_patch<Record>, {}, schema + "Patch", schema,
             {200, 400, 401, 403, 404, 412, 413, 415, 422, 428}, false, true});
    app.add({"DELETE", one, "Delete a " + schema + " (secretariat; If-Match required)", Audience::api,
             roadmap_delete<Record>, {}, "", "", {204, 400, 401, 403, 404, 409, 412, 428}, false, true});
}

std::vector<std::string> names_of(auto values) { return {values.begin(), values.end()}; }

const std::vector<QueryParam> page_params{{"limit", "page size (default 100, at most 500)", "integer", {}},
                                          {"offset", "records to skip", "integer", {}}};

std::vector<QueryParam> with_paging(std::vector<QueryParam> params) {
    params.insert(params.end(), page_params.begin(), page_params.end());
    return params;
}

template <class Record>
void add_owned(App& app, const std::string& plural, const std::string& schema, Handler list,
               std::vector<QueryParam> filters) {
    const std::string base = "/api/v1/" + plural;
    const std::string one = base + "/{id}";
    app.add({"GET", base, "List the " + plural + " the caller may read", Audience::api, std::move(list),
             with_paging(std::move(filters)), "", schema + "Page", {200, 400, 401}, true});
    app.add({"POST", base, "Create a " + schema + " of the caller's agency", Audience::api, create<Record>, {},
             schema + "Input", schema, {201, 400, 401, 403, 409, 413, 415, 422}, false, true});
    app.add({"GET", one, "One " + schema + " (with its ETag)", Audience::api, get_one<Record>, {}, "", schema,
             {200, 401, 404}, true});
    app.add({"PUT", one, "Replace a " + schema + " (If-Match required)", Audience::api, replace<Record>, {},
             schema + "Input", schema, {200, 400, 401, 403, 404, 412, 413, 415, 422, 428}, false, true});
    app.add({"PATCH", one, "Change a " + schema + " with a JSON merge patch, RFC 7396 (If-Match required)",
             Audience::api, patch<Record>, {}, schema + "Patch", schema,
             {200, 400, 401, 403, 404, 412, 413, 415, 422, 428}, false, true});
    app.add({"DELETE", one, "Delete a " + schema + " (If-Match required)", Audience::api, remove<Record>, {}, "", "",
             {204, 400, 401, 403, 404, 409, 412, 428}, false, true});
}

}  // namespace

void add_api_routes(App& app) {
    app.add({"GET", "/healthz", "Liveness: 200 while the server answers and its database opens", Audience::system,
             [](Context& ctx) {
                 nlohmann::json health{{"status", "ok"}, {"change_id", ctx.data().change_id}};
                 // PostgreSQL: false while the server is not told of other servers' writes and asks the database
                 // on every request instead (slower, never stale); absent on SQLite.
                 if (const auto told = ctx.store.told_of_changes()) health["told_of_changes"] = *told;
                 send_json(ctx, health);
             },
             {}, "", "Health", {200}, false, false, "getHealth"});
    app.add({"GET", "/api/v1/openapi.json", "This document", Audience::api,
             [](Context& ctx) { send_json(ctx, openapi_document(ctx.app)); }, {}, "", "OpenApiDocument", {200}, true,
             false, "getOpenApiDocument"});
    app.add({"GET", "/api/v1/me", "Who the bearer token belongs to", Audience::api,
             [](Context& ctx) {
                 if (ctx.caller.anonymous()) require_planner(ctx);
                 send_json(ctx, {{"user", ctx.caller.user},
                                 {"agency", ctx.caller.agency},
                                 {"role", store::to_string(*ctx.caller.role)}});
             },
             {}, "", "Me", {200, 401}, false, true});
    add_reference<model::Agency>(app, "agencies", "agency", "Agency", "code", &model::Dataset::agencies,
                                 [](const model::Agency& a) { return a.code; });
    add_roadmap<model::Goal>(app, "goals", "Goal");
    add_roadmap<model::Objective>(app, "objectives", "Objective");
    add_reference<model::Destination>(app, "destinations", "destination", "Destination", "code",
                                      &model::Dataset::destinations,
                                      [](const model::Destination& d) { return d.code; });
    add_reference<model::Edition>(app, "editions", "edition", "Edition", "name", &model::Dataset::editions,
                                  [](const model::Edition& e) { return e.name; });

    const auto scope_values = names_of(model::EnumNames<model::VisibilityScope>::values);
    add_owned<model::Mission>(
        app, "missions", "Mission", list_missions,
        {{"agency", "lead agency or partner (code)", "string", {}},
         {"lead_agency", "lead agency (code)", "string", {}},
         {"destination", "destination code", "string", {}},
         {"kind", "mission kind", "string", names_of(model::EnumNames<model::MissionKind>::values)},
         {"status", "mission status", "string", names_of(model::EnumNames<model::MissionStatus>::values)},
         {"commitment", "commitment level", "string", names_of(model::EnumNames<model::Commitment>::values)},
         {"scope", "visibility scope", "string", scope_values}});
    add_owned<model::Capability>(
        app, "capabilities", "Capability", list_capabilities,
        {{"provider", "providing agency (code)", "string", {}},
         {"kind", "capability kind", "string", names_of(model::EnumNames<model::CapabilityKind>::values)},
         {"status", "capability status", "string", names_of(model::EnumNames<model::CapabilityStatus>::values)},
         {"scope", "visibility scope", "string", scope_values}});

    const std::vector<QueryParam> feed_params{
        {"record_kind", "mission, capability, ...", "string", {}},
        {"record_id", "record id", "string", {}},
        {"agency", "acting agency (code)", "string", {}},
        {"since", "entries at or after this UTC time (2026-01-31T12:00:00Z)", "string", {}},
        {"limit", "page size (default 100, at most 500)", "integer", {}},
        {"before", "only entries older than this entry id: the `next` link of the previous page (newest first; "
                   "no total is counted)",
         "integer", {}}};
    app.add({"GET", "/api/v1/audit",
             "Audit entries (who, when, before/after) of records the caller's agency owns, newest first",
             Audience::api, list_audit, feed_params, "", "AuditEntryFeedPage", {200, 400, 401}, false, true,
             "listAuditEntries"});
    app.add({"GET", "/api/v1/changes",
             "What changed (newest first) among the records the caller may read now (no record content)",
             Audience::api, list_changes, feed_params, "", "ChangeFeedPage", {200, 400}, false});
    add_comment_api_routes(app);
    add_workshop_api_routes(app);
    add_action_item_api_routes(app);
    add_content_api_routes(app);
}

}  // namespace ger::server::detail
