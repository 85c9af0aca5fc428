// Persistence of the roadmap behind one interface. Backends: SQLite (default; a file path or "sqlite:PATH") and
// PostgreSQL ("postgresql://..."), one implementation of the rules and the SQL (store/sql) over each database's
// connection (store/sqlite, store/postgresql). Every backend passes the same tests (tests/store).
//
// Each call is one transaction: it either happens completely or not at all. Changes to owned records
// (missions, capabilities) use optimistic concurrency: the caller passes the version it read and gets a
// ConflictError when the record moved on; the change and its AuditEntry are written together or not at all.
//
// Thread safety: a Store object holds one connection (on PostgreSQL: borrows one from a pool shared by the
// process's Stores of that URL, for each statement or transaction) and must not be shared between threads without
// a lock; open one Store per thread (or per request). Several Store objects, in one or several processes, may use
// the same database at the same time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/action_item.hpp"
#include "model/content_page.hpp"
#include "model/records.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/comments.hpp"
#include "store/error.hpp"
#include "store/survey_runs.hpp"
#include "store/workshops.hpp"

namespace ger::store {

// Whether the acting user may read a record of this visibility and owner (the server's access rules,
// server/access.hpp: actor_of). The store does not decide who reads what; it only asks.
using ReadRule = std::function<bool(const model::Visibility& visibility, std::string_view owner)>;

// Who makes a change: recorded in RecordMeta::author and in the audit log; and what it may read.
struct Actor {
    std::string user;    // user name ("" is stored as "system")
    std::string agency;  // acting agency code; "" for the secretariat or the system
    // The records the actor may read; empty: every record (the command line, imports, the system). Writes of
    // missions and capabilities resolve references only among those records (a reference to any other is
    // "unknown", exactly as an absent id), keep the references to other records that the stored record already
    // holds, and deletes weigh only their references (see delete_mission).
    ReadRule reads{};
};

// Missions to list; an unset field does not filter. Results keep the data set's order.
// NOTE: the `{}` initializers let callers write designated initializers ({.agency = "ESA"}) without GCC 12's
// -Wmissing-field-initializers.
struct MissionFilter {
    std::optional<std::string> agency{};       // lead agency or a partner
    std::optional<std::string> lead_agency{};  // the owner only
    std::optional<std::string> destination{};  // Destination::code
    std::optional<model::MissionKind> kind{};
    std::optional<model::MissionStatus> status{};
};

struct CapabilityFilter {
    std::optional<std::string> provider{};
    std::optional<model::CapabilityKind> kind{};
    std::optional<model::CapabilityStatus> status{};
};

// What a backup or restore wrote.
struct BackupSummary {
    long long bytes = 0;     // of the written file
    int schema_version = 0;  // of the copy as written (a restore then migrates it to this binary's)
};

// Audit entries to list, oldest first.
struct AuditFilter {
    std::optional<std::string> agency{};       // acting agency
    std::optional<std::string> record_kind{};  // "mission", "capability", "dataset"
    std::optional<std::string> record_id{};
    std::optional<model::Timestamp> since{};   // entries at or after this instant
    std::optional<std::size_t> limit{};        // the first `limit` entries that match
};

struct GoalWithObjectives {
    model::Goal goal;
    std::vector<model::Objective> objectives;  // in data set order
};

// A frozen edition: the public records at the moment it was frozen (analysis/edition.hpp: edition_snapshot),
// holding exactly one Edition, editions[0], the one frozen.
struct EditionSnapshot {
    model::Dataset data;
    model::Timestamp frozen_at{};
    std::string frozen_by;  // user name
    const model::Edition& edition() const { return data.editions.front(); }
};

// A file generated from a frozen edition and stored with it, so the portal serves it without regenerating:
// kind "pdf", "html", "chart-png", "chart-svg".
struct EditionArtefact {
    std::string kind;
    std::string media_type;  // "application/pdf", ...
    std::string content;     // the bytes
    model::Timestamp created_at{};
};

struct DerivedResult {
    std::string kind;     // "feasibility"
    std::string id;       // the record it belongs to
    std::string key;      // what it was computed from (analysis::feasibility_key)
    std::string content;  // the result as its owner serializes it
    model::Timestamp computed_at{};
};

// One login throttle entry (server/login_throttle.hpp says what the fields mean for each kind of key).
struct ThrottleEntry {
    std::string key;
    double level = 0;        // a leaky bucket's level [failures]
    long long failures = 0;  // failures counted
    long long last_ms = 0;   // last change, ms since 1970 (UTC)
    long long until_ms = 0;  // held back until then, ms since 1970 (UTC)
    friend bool operator==(const ThrottleEntry&, const ThrottleEntry&) = default;
};

// One change of the records as the audit log names it (Store::changes_between).
struct RecordChange {
    long long change_id = 0;
    std::string record_kind;
    std::string record_id;
    model::AuditAction action = model::AuditAction::update;
    friend bool operator==(const RecordChange&, const RecordChange&) = default;
};

class Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // The schema version of the open database (after migration: the newest this binary knows).
    virtual int schema_version() = 0;

