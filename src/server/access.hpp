// Who may read and who may write each record: the forum's access rules, in this one place. Every API handler
// and every portal page asks these functions; nothing else decides. docs/SECURITY.md ("Read rules") says why.
//
// - A record's owner is its agency (Mission::lead_agency, Capability::provider). Only the owner's planners write
//   it; nobody else, the secretariat included.
// - Reads follow the record's visibility: public -> everyone, anonymous callers included; partners -> every
//   signed-in user of a member agency; agencies -> the owner and the named agencies. The owner always reads
//   its own records. The secretariat reads every record: it moderates and compiles the roadmap editions
//   (the choice), but edits none.
// - Visibility never fails open: every mission and capability must say who reads it (create and replace without
//   it, or a merge patch that sets it to null, are 422 naming /visibility; the model and the store refuse a
//   record without one). A record without one, should it exist, is read by its owner and the secretariat only.
// - A record the caller may not read does not exist for that caller: handlers answer 404 with the same body
//   as for an unknown id, and leave it out of lists and counts.
// - Nor does it exist inside the records the caller may read: a mission's references (capabilities required and
//   provided, precursors) to records the caller may not read are dropped from every view of it (server/views.hpp:
//   API answers, portal pages, the analysis page, edition snapshots, which are the public's view).
// - Writes resolve references only among the records the writer may read (store::Actor::reads, from actor_of):
//   a hidden id is "unknown", on the same code path and with the same answer as an absent one. References the
//   writer cannot read that its own record already holds (say, a capability later narrowed away from it) stay
//   as they are: the writer never saw them, so its edit neither removes nor repeats them.
// - A delete is refused (409 in-use) only for references from records the deleter may read, and names only
//   those; references from records it may not read are removed in the same transaction (audited as "system",
//   each such record's version bumped).
// - Ids are no oracle: a new mission or capability's id begins with its agency's code ("esa-"), and an id with an
//   agency's prefix belongs to that agency (model/validation.hpp), so "taken" only ever names a record of the
//   creator's own agency.
// - The audit log shows before/after copies of records, so an entry is shown only to the secretariat and to
//   the planners of the agency that owns the record; the change feed (who changed what, no content) follows
//   the record's read rule as it stands now: narrowing a record hides its past entries too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/records.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/store.hpp"

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
bool can_read(const Caller& caller, const std::optional<model::Visibility>& visibility, std::string_view owner);
bool can_read(const Caller& caller, const model::Mission& mission);
bool can_read(const Caller& caller, const model::Capability& capability);

// Write (create, update, delete) a record owned by `owner`.
bool can_write(const Caller& caller, std::string_view owner);
bool can_write(const Caller& caller, const model::Mission& mission);
bool can_write(const Caller& caller, const model::Capability& capability);

// The caller as the store sees it: who writes (for the audit log) and what it may read (Actor::reads), so that
// writes resolve references and deletes weigh references among the caller's records only.
store::Actor actor_of(const Caller& caller);

// Goals, objectives and editions: the secretariat's.
bool can_manage_roadmap(const Caller& caller);

// Workshops: the secretariat, or planners of the workshop's host agency, create one and read its attendees
// (with their emails); everyone reads the workshop, its counts and the names attendees agreed to show.
bool can_host_workshop(const Caller& caller, std::string_view host_agency);

// Audit entries (with record contents) and change-feed entries (without), judged by the scope of the record
// the entry is about *now* (store::RecordScope: its current owner and visibility, for a removed record its last
// state; nullopt for entries about other things). The store applies the same rules in its paged query
// (Store::audit_page); tests/store/audit_page_test.cpp checks that both agree.
using store::RecordScope;
bool can_read_audit(const Caller& caller, const std::optional<RecordScope>& scope);
bool can_read_change(const Caller& caller, const std::optional<RecordScope>& scope);

// The caller as a reader of the audit log (Store::audit_page applies the rules above for it).
store::AuditReader audit_reader(const Caller& caller);

}  // namespace ger::server
