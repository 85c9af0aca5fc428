// The workshops, workshop_sessions and registrations tables (migration 10) behind Store's workshop calls;
// sql_store.cpp delegates to it and hands it the audit writer, so audit entries keep one format and one
// counter rule (community content advances the community counter).
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

// Writes one audit entry (record_kind "workshop" or "registration") in the open transaction.
using WorkshopAuditWriter =
    std::function<void(const Actor& actor, std::string_view kind, std::string_view id, model::AuditAction action,
                       std::string_view before, std::string_view after, std::string_view note)>;

class WorkshopTables {
public:
    WorkshopTables(Connection& db, WorkshopAuditWriter audit) : m_db(db), m_audit(std::move(audit)) {}

    model::Workshop create(const model::Workshop& workshop, const Actor& actor);
    std::optional<model::Workshop> find(std::string_view id);
    std::vector<model::Workshop> list();
    RegistrationCounts counts(std::string_view workshop);
    RegistrationResult register_for(const NewRegistration& registration);
    std::optional<model::Registration> find_registration(std::string_view token_digest);
    CancelResult cancel(std::string_view token_digest, const Actor& actor);
    std::vector<model::Registration> registrations(std::string_view workshop);
    RegistrationRecentCounts recent(std::string_view source, std::string_view email, model::Timestamp since);
    PurgeResult purge(model::Timestamp now, int after_days, const Actor& actor);

private:
    std::optional<model::Registration> registration(long long id);
    void add_message(std::string_view recipient, std::string_view subject, std::string_view body, long long id);

    Connection& m_db;
    WorkshopAuditWriter m_audit;
};

}  // namespace ger::store::sql
