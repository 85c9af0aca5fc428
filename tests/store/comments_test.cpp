// Public comments in the store: a comment is stored pending with an audit entry that holds no personal data and
// a notice to the secretariat; near-duplicates join the first one's group; moderation is versioned (a stale
// version writes nothing) and audited; a response queues a notice to the commenter; erasure removes the
// identity and the unsent notices to it, keeps the text; comments move the community counter, never the
// roadmap's (so they do not rebuild the server's snapshot); rate-limit counts see source and email.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "store/store.hpp"

namespace ger::store {
namespace {

using model::CommentStatus;

class CommentsTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override { m_store = open_store(m_url, OpenMode::create); }
    static NewComment comment(std::string text, std::string email = "ada@example.org", std::string receipt = "") {
        static int n = 0;
        NewComment c;
        c.submission.edition = "2013";
        c.submission.name = "Ada";
        c.submission.affiliation = "Analytical Society";
        c.submission.email = std::move(email);
        c.submission.text = std::move(text);
        c.submission.section = "goals";
        c.receipt_digest = receipt.empty() ? "receipt-" + std::to_string(++n) : receipt;
        c.source = "source-a";
        return c;
    }
    test::TempDir m_dir;
    std::string m_url = GetParam().fresh_url(m_dir);
    std::unique_ptr<Store> m_store;
    Actor m_secretariat{"sec", "", {}};
};

TEST_P(CommentsTest, ACommentIsStoredPendingAuditedWithoutPersonalDataAndNoticed) {
    const auto roadmap = m_store->last_change_id();
    const auto community = m_store->community_change_id();
    const auto c = m_store->create_comment(comment("Please add a lunar far-side radio telescope."));
    EXPECT_EQ(c.status, CommentStatus::pending);
    EXPECT_EQ(c.version, 1);
    EXPECT_EQ(c.group, c.id);
    EXPECT_EQ(c.email, "ada@example.org");
    EXPECT_EQ(m_store->last_change_id(), roadmap) << "a comment must not rebuild the roadmap snapshot";
    EXPECT_EQ(m_store->community_change_id(), community + 1);

    const auto entries = m_store->audit({.record_kind = "comment"});
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].record_id, std::to_string(c.id));
    EXPECT_EQ(entries[0].action, model::AuditAction::create);
    EXPECT_EQ(entries[0].after.find("ada@example.org"), std::string::npos);
    EXPECT_EQ(entries[0].after.find("Ada"), std::string::npos);

    const auto outbox = m_store->outbox(true);
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].recipient, secretariat_recipient);
    EXPECT_EQ(outbox[0].about, "comment:" + std::to_string(c.id));
    EXPECT_TRUE(m_store->mark_outbox_sent(outbox[0].id));
    EXPECT_FALSE(m_store->mark_outbox_sent(outbox[0].id)) << "already sent";
    EXPECT_TRUE(m_store->outbox(true).empty());
    EXPECT_EQ(m_store->outbox(false).size(), 1u);

    EXPECT_EQ(m_store->comment_by_receipt("nobody's receipt"), std::nullopt);
    ASSERT_TRUE(m_store->comment(c.id));
    EXPECT_EQ(*m_store->comment(c.id), c);
}

TEST_P(CommentsTest, ATakenReceiptIsAConflictAndWritesNothing) {
    m_store->create_comment(comment("first", "a@example.org", "same"));
    EXPECT_THROW(m_store->create_comment(comment("second", "b@example.org", "same")), ConflictError);
    EXPECT_EQ(m_store->count_comments({}), 1);
    EXPECT_EQ(m_store->outbox(false).size(), 1u);
}

TEST_P(CommentsTest, NearDuplicatesJoinTheFirstOnesGroupAndOthersDoNot) {
    const std::string campaign =
        "We the undersigned ask the agencies to give Mars sample return the highest priority in the next roadmap "
        "and to fund it before any other destination is considered.";
    const auto first = m_store->create_comment(comment(campaign));
    const auto edited = m_store->create_comment(comment("Dear agencies, " + campaign + " Thank you."));
    const auto other = m_store->create_comment(
        comment("The roadmap should say more about how commercial landers deliver cargo to the Moon."));
    EXPECT_EQ(edited.group, first.id);
    EXPECT_EQ(other.group, other.id);
}