    // Replaces the whole data set, all or nothing. Throws model::ValidationError when `data` breaks a rule of
    // model::validate (nothing written). Records keep their meta (versions, timestamps, authors) and order.
    // Writes one audit entry (record_kind "dataset").
    virtual void replace_all(const model::Dataset& data, const Actor& actor) = 0;
    // The whole data set, in the order it was imported (new records last).
    virtual model::Dataset export_dataset() = 0;

    virtual std::vector<model::Agency> agencies() = 0;
    virtual std::optional<model::Agency> agency(std::string_view code) = 0;
    virtual std::vector<model::Goal> goals() = 0;
    virtual std::vector<model::Objective> objectives() = 0;
    virtual std::vector<model::Destination> destinations() = 0;
    virtual std::vector<model::Mission> missions(const MissionFilter& filter = {}) = 0;
    virtual std::optional<model::Mission> mission(std::string_view id) = 0;
    virtual std::vector<model::Capability> capabilities(const CapabilityFilter& filter = {}) = 0;
    virtual std::optional<model::Capability> capability(std::string_view id) = 0;
    virtual std::vector<model::Edition> editions() = 0;

    // Goals with their objectives, in data set order.
    std::vector<GoalWithObjectives> goals_with_objectives();

    // Creates a record: version 1, created_at = updated_at = now, author = actor.user; the given meta is
    // ignored. Throws model::ValidationError (bad record, no visibility, or a reference to a record that is
    // absent or that the actor may not read: the same error), ConflictError (id exists).
    virtual model::Mission create_mission(const model::Mission& mission, const Actor& actor) = 0;
    // Replaces the record `mission.id` if its stored version is `expected_version`; the result has version
    // expected_version + 1, updated_at = now, author = actor.user, created_at unchanged. References of the
    // stored record to records the actor may not read are kept (after the given ones, in their stored order):
    // the actor never saw them. The result is the record as stored, those references included.
    // Throws NotFoundError, ConflictError, model::ValidationError; on any throw nothing is written.
    virtual model::Mission update_mission(const model::Mission& mission, int expected_version,
                                          const Actor& actor) = 0;
    // Throws NotFoundError, ConflictError, IntegrityError while missions the actor may read name it as a
    // precursor (the message names them, and only them). Missions the actor may not read lose the reference in
    // the same transaction: each gets version + 1, author "system" and an audit entry by "system" whose note
    // says why, so its owner's concurrent edit fails with ConflictError instead of being lost.
    virtual void delete_mission(std::string_view id, int expected_version, const Actor& actor) = 0;

    virtual model::Capability create_capability(const model::Capability& capability, const Actor& actor) = 0;
    virtual model::Capability update_capability(const model::Capability& capability, int expected_version,
                                                const Actor& actor) = 0;
    // Throws IntegrityError while a mission the actor may read requires or provides the capability; missions it
    // may not read lose the reference, as for delete_mission.
    virtual void delete_capability(std::string_view id, int expected_version, const Actor& actor) = 0;

