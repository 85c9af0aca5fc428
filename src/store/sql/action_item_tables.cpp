#include "store/sql/action_item_tables.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/error.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/connection.hpp"

namespace ger::store::sql {
namespace {

using model::ActionItem;
using nlohmann::json;

constexpr const char* columns =
    "id, version, workshop_id, title, description, owner_agency, status, records, created_at, updated_at";

ActionItem item_from(const Statement& row) {
    ActionItem a;
    a.id = row.integer(0);
    a.version = static_cast<int>(row.integer(1));
    a.workshop = row.text(2);
    a.title = row.text(3);
    a.description = row.text(4);
    a.owner_agency = row.text(5);
    a.status = enum_from_column<model::ActionStatus>(row.text(6), "action_items.status");
    try {
        a.records = json::parse(row.text(7)).get<std::vector<std::string>>();
    } catch (const json::exception&) {
        throw StoreError("corrupt action item records in the database (item " + std::to_string(a.id) + ")");
    }
    a.created_at = timestamp_from_column(row.integer(8));
    a.updated_at = timestamp_from_column(row.integer(9));
    return a;
}

json audit_json(const ActionItem& a) {
    return {{"workshop", a.workshop},         {"title", a.title},   {"description", a.description},
            {"owner_agency", a.owner_agency}, {"status", model::to_string(a.status)},
            {"records", a.records}};
}

bool row_exists(Connection& db, const char* sql, auto key) {
    Statement row(db, sql);
    row.bind(1, key);
    return row.step();
}

// The item's own rules, then whether its owner and every record it names exist (in the caller's transaction, so
// a record deleted meanwhile is not named). Existence only: who may see a named record is the caller's rule.
// Records in `kept` (those the stored item already names) are not checked again: a mission deleted after the item
// named it must not make the item unchangeable.
void throw_if_invalid(Connection& db, const ActionItem& a, const std::vector<std::string>& kept = {}) {
    auto errors = model::action_item_errors(a);
    if (!errors.empty()) throw model::ValidationError(std::move(errors));
    if (!row_exists(db, "SELECT 1 FROM agencies WHERE code = ?1", a.owner_agency)) {
        errors.push_back({"/owner_agency", "no agency '" + a.owner_agency + "'"});
    }
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        const auto& r = a.records[i];
        const auto path = "/records/" + std::to_string(i);
        if (std::find(kept.begin(), kept.end(), r) != kept.end()) continue;
        if (const auto comment = model::comment_reference(r)) {
            if (!row_exists(db, "SELECT 1 FROM comments WHERE id = ?1", comment)) {
                errors.push_back({path, r + ": no such comment"});
            }
        } else if (!row_exists(db, "SELECT 1 FROM missions WHERE id = ?1", r) &&
                   !row_exists(db, "SELECT 1 FROM objectives WHERE id = ?1", r)) {
            errors.push_back({path, r + ": no mission, objective or comment:N of that id"});
        }
    }
    if (!errors.empty()) throw model::ValidationError(std::move(errors));
}

}  // namespace

ActionItem ActionItemTables::create(const ActionItem& item, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    throw_if_invalid(m_db, item);
    {
        Statement workshop(m_db, "SELECT 1 FROM workshops WHERE id = ?1");
        workshop.bind(1, item.workshop);
        if (!workshop.step()) throw NotFoundError("no workshop '" + item.workshop + "'");
    }
    const auto t = to_column(now());
    Statement insert(m_db, "INSERT INTO action_items (version, workshop_id, title, description, owner_agency, status, "
                           "records, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id");
    insert.bind(1, item.workshop).bind(2, item.title).bind(3, item.description).bind(4, item.owner_agency);
    insert.bind(5, model::to_string(item.status)).bind(6, json(item.records).dump()).bind(7, t);
    auto stored = find(insert.run_returning_id());
    if (!stored) throw StoreError("an action item vanished while being written");
    m_audit(actor, std::to_string(stored->id), model::AuditAction::create, "", audit_json(*stored).dump());
    tx.commit();
    return *stored;
}

std::optional<ActionItem> ActionItemTables::find(long long id) {
    Statement row(m_db, std::string("SELECT ") + columns + " FROM action_items WHERE id = ?1");
    row.bind(1, id);
    if (!row.step()) return std::nullopt;
    return item_from(row);
}

std::vector<ActionItem> ActionItemTables::list(std::optional<std::string_view> workshop) {
    Statement rows(m_db, std::string("SELECT ") + columns +
                             " FROM action_items WHERE CAST(?1 AS TEXT) IS NULL OR workshop_id = ?1 ORDER BY id");
    if (workshop) {
        rows.bind(1, *workshop);
    } else {
        rows.bind_null(1);
    }
    std::vector<ActionItem> out;
    while (rows.step()) out.push_back(item_from(rows));
    return out;
}

ActionItem ActionItemTables::update(const ActionItem& item, int expected_version, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    const auto before = find(item.id);
    if (!before) throw NotFoundError("no action item " + std::to_string(item.id));
    throw_if_invalid(m_db, item, before->records);
    if (before->version != expected_version) {
        throw ConflictError("action item", std::to_string(item.id), expected_version, before->version);
    }
    // NOTE: the workshop an item came from never changes; its id and creation stay too.
    Statement update(m_db, "UPDATE action_items SET version = version + 1, title = ?2, description = ?3, "
                           "owner_agency = ?4, status = ?5, records = ?6, updated_at = ?7 WHERE id = ?1");
    update.bind(1, item.id).bind(2, item.title).bind(3, item.description).bind(4, item.owner_agency);
    update.bind(5, model::to_string(item.status)).bind(6, json(item.records).dump()).bind(7, to_column(now())).run();
    auto after = find(item.id);
    if (!after) throw StoreError("an action item vanished while being written");
    m_audit(actor, std::to_string(item.id), model::AuditAction::update, audit_json(*before).dump(),
            audit_json(*after).dump());
    tx.commit();
    return *after;
}

}  // namespace ger::store::sql
