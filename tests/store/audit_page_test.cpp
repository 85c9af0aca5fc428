// The paged audit log (Store::audit_page), data-driven over every backend (backends.hpp): newest first, keyset
// pages without gaps or duplicates (also while entries are added), the filters, no record content in the change
// feed, entries judged by their record's scope *now*, and the read rule in the backend's query equal to
// server/access.hpp's: a property check over random records, visibilities, edits, imports and readers.
//
// NOTE: this store test links ger_server for access.hpp alone: the rules there are the oracle every backend's
// query must agree with.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "backends.hpp"
#include "model/error.hpp"
#include "model/records.hpp"
#include "sample_dataset.hpp"
#include "server/access.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

using ger::test::Backend;
using ger::test::backends;
using ger::test::sample_dataset;
using ger::test::TempDir;
using model::Visibility;
using model::VisibilityScope;

const Actor nasa{"grace", "NASA"};
const Actor esa{"ada", "ESA"};
const AuditReader anonymous{};
const AuditReader secretariat{Role::secretariat, ""};
AuditReader planner(std::string agency) { return {Role::planner, std::move(agency)}; }

model::Mission mission(const std::string& id, const std::string& owner, const Visibility& visibility) {
    model::Mission m;
    m.id = id;
    m.name = "Mission " + id;
    m.lead_agency = owner;
    m.destination = "Moon";
    m.visibility = visibility;
    return m;
}

model::Capability capability(const std::string& id, const std::string& owner, const Visibility& visibility) {
    model::Capability c;
    c.id = id;
    c.name = "Capability " + id;
    c.provider = owner;
    c.visibility = visibility;
    return c;
}

const Visibility everyone{VisibilityScope::public_, {}};
const Visibility partners{VisibilityScope::partners, {}};
Visibility only(std::vector<std::string> agencies) { return {VisibilityScope::agencies, std::move(agencies)}; }

// Every matching entry, read page by page with `limit` until `next` is null; checks the page invariants on the way.
std::vector<AuditItem> all_pages(Store& store, AuditQuery query, std::size_t limit) {
    query.limit = limit;
    query.before.reset();
    std::vector<AuditItem> out;
    for (int pages = 0; pages < 100000; ++pages) {
        const auto page = store.audit_page(query);
        EXPECT_LE(page.items.size(), std::clamp<std::size_t>(limit, 1, max_audit_page));
        for (const auto& item : page.items) {
            if (!out.empty()) {
                EXPECT_LT(item.entry.id, out.back().entry.id) << "newest first, no duplicates";
            }
            out.push_back(item);
        }
        if (!page.next) return out;
        EXPECT_FALSE(page.items.empty()) << "a page with a next holds entries";
        EXPECT_EQ(*page.next, page.items.back().entry.id);
        query.before = page.next;
    }
    ADD_FAILURE() << "paging did not end";
    return out;
}

std::vector<std::string> record_ids(const std::vector<AuditItem>& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(item.entry.record_id);
    return out;
}

std::vector<long long> entry_ids(const std::vector<AuditItem>& items) {
    std::vector<long long> out;
    for (const auto& item : items) out.push_back(item.entry.id);
    return out;
}

class AuditPageTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_store = open_store(GetParam().fresh_url(m_dir), OpenMode::create);
        m_store->replace_all(sample_dataset(), {"loader", ""});
    }

    std::vector<AuditItem> changes(const AuditReader& reader, AuditQuery query = {}) {
        query.view = AuditView::changes;
        query.reader = reader;
        return all_pages(*m_store, query, max_audit_page);
    }
    std::vector<AuditItem> audit(const AuditReader& reader, AuditQuery query = {}) {
        query.view = AuditView::audit;
        query.reader = reader;
        return all_pages(*m_store, query, max_audit_page);
    }

    TempDir m_dir;
    std::unique_ptr<Store> m_store;
};

