#include "store/sqlite/migrations.hpp"

#include <array>
#include <chrono>
#include <string>

#include "store/error.hpp"
#include "store/sql/migrate.hpp"
#include "store/sqlite/connection.hpp"

namespace ger::store::sqlite {

using sql::Statement;
using sql::Transaction;
namespace {

// NOTE: child tables keep list order in `position`; foreign keys are DEFERRABLE INITIALLY DEFERRED so that
// a whole data set (missions naming later missions as precursors) loads in any order and is checked at
// COMMIT. Timestamps are UTC seconds since 1970; days are ISO "YYYY-MM-DD" text (sorts as it reads).
constexpr std::string_view v1_core = R"sql(
CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL
);
CREATE TABLE agencies (
    code         TEXT    PRIMARY KEY,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    country      TEXT    NOT NULL,
    member_since INTEGER NOT NULL,
    source       TEXT    NOT NULL
);
CREATE TABLE goals (
    id          TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    source      TEXT    NOT NULL
);
CREATE TABLE objectives (
    id          TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    goal_id     TEXT    NOT NULL REFERENCES goals (id) DEFERRABLE INITIALLY DEFERRED,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    verified    INTEGER NOT NULL,
    source      TEXT    NOT NULL
);
CREATE TABLE destinations (
    code        TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    path_order  INTEGER NOT NULL,
    description TEXT    NOT NULL
);
CREATE TABLE capabilities (
    id                  TEXT    PRIMARY KEY,
    position            INTEGER NOT NULL,
    name                TEXT    NOT NULL,
    provider            TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    kind                TEXT    NOT NULL,
    readiness_day       TEXT,
    readiness_precision TEXT,
    status              TEXT    NOT NULL,
    visibility_scope    TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    version             INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    author              TEXT    NOT NULL
);
CREATE TABLE capability_visibility (
    capability_id TEXT    NOT NULL REFERENCES capabilities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position      INTEGER NOT NULL,
    agency        TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (capability_id, position)
);
CREATE TABLE missions (
    id                     TEXT    PRIMARY KEY,
    position               INTEGER NOT NULL,
    name                   TEXT    NOT NULL,
    lead_agency            TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    destination            TEXT    NOT NULL REFERENCES destinations (code) DEFERRABLE INITIALLY DEFERRED,
    target_body            TEXT,
    kind                   TEXT    NOT NULL,
    type                   TEXT    NOT NULL,
    launch_start_day       TEXT,
    launch_start_precision TEXT,
    launch_end_day         TEXT,
    launch_end_precision   TEXT,
    duration_days          REAL,
    status                 TEXT    NOT NULL,
    commitment             TEXT    NOT NULL,
    visibility_scope       TEXT    NOT NULL,
    description            TEXT    NOT NULL,
    source                 TEXT    NOT NULL,
    version                INTEGER NOT NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    author                 TEXT    NOT NULL
);
CREATE TABLE mission_partners (
    mission_id TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   INTEGER NOT NULL,
    agency     TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_objectives (
    mission_id   TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     INTEGER NOT NULL,
    objective_id TEXT    NOT NULL REFERENCES objectives (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_capabilities (
    mission_id    TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    role          TEXT    NOT NULL CHECK (role IN ('required', 'provided')),
    position      INTEGER NOT NULL,
    capability_id TEXT    NOT NULL REFERENCES capabilities (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, role, position)
);
CREATE TABLE mission_precursors (
    mission_id   TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     INTEGER NOT NULL,
    precursor_id TEXT    NOT NULL REFERENCES missions (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_visibility (
    mission_id TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   INTEGER NOT NULL,
    agency     TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE editions (
    name      TEXT    PRIMARY KEY,
    position  INTEGER NOT NULL,
    title     TEXT    NOT NULL,
    published TEXT    NOT NULL,
    scenario  TEXT    NOT NULL,
    frozen    INTEGER NOT NULL,
    source    TEXT    NOT NULL
);
CREATE TABLE edition_signatories (
    edition_name TEXT    NOT NULL REFERENCES editions (name) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     INTEGER NOT NULL,
    agency       TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (edition_name, position)
);
)sql";

// NOTE: the audit log names agencies and records by value, without foreign keys: it must outlive the records
// it describes (deletes, whole-data-set imports).
constexpr std::string_view v2_audit = R"sql(
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    agency      TEXT    NOT NULL,
    record_kind TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'remove')),
    before_json TEXT    NOT NULL,
    after_json  TEXT    NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record_kind, record_id);
CREATE INDEX audit_log_agency ON audit_log (agency, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX missions_lead_agency ON missions (lead_agency);
CREATE INDEX missions_destination ON missions (destination);
CREATE INDEX capabilities_provider ON capabilities (provider);
CREATE INDEX mission_partners_agency ON mission_partners (agency);
CREATE INDEX mission_capabilities_capability ON mission_capabilities (capability_id);
CREATE INDEX mission_precursors_precursor ON mission_precursors (precursor_id);
)sql";

// NOTE: accounts name agencies by value, without foreign keys: a whole-data-set import replaces the agencies
// table, and an account must survive it. Secrets are stored only as Argon2id encodings (passwords) and SHA-256
// digests (API tokens, session ids).
constexpr std::string_view v3_accounts = R"sql(
CREATE TABLE users (
    name          TEXT    PRIMARY KEY,
    agency        TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('planner', 'secretariat')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_visit    INTEGER
);
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_digest TEXT    NOT NULL UNIQUE,
    user_name    TEXT    NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_name);
CREATE TABLE sessions (
    session_digest TEXT    PRIMARY KEY,
    user_name      TEXT    NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    csrf           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    previous_visit INTEGER
);
CREATE INDEX sessions_expires ON sessions (expires_at);
)sql";

// NOTE: a frozen edition keeps its records as one JSON document (a model::Dataset holding exactly that edition),
// so later schema steps never have to migrate old snapshots, and names its edition by value: a whole-data-set
// import replaces the editions table, and a snapshot must survive it. Triggers make snapshots and their
// artefacts (the PDF, HTML, chart) write-once: any UPDATE or DELETE aborts, whoever issues it.
constexpr std::string_view v4_edition_snapshots = R"sql(
CREATE TABLE edition_snapshots (
    name      TEXT    PRIMARY KEY,
    frozen_at INTEGER NOT NULL,
    frozen_by TEXT    NOT NULL,
    dataset   TEXT    NOT NULL
);
CREATE TABLE edition_artefacts (
    edition_name TEXT    NOT NULL REFERENCES edition_snapshots (name),
    kind         TEXT    NOT NULL,
    media_type   TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (edition_name, kind)
);
CREATE TRIGGER edition_snapshots_no_update BEFORE UPDATE ON edition_snapshots
BEGIN SELECT RAISE(ABORT, 'a frozen edition never changes'); END;
CREATE TRIGGER edition_snapshots_no_delete BEFORE DELETE ON edition_snapshots
BEGIN SELECT RAISE(ABORT, 'a frozen edition never changes'); END;
CREATE TRIGGER edition_artefacts_no_update BEFORE UPDATE ON edition_artefacts
BEGIN SELECT RAISE(ABORT, 'a frozen edition never changes'); END;
CREATE TRIGGER edition_artefacts_no_delete BEFORE DELETE ON edition_artefacts
BEGIN SELECT RAISE(ABORT, 'a frozen edition never changes'); END;
)sql";

