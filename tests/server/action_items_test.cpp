// A workshop's action items on its page, under the read rules: a mission an item names shows only to those who
// may read it, a comment only once accepted, an objective to everyone; the item itself is public.
#include "server_fixture.hpp"

namespace ger::test {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ActionItemsPageTest : public ServerFixture {
protected:
    void SetUp() override {
        ServerFixture::SetUp();
        auto store = store::open_store(m_db);
        const auto workshop = model::bundled_workshops().at(0);
        if (!store->workshop(workshop.id)) store->create_workshop(workshop, {"sec", "", {}});
        m_workshop = workshop.id;
        model::CommentSubmission s;
        s.edition = "2013";
        s.name = "Ada";
        s.email = "ada@example.org";
        s.text = "Please add a sample return.";
        m_pending = store->create_comment({s, "receipt-digest-1", "source"}).id;
        model::ActionItem a;
        a.workshop = m_workshop;
        a.title = "Review the sample-return proposals";
        a.owner_agency = "ESA";
        a.records = {"t-agencies", "t-public", "sfl-life-beyond-earth", "comment:" + std::to_string(m_pending)};
        store->create_action_item(a, {"sec", "", {}});
    }
    std::string m_workshop;
    long long m_pending = 0;
};

TEST_F(ActionItemsPageTest, RecordsShowOnlyAsTheReaderMaySeeThem) {
    const auto anonymous = client().Get(("/workshops/" + m_workshop).c_str());
    ASSERT_TRUE(anonymous);
    ASSERT_EQ(anonymous->status, 200);
    EXPECT_TRUE(contains(anonymous->body, "Review the sample-return proposals"));
    EXPECT_TRUE(contains(anonymous->body, "href=\"/missions/t-public\""));
    EXPECT_FALSE(contains(anonymous->body, "t-agencies")) << "a mission shared with ESA only";
    EXPECT_TRUE(contains(anonymous->body, "Objective: <a href=\"/goals/search-for-life\""));
    EXPECT_FALSE(contains(anonymous->body, "Comment " + std::to_string(m_pending))) << "a pending comment";

    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_TRUE(contains(esa.get("/workshops/" + m_workshop)->body, "href=\"/missions/t-agencies\""));
    auto c2 = client();
    Browser jaxa{c2, {}};
    ASSERT_EQ(jaxa.login("jaxa", test_password)->status, 303);
    EXPECT_FALSE(contains(jaxa.get("/workshops/" + m_workshop)->body, "t-agencies"));

    // Once accepted, the comment is named and linked.
    auto store = store::open_store(m_db);
    const auto pending = store->comment(m_pending);
    ASSERT_TRUE(pending);
    model::CommentModeration accept;
    accept.status = model::CommentStatus::accepted;
    store->moderate_comment(m_pending, pending->version, accept, {"sec", "", {}});
    const auto after = client().Get(("/workshops/" + m_workshop).c_str());
    EXPECT_TRUE(contains(after->body, "/editions/2013/comments#comment-" + std::to_string(m_pending)));
}

}  // namespace
}  // namespace ger::test
