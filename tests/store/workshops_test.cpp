// Workshops and registrations in the store, on every backend: a workshop is stored with its agenda and audited
// on the community counter (never the roadmap's); registrations are confirmed up to the capacity and then wait,
// in order; an email registers once among the active ones (case folded), a second try returns the first and
// notices its owner; a cancellation promotes the first on the waiting list and notices them; the capacity holds
// under concurrent registrations from many connections; the purge removes personal data and keeps the counts.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "backends.hpp"
#include "model/json.hpp"
#include "store/store.hpp"

namespace ger::store {
namespace {

using model::RegistrationStatus;
using std::chrono::sys_days;

model::Workshop workshop(std::string id = "lunar-workshop", int capacity = 2) {
    model::Workshop w;
    w.id = std::move(id);
    w.title = "Lunar vicinity workshop";
    w.host_agency = "NASA";
    w.starts = model::parse_day("2030-05-06");
    w.ends = model::parse_day("2030-05-07");
    w.place = "Noordwijk";
    w.capacity = capacity;
    w.registration_opens = model::parse_day("2030-01-01");
    w.registration_closes = model::parse_day("2030-05-01");
    w.description = "Habitation in the lunar vicinity.";
    w.agenda = {{model::parse_timestamp("2030-05-06T08:00:00Z"), model::parse_timestamp("2030-05-06T09:30:00Z"),
                 "Opening", {"A. Speaker (ESA)", "B. Speaker (NASA)"}, "Welcome."},
                {model::parse_timestamp("2030-05-07T08:00:00Z"), model::parse_timestamp("2030-05-07T10:00:00Z"),
                 "Habitats", {}, ""}};
    return w;
}

class WorkshopsTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override { m_store = open_store(m_url, OpenMode::create); }
    static NewRegistration person(const std::string& name, const std::string& email, std::string workshop = "lunar-workshop") {
        static std::atomic<int> n{0};
        NewRegistration r;
        r.request = {std::move(workshop), name, email, "Analytical Society", true};
        r.token_digest = "token-" + std::to_string(++n);
        r.source = "source-a";
        return r;
    }
    test::TempDir m_dir;
    std::string m_url = GetParam().fresh_url(m_dir);
    std::unique_ptr<Store> m_store;
    Actor m_nasa{"nasa", "NASA", {}};
};

TEST_P(WorkshopsTest, AWorkshopIsStoredWithItsAgendaAndAuditedOnTheCommunityCounter) {
    const auto roadmap = m_store->last_change_id();
    const auto community = m_store->community_change_id();
    const auto stored = m_store->create_workshop(workshop(), m_nasa);
    EXPECT_EQ(stored.created_by, "nasa");
    EXPECT_EQ(m_store->last_change_id(), roadmap) << "a workshop must not rebuild the roadmap snapshot";
    EXPECT_EQ(m_store->community_change_id(), community + 1);
    const auto read = m_store->workshop("lunar-workshop");
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, stored);
    EXPECT_EQ(read->agenda.size(), 2u);
    EXPECT_EQ(read->agenda[0].speakers, (std::vector<std::string>{"A. Speaker (ESA)", "B. Speaker (NASA)"}));
    EXPECT_EQ(m_store->workshop("nothing"), std::nullopt);
    EXPECT_THROW(m_store->create_workshop(workshop(), m_nasa), ConflictError);
    const auto entries = m_store->audit({.record_kind = "workshop"});
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].actor, "nasa");
    EXPECT_EQ(entries[0].agency, "NASA");
    EXPECT_NE(entries[0].after.find("Lunar vicinity workshop"), std::string::npos);

    auto later = workshop("later-workshop");
    later.starts = model::parse_day("2031-01-10");
    later.ends = model::parse_day("2031-01-10");
    m_store->create_workshop(later, m_nasa);
    const auto all = m_store->workshops();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, "later-workshop") << "newest first";
}

