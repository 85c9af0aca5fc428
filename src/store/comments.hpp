// Public comments and the notifications they cause, as the store keeps them (model/comment.hpp holds the
// comment itself). Community content: its writes advance their own change counter (community_change_id), never
// the roadmap's, so a comment does not rebuild the server's snapshot of the records.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/comment.hpp"

namespace ger::store {

struct NewComment {
    model::CommentSubmission submission;  // checked by the caller (model::submission_errors and the data)
    std::string receipt_digest;           // SHA-256 of the commenter's receipt token; the token is never stored
    std::string source;                   // a digest of the client address, for rate limits; erased with the rest
};

struct CommentFilter {
    std::optional<std::string> edition{};
    std::optional<model::CommentStatus> status{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// How many comments arrived from one source and from one email at or after `since`.
struct CommentCounts {
    long long from_source = 0;
    long long from_email = 0;
};

// A notification waiting for whoever sends mail (`ger outbox`); no mail server is assumed.
struct OutboxMessage {
    long long id = 0;
    model::Timestamp created_at{};
    std::string recipient;  // an email address, or "secretariat"
    std::string subject;
    std::string body;
    std::string about;      // "comment:12"
    std::optional<model::Timestamp> sent_at;
};

inline constexpr const char* secretariat_recipient = "secretariat";

// The comments a new one is compared with for near-duplicates: the newest of its edition.
inline constexpr std::size_t near_duplicate_window = 2000;

}  // namespace ger::store
