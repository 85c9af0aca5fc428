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
