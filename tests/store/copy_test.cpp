// Copying a whole database between backends (store::copy_database, `ger migrate`): an SQLite database filled
// through the Store with something in every table moves to each backend, and from PostgreSQL back to SQLite, with
// everything the Store reads equal (ids, audit log, change counters, accounts, frozen editions in their order,
// artefact bytes, community content); a copy on PostgreSQL then numbers new rows after the copied ones. A target
// that holds data is refused and left as it was; a copy that fails leaves the target as it was; a missing source
// is NotFoundError; a database is not copied onto itself.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "backends.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/copy.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/connection.hpp"
#endif

namespace ger::store {
namespace {

using std::chrono::seconds;

const Actor secretariat{"sec", "", {}};
const Actor nasa{"nasa", "NASA", {}};
const model::Timestamp t0{seconds{1'900'000'000}};

std::string ts(model::Timestamp t) { return std::to_string(t.time_since_epoch().count()); }
std::string ts(const std::optional<model::Timestamp>& t) { return t ? ts(*t) : "-"; }
std::string num(const std::optional<double>& x) {
    if (!x) return "-";
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", *x);
    return text;
}

model::Mission probe(const std::string& id) { return test::probe_mission(id, "Copy probe " + id, "NASA", "Moon"); }

model::Dataset snapshot_of(const model::Dataset& data, const std::string& name) {
    model::Dataset s = data;
    model::Edition e;
    e.name = name;
    e.title = "Edition " + name;
    e.published = std::chrono::year{2031} / 3 / 1;
    e.signatories = {"NASA", "ESA"};
    e.scenario = "copied scenario";
    s.editions = {e};
    return s;
}

NewComment comment(const std::string& text, const std::string& receipt) {
    NewComment c;
    c.submission.edition = "2013";
    c.submission.section = "goals";
    c.submission.name = "Ada";
    c.submission.affiliation = "Analytical Society";
    c.submission.email = "ada@example.org";
    c.submission.text = text;
    c.receipt_digest = receipt;
    c.source = "source-a";
    return c;
}

NewRegistration registration(const std::string& name, const std::string& email, const std::string& token) {
    NewRegistration r;
    r.request = {"lunar-workshop", name, email, "Analytical Society", true};
    r.token_digest = token;
    r.source = "source-a";
    return r;
}

const std::string artefact_bytes("%PDF-1.5\0\x01\xff binary\0end", 22);  // NUL and 0xff included

const std::vector<std::string> throttle_keys{"account:ada|address:1", "address:1"};

// Something in every table, through the Store only.
void fill(Store& store) {
    store.replace_all(test::sample_dataset(), secretariat);
    store.create_mission(probe("nasa-probe"), nasa);
    auto updated = *store.mission("nasa-probe");
    updated.name = "Copy probe, renamed";
    store.update_mission(updated, updated.meta.version, nasa);
    store.create_mission(probe("nasa-gone"), nasa);
    store.delete_mission("nasa-gone", 1, nasa);

    store.create_user({"ada", "NASA", Role::planner, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", t0, {}},
                      secretariat);
    store.create_user({"sec", "", Role::secretariat, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$b3RoZXI", t0, {}},
                      secretariat);
    store.record_visit("ada", t0 + seconds{60});
    store.create_token("ada", "digest-live", "laptop");
    const auto revoked = store.create_token("ada", "digest-revoked", "old phone");
    store.revoke_token(revoked, "ada");
    store.create_session("session-digest", {"ada", "csrf-token", t0, t0 + seconds{3600 * 24 * 365 * 50}, t0});

    // Two editions frozen within the same second: only the insertion order tells them apart.
    const auto data = store.export_dataset();
    store.freeze_edition(snapshot_of(data, "2031"), std::nullopt, secretariat);
    store.freeze_edition(snapshot_of(data, "2030"), std::nullopt, secretariat);
    store.put_edition_artefact("2031", {"pdf", "application/pdf", artefact_bytes, {}});
    store.put_edition_artefact("2031", {"chart-svg", "image/svg+xml", "<svg/>", {}});

    const auto c = store.create_comment(comment("Please add a lunar far-side radio telescope.", "receipt-1"));
    model::CommentModeration m;
    m.status = model::CommentStatus::accepted;
    m.reason = "on topic";
    m.response = "Thank you.";
    store.moderate_comment(c.id, 1, m, secretariat);
    store.create_comment(comment("A second thought.", "receipt-2"));
    store.mark_outbox_sent(store.outbox(false).front().id);

    model::Workshop w;
    w.id = "lunar-workshop";
    w.title = "Lunar vicinity workshop";
    w.host_agency = "NASA";
    w.starts = model::parse_day("2030-05-06");
    w.ends = model::parse_day("2030-05-07");
    w.place = "Noordwijk";
    w.capacity = 1;
    w.registration_opens = model::parse_day("2030-01-01");
    w.registration_closes = model::parse_day("2030-05-01");
    w.description = "Habitation in the lunar vicinity.";
    w.agenda = {{model::parse_timestamp("2030-05-06T08:00:00Z"), model::parse_timestamp("2030-05-06T09:30:00Z"),
                 "Opening", {"A. Speaker (ESA)"}, "Welcome."}};
    store.create_workshop(w, nasa);
    store.register_for_workshop(registration("Ada", "ada@example.org", "token-1"));
    store.register_for_workshop(registration("Bob", "bob@example.org", "token-2"));  // waitlisted

    model::ActionItem item;
    item.workshop = "lunar-workshop";
    item.title = "Study a far-side telescope";
    item.owner_agency = "NASA";
    item.records = {"mars-orbiter", "comment:" + std::to_string(c.id)};
    store.create_action_item(item, secretariat);

    model::PageRevision page;
    page.slug = "about";
    page.title = "About";
    page.markdown = "one\n";
    page.summary = "first";
    page.editor = "Jane Doe";
    store.save_page(page, 0, secretariat);
    page.markdown = "two\n";
    page.summary = "second";
    store.save_page(page, 1, secretariat);

    SurveyRun run;
    run.criteria = R"({"max_total_dv_km_s": 12})";
    run.catalogue = "NEA.txt";
    run.device = "cpu";
    run.planned = 2;
    const auto id = store.begin_survey_run(run);
    store.report_survey_progress(id, 2, 1234);
    store.add_survey_targets(id, {{"2000 SG344", 24.5, 3, 3.9871234567890123, 200.25, "2028-03-01", "{}"},
                                  {"2008 HU4", std::nullopt, 0, std::nullopt, std::nullopt, std::nullopt, "{}"}});
    store.end_survey_run(id, SurveyRunState::complete, "");

    store.put_derived({"feasibility", "mars-orbiter", "key-1", R"({"viable": true})", t0});

    store.update_throttle_entries(throttle_keys, 0, [](std::vector<ThrottleEntry>& entries) {
        for (auto& e : entries) {
            e.level = 2.75;
            e.failures = 3;
            e.last_ms = 1'900'000'000'123;
            e.until_ms = 1'900'000'060'123;
        }
    });
}

// Everything the Store reads back, as comparable values.
struct Seen {
    std::string data;
    std::vector<model::AuditEntry> audit;
    long long roadmap = 0;
    long long community = 0;
    std::vector<std::string> users;
    std::vector<std::string> tokens;
    std::string session;
    std::vector<model::Comment> comments;
    std::vector<std::string> outbox;
    std::vector<model::Workshop> workshops;
    std::vector<model::Registration> registrations;
    std::vector<model::ActionItem> actions;
    std::vector<model::PageRevision> pages;
    std::vector<std::string> frozen;
    std::map<std::string, std::string> snapshots;  // by name, so the order shows only in `frozen`
    std::map<std::string, std::string> artefacts;
    std::vector<std::string> survey;
    std::string derived;
    std::vector<ThrottleEntry> throttle;
};

Seen seen(Store& store) {
    Seen s;
    s.data = model::to_json(store.export_dataset()).dump();
    s.audit = store.audit();
    s.roadmap = store.last_change_id();
    s.community = store.community_change_id();
    for (const auto& u : store.users()) {
        s.users.push_back(u.name + "|" + u.agency + "|" + std::string(to_string(u.role)) + "|" + u.password_hash +
                          "|" + ts(u.created_at) + "|" + ts(u.last_visit));
    }
    for (const auto& t : store.tokens("ada")) {
        s.tokens.push_back(std::to_string(t.id) + "|" + t.user + "|" + t.label + "|" + ts(t.created_at) + "|" +
                           ts(t.revoked_at));
    }
    const auto by_token = store.user_by_token("digest-live");
    s.tokens.push_back(by_token ? by_token->name : "no user by token");
    if (const auto session = store.session("session-digest", t0 + seconds{1})) {
        s.session = session->user + "|" + session->csrf + "|" + ts(session->created_at) + "|" +
                    ts(session->expires_at) + "|" + ts(session->previous_visit);
    }
    s.comments = store.comments({});
    for (const auto& m : store.outbox(false)) {
        s.outbox.push_back(std::to_string(m.id) + "|" + ts(m.created_at) + "|" + m.recipient + "|" + m.subject +
                           "|" + m.body + "|" + m.about + "|" + ts(m.sent_at));
    }
    s.workshops = store.workshops();
    s.registrations = store.registrations("lunar-workshop");
    s.actions = store.action_items();
    s.pages = store.content_pages();
    for (const auto& p : store.page_history("about")) s.pages.push_back(p);
    if (const auto first = store.content_page("about", 1)) s.pages.push_back(*first);
    s.frozen = store.frozen_editions();
    for (const auto& name : s.frozen) {
        const auto snapshot = store.edition_snapshot(name);
        s.snapshots[name] =
            snapshot ? model::to_json(snapshot->data).dump() + "|" + ts(snapshot->frozen_at) + "|" + snapshot->frozen_by
                     : "missing";
        for (const auto& a : store.edition_artefacts(name)) {
            const auto full = store.edition_artefact(name, a.kind);
            s.artefacts[name + "/" + a.kind] =
                a.media_type + "|" + ts(a.created_at) + "|" + (full ? full->content : "missing");
        }
    }
    if (const auto run = store.latest_survey_run(std::nullopt)) {
        s.survey.push_back(std::to_string(run->id) + "|" + std::string(to_string(run->state)) + "|" +
                           ts(run->started_at) + "|" + ts(run->updated_at) + "|" + ts(run->finished_at) + "|" +
                           run->criteria + "|" + run->catalogue + "|" + run->device + "|" +
                           std::to_string(run->planned) + "|" + std::to_string(run->done) + "|" +
                           std::to_string(run->legs_solved) + "|" + run->message);
        for (const auto& t : store.survey_targets(run->id)) {
            s.survey.push_back(t.designation + "|" + num(t.h_mag) + "|" + std::to_string(t.viable_count) + "|" +
                               num(t.min_dv_km_s) + "|" + num(t.min_duration_days) + "|" +
                               t.min_dv_launch.value_or("-") + "|" + t.detail);
        }
    }
    if (const auto d = store.derived("feasibility", "mars-orbiter")) {
        s.derived = d->kind + "|" + d->id + "|" + d->key + "|" + d->content + "|" + ts(d->computed_at);
    }
    s.throttle = store.throttle_entries(throttle_keys);
    return s;
}

void expect_same(const Seen& a, const Seen& b, const std::string& where) {
    EXPECT_EQ(a.data, b.data) << where;
    EXPECT_TRUE(a.audit == b.audit) << where << ": the audit log, ids included";
    EXPECT_EQ(a.roadmap, b.roadmap) << where;
    EXPECT_EQ(a.community, b.community) << where;
    EXPECT_EQ(a.users, b.users) << where;
    EXPECT_EQ(a.tokens, b.tokens) << where;
    EXPECT_EQ(a.session, b.session) << where;
    EXPECT_TRUE(a.comments == b.comments) << where << ": comments";
    EXPECT_EQ(a.outbox, b.outbox) << where;
    EXPECT_TRUE(a.workshops == b.workshops) << where << ": workshops";
    EXPECT_TRUE(a.registrations == b.registrations) << where << ": registrations";
    EXPECT_TRUE(a.actions == b.actions) << where << ": action items";
    EXPECT_TRUE(a.pages == b.pages) << where << ": pages";
    EXPECT_EQ(a.frozen, b.frozen) << where << ": frozen editions in the order they were frozen";
    EXPECT_EQ(a.snapshots, b.snapshots) << where;
    EXPECT_EQ(a.artefacts, b.artefacts) << where;
    EXPECT_EQ(a.survey, b.survey) << where;
    EXPECT_EQ(a.derived, b.derived) << where;
    EXPECT_TRUE(a.throttle == b.throttle) << where << ": login throttle entries";
}

long long rows_in(sql::Connection& db, const std::string& table) {
    sql::Statement count(db, "SELECT COUNT(*) FROM " + table);
    count.step();
    return count.integer(0);
}

// Every table but change_counters empty.
void expect_empty(const std::string& url) {
    const auto store = open_store(url);
    EXPECT_TRUE(store->export_dataset().missions.empty()) << url;
    EXPECT_TRUE(store->audit().empty()) << url;
    EXPECT_TRUE(store->users().empty()) << url;
    EXPECT_TRUE(store->frozen_editions().empty()) << url;
    EXPECT_EQ(store->last_change_id(), 0) << url;
}

long long max_of(const std::vector<model::AuditEntry>& entries) {
    long long out = 0;
    for (const auto& e : entries) out = std::max(out, e.id);
    return out;
}

// The tables a copy moves are the schema's, in creation order, and both backends have exactly those.
TEST(CopyTables, AreTheSchemasTablesInCreationOrderOnEveryBackend) {
    const auto tables = sql::schema_tables();
    // NOTE: a table added to the schema lands here; make sure fill() above puts a row in it, so the round trips
    // below prove it copies.
    const std::vector<std::string> expected{
        "agencies", "goals", "objectives", "destinations", "capabilities", "capability_visibility", "missions",
        "mission_partners", "mission_objectives", "mission_capabilities", "mission_precursors",
        "mission_visibility", "editions", "edition_signatories", "audit_log", "users", "api_tokens", "sessions",
        "edition_snapshots", "edition_artefacts", "survey_runs", "survey_targets", "derived_results",
        "change_counters", "comments", "outbox", "workshops", "workshop_sessions", "registrations",
        "page_revisions", "action_items", "login_throttle"};
    EXPECT_EQ(tables, expected);
    std::set<std::string> with_migrations(tables.begin(), tables.end());
    with_migrations.insert("schema_migrations");
    for (const auto& backend : test::backends()) {
        test::TempDir dir;
        const auto url = backend.fresh_url(dir);
        open_store(url, OpenMode::create);
        std::unique_ptr<sql::Connection> db;
        if (backend.name == "postgresql") {
#if GER_WITH_POSTGRESQL
            db = std::make_unique<postgresql::PgConnection>(url);
#endif
        } else {
            db = std::make_unique<sqlite::SqliteConnection>(url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url, false);
        }
        const auto names = sql::table_names(*db);
        EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), with_migrations) << backend.name;
    }
}

class CopyTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        auto store = open_store(m_source, OpenMode::create);
        fill(*store);
        m_seen = seen(*store);
    }
    test::TempDir m_dir;
    std::string m_source = (m_dir / "source.db").string();
    std::string m_target = GetParam().fresh_url(m_dir);
    Seen m_seen;
};

TEST_P(CopyTest, EveryTableArrivesAndTheCopyReadsTheSame) {
    {
        sqlite::SqliteConnection db(m_source, false);
        for (const auto& table : sql::schema_tables()) {
            EXPECT_GT(rows_in(db, table), 0) << table << " is empty in the source: fill() should write to it";
        }
    }
    std::vector<TableCopy> heard;
    const auto summary = copy_database(m_source, m_target, [&](const TableCopy& t) { heard.push_back(t); });
    EXPECT_EQ(summary.schema_version, latest_schema_version(m_target));
    ASSERT_EQ(heard.size(), sql::schema_tables().size());
    long long rows = 0;
    for (std::size_t i = 0; i < heard.size(); ++i) {
        EXPECT_EQ(heard[i].table, sql::schema_tables()[i]);
        EXPECT_EQ(heard[i].table, summary.tables[i].table);
        EXPECT_EQ(heard[i].rows, summary.tables[i].rows);
        rows += heard[i].rows;
    }
    EXPECT_EQ(summary.rows, rows);
    auto copy = open_store(m_target);
    expect_same(seen(*copy), m_seen, GetParam().name);
    const auto pdf = copy->edition_artefact("2031", "pdf");
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf->content, artefact_bytes) << "every byte, NUL and 0xff included";
}

TEST_P(CopyTest, NewRowsOfTheCopyAreNumberedAfterTheCopiedOnes) {
    copy_database(m_source, m_target);
    auto copy = open_store(m_target);
    const auto copied_audit = max_of(m_seen.audit);
    const auto copied_tokens = copy->tokens("ada");
    const auto copied_comments = copy->comments({});
    const auto copied_outbox = copy->outbox(false);
    const auto copied_run = copy->latest_survey_run(std::nullopt)->id;
    const auto copied_registrations = copy->registrations("lunar-workshop");
    const auto copied_actions = copy->action_items();

    copy->create_mission(probe("nasa-after-copy"), nasa);
    const auto audit = copy->audit();
    ASSERT_EQ(audit.size(), m_seen.audit.size() + 1);
    EXPECT_GT(audit.back().id, copied_audit);
    EXPECT_EQ(audit.back().record_id, "nasa-after-copy");
    EXPECT_EQ(copy->last_change_id(), m_seen.roadmap + 1);

    const auto token = copy->create_token("ada", "digest-new", "new laptop");
    for (const auto& t : copied_tokens) EXPECT_GT(token, t.id);
    const auto c = copy->create_comment(comment("After the copy.", "receipt-3"));
    for (const auto& old : copied_comments) EXPECT_GT(c.id, old.id);
    EXPECT_EQ(copy->community_change_id(), m_seen.community + 1);
    const auto outbox = copy->outbox(false);
    ASSERT_EQ(outbox.size(), copied_outbox.size() + 1);
    for (const auto& m : copied_outbox) EXPECT_GT(outbox.back().id, m.id);
    SurveyRun run;
    run.criteria = "{}";
    run.catalogue = "NEA.txt";
    run.device = "cpu";
    EXPECT_GT(copy->begin_survey_run(run), copied_run);
    const auto r = copy->register_for_workshop(registration("Cyd", "cyd@example.org", "token-3"));
    for (const auto& old : copied_registrations) EXPECT_GT(r.registration.id, old.id);
    EXPECT_EQ(r.registration.position, 2) << "behind Bob on the waiting list";
    model::ActionItem item = copied_actions.front();
    item.title = "Another item";
    const auto created = copy->create_action_item(item, secretariat);
    for (const auto& old : copied_actions) EXPECT_GT(created.id, old.id);

    copy->freeze_edition(snapshot_of(copy->export_dataset(), "2032"), std::nullopt, secretariat);
    EXPECT_EQ(copy->frozen_editions(), (std::vector<std::string>{"2031", "2030", "2032"}));
}

TEST_P(CopyTest, ATargetThatHoldsDataIsRefusedAndLeftUnchanged) {
    {
        auto target = open_store(m_target, OpenMode::create);
        target->create_user({"someone", "ESA", Role::planner, "hash", t0, {}}, secretariat);
    }
    const auto before = seen(*open_store(m_target));
    try {
        copy_database(m_source, m_target);
        FAIL() << "copied into a database that holds a user";
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("not empty"), std::string::npos) << message;
        EXPECT_NE(message.find("audit_log"), std::string::npos) << "names the first table that holds rows: "
                                                                << message;
    }
    expect_same(seen(*open_store(m_target)), before, GetParam().name);
}

