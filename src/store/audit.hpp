// Paged reads of the audit log: the change feed and the audit log as the server answers them. A page never holds
// the whole log: it is one query that applies the reader's read rule, the filters and a keyset cursor, and reads at
// most `limit` + 1 entries (Store::audit_page). The contract is the backend's, whatever it is (SQLite or
// PostgreSQL); tests/store/audit_page_test.cpp checks it against server/access.hpp's rules.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "store/accounts.hpp"

namespace ger::store {

// Who reads: the store applies server/access.hpp's rules (can_read_change, can_read_audit) in its query.
struct AuditReader {
    std::optional<Role> role{};  // nullopt: anonymous
    std::string agency{};        // a planner's agency; "" for the secretariat and anonymous readers
};

enum class AuditView {
    changes,  // the change feed: secretariat everything; others what the record's current visibility lets them
              // read. Entries come without their content (before, after and note left empty).
    audit,    // the audit log, with before/after: secretariat everything; a planner the records its agency owns
};

// Who owns a mission or capability and who may read it now: its current owner and visibility, or for a removed
// record its last state (the removal's before copy). Every entry about the record carries the same scope, kept
// current in the transaction of every write of the record. nullopt for entries about other things (users, tokens,
// goals, objectives, editions, imports): those are the secretariat's alone.
struct RecordScope {
    std::string owner;
    model::Visibility visibility;
    friend bool operator==(const RecordScope&, const RecordScope&) = default;
};

inline constexpr std::size_t max_audit_page = 500;

struct AuditQuery {
    AuditView view = AuditView::changes;
    AuditReader reader{};
    std::optional<std::string> agency{};       // acting agency
    std::optional<std::string> record_kind{};  // "mission", "capability", "dataset", ...
    std::optional<std::string> record_id{};
    // Entries at or after this instant. Entry times never go backwards (each is at least its predecessor's), so
    // the first entry at or after `since` is also a lower bound on the ids and a page with `since` costs what one
    // without does. (Entries written before schema version 6 while the clock stepped back may fall outside.)
    std::optional<model::Timestamp> since{};
    std::optional<long long> before{};  // only entries with a smaller id: the `next` of the page before
    std::size_t limit = 100;            // clamped to [1, max_audit_page]
};

struct AuditItem {
    model::AuditEntry entry;            // before, after and note empty in AuditView::changes
    std::optional<RecordScope> scope;   // the record's scope now (see RecordScope)
};

// Newest first. `next` is the `before` of the following page, or nullopt when no older entry matches. Paging
// with `next` until nullopt visits every matching entry once, also while entries are being added (they are newer
// than any cursor). No total: counting the matching entries is the cost the cursor avoids.
struct AuditPage {
    std::vector<AuditItem> items;
    std::optional<long long> next;
};

}  // namespace ger::store