TEST_P(AuditPageTest, NewestFirstPagedByACursor) {
    for (int i = 0; i < 7; ++i) m_store->create_mission(mission("m" + std::to_string(i), "NASA", everyone), nasa);
    const AuditQuery query{.reader = secretariat, .limit = 3};
    const auto first = m_store->audit_page(query);
    ASSERT_EQ(first.items.size(), 3u);
    EXPECT_EQ(first.items[0].entry.record_id, "m6");
    EXPECT_EQ(first.items[0].entry.id, m_store->last_change_id());
    EXPECT_EQ(first.items[2].entry.record_id, "m4");
    ASSERT_TRUE(first.next.has_value());
    EXPECT_EQ(*first.next, first.items[2].entry.id);
    auto second_query = query;
    second_query.before = first.next;
    const auto second = m_store->audit_page(second_query);
    ASSERT_EQ(second.items.size(), 3u);
    EXPECT_EQ(second.items[0].entry.record_id, "m3");

    // 7 creates and the import: pages of 3 end after 8 entries, with no next on the last one.
    const auto every = all_pages(*m_store, query, 3);
    ASSERT_EQ(every.size(), 8u);
    EXPECT_EQ(every.back().entry.record_kind, "dataset");
    const auto last = m_store->audit_page({.reader = secretariat, .before = every.back().entry.id, .limit = 3});
    EXPECT_TRUE(last.items.empty());
    EXPECT_FALSE(last.next.has_value());

    // One entry, and a next when there are more; the limit is clamped to [1, max_audit_page].
    const auto one = m_store->audit_page({.reader = secretariat, .limit = 1});
    EXPECT_EQ(one.items.size(), 1u);
    EXPECT_TRUE(one.next.has_value());
    EXPECT_EQ(m_store->audit_page({.reader = secretariat, .limit = 0}).items.size(), 1u);
    EXPECT_EQ(m_store->audit_page({.reader = secretariat, .limit = 100000}).items.size(), 8u);
    EXPECT_EQ(entry_ids(all_pages(*m_store, query, 1)), entry_ids(every));
}

TEST_P(AuditPageTest, TheChangeFeedCarriesNoContentTheAuditLogDoes) {
    m_store->create_mission(mission("m", "NASA", everyone), nasa);
    const auto feed = changes(anonymous);
    ASSERT_EQ(feed.size(), 1u);
    EXPECT_TRUE(feed[0].entry.before.empty());
    EXPECT_TRUE(feed[0].entry.after.empty());
    EXPECT_EQ(feed[0].entry.actor, "grace");
    EXPECT_EQ(feed[0].entry.agency, "NASA");
    EXPECT_EQ(feed[0].entry.action, model::AuditAction::create);
    const auto log = audit(planner("NASA"));
    ASSERT_EQ(log.size(), 1u);
    EXPECT_NE(log[0].entry.after.find("\"lead_agency\""), std::string::npos);
    EXPECT_EQ(log[0].entry, m_store->audit().back());
    EXPECT_EQ(log[0].scope, (RecordScope{"NASA", everyone}));
}

TEST_P(AuditPageTest, FiltersNarrowThePage) {
    m_store->create_mission(mission("m1", "NASA", everyone), nasa);
    m_store->create_capability(capability("c1", "ESA", everyone), esa);
    m_store->create_mission(mission("m2", "ESA", everyone), esa);
    const auto since = m_store->audit().back().at;
    EXPECT_EQ(record_ids(changes(anonymous, {.record_kind = "mission"})), (std::vector<std::string>{"m2", "m1"}));
    EXPECT_EQ(record_ids(changes(anonymous, {.record_id = "m1"})), std::vector<std::string>{"m1"});
    EXPECT_EQ(record_ids(changes(anonymous, {.agency = "ESA"})), (std::vector<std::string>{"m2", "c1"}));
    EXPECT_EQ(record_ids(changes(secretariat, {.record_kind = "dataset"})), std::vector<std::string>{""});
    for (const auto& item : changes(secretariat, {.since = since})) EXPECT_GE(item.entry.at, since);
    EXPECT_EQ(changes(secretariat, {.since = since + std::chrono::hours(1)}).size(), 0u);
    EXPECT_EQ(changes(secretariat, {.since = model::Timestamp{}}).size(), 4u);
}

