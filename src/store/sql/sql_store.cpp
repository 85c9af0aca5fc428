#include "store/sql/sql_store.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>
#include <unordered_map>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "store/sql/action_item_tables.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/comment_tables.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/page_tables.hpp"
#include "store/sql/record_columns.hpp"
#include "store/sql/workshop_tables.hpp"

namespace ger::store::sql {
namespace {

using model::Timestamp;

// ---- values <-> columns -------------------------------------------------------------------------------


std::string iso_day(std::chrono::year_month_day day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

std::chrono::year_month_day day_from_column(const std::string& text, std::string_view column) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%u%c", &year, &month, &day, &tail) != 3) {
        throw StoreError("corrupt " + std::string(column) + " in the database: '" + text + "'");
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) throw StoreError("corrupt " + std::string(column) + " in the database: '" + text + "'");
    return ymd;
}

std::optional<model::PlannedDate> planned_from_columns(const Statement& row, int day_column,
                                                       std::string_view name) {
    if (row.is_null(day_column)) return std::nullopt;
    return model::PlannedDate{day_from_column(row.text(day_column), name),
                              enum_from_column<model::DatePrecision>(row.text(day_column + 1), name)};
}

void bind_planned(Statement& stmt, int index, const std::optional<model::PlannedDate>& date) {
    if (date) {
        stmt.bind(index, iso_day(date->date)).bind(index + 1, model::to_string(date->precision));
    } else {
        stmt.bind_null(index).bind_null(index + 1);
    }
}

// A record's scope as audit_log stores it (migration 6): owner, visibility scope, named agencies as a JSON array.
struct ScopeColumns {
    std::string owner;
    std::string scope;
    std::string agencies;
};

std::string actor_name(const Actor& actor) { return actor.user.empty() ? "system" : actor.user; }

// The visibility_scope column (NOT NULL). Validation refuses a record without a visibility before any write;
// this is the last line, so no path can store one as anything, let alone as public.
std::string_view scope_column(const std::optional<model::Visibility>& visibility, std::string_view kind,
                              const std::string& id) {
    if (!visibility) {
        throw model::ValidationError({{"/visibility", std::string(kind) + " '" + id + "' has no visibility"}});
    }
    return model::to_string(visibility->scope);
}

// The actor who makes the changes a change entails on records the acting user cannot read.
const Actor system_actor{"system", "", {}};

bool reads(const Actor& actor, const std::optional<model::Visibility>& visibility, std::string_view owner) {
    if (!actor.reads) return true;
    return visibility && actor.reads(*visibility, owner);
}

// The record as stored, when it exists and is still at the version the caller read: every update and delete of an
// owned record starts here, so "missing" and "changed meanwhile" are decided in one place.
template <class Record>
Record require_version(std::optional<Record> before, const std::string& kind, std::string_view id,
                       int expected_version) {
    if (!before) throw NotFoundError("no " + kind + " '" + std::string(id) + "'");
    if (before->meta.version != expected_version) {
        throw ConflictError(kind, std::string(id), expected_version, before->meta.version);
    }
    return std::move(*before);
}

std::string_view action_name(model::AuditAction action) {
    switch (action) {
        case model::AuditAction::create: return "create";
        case model::AuditAction::update: return "update";
        case model::AuditAction::remove: return "remove";
    }
    return "update";
}

model::AuditAction action_from_column(const std::string& text) {
    if (text == "create") return model::AuditAction::create;
    if (text == "update") return model::AuditAction::update;
    if (text == "remove") return model::AuditAction::remove;
    throw StoreError("corrupt audit_log.action in the database: '" + text + "'");
}

// ---- SQL --------------------------------------------------------------------------------------------------

// The records' own columns (store/sql/record_columns.hpp); their list fields live in child tables.
constexpr RecordColumns<20> mission_table{
    "missions",
    {"name", "lead_agency", "destination", "target_body", "kind", "type", "launch_start_day",
     "launch_start_precision", "launch_end_day", "launch_end_precision", "duration_days", "status", "commitment",
     "visibility_scope", "description", "source", "version", "created_at", "updated_at", "author"}};
constexpr RecordColumns<13> capability_table{
    "capabilities",
    {"name", "provider", "kind", "readiness_day", "readiness_precision", "status", "visibility_scope",
     "description", "source", "version", "created_at", "updated_at", "author"}};

// The generated statements, formed once.
const std::string mission_columns = mission_table.select();
const std::string capability_columns = capability_table.select();
const std::string mission_insert = mission_table.insert();
const std::string mission_update = mission_table.update();
const std::string capability_insert = capability_table.insert();
const std::string capability_update = capability_table.update();

// Goals and objectives have no version column: their writers compare the stored record.
constexpr RecordColumns<4> goal_table{"goals", {"number", "title", "description", "source"}};
constexpr RecordColumns<5> objective_table{"objectives", {"goal_id", "title", "description", "verified", "source"}};
const std::string goal_columns = goal_table.select();
const std::string objective_columns = objective_table.select();
const std::string goal_insert = goal_table.insert();
const std::string goal_update = goal_table.update_unversioned();
const std::string objective_insert = objective_table.insert();
const std::string objective_update = objective_table.update_unversioned();

void bind_goal(Statement& stmt, const model::Goal& g) {
    constexpr const auto& t = goal_table;
    RecordBinder b{stmt, t.size()};
    b(t.param("number"), g.number)(t.param("title"), g.title)(t.param("description"), g.description);
    b(t.param("source"), g.source);
    b.finish(t.table);
}

void bind_objective(Statement& stmt, const model::Objective& o) {
    constexpr const auto& t = objective_table;
    RecordBinder b{stmt, t.size()};
    b(t.param("goal_id"), o.goal_id)(t.param("title"), o.title)(t.param("description"), o.description);
    b(t.param("verified"), o.verified)(t.param("source"), o.source);
    b.finish(t.table);
}

std::string sql(std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }

// The version, times and author every versioned record keeps, read and bound by their names in its list `t`.
template <const auto& t>
model::RecordMeta meta_from_row(const Statement& row) {
    return {static_cast<int>(row.integer(t.at("version"))), timestamp_from_column(row.integer(t.at("created_at"))),
            timestamp_from_column(row.integer(t.at("updated_at"))), row.text(t.at("author"))};
}
template <const auto& t>
void bind_meta(RecordBinder& b, const model::RecordMeta& meta) {
    b(t.param("version"), meta.version)(t.param("created_at"), to_column(meta.created_at));
    b(t.param("updated_at"), to_column(meta.updated_at))(t.param("author"), meta.author);
}

model::Mission mission_from_row(const Statement& row) {
    constexpr const auto& t = mission_table;
    model::Mission m;
    m.id = row.text(0);
    m.name = row.text(t.at("name"));
    m.lead_agency = row.text(t.at("lead_agency"));
    m.destination = row.text(t.at("destination"));
    m.target_body = row.optional_text(t.at("target_body"));
    m.kind = enum_from_column<model::MissionKind>(row.text(t.at("kind")), "missions.kind");
    m.type = enum_from_column<model::MissionType>(row.text(t.at("type")), "missions.type");
    static_assert(t.at("launch_start_precision") == t.at("launch_start_day") + 1 &&
                  t.at("launch_end_precision") == t.at("launch_end_day") + 1);
    if (auto start = planned_from_columns(row, t.at("launch_start_day"), "missions.launch_start")) {
        m.launch = model::LaunchWindow{*start, planned_from_columns(row, t.at("launch_end_day"), "missions.launch_end")};
    }
    if (!row.is_null(t.at("duration_days"))) m.duration_days = row.real(t.at("duration_days"));
    m.status = enum_from_column<model::MissionStatus>(row.text(t.at("status")), "missions.status");
    m.commitment = enum_from_column<model::Commitment>(row.text(t.at("commitment")), "missions.commitment");
    m.visibility = model::Visibility{
        enum_from_column<model::VisibilityScope>(row.text(t.at("visibility_scope")), "missions.visibility_scope"),
        {}};
    m.description = row.text(t.at("description"));
    m.source = row.text(t.at("source"));
    m.meta = meta_from_row<mission_table>(row);
    return m;
}

model::Capability capability_from_row(const Statement& row) {
    constexpr const auto& t = capability_table;
    model::Capability c;
    c.id = row.text(0);
    c.name = row.text(t.at("name"));
    c.provider = row.text(t.at("provider"));
    c.kind = enum_from_column<model::CapabilityKind>(row.text(t.at("kind")), "capabilities.kind");
    static_assert(t.at("readiness_precision") == t.at("readiness_day") + 1);
    c.readiness = planned_from_columns(row, t.at("readiness_day"), "capabilities.readiness");
    c.status = enum_from_column<model::CapabilityStatus>(row.text(t.at("status")), "capabilities.status");
    c.visibility = model::Visibility{
        enum_from_column<model::VisibilityScope>(row.text(t.at("visibility_scope")), "capabilities.visibility_scope"),
        {}};
    c.description = row.text(t.at("description"));
    c.source = row.text(t.at("source"));
    c.meta = meta_from_row<capability_table>(row);
    return c;
}

// Fills one list field of the records in `records` from a child table; rows come ordered by owner, position.
template <class Record>
void attach_children(Connection& db, std::vector<Record>& records, std::string_view select_sql,
                     const std::optional<std::string>& only_owner,
                     const std::function<std::vector<std::string>&(Record&)>& field) {
    if (records.empty()) return;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, i);
    Statement rows(db, select_sql);
    rows.bind(1, only_owner);
    while (rows.step()) {
        auto it = index.find(rows.text(0));
        if (it != index.end()) field(records[it->second]).push_back(rows.text(1));
    }
}

class SqlStore final : public Store {
public:
    explicit SqlStore(std::unique_ptr<Connection> connection) : m_connection(std::move(connection)) {
        m_db.migrate();
    }

    int schema_version() override { return m_db.schema_version(); }

    void replace_all(const model::Dataset& data, const Actor& actor) override {
        model::throw_if_any(model::validate(data));
        Transaction tx(m_db, Transaction::Kind::write);
        for (auto table : {"mission_partners", "mission_objectives", "mission_capabilities", "mission_precursors",
                           "mission_visibility", "capability_visibility", "edition_signatories", "missions",
                           "capabilities", "editions", "objectives", "goals", "destinations", "agencies"}) {
            m_db.exec(std::string("DELETE FROM ") + table);  // table names are constants, not values
        }
        insert_dataset(data);
        // The import may have changed who owns or reads a record: entries about it follow (removed records keep
        // their last state).
        for (const auto& m : data.missions) bring_entries_to_record_scope("mission", m.id);
        for (const auto& c : data.capabilities) bring_entries_to_record_scope("capability", c.id);
        const nlohmann::json after = {
            {"agencies", data.agencies.size()},         {"goals", data.goals.size()},
            {"objectives", data.objectives.size()},     {"destinations", data.destinations.size()},
            {"missions", data.missions.size()},         {"capabilities", data.capabilities.size()},
            {"editions", data.editions.size()},
        };
        write_audit(actor, "dataset", "", model::AuditAction::update, "", after.dump());
        tx.commit();
    }

    model::Dataset export_dataset() override {
        Transaction tx(m_db, Transaction::Kind::read);  // one consistent snapshot
        model::Dataset d;
        d.agencies = agencies();
        d.goals = goals();
        d.objectives = objectives();
        d.destinations = destinations();
        d.missions = missions({});
        d.capabilities = capabilities({});
        d.editions = editions();
        tx.commit();
        return d;
    }

