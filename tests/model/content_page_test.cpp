// The line diff of page revisions, against diffs worked out by hand: every line of both texts once, in order,
// the longest common run kept; and the page checks name their fields.
#include <gtest/gtest.h>

#include "model/content_page.hpp"

namespace ger::model {
namespace {

std::string rendered(const std::vector<DiffLine>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += l.kind == DiffLine::Kind::kept ? ' ' : l.kind == DiffLine::Kind::added ? '+' : '-';
        out += l.text + "\n";
    }
    return out;
}

TEST(DiffLines, KeepsTheCommonLinesAndMarksTheRest) {
    EXPECT_EQ(rendered(diff_lines("a\nb\nc", "a\nc")), " a\n-b\n c\n");
    EXPECT_EQ(rendered(diff_lines("a\nc", "a\nb\nc")), " a\n+b\n c\n");
    EXPECT_EQ(rendered(diff_lines("a\nb\nc\nd", "a\nx\nc\ny")), " a\n+x\n-b\n c\n+y\n-d\n");
    EXPECT_EQ(rendered(diff_lines("same", "same")), " same\n");
}

TEST(DiffLines, AHugeMiddleIsShownRemovedThenAddedWithEveryLineOnce) {
    std::string before = "head\n";
    std::string after = "head\n";
    for (int i = 0; i < 3000; ++i) {
        before += "b" + std::to_string(i) + "\n";
        after += "a" + std::to_string(i) + "\n";
    }
    before += "tail";
    after += "tail";
    const auto lines = diff_lines(before, after);
    ASSERT_EQ(lines.size(), 6002u);
    EXPECT_EQ(lines.front().kind, DiffLine::Kind::kept);
    EXPECT_EQ(lines[1].kind, DiffLine::Kind::removed);
    EXPECT_EQ(lines[3001].kind, DiffLine::Kind::added);
    EXPECT_EQ(lines.back().text, "tail");
}

TEST(PageErrors, NameEachBadField) {
    PageRevision p;
    p.slug = "about";
    p.title = "About";
    p.markdown = "text";
    p.editor = "ISECG secretariat";
    EXPECT_TRUE(page_errors(p).empty());
    p.slug = "About Us";
    p.title = std::string(max_page_title + 1, 'x');
    p.markdown = std::string(max_page_markdown + 1, 'x');
    p.editor = "";
    std::vector<std::string> paths;
    for (const auto& e : page_errors(p)) paths.push_back(e.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"/slug", "/title", "/markdown", "/editor"}));
}

TEST(PageErrors, MarkdownKeepsLineBreaksAndTabsButNoOtherControlCharacter) {
    PageRevision p;
    p.slug = "about";
    p.title = "About";
    p.editor = "ISECG secretariat";
    p.markdown = "# Title\r\n\n\tcode\n";
    EXPECT_TRUE(page_errors(p).empty());
    for (const std::string& bad : {std::string("a\0b", 3), std::string("a\x1b[31mred"), std::string("a\x7f")}) {
        p.markdown = bad;
        const auto errors = page_errors(p);
        ASSERT_EQ(errors.size(), 1u);
        EXPECT_EQ(errors[0].path, "/markdown");
    }
}

}  // namespace
}  // namespace ger::model