    // ---- goals and objectives (the secretariat's) ----
    // Goals and objectives carry no version in the model, so a change names the record as the caller read it
    // (`expected`): when the stored record differs in any field, the change throws ConflictError and writes
    // nothing. (An exact precondition on the content: the server's ETag for them is a digest of that content.)
    // Each change writes an audit entry (record_kind "goal" / "objective", before/after as JSON).
    // Throws model::ValidationError (bad record; a goal number taken by another goal; an objective's unknown
    // goal), ConflictError (id taken on create; changed since read), NotFoundError (unknown id).
    virtual model::Goal create_goal(const model::Goal& goal, const Actor& actor) = 0;
    virtual model::Goal update_goal(const model::Goal& goal, const model::Goal& expected, const Actor& actor) = 0;
    // Also throws IntegrityError while objectives belong to the goal.
    virtual void delete_goal(std::string_view id, const model::Goal& expected, const Actor& actor) = 0;
    virtual model::Objective create_objective(const model::Objective& objective, const Actor& actor) = 0;
    virtual model::Objective update_objective(const model::Objective& objective, const model::Objective& expected,
                                              const Actor& actor) = 0;
    // Also throws IntegrityError while missions address the objective (the message names them).
    virtual void delete_objective(std::string_view id, const model::Objective& expected, const Actor& actor) = 0;

    // Every matching entry, oldest first, with its content: for the CLI and exports, which want the whole log. A
    // server answer uses audit_page.
    virtual std::vector<model::AuditEntry> audit(const AuditFilter& filter = {}) = 0;
    // One page of the entries `query.reader` may read in `query.view` (see AuditQuery, AuditPage).
    virtual AuditPage audit_page(const AuditQuery& query) = 0;
    // A counter that every change of the records (and of accounts and tokens) advances in its own transaction
    // (0 for a new database), so a cache of records is current while this number stays the same. A counter row,
    // not MAX(audit_log.id): ids may commit out of order where sequences are shared (PostgreSQL), a counter row
    // cannot. Community content has its own counter (community_change_id).
    virtual long long last_change_id() = 0;
    // For a process that asks the counters on every request (a server): where the backend is told of every commit
    // (PostgreSQL: LISTEN/NOTIFY), last_change_id and community_change_id answer from memory until something may
    // have changed them (store/sql/counter_cache.hpp says what that promises). A write this process committed is
    // always seen at once; another process's as soon as its notification arrives, within 0.5 s in any case.
    // Nothing changes on SQLite, where asking is reading this process's own file. Once per process is enough.
    virtual void follow_changes() {}
    // Whether this process is being told of every change right now (PostgreSQL, after follow_changes: its listener
    // is connected); nullopt where that does not apply (SQLite, or follow_changes not called). For health checks.
    virtual std::optional<bool> told_of_changes() { return std::nullopt; }
    // What the changes numbered after `after` up to `through` (both last_change_id values) touched, by change
    // number: each one's record kind ("mission", "capability", "token", ...), id and action, as its audit entry
    // names them. nullopt when the log cannot account for every change in that range (changes made before
    // schema 13 carry no number), and the caller must read the records whole. Lets a cache of the records re-read
    // only what changed.
    virtual std::optional<std::vector<RecordChange>> changes_between(long long after, long long through) = 0;

    // ---- frozen editions ----
    // Freezes the edition `snapshot.editions[0]`: stores the snapshot (never to change again) and adds the edition
    // to the editions list, or marks it frozen there. When `expected_change_id` is given and last_change_id()
    // moved on (the records changed since the caller built the snapshot), throws ConflictError and writes
    // nothing: rebuild and retry. Throws ConflictError when the edition is already frozen, model::ValidationError
    // when the snapshot breaks a model rule or does not hold exactly one edition. Writes an audit entry
    // (record_kind "edition").
    virtual void freeze_edition(const model::Dataset& snapshot, std::optional<long long> expected_change_id,
                                const Actor& actor) = 0;
    virtual std::optional<EditionSnapshot> edition_snapshot(std::string_view name) = 0;
    // Names of the frozen editions, in the order they were frozen.
    virtual std::vector<std::string> frozen_editions() = 0;
    // Stores an artefact of a frozen edition, once: ConflictError when the edition already has one of that kind,
    // NotFoundError when the edition is not frozen. `created_at` is set to now.
    virtual void put_edition_artefact(std::string_view edition, const EditionArtefact& artefact) = 0;
    virtual std::optional<EditionArtefact> edition_artefact(std::string_view edition, std::string_view kind) = 0;
    // The artefacts of an edition without their content (kind, media type, created_at).
    virtual std::vector<EditionArtefact> edition_artefacts(std::string_view edition) = 0;

