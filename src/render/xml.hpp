// Writing SVG text: the one escaping helper every chart uses, and compact number formatting.
#pragma once

#include <string>
#include <string_view>

namespace ger::render {

// Appends `text` (UTF-8) escaped for XML character data and attribute values (either quote):
// & < > " ' become entities; characters XML 1.0 forbids (C0 controls other than tab, LF, CR) and bytes that
// are not valid UTF-8 become U+FFFD, so any input yields a well-formed document.
void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escape(std::string_view text);

// Appends `value` rounded to 2 decimals with trailing zeros dropped ("12.5", "3", "-0.25"): SVG user units
// are points here, so 0.01 pt is far below any printer's resolution.
void append_number(std::string& out, double value);

}  // namespace ger::render
