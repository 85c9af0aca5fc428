// Public comments through the real server: the contract (202 with a receipt, the receipt's status, the public
// list, the secretariat's queue, PATCH with If-Match), the read rules (a pending, rejected or hidden comment is in
// no public answer, an email in none but the secretariat's, a disposition names only records the reader may
// read), the abuse controls (rate limits, the form's trap field, plain text, near-duplicates shown once), erasure,
// the outbox, and that a comment does not move the roadmap's change id (no snapshot rebuild).
#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CommentsTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override {
        options.comment_limits.per_source_short = 1000;
        options.comment_limits.per_source_day = 1000;
    }
    void SetUp() override {
        ServerFixture::SetUp();
        auto c = client();
        // A frozen edition that holds t-public (the bundled ones have no snapshot in this fixture's database).
        const auto res = c.Post("/api/v1/editions", auth("sec"), R"({"name": "2026", "title": "Roadmap 2026"})",
                                "application/json");
        ASSERT_EQ(res->status, 202) << res->body;
    }

    json comment(std::string text, std::string email = "ada@example.org") {
        return {{"name", "Ada Lovelace"},
                {"affiliation", "Analytical Society"},
                {"email", std::move(email)},
                {"text", std::move(text)},
                {"section", "Moon"},
                {"mission", "t-public"}};
    }
    httplib::Result submit(const json& body, const std::string& edition = "2026") {
        return client().Post(("/api/v1/editions/" + edition + "/comments").c_str(), body.dump(), "application/json");
    }
    httplib::Result get(const std::string& who, const std::string& path) {
        return client().Get(path.c_str(), auth(who));
    }
    httplib::Result patch(const std::string& who, long long id, const json& body, const std::string& etag) {
        auto headers = auth(who);
        if (!etag.empty()) headers.emplace("If-Match", etag);
        return client().Patch(("/api/v1/comments/" + std::to_string(id)).c_str(), headers, body.dump(),
                              "application/merge-patch+json");
    }
    std::string etag(long long id) {
        return get("sec", "/api/v1/comments/" + std::to_string(id))->get_header_value("ETag");
    }
    json public_list(const std::string& who = "anonymous") {
        const auto res = get(who, "/api/v1/editions/2026/comments");
        EXPECT_EQ(res->status, 200) << res->body;
        return json::parse(res->body);
    }
};

TEST_F(CommentsTest, ACommentIsPendingAndInNoPublicAnswerUntilAccepted) {
    const auto change = json::parse(get("anonymous", "/healthz")->body)["change_id"];
    const auto res = submit(comment("A secret-until-accepted lunar radio telescope."));
    ASSERT_EQ(res->status, 202) << res->body;
    const auto receipt = json::parse(res->body);
    EXPECT_EQ(receipt["status"], "pending");
    EXPECT_GE(receipt["receipt"].get<std::string>().size(), 40u);
    const auto id = receipt["id"].get<long long>();
    EXPECT_EQ(json::parse(get("anonymous", "/healthz")->body)["change_id"], change)
        << "a comment must not rebuild the roadmap snapshot";

    const auto status = get("anonymous", "/api/v1/comments/receipts/" + receipt["receipt"].get<std::string>());
    ASSERT_EQ(status->status, 200);
    EXPECT_EQ(json::parse(status->body)["status"], "pending");
    EXPECT_FALSE(contains(status->body, "ada@example.org"));

    // Pending: nowhere public, for nobody but the secretariat's queue.
    EXPECT_EQ(public_list()["total"], 0);
    EXPECT_EQ(public_list("esa")["total"], 0);
    for (const char* path : {"/editions/2026/comments", "/", "/api/v1/changes", "/editions/2026/comments.csv"}) {
        for (const char* who : {"anonymous", "nasa"}) {
            const auto page = get(who, path);
            EXPECT_EQ(page->status, 200) << path;
            EXPECT_FALSE(contains(page->body, "secret-until-accepted")) << path << " as " << who;
            EXPECT_FALSE(contains(page->body, "\"record_kind\":\"comment\"")) << path << " as " << who;
        }
    }
    EXPECT_EQ(get("anonymous", "/api/v1/comments")->status, 401);
    EXPECT_EQ(get("nasa", "/api/v1/comments")->status, 403);
    EXPECT_EQ(get("nasa", "/api/v1/comments/" + std::to_string(id))->status, 403);
    const auto queue = get("sec", "/api/v1/comments?status=pending");
    ASSERT_EQ(queue->status, 200) << queue->body;
    const auto q = json::parse(queue->body);
    ASSERT_EQ(q["total"], 1);
    EXPECT_EQ(q["items"][0]["email"], "ada@example.org");
    EXPECT_EQ(q["items"][0]["mission"], "t-public");

    // Accepted: public, without its email; then hidden: gone again.
    auto accepted = patch("sec", id, {{"status", "accepted"}, {"response", "Thank you."}}, etag(id));
    ASSERT_EQ(accepted->status, 200) << accepted->body;
    auto list = public_list();
    ASSERT_EQ(list["total"], 1);
    EXPECT_EQ(list["items"][0]["text"], "A secret-until-accepted lunar radio telescope.");
    EXPECT_EQ(list["items"][0]["response"], "Thank you.");
    EXPECT_FALSE(contains(list.dump(), "ada@example.org"));
    const auto page = get("anonymous", "/editions/2026/comments");
    EXPECT_TRUE(contains(page->body, "A secret-until-accepted lunar radio telescope."));
    EXPECT_FALSE(contains(page->body, "ada@example.org"));
    EXPECT_EQ(json::parse(status->body)["status"], "pending");
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/comments/receipts/" + receipt["receipt"].get<std::string>())->body)
                  ["status"],
              "answered");

    ASSERT_EQ(patch("sec", id, {{"status", "hidden"}, {"public_reason", "off topic"}}, etag(id))->status, 200);
    EXPECT_EQ(public_list()["total"], 0);
    EXPECT_FALSE(contains(get("anonymous", "/editions/2026/comments")->body, "secret-until-accepted"));
    const auto hidden = json::parse(get("anonymous", "/api/v1/comments/receipts/" + receipt["receipt"].get<std::string>())->body);
    EXPECT_EQ(hidden["status"], "hidden");
    EXPECT_EQ(hidden["public_reason"], "off topic");
    EXPECT_EQ(hidden["response"], "") << "a hidden comment's response is not shown either";
}

