// A content page of the portal (/pages/{slug}: about, why-we-explore, partners, benefits, one per common goal),
// written by the secretariat in Markdown and kept as a log of revisions: each save is a new revision with who
// made it, when, a summary and the editor shown in the page's footer ("Page last updated: DATE · Page editor:
// NAME", as the forum's own page has it). Nothing is ever overwritten.
#pragma once

#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/records.hpp"

namespace ger::model {

struct PageRevision {
    std::string slug;
    int revision = 0;      // 1, 2, ... per page
    std::string title;
    std::string markdown;  // CommonMark; raw HTML is not rendered
    std::string summary;   // what this revision changed
    std::string author;    // the user who saved it ("system" for the bundled seed)
    std::string editor;    // the page editor the footer names
    Timestamp at{};
    friend bool operator==(const PageRevision&, const PageRevision&) = default;
};

inline constexpr std::size_t max_page_title = 200;
inline constexpr std::size_t max_page_markdown = 100'000;
inline constexpr std::size_t max_page_summary = 300;
inline constexpr std::size_t max_page_editor = 120;

// Paths "/slug", "/title", "/markdown", "/summary", "/editor".
std::vector<FieldError> page_errors(const PageRevision& page);

// The page a common goal's card on the home page reads its text from.
std::string goal_page_slug(const std::string& goal_id);  // "goal-" + id

// A line diff (longest common subsequence): each line of `before` and `after` once, in order, marked kept,
// removed or added.
struct DiffLine {
    enum class Kind { kept, removed, added };
    Kind kind = Kind::kept;
    std::string text;
};
std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after);

}  // namespace ger::model
