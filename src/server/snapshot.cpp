#include "server/detail/snapshot.hpp"

#include <algorithm>
#include <utility>

namespace ger::server::detail {
namespace {

template <class Record, class Key>
std::unordered_map<std::string, std::size_t> index_of(const std::vector<Record>& records, Key key) {
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) index[records[i].*key] = i;
    return index;
}

template <class Record>
const Record* find_in(const std::unordered_map<std::string, std::size_t>& index, const std::vector<Record>& records,
                      std::string_view id) {
    const auto it = index.find(std::string(id));
    return it == index.end() ? nullptr : &records[it->second];
}

// The record `id` as the changes over the base say (nullptr: removed), or as the base has it.
template <class Record, class Base>
const Record* changed_or_base(const ChangedRecords<Record>& changed, std::string_view id, const Base& base) {
    const auto it = changed.find(id);
    return it != changed.end() ? it->second.state.get() : base(id);
}

// `records` (in the roadmap's order) with `changed` applied in place: a changed one in its place, a removed one
// gone, a created one at the end in the order of creation (a new record takes the next position, and a record
// removed and created again takes a new one): the order an export gives.
template <class Record>
void apply_changes(std::vector<Record>& records, const ChangedRecords<Record>& changed) {
    std::size_t kept = 0;
    for (auto& r : records) {
        const auto it = changed.find(r.id);
        if (it == changed.end()) {
            if (&records[kept] != &r) records[kept] = std::move(r);
            ++kept;
        } else if (!it->second.created && it->second.state) {
            records[kept++] = *it->second.state;
        }
    }
    records.erase(records.begin() + static_cast<std::ptrdiff_t>(kept), records.end());
    std::vector<std::pair<long long, const Record*>> created;
    for (const auto& [id, c] : changed) {
        if (c.created && c.state) created.emplace_back(*c.created, c.state.get());
    }
    std::sort(created.begin(), created.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [number, record] : created) records.push_back(*record);
}

// Adds the records of `kind` that `changes` names to `changed`, each re-read by `load`.
template <class Record, class Load>
void note_changes(ChangedRecords<Record>& changed, const std::vector<store::RecordChange>& changes,
                  std::string_view kind, const Load& load) {
    std::map<std::string, std::optional<long long>, std::less<>> named;  // id -> its newest creation in `changes`
    for (const auto& c : changes) {
        if (c.record_kind != kind) continue;
        auto& created = named[c.record_id];
        if (c.action == model::AuditAction::create) created = c.change_id;
    }
    for (const auto& [id, created] : named) {
        auto& entry = changed[id];
        if (created) entry.created = created;
        auto fresh = load(id);
        entry.state = fresh ? std::make_shared<const Record>(std::move(*fresh)) : nullptr;
    }
}

// The previous snapshot with only what changed since re-read, when only missions and capabilities changed (and
// not too many): the data set an export gives (tests/server/snapshot_cache_test.cpp compares them), at the cost
// of the changed records instead of every row. nullptr, with nothing read but the log, otherwise.
std::shared_ptr<Snapshot> patched(store::Store& store, const Snapshot& previous, long long change_id) {
    // Past this, reading one by one costs about what an export does; and a patched snapshot's successor copies
    // the list of every record changed since its base.
    constexpr std::size_t most_changes = 512;
    if (change_id - previous.change_id > static_cast<long long>(most_changes)) return nullptr;
    const auto changes = store.changes_between(previous.change_id, change_id);
    if (!changes) return nullptr;
    for (const auto& c : *changes) {
        if (c.record_kind != "mission" && c.record_kind != "capability") return nullptr;
    }
    // From the previous whole data set when it is put together already, or when the changes since its base
    // would grow past the bound; from its base and its changes otherwise.
    auto base = previous.whole_if_ready();
    if (!base && previous.records_changed_since_base() + changes->size() > most_changes) base = previous.whole();
    ChangedRecords<model::Mission> missions;
    ChangedRecords<model::Capability> capabilities;
    if (!base) {
        base = previous.base();
        missions = previous.changed_missions();
        capabilities = previous.changed_capabilities();
    }
    note_changes(missions, *changes, "mission", [&](const std::string& id) { return store.mission(id); });
    note_changes(capabilities, *changes, "capability", [&](const std::string& id) { return store.capability(id); });
    auto fresh = std::make_shared<Snapshot>(change_id, std::move(base), std::move(missions), std::move(capabilities));
    fresh->pages = previous.pages;
    fresh->last_import = previous.last_import;
    return fresh;
}

}  // namespace