TEST_P(AuditPageTest, EntryTimesNeverGoBackwards) {
    for (int i = 0; i < 5; ++i) m_store->create_mission(mission("m" + std::to_string(i), "NASA", everyone), nasa);
    const auto log = m_store->audit();
    for (std::size_t i = 1; i < log.size(); ++i) EXPECT_GE(log[i].at, log[i - 1].at);
}

TEST_P(AuditPageTest, NarrowingARecordHidesItsPastEntriesAndWideningShowsThem) {
    auto m = m_store->create_mission(mission("m", "NASA", everyone), nasa);
    EXPECT_EQ(record_ids(changes(anonymous)), std::vector<std::string>{"m"});
    m.visibility = only({"ESA"});
    m = m_store->update_mission(m, 1, nasa);
    EXPECT_TRUE(changes(anonymous).empty()) << "the create, judged by its public after copy, is hidden now";
    EXPECT_TRUE(changes(planner("JAXA")).empty());
    EXPECT_EQ(changes(planner("ESA")).size(), 2u);
    EXPECT_EQ(changes(planner("NASA")).size(), 2u);
    EXPECT_EQ(audit(planner("NASA")).size(), 2u);
    EXPECT_TRUE(audit(planner("ESA")).empty()) << "a named agency reads the record, not its history";
    for (const auto& item : changes(planner("ESA"))) EXPECT_EQ(item.scope, (RecordScope{"NASA", only({"ESA"})}));
    m.visibility = partners;
    m = m_store->update_mission(m, 2, nasa);
    EXPECT_TRUE(changes(anonymous).empty());
    EXPECT_EQ(changes(planner("JAXA")).size(), 3u);
    m.visibility = everyone;
    m_store->update_mission(m, 3, nasa);
    EXPECT_EQ(record_ids(changes(anonymous)), (std::vector<std::string>{"m", "m", "m", "m"}));
}

TEST_P(AuditPageTest, ARemovedRecordFollowsItsLastState) {
    auto m = m_store->create_mission(mission("gone", "NASA", everyone), nasa);
    m.visibility = only({"ESA"});
    m_store->update_mission(m, 1, nasa);
    m_store->delete_mission("gone", 2, nasa);
    EXPECT_TRUE(changes(anonymous).empty());
    EXPECT_EQ(changes(planner("ESA")).size(), 3u);
    EXPECT_EQ(changes(planner("ESA")).front().entry.action, model::AuditAction::remove);
    EXPECT_TRUE(changes(planner("JAXA")).empty());

    // Removed while public: its whole history stays public.
    m_store->create_capability(capability("old", "ESA", everyone), esa);
    m_store->delete_capability("old", 1, esa);
    EXPECT_EQ(record_ids(changes(anonymous)), (std::vector<std::string>{"old", "old"}));

    // A record that came by an import and was removed: the removal's before copy is all there is to go by.
    auto data = m_store->export_dataset();
    data.missions.push_back(mission("imported", "NASA", only({"JAXA", "ESA"})));
    data.missions.back().meta = {1, model::Timestamp{}, model::Timestamp{}, "loader"};
    m_store->replace_all(data, {"loader", ""});
    m_store->delete_mission("imported", 1, nasa);
    const auto removal = changes(planner("JAXA"), {.record_id = "imported"});
    ASSERT_EQ(removal.size(), 1u);
    EXPECT_EQ(removal[0].scope, (RecordScope{"NASA", only({"JAXA", "ESA"})}));
    EXPECT_TRUE(changes(anonymous, {.record_id = "imported"}).empty());
}

