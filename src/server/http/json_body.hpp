// A request body read as JSON, refusing what would hurt later: bytes that are not UTF-8 (400 invalid-encoding,
// naming the byte) and nesting deeper than `max_json_depth` (400 malformed-json), since merge_patch, dump and
// destruction of a value recurse once per level.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace ger::server::http {

inline constexpr int max_json_depth = 32;

// Throws detail::HttpError (invalid_encoding, malformed_json).
nlohmann::json parse_json_body(std::string_view body);

}  // namespace ger::server::http