    std::vector<model::Agency> agencies() override { return query_agencies(std::nullopt); }

    std::optional<model::Agency> agency(std::string_view code) override {
        auto found = query_agencies(std::string(code));
        if (found.empty()) return std::nullopt;
        return found.front();
    }

    std::vector<model::Goal> goals() override {
        constexpr const auto& t = goal_table;
        Statement rows(m_db, sql(goal_columns, "ORDER BY position"));
        std::vector<model::Goal> out;
        while (rows.step()) {
            out.push_back({rows.text(0), static_cast<int>(rows.integer(t.at("number"))), rows.text(t.at("title")),
                           rows.text(t.at("description")), rows.text(t.at("source"))});
        }
        return out;
    }

    std::vector<model::Objective> objectives() override {
        constexpr const auto& t = objective_table;
        Statement rows(m_db, sql(objective_columns, "ORDER BY position"));
        std::vector<model::Objective> out;
        while (rows.step()) {
            out.push_back({rows.text(0), rows.text(t.at("goal_id")), rows.text(t.at("title")),
                           rows.text(t.at("description")), rows.integer(t.at("verified")) != 0,
                           rows.text(t.at("source"))});
        }
        return out;
    }

    std::vector<model::Destination> destinations() override {
        Statement rows(m_db, "SELECT code, name, path_order, description FROM destinations ORDER BY position");
        std::vector<model::Destination> out;
        while (rows.step()) {
            out.push_back({rows.text(0), rows.text(1), static_cast<int>(rows.integer(2)), rows.text(3)});
        }
        return out;
    }

    std::vector<model::Mission> missions(const MissionFilter& filter) override {
        Statement rows(m_db, sql(mission_columns,
                                 "WHERE (CAST(?1 AS TEXT) IS NULL OR lead_agency = ?1 OR EXISTS (SELECT 1 FROM "
                                 "mission_partners p "
                                 "WHERE p.mission_id = missions.id AND p.agency = ?1)) "
                                 "AND (CAST(?2 AS TEXT) IS NULL OR lead_agency = ?2) AND (CAST(?3 AS TEXT) IS NULL "
                                 "OR destination = ?3) "
                                 "AND (CAST(?4 AS TEXT) IS NULL OR kind = ?4) AND (CAST(?5 AS TEXT) IS NULL OR "
                                 "status = ?5) "
                                 "ORDER BY position"));
        rows.bind(1, filter.agency).bind(2, filter.lead_agency).bind(3, filter.destination);
        if (filter.kind) rows.bind(4, model::to_string(*filter.kind));
        if (filter.status) rows.bind(5, model::to_string(*filter.status));
        std::vector<model::Mission> out;
        while (rows.step()) out.push_back(mission_from_row(rows));
        attach_mission_children(out, std::nullopt);
        return out;
    }

    std::optional<model::Mission> mission(std::string_view id) override {
        Statement rows(m_db, sql(mission_columns, "WHERE id = ?1"));
        rows.bind(1, id);
        if (!rows.step()) return std::nullopt;
        std::vector<model::Mission> one{mission_from_row(rows)};
        attach_mission_children(one, std::string(id));
        return one.front();
    }

    std::vector<model::Capability> capabilities(const CapabilityFilter& filter) override {
        Statement rows(m_db, sql(capability_columns,
                                 "WHERE (CAST(?1 AS TEXT) IS NULL OR provider = ?1) AND (CAST(?2 AS TEXT) IS NULL "
                                 "OR kind = ?2) "
                                 "AND (CAST(?3 AS TEXT) IS NULL OR status = ?3) ORDER BY position"));
        rows.bind(1, filter.provider);
        if (filter.kind) rows.bind(2, model::to_string(*filter.kind));
        if (filter.status) rows.bind(3, model::to_string(*filter.status));
        std::vector<model::Capability> out;
        while (rows.step()) out.push_back(capability_from_row(rows));
        attach_capability_children(out, std::nullopt);
        return out;
    }

    std::optional<model::Capability> capability(std::string_view id) override {
        Statement rows(m_db, sql(capability_columns, "WHERE id = ?1"));
        rows.bind(1, id);
        if (!rows.step()) return std::nullopt;
        std::vector<model::Capability> one{capability_from_row(rows)};
        attach_capability_children(one, std::string(id));
        return one.front();
    }

    std::vector<model::Edition> editions() override {
        Statement rows(m_db, "SELECT name, title, published, scenario, frozen, source FROM editions "
                             "ORDER BY position");
        std::vector<model::Edition> out;
        std::unordered_map<std::string, std::size_t> index;
        while (rows.step()) {
            model::Edition e;
            e.name = rows.text(0);
            e.title = rows.text(1);
            e.published = day_from_column(rows.text(2), "editions.published");
            e.scenario = rows.text(3);
            e.frozen = rows.integer(4) != 0;
            e.source = rows.text(5);
            index.emplace(e.name, out.size());
            out.push_back(std::move(e));
        }
        Statement signatories(m_db, "SELECT edition_name, agency FROM edition_signatories "
                                    "ORDER BY edition_name, position");
        while (signatories.step()) {
            auto it = index.find(signatories.text(0));
            if (it != index.end()) out[it->second].signatories.push_back(signatories.text(1));
        }
        return out;
    }

    model::Mission create_mission(const model::Mission& mission, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        auto slot_query = new_record_slot("missions", mission.id);
        auto newest_query = newest_entry("mission", mission.id);
        model::throw_if_any(model::validate(mission, references_of(mission, nullptr, actor)));
        const auto slot = read_slot(slot_query);
        if (slot.stored_version) throw ConflictError("mission", mission.id, 0, *slot.stored_version);
        model::Mission stored = mission;
        stored.meta = {1, now(), now(), actor_name(actor)};
        insert_mission(stored, slot.position);
        check_precursor_cycle(stored.id, stored.precursors, actor);
        write_creation_audit(actor, "mission", stored.id, model::to_json(stored).dump(),
                             written_scope(stored.lead_agency, stored.visibility), newest_query);
        tx.commit();
        return stored;
    }

    model::Mission update_mission(const model::Mission& mission, int expected_version, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = require_version(this->mission(mission.id), "mission", mission.id, expected_version);
        const auto refs = references_of(mission, &before, actor);
        model::throw_if_any(model::validate(mission, refs));
        model::Mission stored = mission;
        keep_unseen_references(stored, before, refs);
        stored.meta = {expected_version + 1, before.meta.created_at, now(), actor_name(actor)};
        Statement update(m_db, mission_update);
        update.bind(1, stored.id).bind(mission_table.last_param(), expected_version);
        bind_mission_fields(update, stored);
        update.run();
        if (m_db.changes() != 1) throw ConflictError("mission", mission.id, expected_version, -1);
        delete_mission_children(stored.id);
        insert_mission_children(stored);
        check_precursor_cycle(stored.id, stored.precursors, actor);
        write_audit(actor, "mission", stored.id, model::AuditAction::update, model::to_json(before).dump(),
                    model::to_json(stored).dump());
        tx.commit();
        return stored;
    }

    void delete_mission(std::string_view id, int expected_version, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = require_version(mission(id), "mission", id, expected_version);
        const auto users = referring_missions(
            "SELECT DISTINCT mission_id FROM mission_precursors WHERE precursor_id = ?1 AND mission_id <> ?1 "
            "ORDER BY mission_id",
            before.id, actor);
        if (!users.seen.empty()) {
            throw IntegrityError("mission '" + before.id + "' is a precursor of " + missions_text(users.seen) +
                                 "; change " + (users.seen.size() == 1 ? "that mission" : "those missions") +
                                 " first");
        }
        delete_mission_children(before.id);
        Statement remove(m_db, "DELETE FROM missions WHERE id = ?1 AND version = ?2");
        remove.bind(1, id).bind(2, expected_version).run();
        write_audit(actor, "mission", before.id, model::AuditAction::remove, model::to_json(before).dump(), "");
        for (const auto& user : users.unseen) {
            auto changed = user;
            std::erase(changed.precursors, before.id);
            detach(user, std::move(changed),
                   "precursor '" + before.id + "' removed: that mission was deleted by " + deleter(actor) +
                       ", who cannot read this mission");
        }
        tx.commit();
    }

    model::Capability create_capability(const model::Capability& capability, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        auto slot_query = new_record_slot("capabilities", capability.id);
        auto newest_query = newest_entry("capability", capability.id);
        model::throw_if_any(model::validate(capability, small_references()));
        const auto slot = read_slot(slot_query);
        if (slot.stored_version) throw ConflictError("capability", capability.id, 0, *slot.stored_version);
        model::Capability stored = capability;
        stored.meta = {1, now(), now(), actor_name(actor)};
        insert_capability(stored, slot.position);
        write_creation_audit(actor, "capability", stored.id, model::to_json(stored).dump(),
                             written_scope(stored.provider, stored.visibility), newest_query);
        tx.commit();
        return stored;
    }

    model::Capability update_capability(const model::Capability& capability, int expected_version,
                                        const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before =
            require_version(this->capability(capability.id), "capability", capability.id, expected_version);
        model::throw_if_any(model::validate(capability, small_references()));
        model::Capability stored = capability;
        stored.meta = {expected_version + 1, before.meta.created_at, now(), actor_name(actor)};
        Statement update(m_db, capability_update);
        update.bind(1, stored.id).bind(capability_table.last_param(), expected_version);
        bind_capability_fields(update, stored);
        update.run();
        if (m_db.changes() != 1) throw ConflictError("capability", capability.id, expected_version, -1);
        Statement clear(m_db, "DELETE FROM capability_visibility WHERE capability_id = ?1");
        clear.bind(1, stored.id).run();
        insert_capability_children(stored);
        write_audit(actor, "capability", stored.id, model::AuditAction::update, model::to_json(before).dump(),
                    model::to_json(stored).dump());
        tx.commit();
        return stored;
    }

    void delete_capability(std::string_view id, int expected_version, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = require_version(capability(id), "capability", id, expected_version);
        const auto users = referring_missions(
            "SELECT DISTINCT mission_id FROM mission_capabilities WHERE capability_id = ?1 ORDER BY mission_id",
            before.id, actor);
        if (!users.seen.empty()) {
            throw IntegrityError("capability '" + before.id + "' is required or provided by " +
                                 missions_text(users.seen) + "; change " +
                                 (users.seen.size() == 1 ? "that mission" : "those missions") + " first");
        }
        Statement clear(m_db, "DELETE FROM capability_visibility WHERE capability_id = ?1");
        clear.bind(1, id).run();
        Statement remove(m_db, "DELETE FROM capabilities WHERE id = ?1 AND version = ?2");
        remove.bind(1, id).bind(2, expected_version).run();
        write_audit(actor, "capability", before.id, model::AuditAction::remove, model::to_json(before).dump(),
                    "");
        for (const auto& user : users.unseen) {
            auto changed = user;
            std::erase(changed.capabilities_required, before.id);
            std::erase(changed.capabilities_provided, before.id);
            detach(user, std::move(changed),
                   "capability '" + before.id + "' removed: it was deleted by " + deleter(actor) +
                       ", who cannot read this mission");
        }
        tx.commit();
    }

