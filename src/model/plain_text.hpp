// Checks of short texts that come from anonymous input (comments, workshop registrations): length in code
// points, no control characters, no HTML tags, a plausible email. Each appends FieldErrors naming the field.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"

namespace ger::model {

// A control character (U+0000..U+001F, U+007F); line breaks and tabs do not count when `line_breaks_allowed`.
bool has_control(std::string_view text, bool line_breaks_allowed);

// Code points of valid UTF-8 text (the server checks every input is UTF-8 before the model sees it).
std::size_t code_points(std::string_view text);

// `value` at JSON path `path`: required (not empty), at most `limit` code points, no control characters (line
// breaks and tabs allowed when `multiline`), no HTML tags ("<b", "</p", "<!--"; a lone "<" is text).
void check_plain_text(std::vector<FieldError>& errors, const std::string& path, std::string_view value,
                      std::size_t limit, bool required, bool multiline);

// Required, at most `limit` bytes, name@domain.tld without spaces or list separators.
void check_email(std::vector<FieldError>& errors, const std::string& path, std::string_view email, std::size_t limit);

}  // namespace ger::model
