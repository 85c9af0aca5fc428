// What a caller sees of the records it may read. A mission names other records (capabilities it requires and
// provides, precursor missions) that have their own visibility; a reference to a record the caller may not
// read would tell it that the record exists, and its id. So every path out of the server (API answers, portal
// pages, the analysis page) shows a mission through view_of; edition snapshots are the public's view and
// apply the same rule (analysis/edition.hpp, through the same model::keep_references). ETags stay the
// record's version: a view is not another version of the record.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/references.hpp"
#include "server/access.hpp"

namespace ger::server {

// Records of a data set by id, for view_of (detail::Snapshot offers the same two lookups).
class RecordIndex {
  public:
    explicit RecordIndex(const model::Dataset& data);
    const model::Mission* mission(std::string_view id) const;
    const model::Capability* capability(std::string_view id) const;

  private:
    std::unordered_map<std::string_view, const model::Mission*> m_missions;
    std::unordered_map<std::string_view, const model::Capability*> m_capabilities;
};

// `mission` as `caller` sees it: its references to records that are absent from `index` or that the caller
// may not read are dropped. `index` has mission(id) and capability(id) returning a pointer, nullptr when
// absent. The caller must be allowed to read `mission` itself (callers check can_read first).
template <class Index>
model::Mission view_of(const Caller& caller, model::Mission mission, const Index& index) {
    model::keep_references(
        mission,
        [&](const std::string& id) {
            const model::Capability* c = index.capability(id);
            return c != nullptr && can_read(caller, *c);
        },
        [&](const std::string& id) {
            const model::Mission* m = index.mission(id);
            return m != nullptr && can_read(caller, *m);
        });
    return mission;
}

// A capability names no other record: the view is the record.
template <class Index>
model::Capability view_of(const Caller&, model::Capability capability, const Index&) {
    return capability;
}

// `text` (a mission's JSON, as audit entries keep it) with the ids in its capabilities_required,
// capabilities_provided and precursors that `keep_capability` / `keep_mission` reject removed; "" stays "".
std::string mission_copy_view(const std::string& text,
                              const std::function<bool(const std::string&)>& keep_capability,
                              const std::function<bool(const std::string&)>& keep_mission);

// An audit entry as `caller` sees it: the before/after copies of a mission name only records the caller may
// read now (a record deleted since is not readable either, so a hidden record and a deleted one look alike).
// The secretariat reads every record, so its view is the entry as it is. Entries about other things are
// unchanged.
template <class Index>
model::AuditEntry view_of(const Caller& caller, model::AuditEntry entry, const Index& index) {
    if (entry.record_kind != "mission" || caller.secretariat()) return entry;
    const auto keep_capability = [&](const std::string& id) {
        const model::Capability* c = index.capability(id);
        return c != nullptr && can_read(caller, *c);
    };
    const auto keep_mission = [&](const std::string& id) {
        const model::Mission* m = index.mission(id);
        return m != nullptr && can_read(caller, *m);
    };
    entry.before = mission_copy_view(entry.before, keep_capability, keep_mission);
    entry.after = mission_copy_view(entry.after, keep_capability, keep_mission);
    return entry;
}

// The records of `data` that `caller` may read, each mission through view_of: what the caller's analysis
// sees, so no count, finding or date can reveal a record it may not read.
model::Dataset view_of(const Caller& caller, const model::Dataset& data);

}  // namespace ger::server
