// The access rules on their own: every role against every visibility.
#include <gtest/gtest.h>

#include "server/access.hpp"

namespace {

using ger::model::Mission;
using ger::model::VisibilityScope;
using ger::server::Caller;
using ger::store::Role;

Mission mission(VisibilityScope scope) {
    Mission m;
    m.id = "m";
    m.lead_agency = "NASA";
    m.visibility.scope = scope;
    if (scope == VisibilityScope::agencies) m.visibility.agencies = {"ESA"};
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
    ger::model::AuditEntry e;
    e.record_kind = "mission";
    e.after = R"({"lead_agency": "NASA", "visibility": {"scope": "public", "agencies": []}})";
    EXPECT_TRUE(can_read_audit(owner, e));
    EXPECT_TRUE(can_read_audit(secretariat, e));
    EXPECT_FALSE(can_read_audit(other, e));
    EXPECT_FALSE(can_read_audit(anonymous, e));
    EXPECT_TRUE(can_read_change(anonymous, e));  // public record: the change feed names it
    e.after = R"({"lead_agency": "NASA", "visibility": {"scope": "agencies", "agencies": ["ESA"]}})";
    EXPECT_FALSE(can_read_change(anonymous, e));
    EXPECT_FALSE(can_read_change(other, e));
    EXPECT_TRUE(can_read_change(named, e));
    e.record_kind = "user";
    e.after = R"({"name": "x"})";
    EXPECT_FALSE(can_read_change(owner, e));
    EXPECT_TRUE(can_read_change(secretariat, e));
}

}  // namespace
