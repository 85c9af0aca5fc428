// A comment submission's checks (lengths in characters, the email's form, plain text), moderation checks, the
// status a receipt shows, and the near-duplicate measure on texts whose overlap is known by construction.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/comment.hpp"
#include "model/json.hpp"

namespace ger::model {
namespace {

CommentSubmission valid() {
    CommentSubmission s;
    s.edition = "2013";
    s.name = "Grace Hopper";
    s.email = "grace@example.org";
    s.text = "Line one\nline two";
    return s;
}

std::vector<std::string> paths(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.path);
    return out;
}

TEST(model_Comment, AValidSubmissionHasNoErrors) { EXPECT_TRUE(submission_errors(valid()).empty()); }

TEST(model_Comment, RequiredFieldsAreNamed) {
    CommentSubmission s;
    EXPECT_EQ(paths(submission_errors(s)), (std::vector<std::string>{"/name", "/email", "/text"}));
}

TEST(model_Comment, LengthsCountCharactersNotBytes) {
    auto s = valid();
    s.text.clear();
    for (std::size_t i = 0; i < max_comment_text; ++i) s.text += "é";  // 2 bytes each
    EXPECT_TRUE(submission_errors(s).empty());
    s.text += "é";
    const auto errors = submission_errors(s);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].path, "/text");
    EXPECT_NE(errors[0].message.find("5001 characters, at most 5000"), std::string::npos) << errors[0].message;
}

TEST(model_Comment, HtmlAndControlCharactersAreRefusedButALoneLessThanIsText) {
    auto s = valid();
    s.text = "if a < b then fine";
    EXPECT_TRUE(submission_errors(s).empty());
    s.text = "click <a href=x>here</a>";
    EXPECT_EQ(paths(submission_errors(s)), std::vector<std::string>{"/text"});
    s.text = "ok";
    s.name = "Eve<script>";
    EXPECT_EQ(paths(submission_errors(s)), std::vector<std::string>{"/name"});
    s.name = "Eve\nMallory";
    EXPECT_EQ(paths(submission_errors(s)), std::vector<std::string>{"/name"}) << "a name is one line";
    s.name = "Eve";
    s.text = std::string("bell\a");
    EXPECT_EQ(paths(submission_errors(s)), std::vector<std::string>{"/text"});
}

TEST(model_Comment, EmailsMustLookLikeOne) {
    for (const char* bad : {"grace", "grace@", "@example.org", "grace@example", "a@b@example.org", "grace hopper@x.org",
                            "g@x.org, h@y.org"}) {
        auto s = valid();
        s.email = bad;
        EXPECT_EQ(paths(submission_errors(s)), std::vector<std::string>{"/email"}) << bad;
    }
}

TEST(model_Comment, TextIsNormalizedToNewlinesAndTrimmed) {
    EXPECT_EQ(normalized_comment_text("  a\r\nb\rc\n\n "), "a\nb\nc");
    EXPECT_EQ(normalized_comment_text(" \n\t "), "");
}

TEST(model_Comment, ModerationChecks) {
    CommentModeration back;
    back.status = CommentStatus::pending;
    EXPECT_EQ(paths(moderation_errors(back)), std::vector<std::string>{"/status"});
    CommentModeration no_reason;
    no_reason.disposition = Disposition{DispositionOutcome::not_adopted, "", {}, ""};
    EXPECT_EQ(paths(moderation_errors(no_reason)), std::vector<std::string>{"/disposition/reason"});
    no_reason.disposition = Disposition{DispositionOutcome::not_adopted, "beyond the horizon", {}, ""};
    EXPECT_TRUE(moderation_errors(no_reason).empty());
}

TEST(model_Comment, DispositionJsonRoundTripsAndNamesBadFields) {
    const Disposition d{DispositionOutcome::partly_adopted, "in part", {"nasa-artemis-3", "goal-1"}, "2026"};
    EXPECT_EQ(disposition_from_json(to_json(d), "/d"), d);
    try {
        disposition_from_json({{"outcome", "maybe"}, {"records", {1}}, {"colour", "red"}}, "/d");
        FAIL() << "accepted a bad disposition";
    } catch (const ValidationError& e) {
        auto named = paths(e.errors());
        std::sort(named.begin(), named.end());
        EXPECT_EQ(named, (std::vector<std::string>{"/d/colour", "/d/outcome", "/d/records/0"}));
    }
}

TEST(model_Comment, TheReceiptShowsWhatHappened) {
    Comment c;
    EXPECT_EQ(receipt_status(c), "pending");
    c.status = CommentStatus::rejected;
    EXPECT_EQ(receipt_status(c), "rejected");
    c.status = CommentStatus::accepted;
    EXPECT_EQ(receipt_status(c), "accepted");
    c.response = "thanks";
    EXPECT_EQ(receipt_status(c), "answered");
    c.disposition = Disposition{DispositionOutcome::adopted, "", {}, "2026"};
    EXPECT_EQ(receipt_status(c), "addressed");
}

TEST(model_Comment, SimilarityIsTheJaccardIndexOfWordTriples) {
    // 10 words -> 8 triples each; changing the last word changes exactly one triple: 7 common of 9 distinct.
    const std::string a = "one two three four five six seven eight nine ten";
    const std::string b = "one two three four five six seven eight nine eleven";
    EXPECT_NEAR(comment_similarity(a, b), 7.0 / 9.0, 1e-12);
    EXPECT_DOUBLE_EQ(comment_similarity(a, "ONE, two; three... four five six seven eight nine ten!"), 1.0)
        << "case and punctuation do not count";
    EXPECT_DOUBLE_EQ(comment_similarity(a, "alpha beta gamma delta"), 0.0);
    EXPECT_GE(comment_similarity(a, b), near_duplicate_similarity);
}

}  // namespace
}  // namespace ger::model
