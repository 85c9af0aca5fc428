// The snapshot of the data set that reads are served from, and the cache that keeps it current.
//
// A snapshot after a few mission or capability writes is its predecessor's data set (shared, never copied) plus
// the records those writes changed, re-read from the store: looking a record up costs a hash lookup either way,
// and the whole data set (lists, pages, the analysis) is put together only when a request asks for it, once per
// snapshot. A write then costs the next read the records it changed, not a copy of the roadmap.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/records.hpp"
#include "store/store.hpp"

namespace ger::server::detail {

struct AnalysisView;  // analysis_page.cpp

// NOTE: a bounded cache: 4096 answers of a few kB at most per snapshot; a new snapshot starts empty.
inline constexpr std::size_t max_cached_responses = 4096;

struct CachedResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string etag;
};

// A whole data set with its indices; immutable, shared by the snapshots patched from it.
class IndexedDataset {
public:
    explicit IndexedDataset(model::Dataset data);
    const model::Dataset& data() const { return m_data; }
    const model::Mission* mission(std::string_view id) const;
    const model::Capability* capability(std::string_view id) const;
    const model::Agency* agency(std::string_view code) const;
    const model::Objective* objective(std::string_view id) const;

private:
    model::Dataset m_data;
    std::unordered_map<std::string, std::size_t> m_missions;
    std::unordered_map<std::string, std::size_t> m_capabilities;
    std::unordered_map<std::string, std::size_t> m_agencies;
    std::unordered_map<std::string, std::size_t> m_objectives;
};

// A record changed since a snapshot's base: its state as re-read (nullptr: removed) and the change id of its
// newest creation, if it was created (a new record takes the next position, so it goes after the others).
template <class Record>
struct ChangedRecord {
    std::shared_ptr<const Record> state;
    std::optional<long long> created;
};
template <class Record>
using ChangedRecords = std::map<std::string, ChangedRecord<Record>, std::less<>>;

// The data set as of audit entry `change_id`; reads are served from it without touching the store. Immutable once
// built, except for its caches (the response cache, the analysis views, the whole data set), which have a lock.
class Snapshot {
public:
    // A snapshot of `whole` as it is.
    Snapshot(long long change_id, std::shared_ptr<const IndexedDataset> whole);
    // A snapshot of `base` with the records in `missions` and `capabilities` replaced, removed or added; only
    // missions and capabilities ever differ from the base.
    Snapshot(long long change_id, std::shared_ptr<const IndexedDataset> base, ChangedRecords<model::Mission> missions,
             ChangedRecords<model::Capability> capabilities);
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

    const long long change_id;
    std::optional<model::AuditEntry> last_import;  // the newest whole-data-set import
    // The newest revision of each content page (a save moves the roadmap's change id, so this is current).
    std::map<std::string, model::PageRevision> pages;

    // The whole data set, in the roadmap's order (an export's). Put together on the first call for a snapshot
    // patched from its predecessor; every caller after that shares it.
    const model::Dataset& dataset() const { return whole()->data(); }
    const model::Mission* mission(std::string_view id) const;
    const model::Capability* capability(std::string_view id) const;
    const model::Agency* agency(std::string_view code) const;
    const model::Objective* objective(std::string_view id) const;  // objectives are public
    const model::PageRevision* page(std::string_view slug) const;

    // What the snapshot holds beyond its base (the next snapshot is patched from these).
    const std::shared_ptr<const IndexedDataset>& base() const { return m_base; }
    const ChangedRecords<model::Mission>& changed_missions() const { return m_missions; }
    const ChangedRecords<model::Capability>& changed_capabilities() const { return m_capabilities; }
    std::size_t records_changed_since_base() const { return m_missions.size() + m_capabilities.size(); }
    // The whole data set, put together now if no caller has yet.
    std::shared_ptr<const IndexedDataset> whole() const;
    // The whole data set if it has been put together already (or the snapshot has no changes); nullptr if not
    // (or while another thread is putting it together): never waits.
    std::shared_ptr<const IndexedDataset> whole_if_ready() const;

    std::optional<CachedResponse> cached(const std::string& key) const;
    void cache(const std::string& key, CachedResponse response) const;

    // The analysis of one view of this snapshot (key: the caller's view, analysis_page.cpp).
    std::shared_ptr<const AnalysisView> analysis_view(const std::string& key) const;
    void remember_analysis_view(const std::string& key, std::shared_ptr<const AnalysisView> view) const;

private:
    const std::shared_ptr<const IndexedDataset> m_base;
    const ChangedRecords<model::Mission> m_missions;
    const ChangedRecords<model::Capability> m_capabilities;

    mutable std::mutex m_whole_mutex;
    mutable std::shared_ptr<const IndexedDataset> m_whole;

    mutable std::mutex m_cache_mutex;
    mutable std::unordered_map<std::string, CachedResponse> m_cache;
    mutable std::unordered_map<std::string, std::shared_ptr<const AnalysisView>> m_analyses;
};

class SnapshotCache {
public:
    // A snapshot at least as new as the store's current change id; rebuilt when the data moved on. One build at
    // a time: a request that finds one under way waits for it and builds only if that one is older than the
    // change it needs, so a burst of writes costs a few rebuilds (each covering every write before it began), not
    // one per request and thread.
    // `needed`: the change id the caller just read from the store (instead of asking again: on PostgreSQL each ask
    // is a round trip).
    std::shared_ptr<const Snapshot> current(store::Store& store, std::optional<long long> needed = std::nullopt);
    // Called with each snapshot that becomes current (from the request thread that built it).
    std::function<void(const Snapshot&)> on_new;

private:
    static std::shared_ptr<Snapshot> build(store::Store& store, const std::shared_ptr<const Snapshot>& previous);

    std::mutex m_mutex;
    std::condition_variable m_built;  // a build ended (m_building went false)
    bool m_building = false;
    std::shared_ptr<const Snapshot> m_snapshot;
};

}  // namespace ger::server::detail
