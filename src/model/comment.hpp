// A public comment on an edition of the roadmap: who wrote it (personal data, erasable), what it is about (the
// edition, optionally one section or one mission), its text (plain text) and how the secretariat handled it
// (moderation status, an internal reason, a public reason, a published response, and what the next edition did
// with it). Only an accepted comment is ever public, and never its email.
#pragma once

#include <array>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"
#include "model/error.hpp"
#include "model/records.hpp"

namespace ger::model {

enum class CommentStatus { pending, accepted, rejected, hidden };
// What the next edition did with an accepted comment.
enum class DispositionOutcome { adopted, partly_adopted, not_adopted, out_of_scope };

template <>
struct EnumNames<CommentStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 4> values{"pending", "accepted", "rejected", "hidden"};
};
template <>
struct EnumNames<DispositionOutcome> {
    static constexpr std::string_view field = "outcome";
    static constexpr std::array<std::string_view, 4> values{"adopted", "partly-adopted", "not-adopted",
                                                            "out-of-scope"};
};

struct Disposition {
    DispositionOutcome outcome = DispositionOutcome::adopted;
    std::string reason;                // required for not-adopted and out-of-scope
    std::vector<std::string> records;  // ids of the missions, goals or objectives it changed
    std::string edition;               // the edition that addressed it ("" while none has)
    friend bool operator==(const Disposition&, const Disposition&) = default;
};

// What a commenter sends.
struct CommentSubmission {
    std::string edition;
    std::optional<std::string> section;  // "goals", "scenario" or a destination code
    std::optional<std::string> mission;  // a mission id of the edition
    std::string name;
    std::string affiliation;
    std::string email;
    std::string text;
};

struct Comment {
    long long id = 0;
    int version = 1;  // + 1 on every moderation step (the ETag)
    std::string edition;
    std::optional<std::string> section;
    std::optional<std::string> mission;
    std::string name;         // "" once erased
    std::string affiliation;  // "" once erased
    std::string email;        // "" once erased
    std::string text;
    CommentStatus status = CommentStatus::pending;
    std::string reason;         // internal: the secretariat's alone
    std::string public_reason;  // shown to the commenter (rejected, hidden)
    std::string response;       // published with the comment
    std::optional<Timestamp> responded_at;
    std::optional<Disposition> disposition;
    long long group = 0;  // near-duplicate group: the id of the group's first comment (its own id when alone)
    bool erased = false;  // the commenter's personal data was erased
    Timestamp created_at{};
    Timestamp updated_at{};
    friend bool operator==(const Comment&, const Comment&) = default;
};

// A moderation step; unset fields stay as they are.
struct CommentModeration {
    std::optional<CommentStatus> status;
    std::optional<std::string> reason;
    std::optional<std::string> public_reason;
    std::optional<std::string> response;
    std::optional<std::optional<Disposition>> disposition;  // set to nullopt: cleared
    bool erase_personal_data = false;  // at the commenter's request: name, affiliation and email go, text stays
};

// Limits, in Unicode code points.
inline constexpr std::size_t max_comment_name = 120;
inline constexpr std::size_t max_comment_affiliation = 200;
inline constexpr std::size_t max_comment_email = 254;
inline constexpr std::size_t max_comment_text = 5000;
inline constexpr std::size_t max_moderation_text = 5000;

// Normalizes line breaks to "\n" and trims the text's ends; the checks below apply to the result.
std::string normalized_comment_text(std::string_view text);

// Checks lengths, the email's form, plain text (no control characters but line breaks and tabs, no HTML tags).
// Paths are "/name", "/email", ...; the edition, section and mission are checked against the data by the caller.
std::vector<FieldError> submission_errors(const CommentSubmission& submission);
std::vector<FieldError> moderation_errors(const CommentModeration& moderation);

// The status a commenter sees on their receipt: pending, accepted, answered (accepted with a response),
// addressed (a disposition names the edition that addressed it), rejected, hidden.
std::string receipt_status(const Comment& comment);

// How alike two texts are, in [0, 1]: the Jaccard index of their word 3-shingles after case folding and
// dropping punctuation (1 for the same words in the same order). Campaign comments (one text sent by many,
// lightly edited) score above near_duplicate_similarity; independent comments on one topic stay far below.
double comment_similarity(std::string_view a, std::string_view b);
// The same measure with one side's shingles taken once: a new comment against the many before it.
class CommentFingerprint {
public:
    explicit CommentFingerprint(std::string_view text);
    double similarity(const CommentFingerprint& other) const;

private:
    std::set<std::string> m_shingles;
};
inline constexpr double near_duplicate_similarity = 0.7;

}  // namespace ger::model