// NOTE: why the system changed a record on its own, e.g. a reference removed because the record it named was
// deleted by an agency that could not see the referring record (store.hpp: delete_mission).
constexpr std::string_view v5_audit_note = R"sql(
ALTER TABLE audit_log ADD COLUMN note TEXT NOT NULL DEFAULT '';
)sql";

// NOTE: the change feed and the audit log page in SQL (Store::audit_page). Each entry about a mission or capability
// carries the record's scope *now* (owner, visibility scope, named agencies as a JSON array in list order; for a
// removed record its last state), so a page is one keyset scan: WHERE id < ?cursor AND <read rule> ORDER BY id DESC
// LIMIT ?n. The store keeps every entry of a record at one scope in the transaction of each write; entries about
// other things keep NULL (the secretariat's alone). Backfill: a record that exists takes its row; a removed one
// the last copy its entries hold (the removal's before copy, or the last after copy when an import dropped it).
// A copy that is not JSON, or names no owner or a scope ger does not know, stays NULL (secretariat only), as the
// access rules treated it before.
constexpr std::string_view v6_audit_scope = R"sql(
ALTER TABLE audit_log ADD COLUMN record_owner TEXT;
ALTER TABLE audit_log ADD COLUMN read_scope TEXT CHECK (read_scope IN ('public', 'partners', 'agencies'));
ALTER TABLE audit_log ADD COLUMN read_agencies TEXT;
UPDATE audit_log SET record_owner = m.lead_agency, read_scope = m.visibility_scope,
    read_agencies = (SELECT json_group_array(agency) FROM
                       (SELECT agency FROM mission_visibility v WHERE v.mission_id = m.id ORDER BY position))
  FROM missions m WHERE audit_log.record_kind = 'mission' AND audit_log.record_id = m.id;
