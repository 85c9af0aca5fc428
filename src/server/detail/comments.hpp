// Public comments on the roadmap, shared by the API (comments_api.cpp) and the portal (comment_pages.cpp,
// moderation_pages.cpp):
// taking a submission from anonymous input (checks, rate limits, receipt), the public view of an edition's
// comments, and the commenter's own view through their receipt.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/public_comments.hpp"
#include "model/comment.hpp"
#include "server/detail/app.hpp"

namespace ger::server::detail {

// What commenters may comment on in an edition: its sections and its missions.
struct CommentTargets {
    std::vector<std::string> sections;                             // "goals", "scenario", destination codes
    std::vector<std::pair<std::string, std::string>> missions;     // id, name: public missions of the edition
    std::string title;
    bool frozen = false;
};

// The listed edition `name`; 404 (as for any unknown record) when there is none. Cheap: no snapshot is read.
const model::Edition& listed_edition(const Context& ctx, const std::string& name);
// What the form offers; reads the frozen edition's snapshot (its missions), so only the form and a submission
// ask for it. 404 as listed_edition.
CommentTargets comment_targets(Context& ctx, const std::string& edition);

struct Receipt {
    long long id = 0;
    std::string token;  // given to the commenter once; only its digest is stored
};

// Checks the submission (422 naming each bad field; 404 for an unknown edition), the rate limits (429) and
// stores it as pending. Nothing is stored when any check fails.
Receipt submit_comment(Context& ctx, model::CommentSubmission submission);

// The edition's accepted comments as the caller may read them (analysis/public_comments.hpp).
std::vector<analysis::PublicComment> public_comments_of(Context& ctx, const std::string& edition);

// The comment a receipt belongs to; 404 for an unknown receipt.
model::Comment comment_of_receipt(Context& ctx, const std::string& receipt);
// What the receipt's holder sees: status, their text, the public reason, response and disposition.
nlohmann::json receipt_view(Context& ctx, const model::Comment& comment);

// Whether `id` names a mission, goal or objective of the data (a disposition's records), readable or not.
bool known_record(const Snapshot& data, const std::string& id);

// A moderation step from its JSON form (the API's PATCH body, the portal's form), checked as
// model::moderation_errors says and against the data: a disposition's records must exist and its edition be
// listed (422 naming each bad field). The response is normalized as a comment's text.
model::CommentModeration checked_moderation(Context& ctx, const nlohmann::json& body);

// The secretariat's view: everything, email included.
nlohmann::json moderation_view(const model::Comment& comment);

void add_comment_api_routes(App& app);
void add_comment_page_routes(App& app);
void add_moderation_page_routes(App& app);  // moderation_pages.cpp: /workspace/comments

}  // namespace ger::server::detail
