// How list commands print: an aligned table for the terminal, RFC 4180 CSV, or a JSON array.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ger::cli {

enum class Format { table, json, csv };

// Adds --format table|json|csv (default table) to `command`.
void add_format_option(CLI::App& command, Format& format);

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;  // each as long as `headers`
};

// Columns padded to the widest cell (counting UTF-8 characters, not bytes); cells longer than
// `max_cell_width` characters are cut with "…" so a row fits a terminal line.
void print_table(std::ostream& out, const Table& table, std::size_t max_cell_width = 48);
// RFC 4180: CRLF line ends, a header line, fields quoted when they hold a comma, a quote, CR or LF.
void print_csv(std::ostream& out, const Table& table);
// Prints `table` as a table or CSV, or `json` (an array) for Format::json.
void print(std::ostream& out, Format format, const Table& table, const nlohmann::json& json);

// Writes `bytes` beside `path` and renames it into place, so a failed write never leaves half a file behind;
// CommandError naming the path otherwise.
void write_file_atomically(const std::string& path, const std::string& bytes);

// "a; b; c" for a list cell.
std::string join(const std::vector<std::string>& items, std::string_view separator = "; ");

}  // namespace ger::cli