    // ---- accounts (store/accounts.hpp) ----
    // Throws ConflictError when the name is taken. Writes an audit entry (record_kind "user", no secrets).
    virtual void create_user(const User& user, const Actor& actor) = 0;
    virtual std::optional<User> user(std::string_view name) = 0;
    virtual std::vector<User> users() = 0;
    // Sets last_visit = `now` and returns the value it replaces.
    virtual std::optional<model::Timestamp> record_visit(std::string_view name, model::Timestamp now) = 0;

    // Stores a token by its digest; returns its id. Throws NotFoundError for an unknown user.
    virtual long long create_token(std::string_view user, std::string_view token_digest, std::string_view label) = 0;
    // The user a token that is not revoked belongs to.
    virtual std::optional<User> user_by_token(std::string_view token_digest) = 0;
    virtual std::vector<ApiToken> tokens(std::string_view user) = 0;
    // Revokes the token `id` of `user`; false when the user has no such live token.
    virtual bool revoke_token(long long id, std::string_view user) = 0;

    virtual void create_session(std::string_view session_digest, const Session& session) = 0;
    // The session, while not expired at `now`.
    virtual std::optional<Session> session(std::string_view session_digest, model::Timestamp now) = 0;
    virtual void delete_session(std::string_view session_digest) = 0;

    // ---- login throttling (server/login_throttle.hpp), shared by every server on the database ----
    // The stored entries among `keys`.
    virtual std::vector<ThrottleEntry> throttle_entries(const std::vector<std::string>& keys) = 0;
    // In one write transaction: removes every entry last changed before `expire_before_ms`, reads the entries of
    // `keys` (absent ones come as a ThrottleEntry with only the key set), lets `change` rewrite them, and stores
    // them; an entry whose failures and level are both 0 is removed instead. Returns the entries as stored.
    virtual std::vector<ThrottleEntry> update_throttle_entries(
        const std::vector<std::string>& keys, long long expire_before_ms,
        const std::function<void(std::vector<ThrottleEntry>&)>& change) = 0;
    virtual void delete_throttle_entry(std::string_view key) = 0;

    // ---- Results computed from the records and kept, so that no request and no restart recomputes them (a
    // mission's launch feasibility and its porkchop): one per (kind, id), replaced when computed again; `key`
    // says what it was computed from. Not audited, not change-counted.
    virtual void put_derived(const DerivedResult& result) = 0;
    virtual std::optional<DerivedResult> derived(std::string_view kind, std::string_view id) = 0;

    // ---- NEA survey runs (survey_runs.hpp): derived from public data, so neither audited nor change-counted.
    // Starts a run (state running, done 0) and returns its id; `run.id` and the timestamps are ignored.
    virtual long long begin_survey_run(const SurveyRun& run) = 0;
    // Progress of a running run; NotFoundError for an unknown id, StoreError when the run has ended.
    virtual void report_survey_progress(long long id, long long done, long long legs_solved) = 0;
    // Adds rows to a running run, all or nothing; ConflictError for a designation the run already has, StoreError
    // when the run has ended.
    virtual void add_survey_targets(long long id, const std::vector<SurveyTarget>& targets) = 0;
    // Ends a running run as complete, cancelled or failed (with `message`); StoreError when it has ended,
    // std::invalid_argument for the state running.
    virtual void end_survey_run(long long id, SurveyRunState state, std::string_view message) = 0;
    virtual std::optional<SurveyRun> survey_run(long long id) = 0;
    // The newest run (by id) in `state`, or of any state when nullopt.
    virtual std::optional<SurveyRun> latest_survey_run(std::optional<SurveyRunState> state) = 0;
    // Every row of a run, in designation order.
    virtual std::vector<SurveyTarget> survey_targets(long long id) = 0;
    // ---- public comments (comments.hpp) ----
    // Stores a pending comment (version 1) with its near-duplicate group (model::comment_similarity against the
    // newest near_duplicate_window comments of its edition: the group of the most similar one above
    // model::near_duplicate_similarity, else its own id), an audit entry (record_kind "comment", no personal
    // data) and an outbox message to the secretariat, all or nothing. ConflictError when the receipt is taken.
    virtual model::Comment create_comment(const NewComment& comment) = 0;
    virtual std::optional<model::Comment> comment(long long id) = 0;
    virtual std::optional<model::Comment> comment_by_receipt(std::string_view receipt_digest) = 0;
    // Newest first.
    virtual std::vector<model::Comment> comments(const CommentFilter& filter) = 0;
    virtual long long count_comments(const CommentFilter& filter) = 0;
    virtual CommentCounts count_recent_comments(std::string_view source, std::string_view email,
                                                model::Timestamp since) = 0;
    // One moderation step (checked by the caller: model::moderation_errors and the disposition's records) when the
    // stored version is `expected_version`: version + 1, audited with the moderation fields before and after; a
    // new or changed response sets responded_at and, unless the identity was erased, adds an outbox message to
    // the commenter. Throws NotFoundError, ConflictError.
    virtual model::Comment moderate_comment(long long id, int expected_version,
                                            const model::CommentModeration& moderation, const Actor& actor) = 0;
    // Erases the commenter's name, affiliation, email and source (the text stays) and the unsent messages to
    // them; version + 1, audited. Erasing an erased comment changes nothing. Throws NotFoundError.
    virtual model::Comment erase_commenter(long long id, const Actor& actor) = 0;
    // Advances with every write of community content (comments, moderation, erasure, workshops and their
    // registrations), in its transaction.
    virtual long long community_change_id() = 0;

