// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string_view>

namespace ger::server::http {

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence; npos when all do.
std::size_t invalid_utf8_at(std::string_view text);
inline bool is_utf8(std::string_view text) { return invalid_utf8_at(text) == std::string_view::npos; }

}  // namespace ger::server::http