IndexedDataset::IndexedDataset(model::Dataset data)
    : m_data(std::move(data)),
      m_missions(index_of(m_data.missions, &model::Mission::id)),
      m_capabilities(index_of(m_data.capabilities, &model::Capability::id)),
      m_agencies(index_of(m_data.agencies, &model::Agency::code)),
      m_objectives(index_of(m_data.objectives, &model::Objective::id)) {}

const model::Mission* IndexedDataset::mission(std::string_view id) const {
    return find_in(m_missions, m_data.missions, id);
}
const model::Capability* IndexedDataset::capability(std::string_view id) const {
    return find_in(m_capabilities, m_data.capabilities, id);
}
const model::Agency* IndexedDataset::agency(std::string_view code) const {
    return find_in(m_agencies, m_data.agencies, code);
}
const model::Objective* IndexedDataset::objective(std::string_view id) const {
    return find_in(m_objectives, m_data.objectives, id);
}

Snapshot::Snapshot(long long id, std::shared_ptr<const IndexedDataset> whole)
    : change_id(id), m_base(std::move(whole)) {}

Snapshot::Snapshot(long long id, std::shared_ptr<const IndexedDataset> base, ChangedRecords<model::Mission> missions,
                   ChangedRecords<model::Capability> capabilities)
    : change_id(id), m_base(std::move(base)), m_missions(std::move(missions)), m_capabilities(std::move(capabilities)) {}

const model::Mission* Snapshot::mission(std::string_view id) const {
    return changed_or_base(m_missions, id, [this](std::string_view i) { return m_base->mission(i); });
}

const model::Capability* Snapshot::capability(std::string_view id) const {
    return changed_or_base(m_capabilities, id, [this](std::string_view i) { return m_base->capability(i); });
}

const model::Agency* Snapshot::agency(std::string_view code) const { return m_base->agency(code); }
const model::Objective* Snapshot::objective(std::string_view id) const { return m_base->objective(id); }

const model::PageRevision* Snapshot::page(std::string_view slug) const {
    const auto it = pages.find(std::string(slug));
    return it == pages.end() ? nullptr : &it->second;
}

std::shared_ptr<const IndexedDataset> Snapshot::whole() const {
    if (records_changed_since_base() == 0) return m_base;
    std::lock_guard lock(m_whole_mutex);
    if (!m_whole) {
        auto data = m_base->data();
        apply_changes(data.missions, m_missions);
        apply_changes(data.capabilities, m_capabilities);
        m_whole = std::make_shared<const IndexedDataset>(std::move(data));
    }
    return m_whole;
}

std::shared_ptr<const IndexedDataset> Snapshot::whole_if_ready() const {
    if (records_changed_since_base() == 0) return m_base;
    std::unique_lock lock(m_whole_mutex, std::try_to_lock);
    return lock.owns_lock() ? m_whole : nullptr;
}

std::optional<CachedResponse> Snapshot::cached(const std::string& key) const {
    std::lock_guard lock(m_cache_mutex);
    const auto it = m_cache.find(key);
    if (it == m_cache.end()) return std::nullopt;
    return it->second;
}

void Snapshot::cache(const std::string& key, CachedResponse response) const {
    std::lock_guard lock(m_cache_mutex);
    if (m_cache.size() >= max_cached_responses) m_cache.clear();
    m_cache.insert_or_assign(key, std::move(response));
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

// Built outside the lock from the calling thread's own connection.
std::shared_ptr<Snapshot> SnapshotCache::build(store::Store& store, const std::shared_ptr<const Snapshot>& previous) {
    // NOTE: labelled with the id read *before* the records (and after the caller's): a write that lands in
    // between is then either in the data or newer than the label (so the next request rebuilds), never served as
    // current while missing. Re-reading a record that changed again after the label gives its newer state,
    // which is as good.
    const long long change_id = store.last_change_id();
    if (previous) {
        if (auto fresh = patched(store, *previous, change_id)) return fresh;
    }
    auto fresh = std::make_shared<Snapshot>(change_id, std::make_shared<const IndexedDataset>(store.export_dataset()));
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

}  // namespace ger::server::detail