    // ---- goals and objectives ----
    model::Goal create_goal(const model::Goal& goal, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        model::throw_if_any(model::validate(goal));
        if (find_goal(goal.id)) throw ConflictError("goal", goal.id, 0, 1);
        check_goal_number(goal);
        Statement insert(m_db, goal_insert);
        insert.bind(1, goal.id).bind(goal_table.last_param(), next_position("goals"));
        bind_goal(insert, goal);
        insert.run();
        write_audit(actor, "goal", goal.id, model::AuditAction::create, "", model::to_json(goal).dump());
        tx.commit();
        return goal;
    }

    model::Goal update_goal(const model::Goal& goal, const model::Goal& expected, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = current_goal(goal.id, expected);
        model::throw_if_any(model::validate(goal));
        check_goal_number(goal);
        Statement update(m_db, goal_update);
        update.bind(1, goal.id);
        bind_goal(update, goal);
        update.run();
        write_audit(actor, "goal", goal.id, model::AuditAction::update, model::to_json(before).dump(),
                    model::to_json(goal).dump());
        tx.commit();
        return goal;
    }

    void delete_goal(std::string_view id, const model::Goal& expected, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = current_goal(std::string(id), expected);
        Statement users(m_db, "SELECT id FROM objectives WHERE goal_id = ?1 ORDER BY position");
        users.bind(1, id);
        std::vector<std::string> objectives;
        while (users.step()) objectives.push_back(users.text(0));
        if (!objectives.empty()) {
            throw IntegrityError("goal '" + std::string(id) + "' still has " + std::to_string(objectives.size()) +
                                 " objective(s) (" + joined(objectives) +
                                 "); delete them or move them to another goal first");
        }
        Statement remove(m_db, "DELETE FROM goals WHERE id = ?1");
        remove.bind(1, id).run();
        write_audit(actor, "goal", before.id, model::AuditAction::remove, model::to_json(before).dump(), "");
        tx.commit();
    }

    model::Objective create_objective(const model::Objective& objective, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        model::throw_if_any(model::validate(objective, small_references()));
        if (find_objective(objective.id)) throw ConflictError("objective", objective.id, 0, 1);
        Statement insert(m_db, objective_insert);
        insert.bind(1, objective.id).bind(objective_table.last_param(), next_position("objectives"));
        bind_objective(insert, objective);
        insert.run();
        write_audit(actor, "objective", objective.id, model::AuditAction::create, "",
                    model::to_json(objective).dump());
        tx.commit();
        return objective;
    }

    model::Objective update_objective(const model::Objective& objective, const model::Objective& expected,
                                      const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = current_objective(objective.id, expected);
        model::throw_if_any(model::validate(objective, small_references()));
        Statement update(m_db, objective_update);
        update.bind(1, objective.id);
        bind_objective(update, objective);
        update.run();
        write_audit(actor, "objective", objective.id, model::AuditAction::update, model::to_json(before).dump(),
                    model::to_json(objective).dump());
        tx.commit();
        return objective;
    }

    void delete_objective(std::string_view id, const model::Objective& expected, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const auto before = current_objective(std::string(id), expected);
        Statement users(m_db, "SELECT mission_id FROM mission_objectives WHERE objective_id = ?1 "
                              "ORDER BY mission_id");
        users.bind(1, id);
        std::vector<std::string> missions;
        while (users.step()) missions.push_back(users.text(0));
        if (!missions.empty()) {
            throw IntegrityError("objective '" + std::string(id) + "' is addressed by " +
                                 std::to_string(missions.size()) + " mission(s) (" + joined(missions) +
                                 "); it cannot be deleted while missions address it");
        }
        Statement remove(m_db, "DELETE FROM objectives WHERE id = ?1");
        remove.bind(1, id).run();
        write_audit(actor, "objective", before.id, model::AuditAction::remove, model::to_json(before).dump(), "");
        tx.commit();
    }

    std::vector<model::AuditEntry> audit(const AuditFilter& filter) override {
        Statement rows(m_db, "SELECT id, at, actor, agency, record_kind, record_id, action, before_json, after_json, "
                             "note "
                             "FROM audit_log WHERE (CAST(?1 AS TEXT) IS NULL OR agency = ?1) AND (CAST(?2 AS TEXT) "
                             "IS NULL OR record_kind = ?2) "
                             "AND (CAST(?3 AS TEXT) IS NULL OR record_id = ?3) AND (CAST(?4 AS BIGINT) IS NULL OR "
                             "at >= ?4) "
                             "ORDER BY id LIMIT ?5");
        rows.bind(1, filter.agency).bind(2, filter.record_kind).bind(3, filter.record_id);
        if (filter.since) rows.bind(4, to_column(*filter.since));
        // NOTE: the largest count, not SQLite's LIMIT -1: PostgreSQL refuses a negative limit.
        rows.bind(5, filter.limit ? static_cast<long long>(*filter.limit) : std::numeric_limits<long long>::max());
        std::vector<model::AuditEntry> out;
        while (rows.step()) {
            out.push_back({rows.integer(0), timestamp_from_column(rows.integer(1)), rows.text(2), rows.text(3),
                           rows.text(4), rows.text(5), action_from_column(rows.text(6)), rows.text(7),
                           rows.text(8), rows.text(9)});
        }
        return out;
    }