TEST_P(CopyTest, AFailedCopyLeavesTheTargetAsItWas) {
    {
        // A partner row naming no mission: SQLite only checks foreign keys it is asked to.
        sqlite::SqliteConnection raw(m_source, false);
        raw.exec("PRAGMA foreign_keys = OFF");
        raw.exec("INSERT INTO mission_partners (mission_id, position, agency) VALUES ('no-such-mission', 0, 'ESA')");
    }
    open_store(m_target, OpenMode::create);
    EXPECT_THROW(copy_database(m_source, m_target), IntegrityError);
    expect_empty(m_target);
    const auto fresh = m_dir / "fresh" / "ger.db";
    EXPECT_THROW(copy_database(m_source, fresh.string()), IntegrityError);
    EXPECT_FALSE(std::filesystem::exists(fresh)) << "the file the copy created is gone again";
}

TEST_P(CopyTest, AMissingSourceIsNotFoundAndTheSameDatabaseIsRefused) {
    const auto missing = (m_dir / "missing.db").string();
    EXPECT_THROW(copy_database(missing, m_target), NotFoundError);
    EXPECT_FALSE(std::filesystem::exists(missing));
    EXPECT_THROW(copy_database(m_source, m_source), StoreError);
    EXPECT_THROW(copy_database(m_source, "sqlite:" + (m_dir / "." / "source.db").string()), StoreError);
    expect_same(seen(*open_store(m_source)), m_seen, "the source after the refusals");
}

