#include "model/plain_text.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace ger::model {
namespace {

// "<b", "</p", "<!--", "<?xml": what a browser or a Markdown renderer would take for markup. A lone "<" (as in
// "a < b") is text.
std::optional<std::string> html_tag_in(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '<') continue;
        const unsigned char next = static_cast<unsigned char>(text[i + 1]);
        if (std::isalpha(next) || next == '/' || next == '!' || next == '?') {
            const auto end = text.find_first_of("> \n", i + 1);
            return std::string(text.substr(i, std::min<std::size_t>(end == std::string_view::npos ? 12 : end - i + 1, 12)));
        }
    }
    return std::nullopt;
}

bool plausible_email(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
    const auto domain = email.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
    return std::none_of(email.begin(), email.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == ',' || c == ';';
    });
}

}  // namespace

bool has_control(std::string_view text, bool line_breaks_allowed) {
    return std::any_of(text.begin(), text.end(), [&](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        if (line_breaks_allowed && (c == '\n' || c == '\t')) return false;
        return c < 0x20 || c == 0x7F;
    });
}

// NOTE: continuation bytes (10xxxxxx) are not counted, so the count is of code points.
std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void check_plain_text(std::vector<FieldError>& errors, const std::string& path, std::string_view value,
                      std::size_t limit, bool required, bool multiline) {
    if (required && value.empty()) {
        errors.push_back({path, "required"});
        return;
    }
    if (const auto n = code_points(value); n > limit) {
        errors.push_back({path, "too long: " + std::to_string(n) + " characters, at most " + std::to_string(limit)});
    }
    if (has_control(value, multiline)) {
        errors.push_back({path, multiline ? "holds a control character (only line breaks and tabs are allowed)"
                                          : "holds a control character or a line break"});
    }
    if (auto tag = html_tag_in(value)) {
        errors.push_back({path, "plain text only: '" + *tag + "' looks like HTML; write it without the tag"});
    }
}

void check_email(std::vector<FieldError>& errors, const std::string& path, std::string_view email, std::size_t limit) {
    if (email.empty()) {
        errors.push_back({path, "required"});
    } else if (email.size() > limit) {
        errors.push_back({path, "too long: at most " + std::to_string(limit) + " characters"});
    } else if (!plausible_email(email)) {
        errors.push_back({path, "not an email address (name@example.org)"});
    }
}

}  // namespace ger::model
