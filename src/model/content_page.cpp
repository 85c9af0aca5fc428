#include "model/content_page.hpp"

#include <algorithm>

#include "model/validation.hpp"

namespace ger::model {
namespace {

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool one_line(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

// Markdown keeps its line breaks and tabs; any other control character (NUL, escape, ...) is a mistake or a probe.
bool no_stray_controls(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f;
    });
}

void check(std::vector<FieldError>& errors, const char* path, std::string_view value, std::size_t limit, bool required,
           bool single_line) {
    if (required && value.empty()) {
        errors.push_back({path, "required"});
        return;
    }
    if (const auto n = code_points(value); n > limit) {
        errors.push_back({path, "too long: " + std::to_string(n) + " characters, at most " + std::to_string(limit)});
    }
    if (single_line && !one_line(value)) errors.push_back({path, "one line, without control characters"});
    if (!single_line && !no_stray_controls(value)) {
        errors.push_back({path, "control characters other than line breaks and tabs are not allowed"});
    }
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(text.substr(start));
            break;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

std::vector<FieldError> page_errors(const PageRevision& p) {
    std::vector<FieldError> errors;
    if (!is_valid_slug(p.slug)) errors.push_back({"/slug", "lowercase letters, digits and single hyphens, at most 80"});
    check(errors, "/title", p.title, max_page_title, true, true);
    check(errors, "/markdown", p.markdown, max_page_markdown, true, false);
    check(errors, "/summary", p.summary, max_page_summary, false, true);
    check(errors, "/editor", p.editor, max_page_editor, true, true);
    return errors;
}

std::string goal_page_slug(const std::string& goal_id) { return "goal-" + goal_id; }

std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after) {
    const auto a = lines_of(before);
    const auto b = lines_of(after);
    // NOTE: the common prefix and suffix are taken off first, so an edit to one paragraph of a long page costs
    // the table of that paragraph, not of the page.
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<DiffLine> out;
    for (std::size_t i = 0; i < prefix; ++i) out.push_back({DiffLine::Kind::kept, a[i]});
    // NOTE: the table is n x m; past this size (pages are at most 100,000 characters, but one could be all
    // short lines) the middle is shown as removed, then added: still every line once, in order.
    constexpr std::size_t max_cells = 4'000'000;
    if (n * m > max_cells) {
        for (std::size_t i = 0; i < n; ++i) out.push_back({DiffLine::Kind::removed, a[prefix + i]});
        for (std::size_t j = 0; j < m; ++j) out.push_back({DiffLine::Kind::added, b[prefix + j]});
        for (std::size_t k = a.size() - suffix; k < a.size(); ++k) out.push_back({DiffLine::Kind::kept, a[k]});
        return out;
    }
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            lcs[i][j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
            out.push_back({DiffLine::Kind::kept, a[prefix + i]});
            ++i;
            ++j;
        } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
            out.push_back({DiffLine::Kind::added, b[prefix + j]});
            ++j;
        } else {
            out.push_back({DiffLine::Kind::removed, a[prefix + i]});
            ++i;
        }
    }
    for (std::size_t k = a.size() - suffix; k < a.size(); ++k) out.push_back({DiffLine::Kind::kept, a[k]});
    return out;
}

}  // namespace ger::model
