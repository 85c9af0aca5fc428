// JSON form of every record: the wire format of export/import, the API, the audit log.
// from_json throws ValidationError whose FieldError paths are JSON pointers into the document
// ("/missions/3/launch"), so a bad file says exactly where it is bad.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/error.hpp"
#include "model/comment.hpp"
#include "model/records.hpp"

namespace ger::model {

nlohmann::json to_json(const Agency&);
nlohmann::json to_json(const Goal&);
nlohmann::json to_json(const Objective&);
nlohmann::json to_json(const Destination&);
nlohmann::json to_json(const Visibility&);
nlohmann::json to_json(const Mission&);
nlohmann::json to_json(const Capability&);
nlohmann::json to_json(const Edition&);
nlohmann::json to_json(const AuditEntry&);
nlohmann::json to_json(const Dataset&);

// `path` is the JSON pointer of `j` in its document, used as the prefix of every error path.
// Unknown fields are errors (a typo must not be silently dropped).
Agency agency_from_json(const nlohmann::json& j, const std::string& path = "");
Goal goal_from_json(const nlohmann::json& j, const std::string& path = "");
Objective objective_from_json(const nlohmann::json& j, const std::string& path = "");
Destination destination_from_json(const nlohmann::json& j, const std::string& path = "");
Visibility visibility_from_json(const nlohmann::json& j, const std::string& path = "");
Mission mission_from_json(const nlohmann::json& j, const std::string& path = "");
Capability capability_from_json(const nlohmann::json& j, const std::string& path = "");
Edition edition_from_json(const nlohmann::json& j, const std::string& path = "");
Dataset dataset_from_json(const nlohmann::json& j, const std::string& path = "");

// Public comments (model/comment.hpp). A disposition is {"outcome", "reason", "records", "edition"}.
nlohmann::json to_json(const Disposition& disposition);
Disposition disposition_from_json(const nlohmann::json& j, const std::string& path = "");
// A submission as a client sends it: name, email, text, affiliation, section, mission (strings; the last
// three may be null). Its content is checked by submission_errors; this only reads it.
CommentSubmission comment_submission_from_json(const nlohmann::json& j, const std::string& path = "");
// A moderation step: status, reason, public_reason, response (strings), disposition (an object, or null to
// clear it), erase_personal_data (a boolean). Its content is checked by moderation_errors.
CommentModeration comment_moderation_from_json(const nlohmann::json& j, const std::string& path = "");
// The fields moderation changes (status, reasons, response, disposition): what a comment's audit entries hold.
// No personal data, so erasing an identity never has to rewrite the audit log.
nlohmann::json moderation_json(const Comment& comment);

// Parses UTF-8 JSON text of a whole data set; `source_name` (a file name) prefixes error paths
// ("roadmap.json:12" for a line, "roadmap.json#/missions/3/launch" for a field).
// Rejects lines over `max_line_bytes`, then invalid UTF-8, then truncated or malformed JSON, each with a
// ValidationError, before building the records. It decodes only: call validate(Dataset) for the rules
// across records (duplicates, dangling references, cycles).
Dataset parse_dataset(std::string_view text, const std::string& source_name,
                      std::size_t max_line_bytes = 1 << 20);

std::string format_timestamp(Timestamp t);  // "2026-11-26T09:55:00Z"
Timestamp parse_timestamp(std::string_view text);  // throws ParseError

}  // namespace ger::model
