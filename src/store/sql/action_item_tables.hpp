// The action_items table (migration 12) behind Store's action-item calls; sql_store.cpp delegates to it and
// hands it the audit writer (record_kind "action-item", on the community counter).
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

using ActionItemAuditWriter = std::function<void(const Actor& actor, std::string_view id, model::AuditAction action,
                                                 std::string_view before, std::string_view after)>;

class ActionItemTables {
public:
    ActionItemTables(Connection& db, ActionItemAuditWriter audit) : m_db(db), m_audit(std::move(audit)) {}

    model::ActionItem create(const model::ActionItem& item, const Actor& actor);
    std::optional<model::ActionItem> find(long long id);
    std::vector<model::ActionItem> list(std::optional<std::string_view> workshop);
    model::ActionItem update(const model::ActionItem& item, int expected_version, const Actor& actor);

private:
    Connection& m_db;
    ActionItemAuditWriter m_audit;
};

}  // namespace ger::store::sql
