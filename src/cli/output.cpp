#include "cli/output.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/command.hpp"

namespace ger::cli {
namespace {

// Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start a character.
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first `width` characters of `text` (never splitting a UTF-8 sequence), with "…" when cut.
std::string fit(const std::string& text, std::size_t width) {
    std::string flat = text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    std::replace(flat.begin(), flat.end(), '\r', ' ');
    std::replace(flat.begin(), flat.end(), '\t', ' ');
    if (display_width(flat) <= width) return flat;
    std::size_t chars = 0;
    std::size_t i = 0;
    for (; i < flat.size(); ++i) {
        if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80) {
            if (chars == width - 1) break;
            ++chars;
        }
    }
    return flat.substr(0, i) + "…";
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

void add_format_option(CLI::App& command, Format& format) {
    const std::map<std::string, Format> names{{"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}};
    command.add_option("--format", format, "output format: table, json or csv")
        ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
        ->default_str("table");
}

void print_table(std::ostream& out, const Table& table, std::size_t max_cell_width) {
    std::vector<std::vector<std::string>> cells;
    cells.push_back(table.headers);
    for (const auto& row : table.rows) {
        std::vector<std::string> fitted;
        for (const auto& cell : row) fitted.push_back(fit(cell, max_cell_width));
        cells.push_back(std::move(fitted));
    }
    std::vector<std::size_t> widths(table.headers.size(), 0);
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    const auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line += std::string(widths[c] - display_width(row[c]) + 2, ' ');
        }
        out << line << '\n';
    };
    print_row(cells.front());
    std::vector<std::string> rule;
    for (auto w : widths) rule.emplace_back(w, '-');
    print_row(rule);
    for (std::size_t r = 1; r < cells.size(); ++r) print_row(cells[r]);
}

void print_csv(std::ostream& out, const Table& table) {
    const auto print_row = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_field(row[c]);
        out << "\r\n";
    };
    print_row(table.headers);
    for (const auto& row : table.rows) print_row(row);
}

void print(std::ostream& out, Format format, const Table& table, const nlohmann::json& json) {
    switch (format) {
        case Format::table: print_table(out, table); break;
        case Format::csv: print_csv(out, table); break;
        case Format::json: out << json.dump(2) << '\n'; break;
    }
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            std::filesystem::remove(temporary);
            throw CommandError("cannot write " + path);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary);
        throw CommandError("cannot write " + path + ": " + ec.message());
    }
}

}  // namespace ger::cli