TEST_F(CommentsTest, ModerationNeedsTheSecretariatAndTheCurrentETag) {
    const auto id = json::parse(submit(comment("Moderate me."))->body)["id"].get<long long>();
    EXPECT_EQ(patch("sec", id, {{"status", "accepted"}}, "")->status, 428);
    EXPECT_EQ(patch("nasa", id, {{"status", "accepted"}}, "\"1\"")->status, 403);
    EXPECT_EQ(patch("anonymous", id, {{"status", "accepted"}}, "\"1\"")->status, 401);
    EXPECT_EQ(patch("sec", id, {{"status", "accepted"}}, "\"7\"")->status, 412);
    EXPECT_EQ(patch("sec", id + 1000, {{"status", "accepted"}}, "\"1\"")->status, 404);
    auto bad = patch("sec", id, {{"status", "pending"}, {"colour", "red"}}, "\"1\"");
    EXPECT_EQ(bad->status, 422);
    EXPECT_TRUE(contains(bad->body, "/colour")) << bad->body;
    bad = patch("sec", id, {{"disposition", {{"outcome", "not-adopted"}, {"records", {"no-such-record"}}}}}, "\"1\"");
    EXPECT_EQ(bad->status, 422);
    EXPECT_TRUE(contains(bad->body, "/disposition/records/0")) << bad->body;
    EXPECT_TRUE(contains(bad->body, "/disposition/reason")) << bad->body;
    const auto one = get("sec", "/api/v1/comments/" + std::to_string(id));
    EXPECT_EQ(json::parse(one->body)["version"], 1) << "refused steps wrote nothing";

    ASSERT_EQ(patch("sec", id, {{"status", "rejected"}, {"reason", "spam ring 7"}, {"public_reason", "duplicate"}},
                    "\"1\"")
                  ->status,
              200);
    const auto audit = get("sec", "/api/v1/audit?record_kind=comment");
    ASSERT_EQ(audit->status, 200);
    const auto entries = json::parse(audit->body)["items"];
    ASSERT_EQ(entries.size(), 2u) << audit->body;
    EXPECT_EQ(entries[0]["action"], "update");
    EXPECT_EQ(entries[0]["actor"], "sec");
    EXPECT_TRUE(contains(entries[0]["after"].get<std::string>(), "spam ring 7"));
    EXPECT_FALSE(contains(audit->body, "ada@example.org")) << "the audit log holds no personal data";
    // The internal reason is the secretariat's: the audit log is not shown to planners for comments.
    EXPECT_FALSE(contains(get("nasa", "/api/v1/audit?record_kind=comment")->body, "spam ring 7"));
}