TEST_P(AuditPageTest, ARecordCreatedAgainUnderItsIdTakesItsPastEntriesToItsNewScope) {
    // The mission and the capability were public, then removed; created again for ESA's eyes only, the entries
    // of their first life must not stay public.
    m_store->create_mission(mission("again", "NASA", everyone), nasa);
    m_store->delete_mission("again", 1, nasa);
    m_store->create_capability(capability("cap-again", "ESA", everyone), esa);
    m_store->delete_capability("cap-again", 1, esa);
    EXPECT_EQ(changes(anonymous).size(), 4u);
    m_store->create_mission(mission("again", "NASA", only({"ESA"})), nasa);
    m_store->create_capability(capability("cap-again", "ESA", only({"NASA", "JAXA"})), esa);
    EXPECT_TRUE(changes(anonymous).empty());
    EXPECT_TRUE(changes(planner("CNES")).empty());
    EXPECT_EQ(changes(planner("ESA"), {.record_id = "again"}).size(), 3u);
    for (const auto& item : changes(planner("ESA"), {.record_id = "again"})) {
        EXPECT_EQ(item.scope, (RecordScope{"NASA", only({"ESA"})}));
    }
    const auto capability_entries = changes(planner("JAXA"), {.record_id = "cap-again"});
    ASSERT_EQ(capability_entries.size(), 3u);
    for (const auto& item : capability_entries) EXPECT_EQ(item.scope, (RecordScope{"ESA", only({"NASA", "JAXA"})}));

    // Removed and created again with the scope it had: its entries stay as they were, all of them readable.
    m_store->delete_mission("again", 1, nasa);
    m_store->create_mission(mission("again", "NASA", only({"ESA"})), nasa);
    EXPECT_EQ(changes(planner("ESA"), {.record_id = "again"}).size(), 5u);
    EXPECT_TRUE(changes(planner("JAXA"), {.record_id = "again"}).empty());
}

TEST_P(AuditPageTest, AnImportMovesTheScopeOfTheRecordsItChanges) {
    m_store->create_mission(mission("m", "NASA", everyone), nasa);
    m_store->create_mission(mission("dropped", "NASA", everyone), nasa);
    auto data = m_store->export_dataset();
    for (auto& m : data.missions) {
        if (m.id == "m") m.visibility = only({"JAXA"});
    }
    std::erase_if(data.missions, [](const model::Mission& m) { return m.id == "dropped"; });
    m_store->replace_all(data, {"loader", ""});
    EXPECT_EQ(record_ids(changes(anonymous)), std::vector<std::string>{"dropped"}) << "dropped keeps its last state";
    EXPECT_EQ(changes(planner("JAXA"), {.record_id = "m"}).size(), 1u);
}

TEST_P(AuditPageTest, PagingWhileEntriesAreAddedHasNoGapsNorDuplicates) {
    for (int i = 0; i < 20; ++i) m_store->create_mission(mission("m" + std::to_string(i), "NASA", everyone), nasa);
    const auto before = changes(anonymous);
    AuditQuery query{.reader = anonymous, .limit = 3};
    std::vector<AuditItem> paged;
    for (int i = 0;; ++i) {
        const auto page = m_store->audit_page(query);
        paged.insert(paged.end(), page.items.begin(), page.items.end());
        if (!page.next) break;
        query.before = page.next;
        m_store->create_mission(mission("new" + std::to_string(i), "NASA", everyone), nasa);  // newer than the cursor
    }
    EXPECT_EQ(entry_ids(paged), entry_ids(before));
}

TEST_P(AuditPageTest, EntriesAboutOtherThingsAreTheSecretariats) {
    m_store->create_goal({"new-goal", 9, "A goal", "", ""}, {"sec", ""});
    m_store->create_user({"u", "ESA", Role::planner, "x", {}, {}}, {"sec", ""});
    m_store->create_token("u", "digest", "label");
    for (const auto& reader : {anonymous, planner("ESA"), planner("")}) {
        EXPECT_TRUE(changes(reader).empty());
        EXPECT_TRUE(audit(reader).empty());
    }
    EXPECT_EQ(changes(secretariat).size(), 4u);  // with the import
    for (const auto& item : changes(secretariat)) EXPECT_FALSE(item.scope.has_value());
}