INSTANTIATE_TEST_SUITE_P(Backends, CopyTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

TEST(CopyRoundTrip, SqliteToPostgresqlToSqliteKeepsEverything) {
#if !GER_WITH_POSTGRESQL
    GTEST_SKIP() << "built without PostgreSQL";
#else
    test::TempDir dir;
    const auto source = (dir / "source.db").string();
    const auto postgresql = test::fresh_postgresql_url(test::postgresql_server());
    const auto back = "sqlite:" + (dir / "back" / "ger.db").string();
    {
        auto store = open_store(source, OpenMode::create);
        fill(*store);
    }
    const auto original = seen(*open_store(source));
    const auto there = copy_database(source, postgresql);
    const auto again = copy_database(postgresql, back);
    expect_same(seen(*open_store(postgresql)), original, "on PostgreSQL");
    expect_same(seen(*open_store(back)), original, "back on SQLite");
    ASSERT_EQ(there.tables.size(), again.tables.size());
    for (std::size_t i = 0; i < there.tables.size(); ++i) {
        EXPECT_EQ(there.tables[i].rows, again.tables[i].rows) << there.tables[i].table;
    }
    EXPECT_EQ(there.to.find("postgresql://"), 0u) << there.to;
#endif
}

// A value one database stores and the other refuses (SQLite keeps text in an INTEGER column): the error names the
// table and the row, and nothing is written.
TEST(CopyRoundTrip, AValueTheTargetRefusesNamesTheTableAndRow) {
#if !GER_WITH_POSTGRESQL
    GTEST_SKIP() << "built without PostgreSQL";
#else
    test::TempDir dir;
    const auto source = (dir / "source.db").string();
    const auto postgresql = test::fresh_postgresql_url(test::postgresql_server());
    {
        auto store = open_store(source, OpenMode::create);
        fill(*store);
        sqlite::SqliteConnection raw(source, false);
        raw.exec("UPDATE derived_results SET computed_at = 'soon'");
    }
    try {
        copy_database(source, postgresql);
        FAIL() << "copied text into a BIGINT column";
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("derived_results"), std::string::npos) << message;
        EXPECT_NE(message.find("id = 'mars-orbiter'"), std::string::npos) << message;
    }
    expect_empty(postgresql);
#endif
}

}  // namespace
}  // namespace ger::store
