// Goals and objectives (the secretariat's records): created, changed and deleted only against the record as the
// caller read it, validated, audited; an objective that missions address and a goal with objectives stay. Runs
// unchanged on every backend (backends.hpp).
#include <gtest/gtest.h>

#include "backends.hpp"
#include "model/error.hpp"
#include "sample_dataset.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

const Actor secretariat{"sec", ""};

using ger::test::Backend;

class GoalsTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_url = GetParam().fresh_url(m_dir);
        m_store = open_store(m_url, OpenMode::create);
        m_store->replace_all(test::sample_dataset(), {"loader", ""});
    }
    std::optional<model::Goal> goal(const std::string& id) {
        for (auto& g : m_store->goals()) {
            if (g.id == id) return g;
        }
        return std::nullopt;
    }
    std::optional<model::Objective> objective(const std::string& id) {
        for (auto& o : m_store->objectives()) {
            if (o.id == id) return o;
        }
        return std::nullopt;
    }
    test::TempDir m_dir;
    std::string m_url;
    std::unique_ptr<Store> m_store;
};

TEST_P(GoalsTest, GoalsAreCreatedChangedAndDeletedWithAudit) {
    const auto before = m_store->last_change_id();
    model::Goal g{"build-economy", 3, "Stimulate the economy", "Commercial activity.", "GER 2013"};
    EXPECT_EQ(m_store->create_goal(g, secretariat), g);
    EXPECT_EQ(goal("build-economy"), g);
    EXPECT_EQ(m_store->goals().back().id, "build-economy");  // appended in data set order
    EXPECT_THROW(m_store->create_goal(g, secretariat), ConflictError);

    auto changed = g;
    changed.title = "Stimulate economic expansion";
    m_store->update_goal(changed, g, secretariat);
    EXPECT_EQ(goal("build-economy")->title, "Stimulate economic expansion");
    // A second change against the old content is stale and writes nothing.
    auto stale = g;
    stale.title = "Stale";
    EXPECT_THROW(m_store->update_goal(stale, g, secretariat), ConflictError);
    EXPECT_EQ(goal("build-economy")->title, "Stimulate economic expansion");
    EXPECT_THROW(m_store->delete_goal("build-economy", g, secretariat), ConflictError);

    m_store->delete_goal("build-economy", changed, secretariat);
    EXPECT_FALSE(goal("build-economy"));
    EXPECT_THROW(m_store->delete_goal("build-economy", changed, secretariat), NotFoundError);

    const auto entries = m_store->audit({.record_kind = "goal", .record_id = "build-economy"});
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].action, model::AuditAction::create);
    EXPECT_EQ(entries[1].action, model::AuditAction::update);
    EXPECT_NE(entries[1].before.find("Stimulate the economy"), std::string::npos);
    EXPECT_NE(entries[1].after.find("economic expansion"), std::string::npos);
    EXPECT_EQ(entries[2].action, model::AuditAction::remove);
    EXPECT_EQ(entries[2].actor, "sec");
    EXPECT_EQ(m_store->last_change_id(), before + 3);
}

TEST_P(GoalsTest, GoalsAreValidated) {
    const auto before = m_store->export_dataset();
    EXPECT_THROW(m_store->create_goal({"Bad Id", 3, "T", "", ""}, secretariat), model::ValidationError);
    EXPECT_THROW(m_store->create_goal({"no-title", 3, "", "", ""}, secretariat), model::ValidationError);
    try {
        m_store->create_goal({"second-one", 1, "Another first goal", "", ""}, secretariat);
        FAIL() << "a taken goal number was accepted";
    } catch (const model::ValidationError& e) {
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].path, "/number");
    }
    // A goal with objectives stays.
    const auto life = *goal("search-for-life");
    try {
        m_store->delete_goal("search-for-life", life, secretariat);
        FAIL() << "a goal with objectives was deleted";
    } catch (const IntegrityError& e) {
        EXPECT_NE(std::string(e.what()).find("sample-return"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m_store->export_dataset(), before);
}

TEST_P(GoalsTest, ObjectivesAreCreatedChangedAndDeleted) {
    model::Objective o{"in-situ-resources", "extend-human-presence", "Use local resources", "ISRU.", false, ""};
    m_store->create_objective(o, secretariat);
    EXPECT_EQ(objective("in-situ-resources"), o);
    EXPECT_THROW(m_store->create_objective(o, secretariat), ConflictError);
    auto unknown_goal = o;
    unknown_goal.id = "orphan";
    unknown_goal.goal_id = "no-such-goal";
    EXPECT_THROW(m_store->create_objective(unknown_goal, secretariat), model::ValidationError);
    EXPECT_FALSE(objective("orphan"));

    auto moved = o;
    moved.goal_id = "search-for-life";
    moved.verified = true;
    m_store->update_objective(moved, o, secretariat);
    EXPECT_EQ(objective("in-situ-resources"), moved);
    EXPECT_THROW(m_store->update_objective(o, o, secretariat), ConflictError);
    EXPECT_EQ(objective("in-situ-resources"), moved);
    m_store->delete_objective("in-situ-resources", moved, secretariat);
    EXPECT_FALSE(objective("in-situ-resources"));
    EXPECT_EQ(m_store->audit({.record_kind = "objective"}).size(), 3u);
}

TEST_P(GoalsTest, AnObjectiveThatMissionsAddressIsNotDeleted) {
    const auto before = m_store->export_dataset();
    const auto change = m_store->last_change_id();
    const auto biosignatures = *objective("biosignatures");
    try {
        m_store->delete_objective("biosignatures", biosignatures, secretariat);
        FAIL() << "an addressed objective was deleted";
    } catch (const IntegrityError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("mars-orbiter"), std::string::npos) << message;
        EXPECT_NE(message.find("cannot be deleted while missions address it"), std::string::npos) << message;
    }
    EXPECT_EQ(m_store->export_dataset(), before);
    EXPECT_EQ(m_store->last_change_id(), change);
}

INSTANTIATE_TEST_SUITE_P(Backends, GoalsTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
