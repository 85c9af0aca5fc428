// Percent-encoding (RFC 3986) of paths, queries and form bodies (application/x-www-form-urlencoded), strict on
// the way in: a bad escape or a decoded part that is not UTF-8 is a 400 naming the part (HttpError with
// Problem::invalid_encoding), never a string that later breaks a JSON dump or a page.
#pragma once

#include <string>
#include <string_view>

#include "server/http/message.hpp"

namespace ger::server::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as forms and queries use it). `part` names
// what is decoded in the error ("path", "query", "form").
std::string percent_decode(std::string_view text, bool plus_is_space, std::string_view part);

// "a=1&b=x%20y" -> {{"a", "1"}, {"b", "x y"}}; `part` is "query" or "form" (errors say "query/b").
QueryParams parse_query(std::string_view text, std::string_view part);

// Escapes everything but RFC 3986's unreserved characters.
std::string encode_component(std::string_view text);

}  // namespace ger::server::http
