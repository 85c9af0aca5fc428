#include "server/access.hpp"

#include <algorithm>

namespace ger::server {

bool can_read(const Caller& caller, const model::Visibility& visibility, std::string_view owner) {
    using model::VisibilityScope;
    if (visibility.scope == VisibilityScope::public_) return true;
    if (caller.anonymous()) return false;
    if (caller.secretariat()) return true;
    if (caller.agency.empty()) return false;
    if (caller.agency == owner) return true;
    switch (visibility.scope) {
        case VisibilityScope::public_: return true;
        case VisibilityScope::partners: return true;  // every member agency's planners
        case VisibilityScope::agencies:
            return std::find(visibility.agencies.begin(), visibility.agencies.end(), caller.agency) !=
                   visibility.agencies.end();
    }
    return false;
}

bool can_read(const Caller& caller, const std::optional<model::Visibility>& visibility, std::string_view owner) {
    if (visibility) return can_read(caller, *visibility, owner);
    // NOTE: a record without a visibility cannot be stored (model validation refuses it); should one appear
    // anyway, it fails closed: the owner's planners and the secretariat only.
    return caller.secretariat() || (caller.planner() && !caller.agency.empty() && caller.agency == owner);
}

bool can_read(const Caller& caller, const model::Mission& mission) {
    return can_read(caller, mission.visibility, mission.lead_agency);
}

bool can_read(const Caller& caller, const model::Capability& capability) {
    return can_read(caller, capability.visibility, capability.provider);
}

store::Actor actor_of(const Caller& caller) {
    store::Actor actor{caller.user, caller.agency};
    actor.reads = [caller](const model::Visibility& visibility, std::string_view owner) {
        return can_read(caller, visibility, owner);
    };
    return actor;
}

bool can_write(const Caller& caller, std::string_view owner) {
    return caller.planner() && !caller.agency.empty() && caller.agency == owner;
}

bool can_write(const Caller& caller, const model::Mission& mission) { return can_write(caller, mission.lead_agency); }

bool can_write(const Caller& caller, const model::Capability& capability) {
    return can_write(caller, capability.provider);
}

bool can_host_workshop(const Caller& caller, std::string_view host_agency) {
    return caller.secretariat() || (caller.planner() && !caller.agency.empty() && caller.agency == host_agency);
}

bool can_manage_roadmap(const Caller& caller) { return caller.secretariat(); }

bool can_read_audit(const Caller& caller, const std::optional<RecordScope>& scope) {
    if (caller.secretariat()) return true;
    if (!caller.planner() || caller.agency.empty()) return false;
    return scope && scope->owner == caller.agency;
}

bool can_read_change(const Caller& caller, const std::optional<RecordScope>& scope) {
    if (caller.secretariat()) return true;
    return scope && can_read(caller, scope->visibility, scope->owner);
}

store::AuditReader audit_reader(const Caller& caller) { return {caller.role, caller.agency}; }

}  // namespace ger::server