TEST_P(WorkshopsTest, RegistrationsAreConfirmedUpToTheCapacityThenWaitInOrder) {
    m_store->create_workshop(workshop(), m_nasa);
    const auto community = m_store->community_change_id();
    const auto a = m_store->register_for_workshop(person("Ada", "ada@example.org"));
    const auto b = m_store->register_for_workshop(person("Bob", "bob@example.org"));
    const auto c = m_store->register_for_workshop(person("Cyd", "cyd@example.org"));
    const auto d = m_store->register_for_workshop(person("Dee", "dee@example.org"));
    EXPECT_TRUE(a.created);
    EXPECT_EQ(a.registration.status, RegistrationStatus::confirmed);
    EXPECT_EQ(a.registration.position, 1);
    EXPECT_EQ(b.registration.status, RegistrationStatus::confirmed);
    EXPECT_EQ(b.registration.position, 2);
    EXPECT_EQ(c.registration.status, RegistrationStatus::waitlisted);
    EXPECT_EQ(c.registration.position, 1);
    EXPECT_EQ(d.registration.position, 2);
    EXPECT_EQ(m_store->community_change_id(), community + 4);
    const auto counts = m_store->registration_counts("lunar-workshop");
    EXPECT_EQ(counts.confirmed, 2);
    EXPECT_EQ(counts.waitlisted, 2);
    EXPECT_THROW(m_store->register_for_workshop(person("Eve", "eve@example.org", "no-such-workshop")), NotFoundError);
    const auto entries = m_store->audit({.record_kind = "registration"});
    ASSERT_EQ(entries.size(), 4u);
    for (const auto& e : entries) EXPECT_EQ(e.after.find("@example.org"), std::string::npos) << "no personal data";
    EXPECT_EQ(m_store->registration_by_token("nobody's token"), std::nullopt);
}

TEST_P(WorkshopsTest, AnEmailRegistersOnceAndASecondTryReturnsTheFirstAndNoticesItsOwner) {
    m_store->create_workshop(workshop(), m_nasa);
    const auto first = m_store->register_for_workshop(person("Ada", "ada@example.org"));
    const auto outbox = m_store->outbox(true).size();
    const auto again = m_store->register_for_workshop(person("Mallory", "ADA@Example.org"));
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.registration.id, first.registration.id);
    EXPECT_EQ(again.registration.name, "Ada") << "nothing was changed";
    EXPECT_EQ(m_store->registration_counts("lunar-workshop").confirmed, 1);
    const auto messages = m_store->outbox(true);
    ASSERT_EQ(messages.size(), outbox + 1);
    EXPECT_EQ(messages.back().recipient, "ada@example.org");
    EXPECT_EQ(messages.back().about, "registration:" + std::to_string(first.registration.id));

}

TEST_P(WorkshopsTest, ACancellationPromotesTheFirstOnTheWaitingListAndNoticesThem) {
    m_store->create_workshop(workshop("small", 1), m_nasa);
    auto a = person("Ada", "ada@example.org", "small");
    auto b = person("Bob", "bob@example.org", "small");
    auto c = person("Cyd", "cyd@example.org", "small");
    m_store->register_for_workshop(a);
    m_store->register_for_workshop(b);
    m_store->register_for_workshop(c);
    const auto before = m_store->outbox(true).size();

    // A waitlisted one leaving promotes nobody, and moves those behind up.
    auto left = m_store->cancel_registration(b.token_digest, {"registrant", "", {}});
    EXPECT_EQ(left.cancelled.status, RegistrationStatus::cancelled);
    EXPECT_EQ(left.cancelled.position, 0);
    EXPECT_FALSE(left.promoted);
    EXPECT_EQ(m_store->registration_by_token(c.token_digest)->position, 1);

    const auto result = m_store->cancel_registration(a.token_digest, {"registrant", "", {}});
    ASSERT_TRUE(result.promoted);
    EXPECT_EQ(result.promoted->name, "Cyd");
    EXPECT_EQ(result.promoted->status, RegistrationStatus::confirmed);
    EXPECT_EQ(result.promoted->position, 1);
    EXPECT_EQ(m_store->registration_by_token(c.token_digest)->status, RegistrationStatus::confirmed);
    const auto messages = m_store->outbox(true);
    ASSERT_EQ(messages.size(), before + 1);
    EXPECT_EQ(messages.back().recipient, "cyd@example.org");
    EXPECT_NE(messages.back().body.find("now confirmed"), std::string::npos);

    const auto twice = m_store->cancel_registration(a.token_digest, {"registrant", "", {}});
    EXPECT_EQ(twice.cancelled.status, RegistrationStatus::cancelled);
    EXPECT_FALSE(twice.promoted);
    EXPECT_THROW(m_store->cancel_registration("unknown", {"registrant", "", {}}), NotFoundError);
    const auto counts = m_store->registration_counts("small");
    EXPECT_EQ(counts.confirmed, 1);
    EXPECT_EQ(counts.waitlisted, 0);

    // Cancelled, the email may register again: a new registration at the end.
    auto back = person("Ada", "ada@example.org", "small");
    const auto again = m_store->register_for_workshop(back);
    EXPECT_TRUE(again.created);
    EXPECT_EQ(again.registration.status, RegistrationStatus::waitlisted);
    EXPECT_EQ(m_store->registrations("small").front().name, "Cyd");
}