TEST_F(CommentsTest, BadSubmissionsAreRefusedByFieldAndStoreNothing) {
    auto body = comment("fine");
    body["email"] = "not-an-email";
    auto res = submit(body);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "/email")) << res->body;
    body = comment("<a href=\"https://spam.example\">cheap</a>");
    res = submit(body);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "/text")) << res->body;
    body = comment("fine");
    body["website"] = "x";
    EXPECT_EQ(submit(body)->status, 422) << "unknown fields are refused";
    body = comment("fine");
    body["text"] = 5;
    EXPECT_EQ(submit(body)->status, 422);
    EXPECT_EQ(submit(comment("fine"), "1999")->status, 404);
    EXPECT_EQ(client().Post("/api/v1/editions/2026/comments", "name=a", "application/x-www-form-urlencoded")->status,
              415);
    // A mission the public may not read answers exactly as one that does not exist.
    body = comment("fine");
    body["mission"] = "t-agencies";
    const auto hidden = submit(body);
    body["mission"] = "t-nonexistent";
    const auto absent = submit(body);
    EXPECT_EQ(hidden->status, 422);
    EXPECT_EQ(hidden->body, absent->body);
    body = comment("fine");
    body["section"] = "Jupiter";
    EXPECT_EQ(submit(body)->status, 422);
    EXPECT_EQ(json::parse(get("sec", "/api/v1/comments")->body)["total"], 0);
}

TEST_F(CommentsTest, SimilarCommentsAreShownOnceWithTheirNumber) {
    const std::string campaign =
        "We ask the agencies to give a crewed Mars landing the highest priority in the next roadmap and to fund "
        "it before any other destination is studied further.";
    std::vector<long long> ids;
    for (int i = 0; i < 3; ++i) {
        const auto text = (i == 1 ? "Hello. " : "") + campaign + (i == 2 ? " Thanks!" : "");
        const auto res = submit(comment(text, "person" + std::to_string(i) + "@example.org"));
        ASSERT_EQ(res->status, 202) << res->body;
        ids.push_back(json::parse(res->body)["id"].get<long long>());
    }
    const auto other = json::parse(submit(comment("Robotic precursors first, please.", "z@example.org"))->body)["id"];
    for (auto id : ids) ASSERT_EQ(patch("sec", id, {{"status", "accepted"}}, "\"1\"")->status, 200);
    ASSERT_EQ(patch("sec", other.get<long long>(), {{"status", "accepted"}}, "\"1\"")->status, 200);
    const auto list = public_list();
    ASSERT_EQ(list["total"], 2) << list.dump();
    EXPECT_EQ(list["items"][0]["id"], ids[0]);
    EXPECT_EQ(list["items"][0]["similar_count"], 2);
    EXPECT_EQ(list["items"][1]["similar_count"], 0);
    EXPECT_TRUE(contains(get("anonymous", "/editions/2026/comments")->body, "2 similar comments"));
}

TEST_F(CommentsTest, ADispositionNamesOnlyRecordsTheReaderMayRead) {
    const auto id = json::parse(submit(comment("Change the plan."))->body)["id"].get<long long>();
    ASSERT_EQ(patch("sec", id,
                    {{"status", "accepted"},
                     {"disposition",
                      {{"outcome", "partly-adopted"}, {"records", {"t-agencies", "t-public"}}, {"edition", "2026"}}}},
                    "\"1\"")
                  ->status,
              200);
    const auto anonymous = public_list();
    EXPECT_EQ(anonymous["items"][0]["disposition"]["records"], json({"t-public"}));
    EXPECT_FALSE(contains(get("anonymous", "/editions/2026/comments")->body, "t-agencies"));
    EXPECT_FALSE(contains(get("anonymous", "/editions/2026/comments.csv")->body, "t-agencies"));
    EXPECT_FALSE(contains(get("jaxa", "/api/v1/editions/2026/comments")->body, "t-agencies"));
    EXPECT_EQ(public_list("esa")["items"][0]["disposition"]["records"], json({"t-agencies", "t-public"}));
}