    // ---- workshops (workshops.hpp) ----
    // Stores a workshop (checked by the caller: model::workshop_errors and the host agency) with created_at = now
    // and created_by = actor.user, audited (record_kind "workshop"). ConflictError when the id is taken.
    virtual model::Workshop create_workshop(const model::Workshop& workshop, const Actor& actor) = 0;
    virtual std::optional<model::Workshop> workshop(std::string_view id) = 0;
    // Newest first (by first day).
    virtual std::vector<model::Workshop> workshops() = 0;
    virtual RegistrationCounts registration_counts(std::string_view workshop) = 0;
    // Registers, in one write transaction: confirmed while the active confirmed ones are fewer than the
    // capacity, else waitlisted at the end of the list. An email (model::email_key) that already has an active
    // registration for the workshop gets that one back (created false) and an outbox message to it; nothing
    // else is written. New registrations are audited (record_kind "registration", no personal data).
    // NotFoundError for an unknown workshop, ConflictError when the token digest is taken.
    virtual RegistrationResult register_for_workshop(const NewRegistration& registration) = 0;
    virtual std::optional<model::Registration> registration_by_token(std::string_view token_digest) = 0;
    // Cancels an active registration; when it held a confirmed seat, the first on the waiting list (first come,
    // first served) is confirmed and sent an outbox message. Audited. NotFoundError for an unknown token;
    // cancelling a cancelled registration changes nothing (promoted empty).
    virtual CancelResult cancel_registration(std::string_view token_digest, const Actor& actor) = 0;
    // Every registration of the workshop, the active first: confirmed, then waitlisted, each by position; then
    // the cancelled, by id.
    virtual std::vector<model::Registration> registrations(std::string_view workshop) = 0;
    virtual RegistrationRecentCounts count_recent_registrations(std::string_view source, std::string_view email,
                                                                model::Timestamp since) = 0;
    // Removes name, email, affiliation and source of every registration of each workshop not yet purged whose
    // model::purge_due_at(workshop, after_days) is at or before `now`, with their unsent outbox messages; the
    // workshop gets purged_at = now and an audit entry. Statuses and counts stay.
    virtual PurgeResult purge_registrations(model::Timestamp now, int after_days, const Actor& actor) = 0;
    // ---- a workshop's action items (model/action_item.hpp), audited as "action-item" on the community counter ----
    // Throws model::ValidationError (model::action_item_errors, and "/owner_agency" or "/records/N" for an agency,
    // mission, objective or comment that does not exist), NotFoundError when the workshop does not exist. Whether
    // the caller may see a named record is the caller's rule (a hidden mission and an absent one must read alike).
    virtual model::ActionItem create_action_item(const model::ActionItem& item, const Actor& actor) = 0;
    virtual std::optional<model::ActionItem> action_item(long long id) = 0;
    // Every item of one workshop (or of all), oldest first.
    virtual std::vector<model::ActionItem> action_items(std::optional<std::string_view> workshop = std::nullopt) = 0;
    // Title, description, owner, status and records (the workshop stays), checked as on create except for the
    // records the stored item already names (one deleted since does not block a status change); ConflictError
    // when the stored version is not `expected_version`, NotFoundError when there is no such item.
    virtual model::ActionItem update_action_item(const model::ActionItem& item, int expected_version,
                                                 const Actor& actor) = 0;
    // ---- content pages (model/content_page.hpp): a log of revisions, never overwritten ----
    // The newest revision of every page, by slug.
    virtual std::vector<model::PageRevision> content_pages() = 0;
    // The newest revision of a page, or revision `revision` of it.
    virtual std::optional<model::PageRevision> content_page(std::string_view slug,
                                                            std::optional<int> revision = std::nullopt) = 0;
    // Every revision of a page, newest first, without its Markdown.
    virtual std::vector<model::PageRevision> page_history(std::string_view slug) = 0;
    // Adds revision expected_revision + 1 (1 for a new page: expected 0) with at = now and author = actor.user,
    // audited (record_kind "page"; a change of the records: the home page's goal cards read these pages).
    // Throws model::ValidationError (model::page_errors), ConflictError when the newest revision is not
    // `expected_revision`.
    virtual model::PageRevision save_page(const model::PageRevision& page, int expected_revision,
                                          const Actor& actor) = 0;
    // Stores each page that has no revision yet as the given revision (the bundled seed), in one transaction,
    // unaudited; returns how many were added.
    virtual std::size_t seed_pages(const std::vector<model::PageRevision>& pages) = 0;

