// The model's rules. Each check returns every problem it finds; callers that must not write a bad record
// throw ValidationError(errors) when the list is non-empty.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "model/records.hpp"

namespace ger::model {

// What a record may refer to: the known agencies, destinations, objectives, capabilities, missions and goals.
struct References {
    std::vector<std::string> agencies;
    std::vector<std::string> destinations;
    std::vector<std::string> objectives;
    std::vector<std::string> capabilities;
    std::vector<std::string> missions;
    std::vector<std::string> goals;  // checked by Objective::goal_id
    static References of(const Dataset& d);
};

bool is_valid_slug(std::string_view id);  // [a-z0-9]+(-[a-z0-9]+)*, at most 80 characters

// Ids and owners. An id that begins with an agency's prefix belongs to that agency (checked with every mission
// and capability, so in validate(Dataset) too); a NEW mission or capability (API, portal forms) must begin with
// its owner's prefix, so creating one can only clash with a record of the creator's own agency, which the
// creator always reads: "taken" tells nothing about other agencies' records. Ids older than the rule (the
// bundled data) are kept as they are.
std::string id_prefix(std::string_view agency);  // "ESA" -> "esa-", "Roscosmos" -> "roscosmos-"
// One error at `path` + "/id" unless `id` begins with id_prefix(owner) (and has something after it).
std::vector<FieldError> validate_new_id(std::string_view id, std::string_view owner, const std::string& path = "");

// Checks one record on its own and against `refs`; `path` prefixes the error paths ("/missions/3").
std::vector<FieldError> validate(const Agency&, const std::string& path = "");
std::vector<FieldError> validate(const Goal&, const std::string& path = "");
std::vector<FieldError> validate(const Objective&, const References&, const std::string& path = "");
std::vector<FieldError> validate(const Destination&, const std::string& path = "");
std::vector<FieldError> validate(const Mission&, const References&, const std::string& path = "");
std::vector<FieldError> validate(const Capability&, const References&, const std::string& path = "");
std::vector<FieldError> validate(const Edition&, const References&, const std::string& path = "");
// The whole set: every record, duplicate ids, dangling references, dependency cycles among precursors.
std::vector<FieldError> validate(const Dataset&);

// Throws ValidationError when `errors` is not empty.
void throw_if_any(std::vector<FieldError> errors);

}  // namespace ger::model