UPDATE audit_log SET record_owner = c.provider, read_scope = c.visibility_scope,
    read_agencies = (SELECT json_group_array(agency) FROM
                       (SELECT agency FROM capability_visibility v WHERE v.capability_id = c.id ORDER BY position))
  FROM capabilities c WHERE audit_log.record_kind = 'capability' AND audit_log.record_id = c.id;
WITH last_copy AS (
    SELECT record_kind, record_id, doc FROM (
        SELECT record_kind, record_id, CASE WHEN after_json <> '' THEN after_json ELSE before_json END AS doc,
               ROW_NUMBER() OVER (PARTITION BY record_kind, record_id ORDER BY id DESC) AS newest
        FROM audit_log WHERE record_kind IN ('mission', 'capability') AND read_scope IS NULL)
    WHERE newest = 1 AND json_valid(doc) AND json_type(doc) = 'object'
), last_scope AS (
    SELECT record_kind, record_id,
           json_extract(doc, CASE record_kind WHEN 'mission' THEN '$.lead_agency' ELSE '$.provider' END) AS owner,
           json_extract(doc, '$.visibility.scope') AS scope,
           CASE WHEN json_type(doc, '$.visibility.agencies') = 'array'
                THEN (SELECT json_group_array(value) FROM json_each(doc, '$.visibility.agencies'))
                ELSE '[]' END AS agencies
    FROM last_copy
)
UPDATE audit_log SET record_owner = s.owner, read_scope = s.scope, read_agencies = s.agencies
  FROM last_scope s
  WHERE audit_log.record_kind = s.record_kind AND audit_log.record_id = s.record_id
    AND typeof(s.owner) = 'text' AND s.scope IN ('public', 'partners', 'agencies');
CREATE INDEX audit_log_read_scope ON audit_log (read_scope, id);
CREATE INDEX audit_log_record_owner ON audit_log (record_owner, id);
CREATE INDEX audit_log_record_id ON audit_log (record_id, id);
)sql";

constexpr const char* v7_survey_runs = R"sql(
CREATE TABLE survey_runs (
    id            INTEGER PRIMARY KEY,
    state         TEXT NOT NULL CHECK (state IN ('running', 'complete', 'cancelled', 'failed')),
    started_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    criteria      TEXT NOT NULL,
    catalogue     TEXT NOT NULL,
    device        TEXT NOT NULL,
    planned       INTEGER NOT NULL CHECK (planned >= 0),
    done          INTEGER NOT NULL CHECK (done >= 0),
    legs_solved   INTEGER NOT NULL CHECK (legs_solved >= 0),
    message       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_runs_state ON survey_runs (state, id);
CREATE TABLE survey_targets (
    run_id             INTEGER NOT NULL REFERENCES survey_runs (id) ON DELETE CASCADE,
    designation        TEXT NOT NULL,
    h_mag              REAL,
    viable_count       INTEGER NOT NULL CHECK (viable_count >= 0),
    min_dv_km_s        REAL,
    min_duration_days  REAL,
    min_dv_launch      TEXT,
    detail             TEXT NOT NULL,
    PRIMARY KEY (run_id, designation)
);
)sql";