TEST_P(WorkshopsTest, TheCapacityHoldsUnderConcurrentRegistrations) {
    constexpr int capacity = 7;
    constexpr int threads = 8;
    constexpr int per_thread = 5;
    m_store->create_workshop(workshop("busy", capacity), m_nasa);
    std::vector<std::thread> pool;
    std::atomic<int> failures{0};
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            try {
                auto store = open_store(m_url);  // one connection per thread, as the server has
                for (int i = 0; i < per_thread; ++i) {
                    const auto email = "p" + std::to_string(t) + "-" + std::to_string(i) + "@example.org";
                    store->register_for_workshop(person("P", email, "busy"));
                }
            } catch (const std::exception&) {
                ++failures;
            }
        });
    }
    for (auto& th : pool) th.join();
    EXPECT_EQ(failures, 0);
    const auto counts = m_store->registration_counts("busy");
    EXPECT_EQ(counts.confirmed, capacity);
    EXPECT_EQ(counts.waitlisted, threads * per_thread - capacity);
    // Positions are a permutation: 1..capacity confirmed, 1..rest waiting.
    std::vector<int> confirmed;
    std::vector<int> waiting;
    for (const auto& r : m_store->registrations("busy")) {
        (r.status == RegistrationStatus::confirmed ? confirmed : waiting).push_back(r.position);
    }
    for (int i = 0; i < static_cast<int>(confirmed.size()); ++i) EXPECT_EQ(confirmed[i], i + 1);
    for (int i = 0; i < static_cast<int>(waiting.size()); ++i) EXPECT_EQ(waiting[i], i + 1);
}

TEST_P(WorkshopsTest, ThePurgeRemovesPersonalDataAfterTheDaysAndKeepsTheCounts) {
    m_store->create_workshop(workshop(), m_nasa);
    auto a = person("Ada", "ada@example.org");
    m_store->register_for_workshop(a);
    m_store->register_for_workshop(person("Bob", "bob@example.org"));
    m_store->register_for_workshop(person("Cyd", "cyd@example.org"));
    m_store->register_for_workshop(person("Ada again", "ada@example.org"));  // an outbox message to Ada
    ASSERT_FALSE(m_store->outbox(true).empty());
    const Actor system{"system", "", {}};
    // The last day is 2030-05-07: due at 2030-05-08T00:00Z + 30 days.
    const auto due = model::parse_timestamp("2030-06-07T00:00:00Z");
    EXPECT_TRUE(m_store->purge_registrations(due - std::chrono::seconds(1), 30, system).workshops.empty());
    EXPECT_EQ(m_store->registration_by_token(a.token_digest)->email, "ada@example.org");
    const auto roadmap = m_store->last_change_id();
    const auto purged = m_store->purge_registrations(due, 30, system);
    EXPECT_EQ(purged.workshops, std::vector<std::string>{"lunar-workshop"});
    EXPECT_EQ(purged.registrations, 3);
    EXPECT_EQ(m_store->last_change_id(), roadmap);
    for (const auto& r : m_store->registrations("lunar-workshop")) {
        EXPECT_TRUE(r.purged);
        EXPECT_EQ(r.name, "");
        EXPECT_EQ(r.email, "");
        EXPECT_EQ(r.affiliation, "");
    }
    const auto counts = m_store->registration_counts("lunar-workshop");
    EXPECT_EQ(counts.confirmed, 2);
    EXPECT_EQ(counts.waitlisted, 1);
    EXPECT_TRUE(m_store->outbox(true).empty()) << "unsent messages to them go too";
    EXPECT_EQ(m_store->count_recent_registrations("source-a", "ada@example.org", {}).from_email, 0);
    EXPECT_EQ(m_store->count_recent_registrations("source-a", "", {}).from_source, 0);
    EXPECT_TRUE(m_store->workshop("lunar-workshop")->purged_at);
    EXPECT_TRUE(m_store->purge_registrations(due + std::chrono::hours(100), 30, system).workshops.empty())
        << "purged once";
    const auto entries = m_store->audit({.record_kind = "workshop"});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_NE(entries[1].note.find("3 registrations purged"), std::string::npos) << entries[1].note;
}

TEST_P(WorkshopsTest, RecentCountsSeeSourceAndEmail) {
    m_store->create_workshop(workshop(), m_nasa);
    m_store->register_for_workshop(person("Ada", "ada@example.org"));
    m_store->register_for_workshop(person("Bob", "bob@example.org"));
    const auto counts = m_store->count_recent_registrations("source-a", "ADA@example.org", {});
    EXPECT_EQ(counts.from_source, 2);
    EXPECT_EQ(counts.from_email, 1);
    EXPECT_EQ(m_store->count_recent_registrations("source-b", "x@example.org", {}).from_source, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkshopsTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store