TEST_P(CommentsTest, ModerationIsVersionedAuditedAndAResponseNoticesTheCommenter) {
    const auto c = m_store->create_comment(comment("Add a crewed asteroid mission."));
    model::CommentModeration m;
    m.status = CommentStatus::accepted;
    m.reason = "on topic";
    m.response = "Thank you: the next edition discusses it.";
    const auto before_roadmap = m_store->last_change_id();
    const auto moderated = m_store->moderate_comment(c.id, 1, m, m_secretariat);
    EXPECT_EQ(moderated.version, 2);
    EXPECT_EQ(moderated.status, CommentStatus::accepted);
    EXPECT_TRUE(moderated.responded_at);
    EXPECT_EQ(m_store->last_change_id(), before_roadmap);
    EXPECT_EQ(model::receipt_status(moderated), "answered");

    // A second step on the old version: refused, nothing written.
    model::CommentModeration stale;
    stale.status = CommentStatus::hidden;
    EXPECT_THROW(m_store->moderate_comment(c.id, 1, stale, m_secretariat), ConflictError);
    EXPECT_EQ(m_store->comment(c.id)->status, CommentStatus::accepted);
    EXPECT_THROW(m_store->moderate_comment(c.id + 100, 1, stale, m_secretariat), NotFoundError);

    const auto entries = m_store->audit({.record_kind = "comment"});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].actor, "sec");
    EXPECT_NE(entries[1].before.find("\"pending\""), std::string::npos);
    EXPECT_NE(entries[1].after.find("\"accepted\""), std::string::npos);
    EXPECT_NE(entries[1].after.find("on topic"), std::string::npos);

    const auto outbox = m_store->outbox(true);
    ASSERT_EQ(outbox.size(), 2u);
    EXPECT_EQ(outbox[1].recipient, "ada@example.org");
    EXPECT_NE(outbox[1].body.find("the next edition discusses it"), std::string::npos);

    model::CommentModeration disposition;
    disposition.disposition = model::Disposition{model::DispositionOutcome::partly_adopted, "", {"nasa-m1"}, "2026"};
    const auto addressed = m_store->moderate_comment(c.id, 2, disposition, m_secretariat);
    ASSERT_TRUE(addressed.disposition);
    EXPECT_EQ(addressed.disposition->records, std::vector<std::string>{"nasa-m1"});
    EXPECT_EQ(model::receipt_status(addressed), "addressed");
    EXPECT_EQ(m_store->outbox(true).size(), 2u) << "the same response again notices nobody";
}

TEST_P(CommentsTest, ErasureRemovesTheIdentityAndItsUnsentNoticesAndKeepsTheText) {
    const auto c = m_store->create_comment(comment("Keep the ISS until 2030."));
    model::CommentModeration m;
    m.status = CommentStatus::accepted;
    m.response = "Noted.";
    m_store->moderate_comment(c.id, 1, m, m_secretariat);
    ASSERT_EQ(m_store->outbox(true).size(), 2u);
    const auto erased = m_store->erase_commenter(c.id, {"commenter", "", {}});
    EXPECT_TRUE(erased.erased);
    EXPECT_EQ(erased.name, "");
    EXPECT_EQ(erased.email, "");
    EXPECT_EQ(erased.affiliation, "");
    EXPECT_EQ(erased.text, "Keep the ISS until 2030.");
    EXPECT_EQ(erased.version, 3);
    const auto outbox = m_store->outbox(true);
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].recipient, secretariat_recipient);
    EXPECT_EQ(m_store->count_recent_comments("source-a", "ada@example.org", {}).from_email, 0);
    EXPECT_EQ(m_store->count_recent_comments("source-a", "", {}).from_source, 0) << "the source digest goes too";
    const auto again = m_store->erase_commenter(c.id, {"commenter", "", {}});
    EXPECT_EQ(again.version, 3) << "erasing twice changes nothing";
}

TEST_P(CommentsTest, ListsFilterByEditionAndStatusNewestFirstAndCount) {
    const auto a = m_store->create_comment(comment("one"));
    const auto b = m_store->create_comment(comment("two two two two"));
    auto other = comment("three three three");
    other.submission.edition = "2011";
    m_store->create_comment(other);
    model::CommentModeration accept;
    accept.status = CommentStatus::accepted;
    m_store->moderate_comment(b.id, 1, accept, m_secretariat);
    EXPECT_EQ(m_store->count_comments({}), 3);
    EXPECT_EQ(m_store->count_comments({.edition = "2013"}), 2);
    EXPECT_EQ(m_store->count_comments({.status = CommentStatus::pending}), 2);
    const auto accepted = m_store->comments({.edition = "2013", .status = CommentStatus::accepted});
    ASSERT_EQ(accepted.size(), 1u);
    EXPECT_EQ(accepted[0].id, b.id);
    const auto all = m_store->comments({.edition = "2013"});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, b.id);
    EXPECT_EQ(all[1].id, a.id);
    const auto counts = m_store->count_recent_comments("source-a", "ada@example.org", {});
    EXPECT_EQ(counts.from_source, 3);
    EXPECT_EQ(counts.from_email, 3);
    EXPECT_EQ(m_store->count_recent_comments("source-b", "x@example.org", {}).from_source, 0);
}

TEST_P(CommentsTest, CommentsSurviveReopening) {
    const auto c = m_store->create_comment(comment("durable"));
    m_store.reset();
    auto reopened = open_store(m_url);
    ASSERT_TRUE(reopened->comment(c.id));
    EXPECT_EQ(reopened->comment(c.id)->text, "durable");
    EXPECT_EQ(reopened->community_change_id(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CommentsTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store