constexpr const char* v8_derived_results = R"sql(
CREATE TABLE derived_results (
    kind         TEXT NOT NULL,
    id           TEXT NOT NULL,
    key          TEXT NOT NULL,
    content      TEXT NOT NULL,
    computed_at  INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
);
)sql";

// The change counters (Store::last_change_id, community_change_id) start where MAX(audit_log.id) was, so a
// server's snapshot of an older schema stays valid across the upgrade. Comments keep no receipt token, only its
// digest; `source` is a digest of the client address (rate limits), erased with the commenter's identity.
constexpr const char* v9_comments = R"sql(
CREATE TABLE change_counters (
    name   TEXT    PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_counters (name, value) VALUES ('roadmap', (SELECT COALESCE(MAX(id), 0) FROM audit_log));
INSERT INTO change_counters (name, value) VALUES ('community', 0);
CREATE TABLE comments (
    id               INTEGER PRIMARY KEY,
    version          INTEGER NOT NULL,
    edition          TEXT    NOT NULL,
    section          TEXT,
    mission          TEXT,
    name             TEXT    NOT NULL,
    affiliation      TEXT    NOT NULL,
    email            TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'hidden')),
    reason           TEXT    NOT NULL DEFAULT '',
    public_reason    TEXT    NOT NULL DEFAULT '',
    response         TEXT    NOT NULL DEFAULT '',
    responded_at     INTEGER,
    disposition_json TEXT,
    group_id         INTEGER NOT NULL,
    erased           INTEGER NOT NULL DEFAULT 0,
    receipt_digest   TEXT    NOT NULL UNIQUE,
    source           TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX comments_by_edition ON comments (edition, status, id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE INDEX comments_by_source ON comments (source, created_at);
CREATE INDEX comments_by_email ON comments (email, created_at);
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    recipient   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    about       TEXT    NOT NULL,
    sent_at     INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
)sql";

// Workshops and their registrations. The agenda is a child table in list order. A registration keeps only the
// digest of its management token; `email_key` (the email case folded) is unique among a workshop's active
// registrations, so two concurrent registrations of one email cannot both be new. `seq` orders a workshop's
// registrations first come, first served (the waiting list's order). Personal data (name, email, email_key,
// affiliation, source) is blanked by the purge; `purged` says so.
constexpr const char* v10_workshops = R"sql(
CREATE TABLE workshops (
    id                  TEXT    PRIMARY KEY,
    title               TEXT    NOT NULL,
    host_agency         TEXT    NOT NULL,
    starts              TEXT    NOT NULL,
    ends                TEXT    NOT NULL,
    place               TEXT    NOT NULL,
    capacity            INTEGER NOT NULL CHECK (capacity > 0),
    registration_opens  TEXT    NOT NULL,
    registration_closes TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    created_by          TEXT    NOT NULL,
    purged_at           INTEGER
);
CREATE TABLE workshop_sessions (
    workshop_id  TEXT    NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    starts       INTEGER NOT NULL,
    ends         INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    speakers     TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    PRIMARY KEY (workshop_id, position)
) WITHOUT ROWID;
CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    workshop_id   TEXT    NOT NULL REFERENCES workshops (id),
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    email_key     TEXT    NOT NULL,
    affiliation   TEXT    NOT NULL,
    publish_name  INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    seq           INTEGER NOT NULL,
    token_digest  TEXT    NOT NULL UNIQUE,
    source        TEXT    NOT NULL,
    purged        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX registrations_active_email ON registrations (workshop_id, email_key)
    WHERE status <> 'cancelled' AND purged = 0;
CREATE INDEX registrations_by_status ON registrations (workshop_id, status, seq);
CREATE INDEX registrations_by_source ON registrations (source, created_at);
CREATE INDEX registrations_by_email ON registrations (email_key, created_at);
)sql";

// One row per revision; a page is its newest row. Never updated, never deleted.
constexpr const char* v11_pages = R"sql(
CREATE TABLE page_revisions (
    slug      TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    title     TEXT    NOT NULL,
    markdown  TEXT    NOT NULL,
    summary   TEXT    NOT NULL,
    author    TEXT    NOT NULL,
    editor    TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (slug, revision)
);
)sql";

