// CSV (RFC 4180) for files the public and the hosts download and open in spreadsheets.
#pragma once

#include <string>
#include <vector>

namespace ger::render {

// One field: quoted when it holds a comma, quote or line break, quotes doubled. A field a spreadsheet would take
// for a formula (=, +, -, @ first) is prefixed with ' so that opening the file runs nothing.
std::string csv_field(const std::string& value);

// One record: the fields joined by commas, ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace ger::render