// ---- the read rule in the query equals access.hpp's --------------------------------------------------------

server::Caller caller_of(const AuditReader& reader) {
    return {reader.role, reader.role ? "someone" : "", reader.agency};
}

TEST_P(AuditPageTest, TheQueryAppliesExactlyTheAccessRules) {
    std::mt19937 rng(2024);
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const std::vector<std::string> agencies{"NASA", "ESA", "JAXA"};
    const auto random_visibility = [&] {
        switch (pick(3)) {
            case 0: return everyone;
            case 1: return partners;
            default: {
                std::vector<std::string> named;
                for (const auto& a : agencies) {
                    if (pick(2) == 0) named.push_back(a);
                }
                if (named.empty()) named.push_back(agencies[pick(agencies.size())]);
                return only(named);
            }
        }
    };
    // Planners who may read only what access.hpp lets them: their writes resolve references among those records,
    // and their deletes detach the references of missions they cannot read (entries by "system").
    const auto random_actor = [&] {
        const auto& a = agencies[pick(agencies.size())];
        return server::actor_of({Role::planner, "user-" + a, a});
    };
    const auto some_of = [&](const std::string& prefix) {
        std::vector<std::string> out;
        for (int n = static_cast<int>(pick(3)); n > 0; --n) {
            auto id = prefix + std::to_string(pick(12));
            if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
        }
        return out;
    };

    // The oracle: each record's scope now (its last state once removed), kept beside the store.
    std::map<std::pair<std::string, std::string>, RecordScope> truth;
    for (const auto& m : sample_dataset().missions) truth[{"mission", m.id}] = {m.lead_agency, m.visibility.value()};
    for (const auto& c : sample_dataset().capabilities) {
        truth[{"capability", c.id}] = {c.provider, c.visibility.value()};
    }
    int goals = 0;
    int refused = 0;
    for (int step = 0; step < 500; ++step) {
        const bool is_mission = pick(2) == 0;
        const std::string kind = is_mission ? "mission" : "capability";
        const std::string id = (is_mission ? "m" : "c") + std::to_string(pick(12));
        const auto owner = agencies[pick(agencies.size())];
        const auto visibility = random_visibility();
        const auto actor = random_actor();
        const auto op = pick(20);
        try {
            if (op == 0) {  // a whole-data-set import: some records change scope, one is dropped
                auto data = m_store->export_dataset();
                for (auto& m : data.missions) {
                    if (pick(3) == 0) m.visibility = random_visibility();
                }
                for (auto& c : data.capabilities) {
                    if (pick(3) == 0) c.visibility = random_visibility();
                }
                std::erase_if(data.missions, [&](const model::Mission& m) { return m.id == id; });
                m_store->replace_all(data, {"loader", ""});
                for (const auto& m : data.missions) truth[{"mission", m.id}] = {m.lead_agency, m.visibility.value()};
                for (const auto& c : data.capabilities) {
                    truth[{"capability", c.id}] = {c.provider, c.visibility.value()};
                }
            } else if (op == 1) {  // an entry about something else
                m_store->create_goal({"goal-" + std::to_string(goals), 10 + goals, "Goal", "", ""}, {"sec", ""});
                ++goals;
            } else if (is_mission) {
                if (auto stored = m_store->mission(id)) {
                    if (pick(3) == 0) {
                        m_store->delete_mission(id, stored->meta.version, actor);
                    } else {
                        stored->visibility = visibility;
                        if (pick(4) == 0) stored->lead_agency = owner;  // the store allows it (an import does too)
                        if (pick(2) == 0) stored->capabilities_required = some_of("c");
                        m_store->update_mission(*stored, stored->meta.version, actor);
                        truth[{kind, id}] = {stored->lead_agency, visibility};
                    }
                } else {
                    auto m = mission(id, owner, visibility);
                    m.capabilities_required = some_of("c");
                    m.precursors = some_of("m");
                    m_store->create_mission(m, actor);
                    truth[{kind, id}] = {owner, visibility};
                }
            } else {
                if (auto stored = m_store->capability(id)) {
                    if (pick(3) == 0) {
                        m_store->delete_capability(id, stored->meta.version, actor);
                    } else {
                        stored->visibility = visibility;
                        m_store->update_capability(*stored, stored->meta.version, actor);
                        truth[{kind, id}] = {stored->provider, visibility};
                    }
                } else {
                    m_store->create_capability(capability(id, owner, visibility), actor);
                    truth[{kind, id}] = {owner, visibility};
                }
            }
        } catch (const model::ValidationError&) {
            ++refused;  // a reference the actor cannot read or that is absent, a cycle: nothing written
        } catch (const IntegrityError&) {
            ++refused;  // a delete while records the actor reads refer to it: nothing written
        }
    }
    EXPECT_GT(refused, 0);
    std::size_t detached = 0;
    for (const auto& e : m_store->audit()) detached += e.actor == "system" && !e.note.empty() ? 1 : 0;
    EXPECT_GT(detached, 0u) << "deletes detached references the deleter could not read";

    auto log = m_store->audit();
    std::reverse(log.begin(), log.end());  // newest first, as pages come
    std::map<long long, model::AuditEntry> by_id;
    for (const auto& e : log) by_id[e.id] = e;
    const auto scope_now = [&](const model::AuditEntry& e) -> std::optional<RecordScope> {
        auto it = truth.find({e.record_kind, e.record_id});
        if (it == truth.end()) return std::nullopt;
        return it->second;
    };
    std::vector<AuditReader> readers{anonymous, secretariat, planner(""), planner("CSA")};
    for (const auto& a : agencies) readers.push_back(planner(a));
    std::vector<AuditQuery> filters{{}, {.record_kind = "mission"}, {.record_id = "m3"}, {.agency = "ESA"},
                                    {.since = log[log.size() / 2].at}};
    std::size_t seen = 0;
    for (const auto view : {AuditView::changes, AuditView::audit}) {
        for (const auto& reader : readers) {
            const auto caller = caller_of(reader);
            for (auto query : filters) {
                query.view = view;
                query.reader = reader;
                std::vector<long long> expected;
                for (const auto& e : log) {
                    if (query.record_kind && e.record_kind != *query.record_kind) continue;
                    if (query.record_id && e.record_id != *query.record_id) continue;
                    if (query.agency && e.agency != *query.agency) continue;
                    if (query.since && e.at < *query.since) continue;
                    const auto scope = scope_now(e);
                    const bool readable = view == AuditView::changes ? server::can_read_change(caller, scope)
                                                                     : server::can_read_audit(caller, scope);
                    if (readable) expected.push_back(e.id);
                }
                for (const std::size_t limit : {1u, 7u, 500u}) {
                    const auto items = all_pages(*m_store, query, limit);
                    ASSERT_EQ(entry_ids(items), expected)
                        << "view " << static_cast<int>(view) << ", reader "
                        << (reader.role ? "signed in " : "anonymous ") << reader.agency << ", limit " << limit;
                    for (const auto& item : items) {
                        auto whole = by_id.at(item.entry.id);
                        if (view == AuditView::changes) whole.before = whole.after = whole.note = "";
                        EXPECT_EQ(item.entry, whole) << "the entry as written; no content in the change feed";
                        EXPECT_EQ(item.scope, scope_now(item.entry))
                            << item.entry.record_kind << " " << item.entry.record_id;
                    }
                }
                seen += expected.size();
            }
        }
    }
    EXPECT_GT(seen, 1000u) << "the random log exercises the rules";
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditPageTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
