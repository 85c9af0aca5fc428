-- The SQLite schema as ger shipped it at version 1 (src/store/sqlite/migrations.cpp, step 1), frozen here
-- so the migration test starts from a real old database even if someone edits step 1 by mistake.
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
INSERT INTO schema_migrations (version, description, applied_at) VALUES (1, 'core tables', 1700000000);