// A workshop's action items; `records` is a JSON array of ids (missions, objectives, "comment:N").
constexpr const char* v12_action_items = R"sql(
CREATE TABLE action_items (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL,
    workshop_id   TEXT    NOT NULL REFERENCES workshops (id),
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    owner_agency  TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'dropped')),
    records       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX action_items_by_workshop ON action_items (workshop_id, id);
)sql";

// The roadmap's order: each export reads missions and capabilities by position, and each new record takes
// MAX(position) + 1; without these both scan (and the export sorts) every row. Each audit entry of the roadmap
// carries the change number its write took (change_counters 'roadmap'), so a cache of the records can ask what
// changed since its number (Store::changes_between); older entries have none.
constexpr const char* v13_position_indices = R"sql(
CREATE INDEX missions_position ON missions (position);
CREATE INDEX capabilities_position ON capabilities (position);
ALTER TABLE audit_log ADD COLUMN change_id INTEGER;
CREATE INDEX audit_log_change ON audit_log (change_id) WHERE change_id IS NOT NULL;
)sql";

// Failed logins, throttled per (account, address) and per address (server/login_throttle.hpp), kept here so that
// every server on the database counts the same failures. Times are milliseconds since 1970 (the wall clock: the
// servers share no other); an entry unchanged for the policy's longest memory is removed.
constexpr const char* v14_login_throttle = R"sql(
CREATE TABLE login_throttle (
    key      TEXT    PRIMARY KEY,
    level    REAL    NOT NULL,
    failures INTEGER NOT NULL,
    last_ms  INTEGER NOT NULL,
    until_ms INTEGER NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_ms);
)sql";

// PostgreSQL's step 15 announces every change of the counters to listening servers (LISTEN/NOTIFY); an SQLite
// file has nobody to tell (each process reads the counters from the file itself), so its step 15 changes nothing
// and only keeps the two schemas' numbers in step.
constexpr const char* v15_change_notifications = "-- nothing to change on SQLite";

constexpr std::array<Migration, 15> all_migrations{{
    {1, "core tables: agencies, goals, objectives, destinations, missions, capabilities, editions", v1_core},
    {2, "audit log and lookup indices", v2_audit},
    {3, "portal accounts: users, API tokens, sessions", v3_accounts},
    {4, "frozen edition snapshots and their stored artefacts", v4_edition_snapshots},
    {5, "audit entries carry a note (changes the system makes on its own)", v5_audit_note},
    {6, "audit entries carry their record's current owner and read scope (paged change feed and audit log)",
     v6_audit_scope},
    {7, "NEA survey runs and their per-object results (ger survey --store)", v7_survey_runs},
    {8, "results computed from the records and kept (a mission's launch feasibility)", v8_derived_results},
    {9, "change counters; public comments and the outbox of notifications", v9_comments},
    {10, "workshops, their agendas and registrations", v10_workshops},
    {11, "content pages and their revisions", v11_pages},
    {12, "workshops' action items", v12_action_items},
    {13, "missions and capabilities indexed by their position; audit entries carry their change number",
     v13_position_indices},
    {14, "failed logins, throttled across every server on the database", v14_login_throttle},
    {15, "every change of the change counters announced to listening servers", v15_change_notifications},
}};

bool has_table(SqliteConnection& db, std::string_view name) {
    Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    query.bind(1, name);
    return query.step();
}

}  // namespace

std::span<const Migration> migrations() { return all_migrations; }
int latest_version() { return all_migrations.back().version; }

int current_version(SqliteConnection& db) {
    if (!has_table(db, "schema_migrations")) {
        Statement any(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        if (any.step()) {
            throw SchemaError(db.path() + " is not a ger database: it has tables (" + any.text(0) +
                              ") but no schema_migrations");
        }
        return 0;
    }
    Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.step();
    return static_cast<int>(query.integer(0));
}

void migrate(SqliteConnection& db) {
    sql::apply_migrations(db, all_migrations, [&] { return current_version(db); });
}

}  // namespace ger::store::sqlite
