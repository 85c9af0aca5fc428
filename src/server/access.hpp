// Who may read and who may write each record: the forum's access rules, in this one place. Every API handler
// and every portal page asks these functions; nothing else decides.
//
// - A record's owner is its agency (Mission::lead_agency, Capability::provider). Only the owner's planners write
//   it; nobody else, the secretariat included.
// - Reads follow the record's visibility: public -> everyone, anonymous callers included; partners -> every
//   signed-in user of a member agency; agencies -> the owner and the named agencies. The owner always reads
//   its own records. The secretariat reads every record: it moderates and compiles the roadmap editions
//   (the choice), but edits none.
// - A record the caller may not read does not exist for that caller: handlers answer 404 with the same body
//   as for an unknown id, and leave it out of lists and counts.
// - The audit log shows before/after copies of records, so an entry is shown only to the secretariat and to
//   the planners of the agency that owns the record; the change feed (who changed what, no content) follows
//   the record's read rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/records.hpp"
#include "store/accounts.hpp"

namespace ger::server {

struct Caller {
    std::optional<store::Role> role;  // nullopt: anonymous
    std::string user;                 // "" when anonymous
    std::string agency;               // the planner's agency; "" for the secretariat and anonymous

    bool anonymous() const { return !role.has_value(); }
    bool planner() const { return role == store::Role::planner; }
    bool secretariat() const { return role == store::Role::secretariat; }
    static Caller of(const store::User& user) { return {user.role, user.name, user.agency}; }
};

bool can_read(const Caller& caller, const model::Visibility& visibility, std::string_view owner);
bool can_read(const Caller& caller, const model::Mission& mission);
bool can_read(const Caller& caller, const model::Capability& capability);

// Write (create, update, delete) a record owned by `owner`.
bool can_write(const Caller& caller, std::string_view owner);
bool can_write(const Caller& caller, const model::Mission& mission);
bool can_write(const Caller& caller, const model::Capability& capability);

// Goals, objectives and editions: the secretariat's.
bool can_manage_roadmap(const Caller& caller);

// Audit entries (with record contents) and change-feed entries (without).
bool can_read_audit(const Caller& caller, const model::AuditEntry& entry);
bool can_read_change(const Caller& caller, const model::AuditEntry& entry);

// The owner and visibility a mission/capability audit entry describes (from its after copy, or its before copy
// for a removal); nullopt for entries about other things (users, tokens, whole-data-set imports).
struct RecordScope {
    std::string owner;
    model::Visibility visibility;
};
std::optional<RecordScope> scope_of(const model::AuditEntry& entry);

}  // namespace ger::server
