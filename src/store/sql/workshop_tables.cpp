#include "store/sql/workshop_tables.hpp"

#include <chrono>

#include "model/json.hpp"
#include "store/error.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/connection.hpp"

namespace ger::store::sql {
namespace {

using model::Registration;
using model::RegistrationStatus;
using model::Timestamp;
using model::Workshop;
using nlohmann::json;

model::Day day_column(const Statement& row, int column) {
    try {
        return model::parse_day(row.text(column));
    } catch (const model::ParseError&) {
        throw StoreError("corrupt workshop date in the database: '" + row.text(column) + "'");
    }
}

constexpr const char* workshop_columns =
    "id, title, host_agency, starts, ends, place, capacity, registration_opens, registration_closes, description, "
    "source, created_at, created_by, purged_at";

Workshop workshop_from(const Statement& row) {
    Workshop w;
    w.id = row.text(0);
    w.title = row.text(1);
    w.host_agency = row.text(2);
    w.starts = day_column(row, 3);
    w.ends = day_column(row, 4);
    w.place = row.text(5);
    w.capacity = static_cast<int>(row.integer(6));
    w.registration_opens = day_column(row, 7);
    w.registration_closes = day_column(row, 8);
    w.description = row.text(9);
    w.source = row.text(10);
    w.created_at = timestamp_from_column(row.integer(11));
    w.created_by = row.text(12);
    if (!row.is_null(13)) w.purged_at = timestamp_from_column(row.integer(13));
    return w;
}

// NOTE: the position is counted, not stored: a cancellation moves everyone behind it up without a write.
constexpr const char* registration_select =
    "SELECT r.id, r.workshop_id, r.name, r.email, r.affiliation, r.publish_name, r.status, r.purged, r.created_at, "
    "r.updated_at, CASE WHEN r.status = 'cancelled' THEN 0 ELSE (SELECT COUNT(*) FROM registrations o WHERE "
    "o.workshop_id = r.workshop_id AND o.status = r.status AND o.seq <= r.seq) END FROM registrations r ";

Registration registration_from(const Statement& row) {
    Registration r;
    r.id = row.integer(0);
    r.workshop = row.text(1);
    r.name = row.text(2);
    r.email = row.text(3);
    r.affiliation = row.text(4);
    r.publish_name = row.integer(5) != 0;
    r.status = enum_from_column<RegistrationStatus>(row.text(6), "registrations.status");
    r.purged = row.integer(7) != 0;
    r.created_at = timestamp_from_column(row.integer(8));
    r.updated_at = timestamp_from_column(row.integer(9));
    r.position = static_cast<int>(row.integer(10));
    return r;
}

// What a registration's audit entries hold: no personal data, so the purge never rewrites the audit log.
std::string audit_json(const Registration& r) {
    return json{{"workshop", r.workshop}, {"status", model::to_string(r.status)}, {"position", r.position}}.dump();
}

std::string about(long long id) { return "registration:" + std::to_string(id); }

std::string status_sentence(const Registration& r) {
    if (r.status == RegistrationStatus::confirmed) {
        return "Your seat is confirmed (registration " + std::to_string(r.position) + " of the confirmed).";
    }
    if (r.status == RegistrationStatus::waitlisted) {
        return "You are number " + std::to_string(r.position) + " on the waiting list.";
    }
    return "Your registration was cancelled.";
}

}  // namespace

Workshop WorkshopTables::create(const Workshop& w, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    {
        Statement taken(m_db, "SELECT 1 FROM workshops WHERE id = ?1");
        taken.bind(1, w.id);
        if (taken.step()) throw ConflictError("workshop", w.id, 0, 1);
    }
    Workshop stored = w;
    stored.created_at = now();
    stored.created_by = actor.user.empty() ? "system" : actor.user;
    stored.purged_at.reset();
    Statement insert(m_db, "INSERT INTO workshops (id, title, host_agency, starts, ends, place, capacity, "
                           "registration_opens, registration_closes, description, source, created_at, created_by) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, stored.id).bind(2, stored.title).bind(3, stored.host_agency).bind(4, model::format_day(stored.starts));
    insert.bind(5, model::format_day(stored.ends)).bind(6, stored.place).bind(7, stored.capacity);
    insert.bind(8, model::format_day(stored.registration_opens)).bind(9, model::format_day(stored.registration_closes));
    insert.bind(10, stored.description).bind(11, stored.source).bind(12, to_column(stored.created_at));
    insert.bind(13, stored.created_by).run();
    Statement session(m_db, "INSERT INTO workshop_sessions (workshop_id, position, starts, ends, title, speakers, "
                            "description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (std::size_t i = 0; i < stored.agenda.size(); ++i) {
        const auto& s = stored.agenda[i];
        session.bind(1, stored.id).bind(2, static_cast<long long>(i)).bind(3, to_column(s.starts)).bind(4, to_column(s.ends));
        session.bind(5, s.title).bind(6, json(s.speakers).dump()).bind(7, s.description).run();
    }
    m_audit(actor, "workshop", stored.id, model::AuditAction::create, "", model::workshop_json(stored).dump(), "");
    tx.commit();
    return stored;
}

std::optional<Workshop> WorkshopTables::find(std::string_view id) {
    std::optional<Workshop> w;
    {
        Statement row(m_db, std::string("SELECT ") + workshop_columns + " FROM workshops WHERE id = ?1");
        row.bind(1, id);
        if (!row.step()) return std::nullopt;
        w = workshop_from(row);
    }
    Statement sessions(m_db, "SELECT starts, ends, title, speakers, description FROM workshop_sessions "
                             "WHERE workshop_id = ?1 ORDER BY position");
    sessions.bind(1, id);
    while (sessions.step()) {
        model::AgendaSession s;
        s.starts = timestamp_from_column(sessions.integer(0));
        s.ends = timestamp_from_column(sessions.integer(1));
        s.title = sessions.text(2);
        const auto speakers = json::parse(sessions.text(3), nullptr, false);
        if (!speakers.is_array()) throw StoreError("corrupt workshop_sessions.speakers in the database");
        for (const auto& name : speakers) {
            if (!name.is_string()) throw StoreError("corrupt workshop_sessions.speakers in the database");
            s.speakers.push_back(name.get<std::string>());
        }
        s.description = sessions.text(4);
        w->agenda.push_back(std::move(s));
    }
    return w;
}

std::vector<Workshop> WorkshopTables::list() {
    std::vector<std::string> ids;
    {
        Statement rows(m_db, "SELECT id FROM workshops ORDER BY starts DESC, id");
        while (rows.step()) ids.push_back(rows.text(0));
    }
    std::vector<Workshop> out;
    for (const auto& id : ids) {
        if (auto w = find(id)) out.push_back(std::move(*w));
    }
    return out;
}

RegistrationCounts WorkshopTables::counts(std::string_view workshop) {
    Statement row(m_db, "SELECT COUNT(CASE WHEN status = 'confirmed' THEN 1 END), COUNT(CASE WHEN status = "
                        "'waitlisted' THEN 1 END) "
                        "FROM registrations WHERE workshop_id = ?1");
    row.bind(1, workshop);
    row.step();
    return {row.integer(0), row.integer(1)};
}

RegistrationResult WorkshopTables::register_for(const NewRegistration& n) {
    const auto& r = n.request;
    // NOTE: one write transaction (BEGIN IMMEDIATE) from the capacity check to the insert: concurrent registrations,
    // from threads or processes, are serialized, so the confirmed never exceed the capacity.
    Transaction tx(m_db, Transaction::Kind::write);
    const auto workshop = find(r.workshop);
    if (!workshop) throw NotFoundError("no workshop " + r.workshop);
    const auto key = model::email_key(r.email);
    {
        Statement existing(m_db, "SELECT id FROM registrations WHERE workshop_id = ?1 AND email_key = ?2 AND "
                                 "status <> 'cancelled' AND purged = 0");
        existing.bind(1, r.workshop).bind(2, key);
        if (existing.step()) {
            const auto id = existing.integer(0);
            auto found = registration(id);
            if (!found) throw StoreError("registration " + std::to_string(id) + " vanished while being read");
            add_message(found->email, "Your registration for " + workshop->title,
                        "Someone, perhaps you, asked to register this email address again for " + workshop->title +
                            ". Your registration stands and nothing was changed. " + status_sentence(*found) +
                            "\n\nTo see or cancel it, use the address you were given when you registered.",
                        id);
            tx.commit();
            return {*found, false};
        }
    }
    {
        // NOTE: asked before the INSERT, not after it fails: a failed statement ends a PostgreSQL transaction.
        Statement taken(m_db, "SELECT 1 FROM registrations WHERE token_digest = ?1");
        taken.bind(1, n.token_digest);
        if (taken.step()) throw ConflictError("registration token", "", 0, 1);
    }
    const auto c = counts(r.workshop);
    const bool seat = c.confirmed < workshop->capacity;
    const auto t = to_column(now());
    Statement insert(m_db, "INSERT INTO registrations (workshop_id, name, email, email_key, affiliation, publish_name, "
                           "status, seq, token_digest, source, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                           "?7, (SELECT COALESCE(MAX(seq), 0) + 1 FROM registrations WHERE workshop_id = ?1), ?8, ?9, "
                           "?10, ?10) RETURNING id");
    insert.bind(1, r.workshop).bind(2, r.name).bind(3, r.email).bind(4, key).bind(5, r.affiliation);
    insert.bind(6, r.publish_name).bind(7, seat ? "confirmed" : "waitlisted").bind(8, n.token_digest);
    insert.bind(9, n.source).bind(10, t);
    const auto stored = registration(insert.run_returning_id());
    if (!stored) throw StoreError("a registration vanished while being written");
    m_audit(Actor{"public", "", {}}, "registration", std::to_string(stored->id), model::AuditAction::create, "",
            audit_json(*stored), "");
    tx.commit();
    return {*stored, true};
}

std::optional<Registration> WorkshopTables::registration(long long id) {
    Statement row(m_db, std::string(registration_select) + "WHERE r.id = ?1");
    row.bind(1, id);
    if (!row.step()) return std::nullopt;
    return registration_from(row);
}

std::optional<Registration> WorkshopTables::find_registration(std::string_view token_digest) {
    Statement row(m_db, std::string(registration_select) + "WHERE r.token_digest = ?1");
    row.bind(1, token_digest);
    if (!row.step()) return std::nullopt;
    return registration_from(row);
}

CancelResult WorkshopTables::cancel(std::string_view token_digest, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    const auto stored = find_registration(token_digest);
    if (!stored) throw NotFoundError("no registration for this token");
    if (stored->status == RegistrationStatus::cancelled) return {*stored, std::nullopt};
    const auto t = to_column(now());
    {
        Statement update(m_db, "UPDATE registrations SET status = 'cancelled', updated_at = ?2 WHERE id = ?1");
        update.bind(1, stored->id).bind(2, t).run();
        // Messages not yet sent to a registration that no longer is are of no use to anyone.
        Statement drop(m_db, "DELETE FROM outbox WHERE sent_at IS NULL AND about = ?1");
        drop.bind(1, about(stored->id)).run();
    }
    auto cancelled = registration(stored->id);
    m_audit(actor, "registration", std::to_string(stored->id), model::AuditAction::update, audit_json(*stored),
            audit_json(*cancelled), "cancelled by the registrant");
    CancelResult result{*cancelled, std::nullopt};
    const auto workshop = find(stored->workshop);
    if (stored->status == RegistrationStatus::confirmed && workshop &&
        counts(stored->workshop).confirmed < workshop->capacity) {
        Statement first(m_db, "SELECT id FROM registrations WHERE workshop_id = ?1 AND status = 'waitlisted' "
                              "ORDER BY seq LIMIT 1");
        first.bind(1, stored->workshop);
        if (first.step()) {
            const auto id = first.integer(0);
            const auto before = registration(id);
            Statement promote(m_db, "UPDATE registrations SET status = 'confirmed', updated_at = ?2 WHERE id = ?1");
            promote.bind(1, id).bind(2, t).run();
            result.promoted = registration(id);
            m_audit(Actor{"system", "", {}}, "registration", std::to_string(id), model::AuditAction::update,
                    audit_json(*before), audit_json(*result.promoted),
                    "promoted from the waiting list: a confirmed registration was cancelled");
            if (!result.promoted->email.empty()) {
                add_message(result.promoted->email, "A seat for you at " + workshop->title,
                            "A seat became free and you were first on the waiting list: your registration for " +
                                workshop->title + " (" + model::format_day(workshop->starts) + ", " + workshop->place +
                                ") is now confirmed.\n\nIf you cannot come, please cancel it at the address you were "
                                "given when you registered, so the next person on the list gets the seat.",
                            id);
            }
        }
    }
    tx.commit();
    return result;
}

std::vector<Registration> WorkshopTables::registrations(std::string_view workshop) {
    Statement rows(m_db, std::string(registration_select) +
                             "WHERE r.workshop_id = ?1 ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN "
                             "'waitlisted' THEN 1 ELSE 2 END, r.seq");
    rows.bind(1, workshop);
    std::vector<Registration> out;
    while (rows.step()) out.push_back(registration_from(rows));
    return out;
}

RegistrationRecentCounts WorkshopTables::recent(std::string_view source, std::string_view email, Timestamp since) {
    Statement row(m_db, "SELECT (SELECT COUNT(*) FROM registrations WHERE source = ?1 AND created_at >= ?3), "
                        "(SELECT COUNT(*) FROM registrations WHERE email_key = ?2 AND created_at >= ?3)");
    row.bind(1, source).bind(2, model::email_key(email)).bind(3, to_column(since));
    row.step();
    return {row.integer(0), row.integer(1)};
}

PurgeResult WorkshopTables::purge(Timestamp at, int after_days, const Actor& actor) {
    Transaction tx(m_db, Transaction::Kind::write);
    PurgeResult result;
    for (const auto& w : list()) {
        if (w.purged_at || model::purge_due_at(w, after_days) > at) continue;
        long long n = 0;
        {
            Statement drop(m_db, "DELETE FROM outbox WHERE sent_at IS NULL AND about IN (SELECT 'registration:' || id "
                                 "FROM registrations WHERE workshop_id = ?1)");
            drop.bind(1, w.id).run();
            Statement blank(m_db, "UPDATE registrations SET name = '', email = '', email_key = '', affiliation = '', "
                                  "source = '', purged = 1, updated_at = ?2 WHERE workshop_id = ?1 AND purged = 0");
            blank.bind(1, w.id).bind(2, to_column(at)).run();
            n = m_db.changes();
            Statement mark(m_db, "UPDATE workshops SET purged_at = ?2 WHERE id = ?1");
            mark.bind(1, w.id).bind(2, to_column(at)).run();
        }
        const auto c = counts(w.id);
        const auto fields = json{{"confirmed", c.confirmed}, {"waitlisted", c.waitlisted}, {"purged", n}}.dump();
        m_audit(actor, "workshop", w.id, model::AuditAction::update, "", fields,
                "personal data of " + std::to_string(n) + " registrations purged (name, email, affiliation), " +
                    std::to_string(after_days) + " days after the workshop");
        result.workshops.push_back(w.id);
        result.registrations += n;
    }
    tx.commit();
    return result;
}

void WorkshopTables::add_message(std::string_view recipient, std::string_view subject, std::string_view body,
                                 long long id) {
    Statement insert(m_db, "INSERT INTO outbox (created_at, recipient, subject, body, about) VALUES (?1, ?2, ?3, "
                           "?4, ?5)");
    insert.bind(1, to_column(now())).bind(2, recipient).bind(3, subject).bind(4, body).bind(5, about(id)).run();
}

}  // namespace ger::store::sql