TEST_F(CommentsTest, TheFormTakesAComment_TheTrapFieldStoresNothing_AndTheReceiptPageFollowsIt) {
    auto c = client();
    const httplib::Params form{{"name", "Grace"}, {"email", "grace@example.org"}, {"affiliation", ""},
                               {"section", "goals"}, {"mission", ""}, {"text", "Line one\r\nline 1 < 2 & \"3\""}};
    auto trapped = form;
    trapped.emplace("website", "http://spam.example");
    const auto bot = c.Post("/editions/2026/comments", trapped);
    EXPECT_EQ(bot->status, 202);
    EXPECT_EQ(json::parse(get("sec", "/api/v1/comments")->body)["total"], 0);

    const auto res = c.Post("/editions/2026/comments", form);
    ASSERT_EQ(res->status, 303) << res->body;
    const auto location = res->get_header_value("Location");
    ASSERT_EQ(location.rfind("/comments/receipts/", 0), 0u) << location;
    const auto receipt = c.Get(location.c_str());
    ASSERT_EQ(receipt->status, 200);
    EXPECT_TRUE(contains(receipt->body, "Waiting for moderation"));
    EXPECT_TRUE(contains(receipt->body, "Line one\nline 1 &lt; 2 &amp; &quot;3&quot;")) << "line breaks kept, text escaped";
    EXPECT_EQ(receipt->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(receipt->get_header_value("Cache-Control"), "no-store");
    EXPECT_EQ(c.Get("/comments/receipts/not-a-receipt")->status, 404);

    // A bad form comes back with the field named and the values kept.
    auto bad = form;
    bad.erase("email");
    bad.emplace("email", "nope");
    const auto again = c.Post("/editions/2026/comments", bad);
    EXPECT_EQ(again->status, 422);
    EXPECT_TRUE(contains(again->body, "aria-invalid=\"true\"")) << again->body;
    EXPECT_TRUE(contains(again->body, "Line one"));
    EXPECT_EQ(json::parse(get("sec", "/api/v1/comments")->body)["total"], 1);
}

TEST_F(CommentsTest, ErasureRemovesTheIdentityAndKeepsTheText) {
    const auto r = json::parse(submit(comment("Keep me, forget me."))->body);
    const auto id = r["id"].get<long long>();
    ASSERT_EQ(patch("sec", id, {{"status", "accepted"}}, "\"1\"")->status, 200);
    const auto token = r["receipt"].get<std::string>();
    const auto erased = client().Post(("/api/v1/comments/receipts/" + token + "/erasure").c_str(), "", "text/plain");
    ASSERT_EQ(erased->status, 200) << erased->body;
    EXPECT_EQ(json::parse(erased->body)["erased"], true);
    EXPECT_TRUE(json::parse(erased->body)["name"].is_null());
    const auto list = public_list();
    EXPECT_TRUE(list["items"][0]["name"].is_null());
    EXPECT_EQ(list["items"][0]["affiliation"], "");
    EXPECT_EQ(list["items"][0]["text"], "Keep me, forget me.");
    const auto sec = json::parse(get("sec", "/api/v1/comments/" + std::to_string(id))->body);
    EXPECT_EQ(sec["email"], "");
    EXPECT_EQ(sec["name"], "");
    EXPECT_FALSE(contains(get("anonymous", "/editions/2026/comments")->body, "Ada Lovelace"));

    // At a commenter's request by email, the secretariat erases it (If-Match, like any moderation step).
    const auto other = json::parse(submit(comment("Another one.", "grace@example.org"))->body)["id"].get<long long>();
    EXPECT_EQ(patch("sec", other, {{"erase_personal_data", true}}, "\"7\"")->status, 412);
    EXPECT_EQ(patch("nasa", other, {{"erase_personal_data", true}}, "\"1\"")->status, 403);
    const auto by_secretariat = patch("sec", other, {{"erase_personal_data", true}}, "\"1\"");
    ASSERT_EQ(by_secretariat->status, 200) << by_secretariat->body;
    EXPECT_EQ(json::parse(by_secretariat->body)["email"], "");
    EXPECT_EQ(json::parse(by_secretariat->body)["erased"], true);
}

TEST_F(CommentsTest, TheReportDownloadsHoldTheAcceptedCommentsOnly) {
    const auto a = json::parse(submit(comment("=HYPERLINK(\"http://x\") accepted text"))->body)["id"].get<long long>();
    submit(comment("pending text", "b@example.org"));
    ASSERT_EQ(patch("sec", a, {{"status", "accepted"}}, "\"1\"")->status, 200);
    const auto csv = get("anonymous", "/editions/2026/comments.csv");
    ASSERT_EQ(csv->status, 200);
    EXPECT_TRUE(contains(csv->body, "'=HYPERLINK")) << "a formula is defused: " << csv->body;
    EXPECT_FALSE(contains(csv->body, "pending text"));
    EXPECT_FALSE(contains(csv->body, "@example.org"));
    const auto pdf = get("anonymous", "/editions/2026/comments.pdf");
    ASSERT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
    EXPECT_EQ(get("anonymous", "/editions/1999/comments.pdf")->status, 404);
}

TEST_F(CommentsTest, TheSecretariatModeratesInThePortalQueue) {
    const auto sent = submit(comment("Please add a far-side radio telescope to the lunar scenario."));
    ASSERT_EQ(sent->status, 202) << sent->body;
    const auto id = json::parse(sent->body)["id"].get<long long>();
    const auto card = "/workspace/comments/" + std::to_string(id);

    auto c = client();
    Browser sec{c, {}};
    ASSERT_EQ(sec.login("sec", test_password)->status, 303);
    const auto queue = sec.get("/workspace/comments");
    ASSERT_TRUE(queue);
    ASSERT_EQ(queue->status, 200);
    EXPECT_NE(queue->body.find("far-side radio telescope"), std::string::npos);
    EXPECT_NE(queue->body.find("ada@example.org"), std::string::npos) << "the secretariat sees the email";
    const auto csrf = Browser::csrf(queue->body);
    httplib::Params form{{"csrf", csrf}, {"version", "1"}, {"status", "accepted"}, {"public_reason", ""},
                         {"reason", "on topic"}, {"response", "Thank you: the scenario team will study it."},
                         {"outcome", "not-adopted"}, {"disposition_reason", ""}, {"records", ""}, {"edition", ""}};
    auto res = sec.post(card, form);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << "not adopted needs its reason";
    EXPECT_NE(res->body.find("Not saved:"), std::string::npos);
    EXPECT_NE(res->body.find("Thank you: the scenario team will study it."), std::string::npos)
        << "the refused form keeps what was typed";
    EXPECT_TRUE(public_list()["items"].empty()) << "nothing saved";
    form.erase("outcome");
    form.emplace("outcome", "");
    res = sec.post(card, form);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body;
    const auto listed = public_list();
    ASSERT_EQ(listed["items"].size(), 1u);
    EXPECT_EQ(listed["items"][0]["response"], "Thank you: the scenario team will study it.");
    EXPECT_EQ(res->get_header_value("Location"), "/workspace/comments?status=accepted#comment-" + std::to_string(id))
        << "to the list the comment is in now";
    const auto stale = sec.post(card, form);
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 409) << "the form named version 1; the comment is at 2";
    auto garbled = form;
    garbled.erase("version");
    garbled.emplace("version", "1x");
    EXPECT_EQ(sec.post(card, garbled)->status, 400);
    EXPECT_EQ(sec.get("/workspace/comments?status=maybe")->status, 400);
    const auto audit = store::open_store(m_db)->audit({.record_kind = "comment", .record_id = std::to_string(id)});
    EXPECT_EQ(audit.size(), 2u) << "the submission and the one accepted decision";

    auto c2 = client();
    Browser nasa{c2, {}};
    ASSERT_EQ(nasa.login("nasa", test_password)->status, 303);
    EXPECT_EQ(nasa.get("/workspace/comments")->status, 403);
    auto forged = form;
    forged.erase("csrf");
    forged.emplace("csrf", Browser::csrf(nasa.get("/workspace")->body));
    forged.erase("version");
    forged.emplace("version", "2");
    forged.erase("status");
    forged.emplace("status", "hidden");
    EXPECT_EQ(nasa.post(card, forged)->status, 403);
    auto c3 = client();
    Browser anonymous{c3, {}};
    EXPECT_EQ(anonymous.get("/workspace/comments")->status, 303) << "to the login";
    EXPECT_EQ(public_list()["items"].size(), 1u) << "neither hid it";
}

class CommentLimitsTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override {
        options.comment_limits.per_source_short = 3;
        options.comment_limits.per_email_short = 2;
    }
};

TEST_F(CommentLimitsTest, TooManyFromOneAddressOrOneEmailIs429AndStoresNothing) {
    auto c = client();
    const auto send = [&](const std::string& email) {
        const json body{{"name", "Bot"}, {"email", email}, {"text", "again and again " + email}};
        return c.Post("/api/v1/editions/2013/comments", body.dump(), "application/json");
    };
    EXPECT_EQ(send("a@example.org")->status, 202);
    EXPECT_EQ(send("a@example.org")->status, 202);
    const auto by_email = send("a@example.org");
    EXPECT_EQ(by_email->status, 429);
    EXPECT_FALSE(by_email->get_header_value("Retry-After").empty());
    EXPECT_TRUE(contains(by_email->body, "email")) << by_email->body;
    EXPECT_EQ(send("b@example.org")->status, 202);
    const auto by_address = send("c@example.org");
    EXPECT_EQ(by_address->status, 429);
    EXPECT_TRUE(contains(by_address->body, "address")) << by_address->body;
    EXPECT_EQ(json::parse(c.Get("/api/v1/comments", auth("sec"))->body)["total"], 3);
}

}  // namespace
}  // namespace ger::test