    AuditPage audit_page(const AuditQuery& query) override {
        // NOTE: the read rule is server/access.hpp's, in SQL (tests/store/audit_page_test.cpp checks that they
        // agree). Conditions are constant fragments chosen by which filters are set, so that SQLite walks the index
        // that serves the page newest first and stops after `limit` + 1 rows: the read scope (anonymous), the owner
        // (a planner's audit log), the record (a record_id filter), or the ids themselves. A unary + keeps a term
        // off an index: the planner's rule is an OR that SQLite would otherwise answer by collecting every match
        // from three indices and sorting them (measured: 220 ms at 100k entries, against 30 us by ids).
        const bool secretariat = query.reader.role == Role::secretariat;
        const bool planner = query.reader.role == Role::planner && !query.reader.agency.empty();
        // NOTE: PostgreSQL's planner needs no such hint (and has no unary + for text): the terms stay bare there.
        const bool sqlite = m_db.dialect() == Dialect::sqlite;
        const std::string_view plus = sqlite ? "+" : "";
        const std::string_view off = query.record_id ? plus : "";  // the record's index serves a record_id filter
        std::string where = "WHERE id < ?1";
        if (query.view == AuditView::audit) {
            if (!secretariat) {
                if (!planner) return {};
                where += sql(" AND read_scope IS NOT NULL AND ", sql(off, "record_owner = ?2"));
            }
        } else if (!secretariat) {
            const std::string_view named =
                sqlite ? "EXISTS (SELECT 1 FROM json_each(read_agencies) WHERE value = ?2)"
                       : "EXISTS (SELECT 1 FROM jsonb_array_elements_text(read_agencies::jsonb) AS a(value) "
                         "WHERE a.value = ?2)";
            const std::string p(plus);
            where += planner ? " AND " + p + "read_scope IS NOT NULL AND (" + p + "read_scope IN ('public', "
                                   "'partners') OR " + p + "record_owner = ?2 OR (" + p + "read_scope = 'agencies' "
                                   "AND " + std::string(named) + "))"
                             : sql(" AND ", sql(off, "read_scope = 'public'"));
        }
        if (query.agency) where += " AND agency = ?3";
        if (query.record_kind) where += " AND record_kind = ?4";
        if (query.record_id) where += " AND record_id = ?5";
        // Entry times never go backwards (write_audit), so the first entry at or after `since` bounds the ids.
        if (query.since) {
            where += " AND at >= ?6 AND id >= (SELECT id FROM audit_log WHERE at >= ?6 ORDER BY at, id LIMIT 1)";
        }
        const bool content = query.view == AuditView::audit;
        // NOTE: the change feed reads no content: not the copies, nor the note (it names the records involved).
        Statement rows(m_db, sql(content ? "SELECT id, at, actor, agency, record_kind, record_id, action, before_json, "
                                           "after_json, note, record_owner, read_scope, read_agencies FROM audit_log "
                                         : "SELECT id, at, actor, agency, record_kind, record_id, action, '', '', '', "
                                           "record_owner, read_scope, read_agencies FROM audit_log ",
                                 where + " ORDER BY id DESC LIMIT ?7"));
        const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, max_audit_page);
        rows.bind(1, query.before.value_or(std::numeric_limits<long long>::max()));
        rows.bind(2, query.reader.agency).bind(3, query.agency).bind(4, query.record_kind).bind(5, query.record_id);
        if (query.since) rows.bind(6, to_column(*query.since));
        rows.bind(7, static_cast<long long>(limit + 1));  // one more tells whether an older page exists
        AuditPage page;
        while (rows.step()) {
            if (page.items.size() == limit) {
                page.next = page.items.back().entry.id;
                break;
            }
            page.items.push_back({{rows.integer(0), timestamp_from_column(rows.integer(1)), rows.text(2),
                                   rows.text(3), rows.text(4), rows.text(5), action_from_column(rows.text(6)),
                                   rows.text(7), rows.text(8), rows.text(9)},
                                  scope_from_columns(rows, 10)});
        }
        return page;
    }

    BackupSummary backup(const std::string& destination) override { return m_db.backup(destination); }

    void follow_changes() override { m_db.follow_changes(); }
    std::optional<bool> told_of_changes() override { return m_db.told_of_changes(); }

    long long last_change_id() override {
        if (auto* cache = m_db.counter_cache()) return cache->get([this] { return stored_counters(); }).roadmap;
        return stored_change_id();
    }

    long long community_change_id() override {
        if (auto* cache = m_db.counter_cache()) return cache->get([this] { return stored_counters(); }).community;
        Statement row(m_db, "SELECT value FROM change_counters WHERE name = 'community'");
        row.step();
        return row.integer(0);
    }

    // The roadmap's counter as the database has it (inside a transaction: as the transaction sees it).
    long long stored_change_id() {
        // NOTE: the server asks this once per request; preparing the statement each time was half of a cached
        // page's instructions (callgrind), so it is prepared once per connection.
        if (!m_last_change_id) {
            m_last_change_id.emplace(m_db, "SELECT value FROM change_counters WHERE name = 'roadmap'");
        }
        auto& row = *m_last_change_id;
        row.reset();
        row.step();
        const long long id = row.integer(0);
        row.reset();
        return id;
    }

    std::optional<std::vector<RecordChange>> changes_between(long long after, long long through) override {
        std::vector<RecordChange> out;
        if (through <= after) return out;
        Statement rows(m_db, "SELECT change_id, record_kind, record_id, action FROM audit_log "
                             "WHERE change_id > ?1 AND change_id <= ?2 ORDER BY change_id");
        rows.bind(1, after).bind(2, through);
        while (rows.step()) {
            out.push_back({rows.integer(0), rows.text(1), rows.text(2), action_from_column(rows.text(3))});
        }
        // Every number in the range has its entry, or the log cannot tell what changed.
        if (static_cast<long long>(out.size()) != through - after) return std::nullopt;
        return out;
    }

    // Both counters in one statement (one round trip), for the counter cache.
    sql::ChangeCounters stored_counters() {
        Statement row(m_db, "SELECT (SELECT value FROM change_counters WHERE name = 'roadmap'), "
                            "(SELECT value FROM change_counters WHERE name = 'community')");
        row.step();
        return {row.integer(0), row.integer(1)};
    }

    // ---- public comments (comment_tables.cpp) ----
    model::Comment create_comment(const NewComment& c) override { return m_comments.create(c); }
    std::optional<model::Comment> comment(long long id) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.find(id);
    }
    std::optional<model::Comment> comment_by_receipt(std::string_view receipt_digest) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.find_by_receipt(receipt_digest);
    }
    std::vector<model::Comment> comments(const CommentFilter& filter) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.list(filter);
    }
    long long count_comments(const CommentFilter& filter) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.count(filter);
    }
    CommentCounts count_recent_comments(std::string_view source, std::string_view email, Timestamp since) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.recent(source, email, since);
    }
    model::Comment moderate_comment(long long id, int expected_version, const model::CommentModeration& moderation,
                                    const Actor& actor) override {
        return m_comments.moderate(id, expected_version, moderation, actor);
    }
    model::Comment erase_commenter(long long id, const Actor& actor) override {
        return m_comments.erase_commenter(id, actor);
    }
    // ---- action items (action_item_tables.cpp) ----
    model::ActionItem create_action_item(const model::ActionItem& item, const Actor& actor) override {
        return m_actions.create(item, actor);
    }
    std::optional<model::ActionItem> action_item(long long id) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_actions.find(id);
    }
    std::vector<model::ActionItem> action_items(std::optional<std::string_view> workshop) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_actions.list(workshop);
    }
    model::ActionItem update_action_item(const model::ActionItem& item, int expected_version,
                                         const Actor& actor) override {
        return m_actions.update(item, expected_version, actor);
    }
    // ---- content pages (page_tables.cpp) ----
    std::vector<model::PageRevision> content_pages() override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_pages.latest();
    }
    std::optional<model::PageRevision> content_page(std::string_view slug, std::optional<int> revision) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_pages.find(slug, revision);
    }
    std::vector<model::PageRevision> page_history(std::string_view slug) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_pages.history(slug);
    }
    model::PageRevision save_page(const model::PageRevision& page, int expected_revision, const Actor& actor) override {
        return m_pages.save(page, expected_revision, actor);
    }
    std::size_t seed_pages(const std::vector<model::PageRevision>& pages) override { return m_pages.seed(pages); }

    std::vector<OutboxMessage> outbox(bool unsent_only) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_comments.outbox(unsent_only);
    }
    bool mark_outbox_sent(long long id) override {
        Transaction tx(m_db, Transaction::Kind::write);
        const bool marked = m_comments.mark_sent(id);
        tx.commit();
        return marked;
    }

    // ---- workshops (workshop_tables.cpp) ----
    model::Workshop create_workshop(const model::Workshop& workshop, const Actor& actor) override {
        return m_workshops.create(workshop, actor);
    }
    std::optional<model::Workshop> workshop(std::string_view id) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.find(id);
    }
    std::vector<model::Workshop> workshops() override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.list();
    }
    RegistrationCounts registration_counts(std::string_view workshop) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.counts(workshop);
    }
    RegistrationResult register_for_workshop(const NewRegistration& registration) override {
        return m_workshops.register_for(registration);
    }
    std::optional<model::Registration> registration_by_token(std::string_view token_digest) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.find_registration(token_digest);
    }
    CancelResult cancel_registration(std::string_view token_digest, const Actor& actor) override {
        return m_workshops.cancel(token_digest, actor);
    }
    std::vector<model::Registration> registrations(std::string_view workshop) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.registrations(workshop);
    }
    RegistrationRecentCounts count_recent_registrations(std::string_view source, std::string_view email,
                                                        Timestamp since) override {
        Transaction tx(m_db, Transaction::Kind::read);
        return m_workshops.recent(source, email, since);
    }
    PurgeResult purge_registrations(Timestamp now, int after_days, const Actor& actor) override {
        return m_workshops.purge(now, after_days, actor);
    }

    // ---- frozen editions ----
    void freeze_edition(const model::Dataset& snapshot, std::optional<long long> expected_change_id,
                        const Actor& actor) override {
        if (snapshot.editions.size() != 1) {
            throw model::ValidationError({{"/editions", "an edition snapshot holds exactly one edition, found " +
                                                            std::to_string(snapshot.editions.size())}});
        }
        model::throw_if_any(model::validate(snapshot));
        auto frozen = snapshot;
        frozen.editions.front().frozen = true;
        const auto& e = frozen.editions.front();
        Transaction tx(m_db, Transaction::Kind::write);
        if (expected_change_id) {
            const long long actual = stored_change_id();  // this transaction's, never a kept one
            if (actual != *expected_change_id) {
                // NOTE: change ids as versions: the records moved on since the caller exported them.
                throw ConflictError("edition", e.name, static_cast<int>(*expected_change_id), static_cast<int>(actual));
            }
        }
        {
            Statement exists(m_db, "SELECT 1 FROM edition_snapshots WHERE name = ?1");
            exists.bind(1, e.name);
            if (exists.step()) throw ConflictError("frozen edition", e.name, 0, 1);
        }
        Statement insert(m_db, "INSERT INTO edition_snapshots (name, frozen_at, frozen_by, dataset) "
                               "VALUES (?1, ?2, ?3, ?4)");
        insert.bind(1, e.name).bind(2, to_column(now())).bind(3, actor_name(actor));
        insert.bind(4, model::to_json(frozen).dump()).run();

        bool listed = false;
        {
            Statement exists(m_db, "SELECT 1 FROM editions WHERE name = ?1");
            exists.bind(1, e.name);
            listed = exists.step();
        }
        if (listed) {
            Statement update(m_db, "UPDATE editions SET frozen = 1 WHERE name = ?1");
            update.bind(1, e.name).run();
        } else {
            Statement add(m_db, "INSERT INTO editions (name, position, title, published, scenario, frozen, source) "
                                "SELECT ?1, COALESCE(MAX(position) + 1, 0), ?2, ?3, ?4, 1, ?5 FROM editions");
            add.bind(1, e.name).bind(2, e.title).bind(3, iso_day(e.published)).bind(4, e.scenario).bind(5, e.source);
            add.run();
            insert_list("INSERT INTO edition_signatories (edition_name, position, agency) VALUES (?1, ?2, ?3)",
                        e.name, e.signatories);
        }
        const nlohmann::json after = {{"edition", e.name},
                                      {"missions", frozen.missions.size()},
                                      {"capabilities", frozen.capabilities.size()}};
        write_audit(actor, "edition", e.name, model::AuditAction::create, "", after.dump());
        tx.commit();
    }

    std::optional<EditionSnapshot> edition_snapshot(std::string_view name) override {
        Statement row(m_db, "SELECT frozen_at, frozen_by, dataset FROM edition_snapshots WHERE name = ?1");
        row.bind(1, name);
        if (!row.step()) return std::nullopt;
        EditionSnapshot out;
        out.frozen_at = timestamp_from_column(row.integer(0));
        out.frozen_by = row.text(1);
        out.data = model::dataset_from_json(nlohmann::json::parse(row.text(2)));
        return out;
    }

    std::vector<std::string> frozen_editions() override {
        // NOTE: PostgreSQL has no rowid; its edition_snapshots has a seq column in insertion order instead.
        Statement rows(m_db, m_db.dialect() == Dialect::sqlite
                                 ? "SELECT name FROM edition_snapshots ORDER BY frozen_at, rowid"
                                 : "SELECT name FROM edition_snapshots ORDER BY frozen_at, seq");
        std::vector<std::string> out;
        while (rows.step()) out.push_back(rows.text(0));
        return out;
    }

    void put_edition_artefact(std::string_view edition, const EditionArtefact& artefact) override {
        Transaction tx(m_db, Transaction::Kind::write);
        {
            Statement exists(m_db, "SELECT 1 FROM edition_snapshots WHERE name = ?1");
            exists.bind(1, edition);
            if (!exists.step()) throw NotFoundError("edition '" + std::string(edition) + "' is not frozen");
        }
        {
            Statement exists(m_db, "SELECT 1 FROM edition_artefacts WHERE edition_name = ?1 AND kind = ?2");
            exists.bind(1, edition).bind(2, artefact.kind);
            if (exists.step()) {
                throw ConflictError("artefact", std::string(edition) + "/" + artefact.kind, 0, 1);
            }
        }
        Statement insert(m_db, "INSERT INTO edition_artefacts (edition_name, kind, media_type, content, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
        insert.bind(1, edition).bind(2, artefact.kind).bind(3, artefact.media_type);
        insert.bind_blob(4, artefact.content).bind(5, to_column(now())).run();
        tx.commit();
    }

    std::optional<EditionArtefact> edition_artefact(std::string_view edition, std::string_view kind) override {
        Statement row(m_db, "SELECT kind, media_type, content, created_at FROM edition_artefacts "
                            "WHERE edition_name = ?1 AND kind = ?2");
        row.bind(1, edition).bind(2, kind);
        if (!row.step()) return std::nullopt;
        return EditionArtefact{row.text(0), row.text(1), row.blob(2), timestamp_from_column(row.integer(3))};
    }

    std::vector<EditionArtefact> edition_artefacts(std::string_view edition) override {
        Statement rows(m_db, "SELECT kind, media_type, created_at FROM edition_artefacts WHERE edition_name = ?1 "
                             "ORDER BY kind");
        rows.bind(1, edition);
        std::vector<EditionArtefact> out;
        while (rows.step()) out.push_back({rows.text(0), rows.text(1), {}, timestamp_from_column(rows.integer(2))});
        return out;
    }

    // ---- accounts ----

    void create_user(const User& user, const Actor& actor) override {
        Transaction tx(m_db, Transaction::Kind::write);
        if (this->user(user.name)) throw ConflictError("user", user.name, 0, 1);
        Statement insert(m_db, "INSERT INTO users (name, agency, role, password_hash, created_at, last_visit) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, NULL)");
        insert.bind(1, user.name).bind(2, user.agency).bind(3, to_string(user.role)).bind(4, user.password_hash);
        insert.bind(5, to_column(now())).run();
        const nlohmann::json after = {{"name", user.name}, {"agency", user.agency}, {"role", to_string(user.role)}};
        write_audit(actor, "user", user.name, model::AuditAction::create, "", after.dump());
        tx.commit();
    }

    std::optional<User> user(std::string_view name) override {
        auto found = query_users("WHERE name = ?1", name);
        if (found.empty()) return std::nullopt;
        return found.front();
    }

    std::vector<User> users() override { return query_users("", std::nullopt); }

    std::optional<model::Timestamp> record_visit(std::string_view name, model::Timestamp at) override {
        Transaction tx(m_db, Transaction::Kind::write);
        auto before = user(name);
        if (!before) throw NotFoundError("no user '" + std::string(name) + "'");
        Statement update(m_db, "UPDATE users SET last_visit = ?2 WHERE name = ?1");
        update.bind(1, name).bind(2, to_column(at)).run();
        tx.commit();
        return before->last_visit;
    }

    long long create_token(std::string_view user_name, std::string_view digest, std::string_view label) override {
        Transaction tx(m_db, Transaction::Kind::write);
        if (!user(user_name)) throw NotFoundError("no user '" + std::string(user_name) + "'");
        Statement insert(m_db, "INSERT INTO api_tokens (token_digest, user_name, label, created_at, revoked_at) "
                               "VALUES (?1, ?2, ?3, ?4, NULL) RETURNING id");
        insert.bind(1, digest).bind(2, user_name).bind(3, label).bind(4, to_column(now()));
        const long long id = insert.run_returning_id();
        const nlohmann::json after = {{"id", id}, {"user", user_name}, {"label", label}};
        write_audit({std::string(user_name), ""}, "token", std::to_string(id), model::AuditAction::create, "",
                    after.dump());
        tx.commit();
        return id;
    }

    std::optional<User> user_by_token(std::string_view digest) override {
        auto found = query_users("WHERE name = (SELECT user_name FROM api_tokens WHERE token_digest = ?1 "
                                 "AND revoked_at IS NULL)",
                                 digest);
        if (found.empty()) return std::nullopt;
        return found.front();
    }

    std::vector<ApiToken> tokens(std::string_view user_name) override {
        Statement rows(m_db, "SELECT id, user_name, label, created_at, revoked_at FROM api_tokens "
                             "WHERE user_name = ?1 ORDER BY id");
        rows.bind(1, user_name);
        std::vector<ApiToken> out;
        while (rows.step()) {
            ApiToken t{rows.integer(0), rows.text(1), rows.text(2), timestamp_from_column(rows.integer(3)), {}};
            if (!rows.is_null(4)) t.revoked_at = timestamp_from_column(rows.integer(4));
            out.push_back(std::move(t));
        }
        return out;
    }

    bool revoke_token(long long id, std::string_view user_name) override {
        Transaction tx(m_db, Transaction::Kind::write);
        Statement update(m_db, "UPDATE api_tokens SET revoked_at = ?3 WHERE id = ?1 AND user_name = ?2 "
                               "AND revoked_at IS NULL");
        update.bind(1, id).bind(2, user_name).bind(3, to_column(now())).run();
        const bool revoked = m_db.changes() == 1;
        if (revoked) {
            write_audit({std::string(user_name), ""}, "token", std::to_string(id), model::AuditAction::remove,
                        nlohmann::json{{"id", id}, {"user", user_name}}.dump(), "");
        }
        tx.commit();
        return revoked;
    }

    void create_session(std::string_view digest, const Session& session) override {
        Transaction tx(m_db, Transaction::Kind::write);
        // Expired sessions go when new ones come: the table stays as small as the set of live sessions.
        Statement purge(m_db, "DELETE FROM sessions WHERE expires_at <= ?1");
        purge.bind(1, to_column(now())).run();
        Statement insert(m_db, "INSERT INTO sessions (session_digest, user_name, csrf, created_at, expires_at, "
                               "previous_visit) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, digest).bind(2, session.user).bind(3, session.csrf).bind(4, to_column(session.created_at));
        insert.bind(5, to_column(session.expires_at));
        if (session.previous_visit) {
            insert.bind(6, to_column(*session.previous_visit));
        } else {
            insert.bind_null(6);
        }
        insert.run();
        tx.commit();
    }

    std::optional<Session> session(std::string_view digest, model::Timestamp at) override {
        Statement row(m_db, "SELECT user_name, csrf, created_at, expires_at, previous_visit FROM sessions "
                            "WHERE session_digest = ?1 AND expires_at > ?2");
        row.bind(1, digest).bind(2, to_column(at));
        if (!row.step()) return std::nullopt;
        Session s{row.text(0), row.text(1), timestamp_from_column(row.integer(2)),
                  timestamp_from_column(row.integer(3)), {}};
        if (!row.is_null(4)) s.previous_visit = timestamp_from_column(row.integer(4));
        return s;
    }

    void delete_session(std::string_view digest) override {
        Statement remove(m_db, "DELETE FROM sessions WHERE session_digest = ?1");
        remove.bind(1, digest).run();
    }

    // ---- login throttling ----

    std::vector<ThrottleEntry> throttle_entries(const std::vector<std::string>& keys) override {
        std::vector<ThrottleEntry> out;
        Statement row(m_db, "SELECT key, level, failures, last_ms, until_ms FROM login_throttle WHERE key = ?1");
        for (const auto& key : keys) {
            row.bind(1, key);
            if (row.step()) out.push_back({row.text(0), row.real(1), row.integer(2), row.integer(3), row.integer(4)});
            row.reset();
        }
        return out;
    }

    std::vector<ThrottleEntry> update_throttle_entries(
        const std::vector<std::string>& keys, long long expire_before_ms,
        const std::function<void(std::vector<ThrottleEntry>&)>& change) override {
        Transaction tx(m_db, Transaction::Kind::write);
        Statement expire(m_db, "DELETE FROM login_throttle WHERE last_ms < ?1");
        expire.bind(1, expire_before_ms).run();
        std::vector<ThrottleEntry> entries;
        for (const auto& key : keys) {
            auto found = throttle_entries({key});
            entries.push_back(found.empty() ? ThrottleEntry{key} : found.front());
        }
        change(entries);
        Statement upsert(m_db, "INSERT INTO login_throttle (key, level, failures, last_ms, until_ms) VALUES (?1, ?2, "
                               "?3, ?4, ?5) ON CONFLICT (key) DO UPDATE SET level = excluded.level, failures = "
                               "excluded.failures, last_ms = excluded.last_ms, until_ms = excluded.until_ms");
        Statement remove(m_db, "DELETE FROM login_throttle WHERE key = ?1");
        for (const auto& e : entries) {
            if (e.failures == 0 && e.level <= 0) {
                remove.bind(1, e.key).run();
            } else {
                upsert.bind(1, e.key).bind(2, e.level).bind(3, e.failures).bind(4, e.last_ms).bind(5, e.until_ms).run();
            }
        }
        tx.commit();
        return entries;
    }

    void delete_throttle_entry(std::string_view key) override {
        Statement remove(m_db, "DELETE FROM login_throttle WHERE key = ?1");
        remove.bind(1, key).run();
    }

    // ---- derived results ----

    void put_derived(const DerivedResult& r) override {
        Statement upsert(m_db, "INSERT INTO derived_results (kind, id, key, content, computed_at) VALUES (?1, ?2, "
                               "?3, ?4, ?5) "
                               "ON CONFLICT (kind, id) DO UPDATE SET key = excluded.key, content = excluded.content, "
                               "computed_at = excluded.computed_at");
        upsert.bind(1, r.kind).bind(2, r.id).bind(3, r.key).bind(4, r.content).bind(5, to_column(r.computed_at)).run();
    }

    std::optional<DerivedResult> derived(std::string_view kind, std::string_view id) override {
        Statement row(m_db, "SELECT key, content, computed_at FROM derived_results WHERE kind = ?1 AND id = ?2");
        row.bind(1, kind).bind(2, id);
        if (!row.step()) return std::nullopt;
        return DerivedResult{std::string(kind), std::string(id), row.text(0), row.text(1),
                             timestamp_from_column(row.integer(2))};
    }

    // ---- NEA survey runs ----

    long long begin_survey_run(const SurveyRun& run) override {
        Transaction tx(m_db, Transaction::Kind::write);
        Statement insert(m_db, "INSERT INTO survey_runs (state, started_at, updated_at, criteria, catalogue, device, "
                               "planned, done, legs_solved) VALUES ('running', ?1, ?1, ?2, ?3, ?4, ?5, 0, 0) "
                               "RETURNING id");
        insert.bind(1, to_column(now())).bind(2, run.criteria).bind(3, run.catalogue).bind(4, run.device);
        insert.bind(5, run.planned);
        const long long id = insert.run_returning_id();
        tx.commit();
        return id;
    }

    void report_survey_progress(long long id, long long done, long long legs_solved) override {
        Transaction tx(m_db, Transaction::Kind::write);
        require_running(id);
        Statement update(m_db, "UPDATE survey_runs SET done = ?2, legs_solved = ?3, updated_at = ?4 WHERE id = ?1");
        update.bind(1, id).bind(2, done).bind(3, legs_solved).bind(4, to_column(now())).run();
        tx.commit();
    }

    void add_survey_targets(long long id, const std::vector<SurveyTarget>& targets) override {
        Transaction tx(m_db, Transaction::Kind::write);
        require_running(id);
        Statement exists(m_db, "SELECT 1 FROM survey_targets WHERE run_id = ?1 AND designation = ?2");
        Statement insert(m_db, "INSERT INTO survey_targets (run_id, designation, h_mag, viable_count, min_dv_km_s, "
                               "min_duration_days, min_dv_launch, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& t : targets) {
            exists.bind(1, id).bind(2, t.designation);
            const bool taken = exists.step();
            exists.reset();
            if (taken) throw ConflictError("survey target", t.designation, 0, 1);
            insert.bind(1, id).bind(2, t.designation).bind(3, t.h_mag).bind(4, t.viable_count);
            insert.bind(5, t.min_dv_km_s).bind(6, t.min_duration_days).bind(7, t.min_dv_launch).bind(8, t.detail);
            insert.run();
        }
        tx.commit();
    }

    void end_survey_run(long long id, SurveyRunState state, std::string_view message) override {
        if (state == SurveyRunState::running) throw std::invalid_argument("a survey run ends complete, cancelled or "
                                                                          "failed");
        Transaction tx(m_db, Transaction::Kind::write);
        require_running(id);
        Statement update(m_db, "UPDATE survey_runs SET state = ?2, message = ?3, finished_at = ?4, updated_at = ?4 "
                               "WHERE id = ?1");
        update.bind(1, id).bind(2, to_string(state)).bind(3, message).bind(4, to_column(now())).run();
        tx.commit();
    }

    std::optional<SurveyRun> survey_run(long long id) override {
        Statement row(m_db, sql(survey_run_columns, " WHERE id = ?1"));
        row.bind(1, id);
        if (!row.step()) return std::nullopt;
        return survey_run_from(row);
    }

    std::optional<SurveyRun> latest_survey_run(std::optional<SurveyRunState> state) override {
        Statement row(m_db, sql(survey_run_columns, state ? " WHERE state = ?1 ORDER BY id DESC LIMIT 1"
                                                          : " ORDER BY id DESC LIMIT 1"));
        if (state) row.bind(1, to_string(*state));
        if (!row.step()) return std::nullopt;
        return survey_run_from(row);
    }

    std::vector<SurveyTarget> survey_targets(long long id) override {
        Statement rows(m_db, "SELECT designation, h_mag, viable_count, min_dv_km_s, min_duration_days, min_dv_launch, "
                             "detail FROM survey_targets WHERE run_id = ?1 ORDER BY designation");
        rows.bind(1, id);
        std::vector<SurveyTarget> out;
        const auto optional_real = [&](int column) {
            return rows.is_null(column) ? std::nullopt : std::optional<double>(rows.real(column));
        };
        while (rows.step()) {
            out.push_back({rows.text(0), optional_real(1), rows.integer(2), optional_real(3), optional_real(4),
                           rows.optional_text(5), rows.text(6)});
        }
        return out;
    }

private:
    static constexpr const char* survey_run_columns =
        "SELECT id, state, started_at, updated_at, finished_at, criteria, catalogue, device, planned, done, "
        "legs_solved, message FROM survey_runs";

    static SurveyRun survey_run_from(Statement& row) {
        SurveyRun r;
        r.id = row.integer(0);
        const auto state = survey_run_state_from(row.text(1));
        if (!state) throw StoreError("survey run " + std::to_string(r.id) + " has an unknown state '" + row.text(1) + "'");
        r.state = *state;
        r.started_at = timestamp_from_column(row.integer(2));
        r.updated_at = timestamp_from_column(row.integer(3));
        if (!row.is_null(4)) r.finished_at = timestamp_from_column(row.integer(4));
        r.criteria = row.text(5);
        r.catalogue = row.text(6);
        r.device = row.text(7);
        r.planned = row.integer(8);
        r.done = row.integer(9);
        r.legs_solved = row.integer(10);
        r.message = row.text(11);
        return r;
    }

    // Inside a write transaction.
    void require_running(long long id) {
        Statement row(m_db, "SELECT state FROM survey_runs WHERE id = ?1");
        row.bind(1, id);
        if (!row.step()) throw NotFoundError("survey run " + std::to_string(id) + " does not exist");
        if (row.text(0) != "running") {
            throw StoreError("survey run " + std::to_string(id) + " has ended (" + row.text(0) + ")");
        }
    }

    std::vector<User> query_users(std::string_view where, std::optional<std::string_view> value) {
        Statement rows(m_db, sql("SELECT name, agency, role, password_hash, created_at, last_visit FROM users ",
                                 sql(where, " ORDER BY name")));
        if (value) rows.bind(1, *value);
        std::vector<User> out;
        while (rows.step()) {
            auto role = parse_role(rows.text(2));
            if (!role) throw StoreError("corrupt users.role in the database: '" + rows.text(2) + "'");
            User u{rows.text(0), rows.text(1), *role, rows.text(3), timestamp_from_column(rows.integer(4)), {}};
            if (!rows.is_null(5)) u.last_visit = timestamp_from_column(rows.integer(5));
            out.push_back(std::move(u));
        }
        return out;
    }

    std::vector<model::Agency> query_agencies(const std::optional<std::string>& code) {
        Statement rows(m_db, "SELECT code, name, country, member_since, source FROM agencies "
                             "WHERE (CAST(?1 AS TEXT) IS NULL OR code = ?1) ORDER BY position");
        rows.bind(1, code);
        std::vector<model::Agency> out;
        while (rows.step()) {
            out.push_back({rows.text(0), rows.text(1), rows.text(2), static_cast<int>(rows.integer(3)),
                           rows.text(4)});
        }
        return out;
    }

    void attach_mission_children(std::vector<model::Mission>& missions, const std::optional<std::string>& only) {
        using model::Mission;
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, agency FROM mission_partners WHERE (CAST(?1 AS TEXT) IS NULL "
                                 "OR mission_id = ?1) "
                                 "ORDER BY mission_id, position",
                                 only, [](Mission& m) -> std::vector<std::string>& { return m.partners; });
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, objective_id FROM mission_objectives WHERE (CAST(?1 AS TEXT) "
                                 "IS NULL OR "
                                 "mission_id = ?1) ORDER BY mission_id, position",
                                 only, [](Mission& m) -> std::vector<std::string>& { return m.objectives; });
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, capability_id FROM mission_capabilities WHERE role = 'required' "
                                 "AND (CAST(?1 AS TEXT) IS NULL OR mission_id = ?1) ORDER BY mission_id, position",
                                 only,
                                 [](Mission& m) -> std::vector<std::string>& { return m.capabilities_required; });
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, capability_id FROM mission_capabilities WHERE role = 'provided' "
                                 "AND (CAST(?1 AS TEXT) IS NULL OR mission_id = ?1) ORDER BY mission_id, position",
                                 only,
                                 [](Mission& m) -> std::vector<std::string>& { return m.capabilities_provided; });
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, precursor_id FROM mission_precursors WHERE (CAST(?1 AS TEXT) "
                                 "IS NULL OR "
                                 "mission_id = ?1) ORDER BY mission_id, position",
                                 only, [](Mission& m) -> std::vector<std::string>& { return m.precursors; });
        attach_children<Mission>(m_db, missions,
                                 "SELECT mission_id, agency FROM mission_visibility WHERE (CAST(?1 AS TEXT) IS NULL "
                                 "OR mission_id = ?1) "
                                 "ORDER BY mission_id, position",
                                 only, [](Mission& m) -> std::vector<std::string>& { return m.visibility->agencies; });
    }

    void attach_capability_children(std::vector<model::Capability>& capabilities,
                                    const std::optional<std::string>& only) {
        attach_children<model::Capability>(
            m_db, capabilities,
            "SELECT capability_id, agency FROM capability_visibility WHERE (CAST(?1 AS TEXT) IS NULL OR "
            "capability_id = ?1) "
            "ORDER BY capability_id, position",
            only, [](model::Capability& c) -> std::vector<std::string>& { return c.visibility->agencies; });
    }

    // The ids that checking `mission` (and carrying over the references of `before`, the stored record it
    // replaces) needs, as they stand inside the current transaction: the few-row tables whole, but of the missions
    // and capabilities only those it names that exist and that `actor` may read. A hidden id therefore fails
    // validation exactly where and as an absent one does ("unknown capability ..."). The cost grows with the
    // references, not with the roadmap: every write runs in the write turn.
    model::References references_of(const model::Mission& mission, const model::Mission* before, const Actor& actor) {
        model::References refs = small_references();
        std::set<std::string> capabilities(mission.capabilities_required.begin(), mission.capabilities_required.end());
        capabilities.insert(mission.capabilities_provided.begin(), mission.capabilities_provided.end());
        std::set<std::string> missions(mission.precursors.begin(), mission.precursors.end());
        if (before) {
            capabilities.insert(before->capabilities_required.begin(), before->capabilities_required.end());
            capabilities.insert(before->capabilities_provided.begin(), before->capabilities_provided.end());
            missions.insert(before->precursors.begin(), before->precursors.end());
        }
        refs.capabilities = readable_among(capabilities, "SELECT provider, visibility_scope FROM capabilities WHERE "
                                                         "id = ?1",
                                           "SELECT agency FROM capability_visibility WHERE capability_id = ?1 "
                                           "ORDER BY position",
                                           actor);
        refs.missions = readable_among(missions, "SELECT lead_agency, visibility_scope FROM missions WHERE id = ?1",
                                       "SELECT agency FROM mission_visibility WHERE mission_id = ?1 ORDER BY position",
                                       actor);
        return refs;
    }

    // Of `ids`, those stored (record_sql: owner and scope by id) that `actor` may read (agencies_sql: the
    // named agencies by id).
    std::vector<std::string> readable_among(const std::set<std::string>& ids, std::string_view record_sql,
                                            std::string_view agencies_sql, const Actor& actor) {
        std::vector<std::string> out;
        if (ids.empty()) return out;
        Statement record(m_db, record_sql);
        Statement agencies(m_db, agencies_sql);
        for (const auto& id : ids) {
            record.reset();
            record.bind(1, id);
            const bool stored = record.step();
            // NOTE: the named agencies are read for an absent id too, so that a refusal costs the same two
            // lookups whether the record is hidden from the actor or does not exist.
            std::vector<std::string> named;
            agencies.reset();
            agencies.bind(1, id);
            while (agencies.step()) named.push_back(agencies.text(0));
            if (!stored) continue;
            if (actor.reads) {
                const model::Visibility visibility{
                    enum_from_column<model::VisibilityScope>(record.text(1), "visibility_scope"), std::move(named)};
                if (!actor.reads(visibility, record.text(0))) continue;
            }
            out.push_back(id);
        }
        return out;
    }

    // References of `before` (the stored record) to records outside `refs` (those the actor may not read) are
    // carried over into `changed`, after its own: the actor never saw them, so its edit leaves them alone.
    static void keep_unseen_references(model::Mission& changed, const model::Mission& before,
                                       const model::References& refs) {
        const std::unordered_set<std::string> capabilities(refs.capabilities.begin(), refs.capabilities.end());
        const std::unordered_set<std::string> missions(refs.missions.begin(), refs.missions.end());
        const auto carry = [](std::vector<std::string>& to, const std::vector<std::string>& from,
                              const std::unordered_set<std::string>& seen) {
            for (const auto& id : from) {
                if (!seen.count(id)) to.push_back(id);
            }
        };
        carry(changed.capabilities_required, before.capabilities_required, capabilities);
        carry(changed.capabilities_provided, before.capabilities_provided, capabilities);
        carry(changed.precursors, before.precursors, missions);
    }

    struct ReferringMissions {
        std::vector<std::string> seen;        // ids of those the actor may read
        std::vector<model::Mission> unseen;   // the others, as stored
    };

    // The missions that `select_sql` (?1 = the record's id) finds referring to a record, split by whether
    // `actor` may read them.
    ReferringMissions referring_missions(std::string_view select_sql, const std::string& id, const Actor& actor) {
        std::vector<std::string> ids;
        {
            Statement select(m_db, select_sql);
            select.bind(1, id);
            while (select.step()) ids.push_back(select.text(0));
        }
        ReferringMissions out;
        for (const auto& user_id : ids) {
            auto user = mission(user_id);
            if (!user) continue;
            if (reads(actor, user->visibility, user->lead_agency)) {
                out.seen.push_back(user_id);
            } else {
                out.unseen.push_back(std::move(*user));
            }
        }
        return out;
    }

    static std::string missions_text(const std::vector<std::string>& ids) {
        std::string out = ids.size() == 1 ? "mission " : "missions ";
        for (std::size_t i = 0; i < ids.size(); ++i) out += (i == 0 ? "'" : ", '") + ids[i] + "'";
        return out;
    }

    static std::string deleter(const Actor& actor) {
        return actor.agency.empty() ? actor_name(actor) : actor.agency;
    }

    // Stores `changed` (a reference removed from `before`) as the system's change: version + 1, so its owner's
    // edit based on the old version gets ConflictError instead of silently undoing or losing this.
    void detach(const model::Mission& before, model::Mission changed, const std::string& note) {
        changed.meta = {before.meta.version + 1, before.meta.created_at, now(), actor_name(system_actor)};
        Statement update(m_db, "UPDATE missions SET version = ?3, updated_at = ?4, author = ?5 "
                               "WHERE id = ?1 AND version = ?2");
        update.bind(1, before.id).bind(2, before.meta.version).bind(3, changed.meta.version);
        update.bind(4, to_column(changed.meta.updated_at)).bind(5, changed.meta.author).run();
        if (m_db.changes() != 1) throw ConflictError("mission", before.id, before.meta.version, -1);
        delete_mission_children(changed.id);
        insert_mission_children(changed);
        write_audit(system_actor, "mission", changed.id, model::AuditAction::update, model::to_json(before).dump(),
                    model::to_json(changed).dump(), note);
    }

    // The tables of tens of rows (agencies, destinations, objectives, goals) whole; no missions or capabilities.
    // NOTE: one statement, not four: on PostgreSQL each is a round trip made while holding the writers' lock.
    model::References small_references() {
        model::References refs;
        Statement rows(m_db, "SELECT 0, code, position FROM agencies UNION ALL SELECT 1, code, position FROM "
                             "destinations UNION ALL SELECT 2, id, position FROM objectives UNION ALL "
                             "SELECT 3, id, position FROM goals ORDER BY 1, 3");
        std::vector<std::string>* lists[] = {&refs.agencies, &refs.destinations, &refs.objectives, &refs.goals};
        while (rows.step()) lists[rows.integer(0)]->push_back(rows.text(1));
        return refs;
    }

    static std::string joined(const std::vector<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
        return out;
    }

    std::optional<model::Goal> find_goal(const std::string& id) {
        for (auto& g : goals()) {
            if (g.id == id) return g;
        }
        return std::nullopt;
    }

    std::optional<model::Objective> find_objective(const std::string& id) {
        for (auto& o : objectives()) {
            if (o.id == id) return o;
        }
        return std::nullopt;
    }

    // The stored goal, if it is still exactly what the caller read.
    model::Goal current_goal(const std::string& id, const model::Goal& expected) {
        auto stored = find_goal(id);
        if (!stored) throw NotFoundError("no goal '" + id + "'");
        // NOTE: versions as in ConflictError: 1 = what the caller read, -1 = unknown (content differs).
        if (*stored != expected) throw ConflictError("goal", id, 1, -1);
        return *stored;
    }

    model::Objective current_objective(const std::string& id, const model::Objective& expected) {
        auto stored = find_objective(id);
        if (!stored) throw NotFoundError("no objective '" + id + "'");
        if (*stored != expected) throw ConflictError("objective", id, 1, -1);
        return *stored;
    }

    // Goal numbers order the roadmap: one goal per number.
    void check_goal_number(const model::Goal& goal) {
        for (const auto& g : goals()) {
            if (g.id != goal.id && g.number == goal.number) {
                throw model::ValidationError(
                    {{"/number", "goal " + std::to_string(goal.number) + " is already '" + g.id + "'"}});
            }
        }
    }

    struct NewRecordSlot {
        std::optional<int> stored_version;  // of a record that already has the id
        long long position = 0;             // the next free position
    };

    // What a create asks before it inserts, in one statement, sent at once (prefetch: it travels with the
    // reference lists' round trip); read_slot reads it.
    Statement new_record_slot(std::string_view table, const std::string& id) {
        // NOTE: `table` is one of two constants chosen by the caller, never user input.
        Statement row(m_db, sql(sql("SELECT (SELECT version FROM ", table),
                                sql(" WHERE id = ?1), (SELECT COALESCE(MAX(position), -1) + 1 FROM ", sql(table, ")"))));
        row.bind(1, id);
        row.prefetch();
        return row;
    }

    static NewRecordSlot read_slot(Statement& row) {
        if (!row.step()) throw StoreError("the new record's slot query returned no row");
        NewRecordSlot slot;
        if (!row.is_null(0)) slot.stored_version = static_cast<int>(row.integer(0));
        slot.position = row.integer(1);
        return slot;
    }

    long long next_position(std::string_view table) {
        Statement row(m_db, sql("SELECT COALESCE(MAX(position), -1) + 1 FROM ", table));
        row.step();
        return row.integer(0);
    }

    // A mission may not (transitively) be its own precursor. The message names only the missions `actor` may
    // read; the others in the chain are shown as "(a mission you cannot read)".
    // NOTE: the precursors of each mission on the way are read as the search reaches it, so a write costs what
    // its chain of precursors holds, not every precursor link of the roadmap.
    // `precursors`: the start's own, as just written (one query fewer).
    void check_precursor_cycle(const std::string& start, const std::vector<std::string>& precursors,
                               const Actor& actor) {
        Statement precursors_of(m_db, "SELECT precursor_id FROM mission_precursors WHERE mission_id = ?1 ORDER BY "
                                      "position");
        const auto edges = [&](const std::string& from) {
            if (from == start) return precursors;
            std::vector<std::string> out;
            precursors_of.reset();
            precursors_of.bind(1, from);
            while (precursors_of.step()) out.push_back(precursors_of.text(0));
            return out;
        };
        std::vector<std::string> path{start};
        std::set<std::string> done;
        const std::function<bool(const std::string&)> reaches_start = [&](const std::string& from) {
            for (const auto& next : edges(from)) {
                if (next == start) {
                    path.push_back(next);
                    return true;
                }
                if (!done.insert(next).second) continue;
                path.push_back(next);
                if (reaches_start(next)) return true;
                path.pop_back();
            }
            return false;
        };
        if (reaches_start(start)) {
            std::string chain;
            for (const auto& id : path) {
                const auto m = id == start ? std::nullopt : mission(id);
                const bool shown = !m || reads(actor, m->visibility, m->lead_agency);
                chain += (chain.empty() ? "" : " -> ") + (shown ? id : std::string("(a mission you cannot read)"));
            }
            throw model::ValidationError({{"/precursors", "precursors form a cycle: " + chain}});
        }
    }

    // Call after the record's own rows are written (or deleted): an entry about a mission or capability takes
    // the record's scope as it now stands, and every older entry about it is brought to that scope.
    void write_audit(const Actor& actor, std::string_view kind, std::string_view id, model::AuditAction action,
                     std::string_view before, std::string_view after, std::string_view note = "") {
        std::optional<ScopeColumns> scope;
        if (kind == "mission" || kind == "capability") {
            scope = bring_entries_to_record_scope(kind, id);
            if (!scope) {
                // Removed: its entries already carry its last state; one that came by an import and was never
                // audited on its own has only the removal's before copy to tell.
                scope = scope_of_entries(kind, id);
                if (!scope) scope = scope_of_copy(kind, before);
            }
        }
        insert_audit_entry(actor, kind, id, action, before, after, note, scope);
    }

    // write_audit for a record just created: its scope is the one written (`scope`), and `newest` (newest_entry,
    // sent before) tells whether older entries about the id (a record deleted before) need bringing to it.
    // NOTE: nothing here waits for the database: on PostgreSQL the entry travels with the COMMIT.
    void write_creation_audit(const Actor& actor, std::string_view kind, std::string_view id, std::string_view after,
                              const ScopeColumns& scope, Statement& newest) {
        if (newest.step() && !carries(entry_scope(newest, 0), scope)) rescope_entries(kind, id, scope);
        insert_audit_entry(actor, kind, id, model::AuditAction::create, "", after, "", scope);
    }

    // The scope columns of a record with this owner and visibility, as stored_scope reads them back.
    static ScopeColumns written_scope(const std::string& owner, const std::optional<model::Visibility>& visibility) {
        nlohmann::json named = nlohmann::json::array();
        if (visibility) {
            for (const auto& agency : visibility->agencies) named.push_back(agency);
        }
        return ScopeColumns{owner, visibility ? std::string(model::to_string(visibility->scope)) : "",
                            named.dump()};
    }

    // The scope of the newest audit entry about a record, sent now (prefetch); write_creation_audit reads it.
    Statement newest_entry(std::string_view kind, std::string_view id) {
        Statement row(m_db, "SELECT record_owner, read_scope, read_agencies FROM audit_log WHERE record_kind = ?1 "
                            "AND record_id = ?2 ORDER BY id DESC LIMIT 1");
        row.bind(1, kind).bind(2, id);
        row.prefetch();
        return row;
    }

    void insert_audit_entry(const Actor& actor, std::string_view kind, std::string_view id,
                            model::AuditAction action, std::string_view before, std::string_view after,
                            std::string_view note, const std::optional<ScopeColumns>& scope) {
        // NOTE: never earlier than the newest entry, so that time order is id order (AuditQuery::since relies on
        // it) even when the clock steps back or several processes write.
        // NOTE: constant statements; the kind only picks the counter. Community content leaves the roadmap's
        // counter alone, so a comment does not rebuild the server's snapshot of the records.
        const bool community = is_community_kind(kind);
        constexpr std::string_view columns =
            "INSERT INTO audit_log (at, actor, agency, record_kind, record_id, action, before_json, after_json, note, "
            "record_owner, read_scope, read_agencies, change_id) VALUES (";
        constexpr std::string_view values =
            "?1, COALESCE((SELECT MAX(at) FROM audit_log), ?1)), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
            "CASE WHEN ?13 <> 0 THEN NULL ELSE ";
        std::string insert_sql;
        if (m_db.dialect() == Dialect::sqlite) {
            // NOTE: SQLite's two-argument MAX is PostgreSQL's GREATEST. In process, two statements cost nothing.
            Statement advance(m_db, community
                                        ? "UPDATE change_counters SET value = value + 1 WHERE name = 'community'"
                                        : "UPDATE change_counters SET value = value + 1 WHERE name = 'roadmap'");
            advance.run();
            insert_sql = sql(sql(columns, "MAX("), sql(values, "(SELECT value FROM change_counters WHERE name = "
                                                               "'roadmap') END)"));
        } else {
            // NOTE: one statement, one round trip under the writers' lock; the entry takes the value the
            // counter was advanced to (RETURNING: the statement's other reads see the value before it).
            insert_sql = sql(sql("WITH advanced AS (UPDATE change_counters SET value = value + 1 WHERE name = CASE "
                                 "WHEN ?13 <> 0 THEN 'community' ELSE 'roadmap' END RETURNING value) ",
                                 sql(columns, "GREATEST(")),
                             sql(values, "(SELECT value FROM advanced) END)"));
        }
        Statement insert(m_db, insert_sql);
        insert.bind(1, to_column(now()))
            .bind(2, actor_name(actor))
            .bind(3, actor.agency)
            .bind(4, kind)
            .bind(5, id)
            .bind(6, action_name(action))
            .bind(7, before)
            .bind(8, after)
            .bind(9, note);
        bind_scope(insert, 10, scope);
        insert.bind(13, community);
        insert.run();
    }

    static bool is_community_kind(std::string_view kind) {
        return kind == "comment" || kind == "workshop" || kind == "registration" || kind == "action-item";
    }

    // ---- the scope of a record's audit entries (migration 6) ----

    // The record's scope as its rows in this transaction hold it (nullopt when it does not exist), and whether
    // its audit entries already carry that scope (or it has none). Entries of one record always share a scope,
    // so the newest tells.
    struct StoredScope {
        ScopeColumns scope;
        bool entries_current = true;
    };
    std::optional<StoredScope> stored_scope(std::string_view kind, std::string_view id) {
        // NOTE: two constant statements; `kind` only chooses between them. One statement: the record's row with
        // each named agency (NULL when it names none) and the scope of its newest entry (NULL when it has none).
        // The agencies' JSON array is built here, not by the database: the two databases' JSON functions write
        // it differently, and the column must read the same whichever wrote it.
        Statement rows(m_db, kind == "mission"
                                 ? "SELECT r.lead_agency, r.visibility_scope, v.agency, n.found, n.record_owner, "
                                   "n.read_scope, n.read_agencies FROM missions r LEFT JOIN mission_visibility v ON "
                                   "v.mission_id = r.id LEFT JOIN (SELECT 1 AS found, record_owner, read_scope, "
                                   "read_agencies FROM audit_log WHERE record_kind = 'mission' AND record_id = ?1 "
                                   "ORDER BY id DESC LIMIT 1) n ON 1 = 1 WHERE r.id = ?1 ORDER BY v.position"
                                 : "SELECT r.provider, r.visibility_scope, v.agency, n.found, n.record_owner, "
                                   "n.read_scope, n.read_agencies FROM capabilities r LEFT JOIN capability_visibility "
                                   "v ON v.capability_id = r.id LEFT JOIN (SELECT 1 AS found, record_owner, "
                                   "read_scope, read_agencies FROM audit_log WHERE record_kind = 'capability' AND "
                                   "record_id = ?1 ORDER BY id DESC LIMIT 1) n ON 1 = 1 WHERE r.id = ?1 "
                                   "ORDER BY v.position");
        rows.bind(1, id);
        if (!rows.step()) return std::nullopt;
        StoredScope out{ScopeColumns{rows.text(0), rows.text(1), ""}};
        const bool has_entries = !rows.is_null(3);
        const auto newest = entry_scope(rows, 4);
        nlohmann::json named = nlohmann::json::array();
        do {
            if (!rows.is_null(2)) named.push_back(rows.text(2));
        } while (rows.step());
        out.scope.agencies = named.dump();
        out.entries_current = !has_entries || carries(newest, out.scope);
        return out;
    }

    // Brings every audit entry about the record to the scope its rows now hold, which it returns (nullopt: no
    // such record). An edit that keeps who may read writes nothing here.
    std::optional<ScopeColumns> bring_entries_to_record_scope(std::string_view kind, std::string_view id) {
        auto stored = stored_scope(kind, id);
        if (!stored) return std::nullopt;
        if (!stored->entries_current) rescope_entries(kind, id, stored->scope);
        return stored->scope;
    }

    // An audit entry's scope columns (record_owner, read_scope, read_agencies from column `first` on; NULL as
    // nullopt), and whether they are exactly `scope`.
    using EntryScope = std::array<std::optional<std::string>, 3>;
    static EntryScope entry_scope(const Statement& row, int first) {
        return {row.optional_text(first), row.optional_text(first + 1), row.optional_text(first + 2)};
    }
    static bool carries(const EntryScope& entry, const ScopeColumns& scope) {
        return entry[0] == scope.owner && entry[1] == scope.scope && entry[2] == scope.agencies;
    }

    // Brings every audit entry about the record to `scope`.
    void rescope_entries(std::string_view kind, std::string_view id, const ScopeColumns& scope) {
        Statement update(m_db, "UPDATE audit_log SET record_owner = ?3, read_scope = ?4, read_agencies = ?5 "
                               "WHERE record_kind = ?1 AND record_id = ?2");
        update.bind(1, kind).bind(2, id);
        bind_scope(update, 3, scope);
        update.run();
    }

    // The scope the record's entries carry (all carry the same; the newest is read).
    std::optional<ScopeColumns> scope_of_entries(std::string_view kind, std::string_view id) {
        auto row = newest_entry(kind, id);
        if (!row.step() || row.is_null(1)) return std::nullopt;
        return ScopeColumns{row.text(0), row.text(1), row.text(2)};
    }

    // The scope a record's JSON copy describes; nullopt when the copy does not say (then only the secretariat
    // reads the entry, as for any entry whose record is unknown).
    static std::optional<ScopeColumns> scope_of_copy(std::string_view kind, std::string_view copy) {
        const auto doc = nlohmann::json::parse(copy, nullptr, false);
        const char* owner_field = kind == "mission" ? "lead_agency" : "provider";
        if (!doc.is_object() || !doc.contains(owner_field) || !doc[owner_field].is_string()) return std::nullopt;
        const auto visibility = doc.find("visibility");
        if (visibility == doc.end() || !visibility->is_object()) return std::nullopt;
        const auto scope = visibility->find("scope");
        if (scope == visibility->end() || !scope->is_string() ||
            !model::parse_enum<model::VisibilityScope>(scope->get<std::string>())) {
            return std::nullopt;
        }
        nlohmann::json agencies = nlohmann::json::array();
        if (const auto list = visibility->find("agencies"); list != visibility->end() && list->is_array()) {
            for (const auto& a : *list) {
                if (a.is_string()) agencies.push_back(a);
            }
        }
        return ScopeColumns{doc[owner_field].get<std::string>(), scope->get<std::string>(), agencies.dump()};
    }

    static void bind_scope(Statement& stmt, int first, const std::optional<ScopeColumns>& scope) {
        if (scope) {
            stmt.bind(first, scope->owner).bind(first + 1, scope->scope).bind(first + 2, scope->agencies);
        } else {
            stmt.bind_null(first).bind_null(first + 1).bind_null(first + 2);
        }
    }

    static std::optional<RecordScope> scope_from_columns(const Statement& row, int first) {
        if (row.is_null(first) || row.is_null(first + 1)) return std::nullopt;
        RecordScope out;
        out.owner = row.text(first);
        out.visibility.scope =
            enum_from_column<model::VisibilityScope>(row.text(first + 1), "audit_log.read_scope");
        const auto agencies =
            nlohmann::json::parse(row.is_null(first + 2) ? "[]" : row.text(first + 2), nullptr, false);
        if (!agencies.is_array()) throw StoreError("corrupt audit_log.read_agencies in the database");
        for (const auto& a : agencies) {
            if (!a.is_string()) throw StoreError("corrupt audit_log.read_agencies in the database");
            out.visibility.agencies.push_back(a.get<std::string>());
        }
        return out;
    }

    // The record's listed columns, each at its own parameter (record_columns.hpp).
    static void bind_mission_fields(Statement& stmt, const model::Mission& m) {
        constexpr const auto& t = mission_table;
        RecordBinder b{stmt, t.size()};
        b(t.param("name"), m.name)(t.param("lead_agency"), m.lead_agency)(t.param("destination"), m.destination);
        b(t.param("target_body"), m.target_body);
        b(t.param("kind"), model::to_string(m.kind))(t.param("type"), model::to_string(m.type));
        b.pair(t.param("launch_start_day"), m.launch ? std::optional(m.launch->start) : std::nullopt, bind_planned);
        b.pair(t.param("launch_end_day"), m.launch ? m.launch->end : std::nullopt, bind_planned);
        b(t.param("duration_days"), m.duration_days)(t.param("status"), model::to_string(m.status));
        b(t.param("commitment"), model::to_string(m.commitment));
        b(t.param("visibility_scope"), scope_column(m.visibility, "mission", m.id));
        b(t.param("description"), m.description)(t.param("source"), m.source);
        bind_meta<mission_table>(b, m.meta);
        b.finish(t.table);
    }

    static void bind_capability_fields(Statement& stmt, const model::Capability& c) {
        constexpr const auto& t = capability_table;
        RecordBinder b{stmt, t.size()};
        b(t.param("name"), c.name)(t.param("provider"), c.provider)(t.param("kind"), model::to_string(c.kind));
        b.pair(t.param("readiness_day"), c.readiness, bind_planned);
        b(t.param("status"), model::to_string(c.status));
        b(t.param("visibility_scope"), scope_column(c.visibility, "capability", c.id));
        b(t.param("description"), c.description)(t.param("source"), c.source);
        bind_meta<capability_table>(b, c.meta);
        b.finish(t.table);
    }

    void insert_mission(const model::Mission& m, long long position) {
        Statement insert(m_db, mission_insert);
        insert.bind(1, m.id).bind(mission_table.last_param(), position);
        bind_mission_fields(insert, m);
        insert.run();
        insert_mission_children(m);
    }

    void insert_list(std::string_view insert_sql, const std::string& owner, const std::vector<std::string>& items) {
        if (items.empty()) return;
        Statement insert(m_db, insert_sql);
        for (std::size_t i = 0; i < items.size(); ++i) {
            insert.bind(1, owner).bind(2, static_cast<long long>(i)).bind(3, items[i]).run();
        }
    }

    void insert_mission_children(const model::Mission& m) {
        insert_list("INSERT INTO mission_partners (mission_id, position, agency) VALUES (?1, ?2, ?3)", m.id,
                    m.partners);
        insert_list("INSERT INTO mission_objectives (mission_id, position, objective_id) VALUES (?1, ?2, ?3)", m.id,
                    m.objectives);
        insert_list("INSERT INTO mission_capabilities (mission_id, role, position, capability_id) "
                    "VALUES (?1, 'required', ?2, ?3)",
                    m.id, m.capabilities_required);
        insert_list("INSERT INTO mission_capabilities (mission_id, role, position, capability_id) "
                    "VALUES (?1, 'provided', ?2, ?3)",
                    m.id, m.capabilities_provided);
        insert_list("INSERT INTO mission_precursors (mission_id, position, precursor_id) VALUES (?1, ?2, ?3)", m.id,
                    m.precursors);
        insert_list("INSERT INTO mission_visibility (mission_id, position, agency) VALUES (?1, ?2, ?3)", m.id,
                    m.visibility->agencies);
    }

    void delete_mission_children(const std::string& id) {
        for (auto table : {"mission_partners", "mission_objectives", "mission_capabilities", "mission_precursors",
                           "mission_visibility"}) {
            Statement remove(m_db, sql("DELETE FROM ", sql(table, " WHERE mission_id = ?1")));
            remove.bind(1, id).run();
        }
    }

    void insert_capability(const model::Capability& c, long long position) {
        Statement insert(m_db, capability_insert);
        insert.bind(1, c.id).bind(capability_table.last_param(), position);
        bind_capability_fields(insert, c);
        insert.run();
        insert_capability_children(c);
    }

    void insert_capability_children(const model::Capability& c) {
        insert_list("INSERT INTO capability_visibility (capability_id, position, agency) VALUES (?1, ?2, ?3)", c.id,
                    c.visibility->agencies);
    }

    void insert_dataset(const model::Dataset& d) {
        long long position = 0;
        {
            Statement insert(m_db, "INSERT INTO agencies (code, position, name, country, member_since, source) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            for (const auto& a : d.agencies) {
                insert.bind(1, a.code).bind(2, position++).bind(3, a.name).bind(4, a.country);
                insert.bind(5, a.member_since).bind(6, a.source).run();
            }
        }
        position = 0;
        {
            Statement insert(m_db, goal_insert);
            for (const auto& g : d.goals) {
                insert.bind(1, g.id).bind(goal_table.last_param(), position++);
                bind_goal(insert, g);
                insert.run();
            }
        }
        position = 0;
        {
            Statement insert(m_db, objective_insert);
            for (const auto& o : d.objectives) {
                insert.bind(1, o.id).bind(objective_table.last_param(), position++);
                bind_objective(insert, o);
                insert.run();
            }
        }
        position = 0;
        {
            Statement insert(m_db, "INSERT INTO destinations (code, position, name, path_order, description) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
            for (const auto& x : d.destinations) {
                insert.bind(1, x.code).bind(2, position++).bind(3, x.name).bind(4, x.order);
                insert.bind(5, x.description).run();
            }
        }
        position = 0;
        for (const auto& c : d.capabilities) insert_capability(c, position++);
        position = 0;
        for (const auto& m : d.missions) insert_mission(m, position++);
        position = 0;
        {
            Statement insert(m_db, "INSERT INTO editions (name, position, title, published, scenario, frozen, source) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            for (const auto& e : d.editions) {
                insert.bind(1, e.name).bind(2, position++).bind(3, e.title).bind(4, iso_day(e.published));
                insert.bind(5, e.scenario).bind(6, e.frozen).bind(7, e.source).run();
                insert_list("INSERT INTO edition_signatories (edition_name, position, agency) VALUES (?1, ?2, ?3)",
                            e.name, e.signatories);
            }
        }
    }

    std::unique_ptr<Connection> m_connection;
    Connection& m_db = *m_connection;
    std::optional<Statement> m_last_change_id;  // after m_db: finalized before the connection closes
    CommentTables m_comments{m_db, [this](const Actor& actor, std::string_view id, model::AuditAction action,
                                          std::string_view before, std::string_view after, std::string_view note) {
                                 write_audit(actor, "comment", id, action, before, after, note);
                             }};
    WorkshopTables m_workshops{m_db, [this](const Actor& actor, std::string_view kind, std::string_view id,
                                            model::AuditAction action, std::string_view before,
                                            std::string_view after, std::string_view note) {
                                   write_audit(actor, kind, id, action, before, after, note);
                               }};
    ActionItemTables m_actions{m_db, [this](const Actor& actor, std::string_view id, model::AuditAction action,
                                            std::string_view before, std::string_view after) {
                                   write_audit(actor, "action-item", id, action, before, after);
                               }};
    PageTables m_pages{m_db, [this](const Actor& actor, std::string_view slug, model::AuditAction action,
                                    std::string_view before, std::string_view after) {
                           write_audit(actor, "page", slug, action, before, after);
                       }};
};

}  // namespace

std::unique_ptr<Store> open_sql_store(std::unique_ptr<Connection> connection) {
    return std::make_unique<SqlStore>(std::move(connection));
}

}  // namespace ger::store::sql
