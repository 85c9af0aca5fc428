// The public view of an edition's comments: what the portal, the API and `ger comments` publish. Accepted
// comments only (a pending, rejected or hidden one is never in it), never an email, and one comment per
// near-duplicate group with the count of the others ("N similar comments").
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/comment.hpp"

namespace ger::analysis {

struct PublicComment {
    long long id = 0;
    std::string edition;
    std::optional<std::string> section;
    std::optional<std::string> mission;  // dropped when the reader may not read it now
    std::string name;                    // "" when the commenter's identity was erased
    std::string affiliation;
    std::string text;
    model::Timestamp submitted_at{};
    std::string response;
    std::optional<model::Timestamp> responded_at;
    std::optional<model::Disposition> disposition;  // its records only those the reader may read
    long long similar = 0;                          // other accepted comments of its near-duplicate group
};

// Whether the reader may read the record with this id (a mission, goal or objective).
using ReadableRecord = std::function<bool(const std::string& id)>;

// From any comments (of one edition): the accepted ones, the oldest accepted of each group standing for the
// group, oldest first.
std::vector<PublicComment> public_comments(const std::vector<model::Comment>& comments,
                                           const ReadableRecord& readable);

// {"id", "edition", "section", "mission", "name", "affiliation", "text", "submitted_at", "response",
// "responded_at", "disposition", "similar_count"}; null for what is absent.
nlohmann::json to_json(const PublicComment& comment);

}  // namespace ger::analysis
