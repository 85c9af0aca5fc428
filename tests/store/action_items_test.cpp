// A workshop's action items in the store, on every backend: created against an existing workshop only, audited
// on the community counter (never the roadmap's), updated with the version the writer read (a stale write is
// refused and changes nothing), bad fields and records or agencies that do not exist refused by name, listed per
// workshop.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "model/bundled.hpp"
#include "model/workshop.hpp"
#include "store/store.hpp"

namespace ger::store {
namespace {

class ActionItemsTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override {
        m_store = open_store(m_url, OpenMode::create);
        m_store->replace_all(model::bundled_dataset(), m_sec);
        NewComment c;
        c.submission.edition = "2013";
        c.submission.name = "Ada";
        c.submission.email = "ada@example.org";
        c.submission.text = "Please study an asteroid in lunar orbit.";
        c.receipt_digest = "receipt";
        m_comment = "comment:" + std::to_string(m_store->create_comment(c).id);
        for (const auto& w : model::bundled_workshops()) m_store->create_workshop(w, m_sec);
        m_workshop = model::bundled_workshops().at(0).id;
    }
    model::ActionItem item(std::string title = "Study a crewed mission to an asteroid in lunar orbit") {
        model::ActionItem a;
        a.workshop = m_workshop;
        a.title = std::move(title);
        a.owner_agency = "NASA";
        a.records = {"sfl-life-beyond-earth", m_comment};
        return a;
    }
    test::TempDir m_dir;
    std::string m_url = GetParam().fresh_url(m_dir);
    std::unique_ptr<Store> m_store;
    std::string m_workshop;
    std::string m_comment;
    Actor m_sec{"sec", "", {}};
};

TEST_P(ActionItemsTest, CreatedAgainstAWorkshopAndAuditedAsCommunityContent) {
    const auto roadmap = m_store->last_change_id();
    const auto community = m_store->community_change_id();
    const auto stored = m_store->create_action_item(item(), m_sec);
    EXPECT_GT(stored.id, 0);
    EXPECT_EQ(stored.version, 1);
    EXPECT_EQ(stored.status, model::ActionStatus::open);
    EXPECT_EQ(stored.records, (std::vector<std::string>{"sfl-life-beyond-earth", m_comment}));
    EXPECT_EQ(m_store->last_change_id(), roadmap);
    EXPECT_EQ(m_store->community_change_id(), community + 1);
    EXPECT_EQ(m_store->action_item(stored.id), stored);
    const auto entries = m_store->audit({.record_kind = "action-item"});
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].record_id, std::to_string(stored.id));
    EXPECT_EQ(entries[0].actor, "sec");

    auto elsewhere = item();
    elsewhere.workshop = "no-such-workshop";
    EXPECT_THROW(m_store->create_action_item(elsewhere, m_sec), NotFoundError);
    EXPECT_EQ(m_store->action_items().size(), 1u);
    EXPECT_EQ(m_store->action_items(m_workshop).size(), 1u);
    EXPECT_TRUE(m_store->action_items(std::string_view("no-such-workshop")).empty());
}

TEST_P(ActionItemsTest, AnUpdateNeedsTheVersionItsWriterRead) {
    auto stored = m_store->create_action_item(item(), m_sec);
    auto next = stored;
    next.status = model::ActionStatus::in_progress;
    next.workshop = "ignored";  // an item stays with its workshop
    const auto updated = m_store->update_action_item(next, 1, m_sec);
    EXPECT_EQ(updated.version, 2);
    EXPECT_EQ(updated.status, model::ActionStatus::in_progress);
    EXPECT_EQ(updated.workshop, m_workshop);
    auto stale = stored;
    stale.title = "A stale edit";
    EXPECT_THROW(m_store->update_action_item(stale, 1, m_sec), ConflictError);
    EXPECT_EQ(m_store->action_item(stored.id)->title, stored.title);
    auto missing = stored;
    missing.id = 999;
    EXPECT_THROW(m_store->update_action_item(missing, 1, m_sec), NotFoundError);
    EXPECT_EQ(m_store->audit({.record_kind = "action-item"}).size(), 2u) << "the create and the one accepted update";
}

TEST_P(ActionItemsTest, BadFieldsAreRefusedByNameAndNothingIsStored) {
    auto bad = item("");
    bad.owner_agency = "";
    bad.records = {"Not An Id"};
    try {
        m_store->create_action_item(bad, m_sec);
        FAIL() << "stored an item with bad fields";
    } catch (const model::ValidationError& e) {
        std::vector<std::string> paths;
        for (const auto& f : e.errors()) paths.push_back(f.path);
        EXPECT_EQ(paths, (std::vector<std::string>{"/title", "/owner_agency", "/records/0"}));
    }
    EXPECT_TRUE(m_store->action_items().empty());
}

TEST_P(ActionItemsTest, AnOwnerOrRecordThatDoesNotExistIsRefusedByNameOnCreateAndUpdate) {
    auto bad = item();
    bad.owner_agency = "XYZ";
    bad.records = {"artemis-3", "no-such-mission", "comment:999", "sfl-life-beyond-earth"};
    try {
        m_store->create_action_item(bad, m_sec);
        FAIL() << "stored an item naming records that do not exist";
    } catch (const model::ValidationError& e) {
        std::vector<std::pair<std::string, std::string>> found;
        for (const auto& f : e.errors()) found.emplace_back(f.path, f.message);
        ASSERT_EQ(found.size(), 3u);
        EXPECT_EQ(found[0].first, "/owner_agency");
        EXPECT_NE(found[0].second.find("XYZ"), std::string::npos);
        EXPECT_EQ(found[1].first, "/records/1");
        EXPECT_NE(found[1].second.find("no-such-mission"), std::string::npos);
        EXPECT_EQ(found[2].first, "/records/2");
        EXPECT_NE(found[2].second.find("comment:999"), std::string::npos);
    }
    EXPECT_TRUE(m_store->action_items().empty());
    EXPECT_TRUE(m_store->audit({.record_kind = "action-item"}).empty());

    auto stored = m_store->create_action_item(item(), m_sec);
    auto next = stored;
    next.records.push_back("no-such-objective");
    EXPECT_THROW(m_store->update_action_item(next, stored.version, m_sec), model::ValidationError);
    EXPECT_EQ(m_store->action_item(stored.id), stored) << "a refused update changes nothing";
}

TEST_P(ActionItemsTest, AMissionDeletedAfterTheItemNamedItDoesNotBlockAChange) {
    model::Mission m;
    m.id = "nasa-short-lived";
    m.name = "Short-lived study";
    m.lead_agency = "NASA";
    m.destination = "Moon";
    m.visibility = model::Visibility{model::VisibilityScope::public_, {}};
    const Actor nasa{"nasa", "NASA", {}};
    m_store->create_mission(m, nasa);
    auto a = item();
    a.records = {"nasa-short-lived", "sfl-life-beyond-earth"};
    const auto stored = m_store->create_action_item(a, m_sec);
    m_store->delete_mission("nasa-short-lived", m_store->mission("nasa-short-lived")->meta.version, nasa);
    auto next = stored;
    next.status = model::ActionStatus::done;
    const auto updated = m_store->update_action_item(next, stored.version, m_sec);
    EXPECT_EQ(updated.status, model::ActionStatus::done);
    next = updated;
    next.records.push_back("nasa-short-lived-2");
    EXPECT_THROW(m_store->update_action_item(next, updated.version, m_sec), model::ValidationError)
        << "a record the item did not name yet is still checked";
}

INSTANTIATE_TEST_SUITE_P(Backends, ActionItemsTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store
