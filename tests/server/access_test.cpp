// The access rules on their own: every role against every visibility.
#include <gtest/gtest.h>

#include "server/access.hpp"
#include "server/views.hpp"

namespace {

using ger::model::Mission;
using ger::model::VisibilityScope;
using ger::server::Caller;
using ger::store::Role;

Mission mission(VisibilityScope scope) {
    Mission m;
    m.id = "m";
    m.lead_agency = "NASA";
    m.visibility = ger::model::Visibility{scope, {}};
    if (scope == VisibilityScope::agencies) m.visibility->agencies = {"ESA"};
    return m;
}

const Caller anonymous{};
const Caller owner{Role::planner, "nasa", "NASA"};
const Caller named{Role::planner, "esa", "ESA"};
const Caller other{Role::planner, "jaxa", "JAXA"};
const Caller secretariat{Role::secretariat, "sec", ""};

TEST(Access, ReadFollowsVisibility) {
    const auto pub = mission(VisibilityScope::public_);
    const auto partners = mission(VisibilityScope::partners);
    const auto agencies = mission(VisibilityScope::agencies);
    for (const auto* caller : {&anonymous, &owner, &named, &other, &secretariat}) {
        EXPECT_TRUE(can_read(*caller, pub)) << caller->user;
    }
    EXPECT_FALSE(can_read(anonymous, partners));
    EXPECT_TRUE(can_read(owner, partners));
    EXPECT_TRUE(can_read(named, partners));
    EXPECT_TRUE(can_read(other, partners));
    EXPECT_TRUE(can_read(secretariat, partners));
    EXPECT_FALSE(can_read(anonymous, agencies));
    EXPECT_TRUE(can_read(owner, agencies));
    EXPECT_TRUE(can_read(named, agencies));
    EXPECT_FALSE(can_read(other, agencies));
    EXPECT_TRUE(can_read(secretariat, agencies));
}

TEST(Access, OnlyTheOwnersPlannersWrite) {
    for (auto scope : {VisibilityScope::public_, VisibilityScope::partners, VisibilityScope::agencies}) {
        const auto m = mission(scope);
        EXPECT_TRUE(can_write(owner, m));
        EXPECT_FALSE(can_write(anonymous, m));
        EXPECT_FALSE(can_write(named, m));
        EXPECT_FALSE(can_write(other, m));
        EXPECT_FALSE(can_write(secretariat, m));
    }
    // A secretariat account that names an agency still edits nothing of it.
    EXPECT_FALSE(can_write(Caller{Role::secretariat, "sec2", "NASA"}, mission(VisibilityScope::public_)));
}

TEST(Access, AuditEntriesOnlyForTheOwnerAndTheSecretariat) {
    // Judged by the record's scope now (store::RecordScope), never by the copy inside the entry.
    std::optional<ger::server::RecordScope> scope = ger::server::RecordScope{"NASA", {VisibilityScope::public_, {}}};
    EXPECT_TRUE(can_read_audit(owner, scope));
    EXPECT_TRUE(can_read_audit(secretariat, scope));
    EXPECT_FALSE(can_read_audit(other, scope));
    EXPECT_FALSE(can_read_audit(anonymous, scope));
    EXPECT_TRUE(can_read_change(anonymous, scope));  // public record: the change feed names it
    scope->visibility = {VisibilityScope::agencies, {"ESA"}};
    EXPECT_FALSE(can_read_change(anonymous, scope));
    EXPECT_FALSE(can_read_change(other, scope));
    EXPECT_TRUE(can_read_change(named, scope));
    EXPECT_TRUE(can_read_change(owner, scope));
    EXPECT_TRUE(can_read_audit(owner, scope));
    EXPECT_FALSE(can_read_audit(named, scope));  // reads the record, not its before/after history
    scope.reset();  // an entry about a user, a token, a goal, an import: the secretariat's
    EXPECT_FALSE(can_read_change(owner, scope));
    EXPECT_FALSE(can_read_audit(owner, scope));
    EXPECT_FALSE(can_read_change(anonymous, scope));
    EXPECT_TRUE(can_read_change(secretariat, scope));
    EXPECT_TRUE(can_read_audit(secretariat, scope));
}

// A record without a visibility cannot be stored; should one exist, nobody but its owner and the secretariat reads
// it: never the public, never the partners.
TEST(Access, MissingVisibilityFailsClosed) {
    auto m = mission(VisibilityScope::public_);
    ASSERT_TRUE(can_read(anonymous, m));
    m.visibility.reset();
    EXPECT_FALSE(can_read(anonymous, m));
    EXPECT_FALSE(can_read(named, m));
    EXPECT_FALSE(can_read(other, m));
    EXPECT_TRUE(can_read(owner, m));
    EXPECT_TRUE(can_read(secretariat, m));
}

// The store asks the caller's read rule through its Actor: the same answers as can_read.
TEST(Access, ActorCarriesTheCallersReadRule) {
    for (const auto* caller : {&anonymous, &owner, &named, &other, &secretariat}) {
        const auto actor = ger::server::actor_of(*caller);
        EXPECT_EQ(actor.user, caller->user);
        EXPECT_EQ(actor.agency, caller->agency);
        ASSERT_TRUE(actor.reads);
        for (auto scope : {VisibilityScope::public_, VisibilityScope::partners, VisibilityScope::agencies}) {
            const auto m = mission(scope);
            EXPECT_EQ(actor.reads(*m.visibility, m.lead_agency), can_read(*caller, m)) << caller->user;
        }
    }
}

// A caller's view of a mission names only the records it may read (and only records that exist).
TEST(Access, ViewDropsReferencesTheCallerMayNotRead) {
    ger::model::Dataset d;
    for (auto [id, scope] : std::vector<std::pair<std::string, VisibilityScope>>{
             {"pub", VisibilityScope::public_}, {"partners", VisibilityScope::partners},
             {"esa-only", VisibilityScope::agencies}}) {
        auto m = mission(scope);
        m.id = "m-" + id;
        d.missions.push_back(m);
        ger::model::Capability c;
        c.id = "c-" + id;
        c.provider = "NASA";
        c.visibility = m.visibility;
        d.capabilities.push_back(c);
    }
    auto m = mission(VisibilityScope::public_);
    m.id = "viewed";
    m.capabilities_required = {"c-esa-only", "c-pub", "c-partners", "c-gone"};
    m.capabilities_provided = {"c-partners", "c-pub"};
    m.precursors = {"m-esa-only", "m-partners", "m-pub"};
    const ger::server::RecordIndex index(d);
    const auto anonymous_view = view_of(anonymous, m, index);
    EXPECT_EQ(anonymous_view.capabilities_required, std::vector<std::string>{"c-pub"});
    EXPECT_EQ(anonymous_view.capabilities_provided, std::vector<std::string>{"c-pub"});
    EXPECT_EQ(anonymous_view.precursors, std::vector<std::string>{"m-pub"});
    EXPECT_EQ(anonymous_view.meta, m.meta);  // the same version: the ETag does not change with the view
    const auto other_view = view_of(other, m, index);
    EXPECT_EQ(other_view.capabilities_required, (std::vector<std::string>{"c-pub", "c-partners"}));
    EXPECT_EQ(other_view.precursors, (std::vector<std::string>{"m-partners", "m-pub"}));
    const auto named_view = view_of(named, m, index);
    EXPECT_EQ(named_view.capabilities_required, (std::vector<std::string>{"c-esa-only", "c-pub", "c-partners"}));
    EXPECT_EQ(named_view.precursors, m.precursors);
    // The data-set view: only readable records, each through the same view.
    d.missions.push_back(m);
    const auto seen = view_of(anonymous, d);
    ASSERT_EQ(seen.missions.size(), 2u);
    EXPECT_EQ(seen.missions[1].capabilities_required, std::vector<std::string>{"c-pub"});
    EXPECT_EQ(seen.capabilities.size(), 1u);
    EXPECT_EQ(view_of(secretariat, d).missions.back().capabilities_required,
              (std::vector<std::string>{"c-esa-only", "c-pub", "c-partners"}));
}

}  // namespace