    virtual std::vector<OutboxMessage> outbox(bool unsent_only) = 0;
    // Marks a message sent (now); false when there is no unsent message `id`.
    virtual bool mark_outbox_sent(long long id) = 0;

    // ---- backup ----
    // A consistent copy of the whole database as of one instant, written to `destination` (a new file:
    // StoreError when it exists) while other connections keep reading and writing; checked before it is kept.
    virtual BackupSummary backup(const std::string& destination) = 0;
};

// Replaces the database at `url_or_path` by a file Store::backup wrote: checked first (a ger database, SQLite's
// integrity check, a schema this binary knows), then moved into place and migrated. Refuses an existing database
// unless `replace`; no server may have it open. Throws NotFoundError (no backup), SchemaError, StoreError, each
// naming the file; the database is untouched when any check fails.
BackupSummary restore_backup(const std::string& backup, const std::string& url_or_path, bool replace);

// One table as copy_database copied it.
struct TableCopy {
    std::string table;
    long long rows = 0;
};

// What copy_database wrote.
struct CopySummary {
    std::string from;  // the databases as messages name them (a URL without its password)
    std::string to;
    int schema_version = 0;
    std::vector<TableCopy> tables;  // in the order copied
    long long rows = 0;             // in all
};

// Hears of each table once its rows are copied (before the copy commits).
using CopyProgress = std::function<void(const TableCopy& table)>;

// Copies the whole database at `from` into `to` (`ger migrate`), each a file path, "sqlite:PATH" or
// "postgresql://...", so a roadmap moves between backends: every table but schema_migrations, ids, audit log,
// change counters, accounts, frozen editions and their artefacts included, as of one instant of `from`, in one
// transaction of `to`: all or nothing. `from` must exist (NotFoundError) and is migrated to this binary's schema
// first; `to` is created when missing and migrated, and must hold no row (StoreError naming the table; nothing
// is written), so nothing is ever overwritten. On PostgreSQL the identity sequences then continue after the
// copied ids. Refuses `from` and `to` naming the same database. An SQLite file the call created is removed again
// when the copy fails.
CopySummary copy_database(const std::string& from, const std::string& to, const CopyProgress& progress = {});

enum class OpenMode {
    existing,  // the database must exist (NotFoundError otherwise)
    create,    // create it (and its parent directory) when missing
};

// Opens (and migrates to the newest schema) the store at `url_or_path`: a file path or "sqlite:PATH" for
// SQLite, "postgresql://..." for PostgreSQL when built with GER_WITH_POSTGRESQL. Throws SchemaError when the
// database's schema is newer than this binary's, NotFoundError (OpenMode::existing, no database), StoreError.
std::unique_ptr<Store> open_store(const std::string& url_or_path, OpenMode mode = OpenMode::existing);

// The newest schema version this binary knows for the backend of `url_or_path`.
int latest_schema_version(const std::string& url_or_path);

}  // namespace ger::store
