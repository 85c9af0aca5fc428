// What a caller sees of the records it may read. A mission names other records (capabilities it requires and
// provides, precursor missions) that have their own visibility; a reference to a record the caller may not read
// would tell it that the record exists, and its id. So every path out of the server (API answers, portal pages,
// the analysis page) shows a mission through view_of; edition snapshots are the public's view and apply the same
// rule (analysis/edition.hpp, through the same model::keep_references). ETags stay the record's version: a view
// is not another version of the record.
#pragma once

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

// `mission` as `caller` sees it: its references to records that are absent from `index` or that the caller may
// not read are dropped. `index` has mission(id) and capability(id) returning a pointer, nullptr when absent.
// The caller must be allowed to read `mission` itself (callers check can_read first).
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

// The records of `data` that `caller` may read, each mission through view_of: what the caller's analysis sees,
// so no count, finding or date can reveal a record it may not read.
model::Dataset view_of(const Caller& caller, const model::Dataset& data);

}  // namespace ger::server
