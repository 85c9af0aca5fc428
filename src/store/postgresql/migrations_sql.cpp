#include "store/postgresql/migrations_sql.hpp"

#include <array>

namespace ger::store::postgresql {
namespace {

// NOTE: step for step the SQLite schema (store/sqlite/migrations.cpp says why each table is as it is). The
// store's SQL is shared, so names and column order are SQLite's and types read alike: every INTEGER is a
// BIGINT (one integer type binds and parses the same everywhere; booleans stay 0/1, not boolean, as the
// shared SQL compares them with 0 and 1), REAL is DOUBLE PRECISION, BLOB is BYTEA. An `id INTEGER PRIMARY
// KEY` (SQLite's rowid, assigned when an INSERT leaves it out) is an identity column, as the store inserts
// without it and reads it back. Unlike a rowid, an identity never hands out a number again after the newest
// row is deleted. schema_migrations.version is no identity: the store always names the version it records.
constexpr std::string_view v1_core = R"sql(
CREATE TABLE schema_migrations (
    version     BIGINT  PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  BIGINT  NOT NULL
);
CREATE TABLE agencies (
    code         TEXT    PRIMARY KEY,
    position     BIGINT  NOT NULL,
    name         TEXT    NOT NULL,
    country      TEXT    NOT NULL,
    member_since BIGINT  NOT NULL,
    source       TEXT    NOT NULL
);
CREATE TABLE goals (
    id          TEXT    PRIMARY KEY,
    position    BIGINT  NOT NULL,
    number      BIGINT  NOT NULL,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    source      TEXT    NOT NULL
);
CREATE TABLE objectives (
    id          TEXT    PRIMARY KEY,
    position    BIGINT  NOT NULL,
    goal_id     TEXT    NOT NULL REFERENCES goals (id) DEFERRABLE INITIALLY DEFERRED,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    verified    BIGINT  NOT NULL,
    source      TEXT    NOT NULL
);
CREATE TABLE destinations (
    code        TEXT    PRIMARY KEY,
    position    BIGINT  NOT NULL,
    name        TEXT    NOT NULL,
    path_order  BIGINT  NOT NULL,
    description TEXT    NOT NULL
);
CREATE TABLE capabilities (
    id                  TEXT    PRIMARY KEY,
    position            BIGINT  NOT NULL,
    name                TEXT    NOT NULL,
    provider            TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    kind                TEXT    NOT NULL,
    readiness_day       TEXT,
    readiness_precision TEXT,
    status              TEXT    NOT NULL,
    visibility_scope    TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    version             BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    author              TEXT    NOT NULL
);
CREATE TABLE capability_visibility (
    capability_id TEXT    NOT NULL REFERENCES capabilities (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position      BIGINT  NOT NULL,
    agency        TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (capability_id, position)
);
CREATE TABLE missions (
    id                     TEXT    PRIMARY KEY,
    position               BIGINT  NOT NULL,
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
    duration_days          DOUBLE PRECISION,
    status                 TEXT    NOT NULL,
    commitment             TEXT    NOT NULL,
    visibility_scope       TEXT    NOT NULL,
    description            TEXT    NOT NULL,
    source                 TEXT    NOT NULL,
    version                BIGINT  NOT NULL,
    created_at             BIGINT  NOT NULL,
    updated_at             BIGINT  NOT NULL,
    author                 TEXT    NOT NULL
);
CREATE TABLE mission_partners (
    mission_id TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   BIGINT  NOT NULL,
    agency     TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_objectives (
    mission_id   TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     BIGINT  NOT NULL,
    objective_id TEXT    NOT NULL REFERENCES objectives (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_capabilities (
    mission_id    TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    role          TEXT    NOT NULL CHECK (role IN ('required', 'provided')),
    position      BIGINT  NOT NULL,
    capability_id TEXT    NOT NULL REFERENCES capabilities (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, role, position)
);
CREATE TABLE mission_precursors (
    mission_id   TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     BIGINT  NOT NULL,
    precursor_id TEXT    NOT NULL REFERENCES missions (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE mission_visibility (
    mission_id TEXT    NOT NULL REFERENCES missions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   BIGINT  NOT NULL,
    agency     TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (mission_id, position)
);
CREATE TABLE editions (
    name      TEXT    PRIMARY KEY,
    position  BIGINT  NOT NULL,
    title     TEXT    NOT NULL,
    published TEXT    NOT NULL,
    scenario  TEXT    NOT NULL,
    frozen    BIGINT  NOT NULL,
    source    TEXT    NOT NULL
);
CREATE TABLE edition_signatories (
    edition_name TEXT    NOT NULL REFERENCES editions (name) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     BIGINT  NOT NULL,
    agency       TEXT    NOT NULL REFERENCES agencies (code) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (edition_name, position)
);
)sql";

constexpr std::string_view v2_audit = R"sql(
CREATE TABLE audit_log (
    id          BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at          BIGINT  NOT NULL,
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

constexpr std::string_view v3_accounts = R"sql(
CREATE TABLE users (
    name          TEXT    PRIMARY KEY,
    agency        TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('planner', 'secretariat')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    last_visit    BIGINT
);
CREATE TABLE api_tokens (
    id           BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    token_digest TEXT    NOT NULL UNIQUE,
    user_name    TEXT    NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_name);
CREATE TABLE sessions (
    session_digest TEXT    PRIMARY KEY,
    user_name      TEXT    NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    csrf           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    expires_at     BIGINT  NOT NULL,
    previous_visit BIGINT
);
CREATE INDEX sessions_expires ON sessions (expires_at);
)sql";

// NOTE: SQLite lists snapshots in the order they were frozen by `ORDER BY frozen_at, rowid`; PostgreSQL has
// no rowid, so `seq` (the one column SQLite lacks, kept last) stands in: ORDER BY frozen_at, seq. SQLite's
// RAISE(ABORT) fails as a constraint; SQLSTATE 23000 lets the driver report the same kind of error. TRUNCATE
// would empty the tables without firing row triggers, so it is refused too.
constexpr std::string_view v4_edition_snapshots = R"sql(
CREATE TABLE edition_snapshots (
    name      TEXT    PRIMARY KEY,
    frozen_at BIGINT  NOT NULL,
    frozen_by TEXT    NOT NULL,
    dataset   TEXT    NOT NULL,
    seq       BIGINT  GENERATED ALWAYS AS IDENTITY
);
CREATE TABLE edition_artefacts (
    edition_name TEXT    NOT NULL REFERENCES edition_snapshots (name),
    kind         TEXT    NOT NULL,
    media_type   TEXT    NOT NULL,
    content      BYTEA   NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (edition_name, kind)
);
CREATE FUNCTION edition_never_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a frozen edition never changes' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER edition_snapshots_no_update BEFORE UPDATE ON edition_snapshots
    FOR EACH ROW EXECUTE FUNCTION edition_never_changes();
CREATE TRIGGER edition_snapshots_no_delete BEFORE DELETE ON edition_snapshots
    FOR EACH ROW EXECUTE FUNCTION edition_never_changes();
CREATE TRIGGER edition_snapshots_no_truncate BEFORE TRUNCATE ON edition_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION edition_never_changes();
CREATE TRIGGER edition_artefacts_no_update BEFORE UPDATE ON edition_artefacts
    FOR EACH ROW EXECUTE FUNCTION edition_never_changes();
CREATE TRIGGER edition_artefacts_no_delete BEFORE DELETE ON edition_artefacts
    FOR EACH ROW EXECUTE FUNCTION edition_never_changes();
CREATE TRIGGER edition_artefacts_no_truncate BEFORE TRUNCATE ON edition_artefacts
    FOR EACH STATEMENT EXECUTE FUNCTION edition_never_changes();
)sql";

constexpr std::string_view v5_audit_note = R"sql(
ALTER TABLE audit_log ADD COLUMN note TEXT NOT NULL DEFAULT '';
)sql";

// NOTE: the backfill does what SQLite's does, and writes read_agencies as json_group_array and the store
// (nlohmann dump) write it, `["a","b"]` without spaces: the store compares the column's text. PostgreSQL 15
// has no json_valid and a cast of text that is not JSON fails the statement, so a helper (dropped at the end
// of the step) turns such a copy into NULL. SQLite's `typeof(owner) = 'text'` holds for a JSON string, object
// or array (json_extract returns the latter two as text).
constexpr std::string_view v6_audit_scope = R"sql(
ALTER TABLE audit_log ADD COLUMN record_owner TEXT;
ALTER TABLE audit_log ADD COLUMN read_scope TEXT CHECK (read_scope IN ('public', 'partners', 'agencies'));
ALTER TABLE audit_log ADD COLUMN read_agencies TEXT;
UPDATE audit_log SET record_owner = m.lead_agency, read_scope = m.visibility_scope,
    read_agencies = (SELECT '[' || COALESCE(string_agg(to_json(v.agency)::text, ',' ORDER BY v.position), '')
                            || ']'
                       FROM mission_visibility v WHERE v.mission_id = m.id)
  FROM missions m WHERE audit_log.record_kind = 'mission' AND audit_log.record_id = m.id;
UPDATE audit_log SET record_owner = c.provider, read_scope = c.visibility_scope,
    read_agencies = (SELECT '[' || COALESCE(string_agg(to_json(v.agency)::text, ',' ORDER BY v.position), '')
                            || ']'
                       FROM capability_visibility v WHERE v.capability_id = c.id)
  FROM capabilities c WHERE audit_log.record_kind = 'capability' AND audit_log.record_id = c.id;
CREATE FUNCTION ger_v6_json_object(doc TEXT) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN CASE WHEN jsonb_typeof(doc::jsonb) = 'object' THEN doc::jsonb END;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;
WITH last_copy AS (
    SELECT record_kind, record_id, ger_v6_json_object(doc) AS doc FROM (
        SELECT record_kind, record_id,
               CASE WHEN after_json <> '' THEN after_json ELSE before_json END AS doc,
               ROW_NUMBER() OVER (PARTITION BY record_kind, record_id ORDER BY id DESC) AS newest
        FROM audit_log WHERE record_kind IN ('mission', 'capability') AND read_scope IS NULL) AS copies
    WHERE newest = 1
), last_scope AS (
    SELECT record_kind, record_id,
           doc -> CASE record_kind WHEN 'mission' THEN 'lead_agency' ELSE 'provider' END AS owner,
           doc #>> '{visibility,scope}' AS scope,
           CASE WHEN jsonb_typeof(doc #> '{visibility,agencies}') = 'array'
                THEN (SELECT '[' || COALESCE(string_agg(a.value::text, ',' ORDER BY a.n), '') || ']'
                      FROM jsonb_array_elements(doc #> '{visibility,agencies}')
                           WITH ORDINALITY AS a (value, n))
                ELSE '[]' END AS agencies
    FROM last_copy WHERE doc IS NOT NULL
)
UPDATE audit_log SET record_owner = s.owner #>> '{}', read_scope = s.scope, read_agencies = s.agencies
  FROM last_scope s
  WHERE audit_log.record_kind = s.record_kind AND audit_log.record_id = s.record_id
    AND jsonb_typeof(s.owner) IN ('string', 'object', 'array')
    AND s.scope IN ('public', 'partners', 'agencies');
DROP FUNCTION ger_v6_json_object(TEXT);
CREATE INDEX audit_log_read_scope ON audit_log (read_scope, id);
CREATE INDEX audit_log_record_owner ON audit_log (record_owner, id);
CREATE INDEX audit_log_record_id ON audit_log (record_id, id);
)sql";

constexpr std::string_view v7_survey_runs = R"sql(
CREATE TABLE survey_runs (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    state         TEXT NOT NULL CHECK (state IN ('running', 'complete', 'cancelled', 'failed')),
    started_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    finished_at   BIGINT,
    criteria      TEXT NOT NULL,
    catalogue     TEXT NOT NULL,
    device        TEXT NOT NULL,
    planned       BIGINT NOT NULL CHECK (planned >= 0),
    done          BIGINT NOT NULL CHECK (done >= 0),
    legs_solved   BIGINT NOT NULL CHECK (legs_solved >= 0),
    message       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_runs_state ON survey_runs (state, id);
CREATE TABLE survey_targets (
    run_id             BIGINT NOT NULL REFERENCES survey_runs (id) ON DELETE CASCADE,
    designation        TEXT NOT NULL,
    h_mag              DOUBLE PRECISION,
    viable_count       BIGINT NOT NULL CHECK (viable_count >= 0),
    min_dv_km_s        DOUBLE PRECISION,
    min_duration_days  DOUBLE PRECISION,
    min_dv_launch      TEXT,
    detail             TEXT NOT NULL,
    PRIMARY KEY (run_id, designation)
);
)sql";

constexpr std::string_view v8_derived_results = R"sql(
CREATE TABLE derived_results (
    kind         TEXT NOT NULL,
    id           TEXT NOT NULL,
    key          TEXT NOT NULL,
    content      TEXT NOT NULL,
    computed_at  BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
)sql";

// NOTE: WITHOUT ROWID is SQLite's storage choice; a PostgreSQL table has no rowid to leave out.
constexpr std::string_view v9_comments = R"sql(
CREATE TABLE change_counters (
    name   TEXT    PRIMARY KEY,
    value  BIGINT  NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('roadmap', (SELECT COALESCE(MAX(id), 0) FROM audit_log));
INSERT INTO change_counters (name, value) VALUES ('community', 0);
CREATE TABLE comments (
    id               BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version          BIGINT  NOT NULL,
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
    responded_at     BIGINT,
    disposition_json TEXT,
    group_id         BIGINT  NOT NULL,
    erased           BIGINT  NOT NULL DEFAULT 0,
    receipt_digest   TEXT    NOT NULL UNIQUE,
    source           TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX comments_by_edition ON comments (edition, status, id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE INDEX comments_by_source ON comments (source, created_at);
CREATE INDEX comments_by_email ON comments (email, created_at);
CREATE TABLE outbox (
    id          BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    created_at  BIGINT  NOT NULL,
    recipient   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    about       TEXT    NOT NULL,
    sent_at     BIGINT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
)sql";

// NOTE: WITHOUT ROWID dropped, as in step 9.
constexpr std::string_view v10_workshops = R"sql(
CREATE TABLE workshops (
    id                  TEXT    PRIMARY KEY,
    title               TEXT    NOT NULL,
    host_agency         TEXT    NOT NULL,
    starts              TEXT    NOT NULL,
    ends                TEXT    NOT NULL,
    place               TEXT    NOT NULL,
    capacity            BIGINT  NOT NULL CHECK (capacity > 0),
    registration_opens  TEXT    NOT NULL,
    registration_closes TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    created_at          BIGINT  NOT NULL,
    created_by          TEXT    NOT NULL,
    purged_at           BIGINT
);
CREATE TABLE workshop_sessions (
    workshop_id  TEXT    NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    position     BIGINT  NOT NULL,
    starts       BIGINT  NOT NULL,
    ends         BIGINT  NOT NULL,
    title        TEXT    NOT NULL,
    speakers     TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    PRIMARY KEY (workshop_id, position)
);
CREATE TABLE registrations (
    id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    workshop_id   TEXT    NOT NULL REFERENCES workshops (id),
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    email_key     TEXT    NOT NULL,
    affiliation   TEXT    NOT NULL,
    publish_name  BIGINT  NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    seq           BIGINT  NOT NULL,
    token_digest  TEXT    NOT NULL UNIQUE,
    source        TEXT    NOT NULL,
    purged        BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE UNIQUE INDEX registrations_active_email ON registrations (workshop_id, email_key)
    WHERE status <> 'cancelled' AND purged = 0;
CREATE INDEX registrations_by_status ON registrations (workshop_id, status, seq);
CREATE INDEX registrations_by_source ON registrations (source, created_at);
CREATE INDEX registrations_by_email ON registrations (email_key, created_at);
)sql";

constexpr std::string_view v11_pages = R"sql(
CREATE TABLE page_revisions (
    slug      TEXT    NOT NULL,
    revision  BIGINT  NOT NULL,
    title     TEXT    NOT NULL,
    markdown  TEXT    NOT NULL,
    summary   TEXT    NOT NULL,
    author    TEXT    NOT NULL,
    editor    TEXT    NOT NULL,
    at        BIGINT  NOT NULL,
    PRIMARY KEY (slug, revision)
);
)sql";

constexpr std::string_view v12_action_items = R"sql(
CREATE TABLE action_items (
    id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version       BIGINT  NOT NULL,
    workshop_id   TEXT    NOT NULL REFERENCES workshops (id),
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    owner_agency  TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'dropped')),
    records       TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX action_items_by_workshop ON action_items (workshop_id, id);
)sql";

constexpr std::string_view v13_position_indices = R"sql(
CREATE INDEX missions_position ON missions (position);
CREATE INDEX capabilities_position ON capabilities (position);
ALTER TABLE audit_log ADD COLUMN change_id BIGINT;
CREATE INDEX audit_log_change ON audit_log (change_id) WHERE change_id IS NOT NULL;
)sql";

constexpr std::string_view v14_login_throttle = R"sql(
CREATE TABLE login_throttle (
    key      TEXT             PRIMARY KEY,
    level    DOUBLE PRECISION NOT NULL,
    failures BIGINT           NOT NULL,
    last_ms  BIGINT           NOT NULL,
    until_ms BIGINT           NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_ms);
)sql";

// Every change of a counter is announced on commit, to the servers' listeners (store/postgresql/change_listener.hpp):
// they then read the counters again instead of asking on every request. One notification per transaction however
// many rows it changed (PostgreSQL folds equal ones). SQLite's step 15 is empty: it has no one to tell.
constexpr std::string_view v15_change_notifications = R"sql(
CREATE FUNCTION ger_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ger_change_counters', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER change_counters_announce AFTER INSERT OR UPDATE OR DELETE ON change_counters
    FOR EACH STATEMENT EXECUTE FUNCTION ger_announce_change();
)sql";

constexpr std::array<MigrationStep, 15> all_steps{{
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

}  // namespace

std::span<const MigrationStep> migration_steps() { return all_steps; }

}  // namespace ger::store::postgresql
