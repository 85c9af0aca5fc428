// Markdown (CommonMark, cmark from Debian) to HTML for the portal's content pages. Safe by construction: raw
// HTML in the source is not rendered (cmark's default, without CMARK_OPT_UNSAFE), and links or images whose URL
// is javascript:, vbscript:, file: or a data: URL other than an image are dropped, so a page's author cannot put
// script into the portal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ger::render {

// The HTML of `markdown`; every text and attribute value escaped.
std::string markdown_html(std::string_view markdown);

// The plain text of each top-level block (paragraph, heading, list item, quote), in order: for the PDF of a page.
std::vector<std::string> block_texts(std::string_view markdown);

// The plain text of the first paragraph of `markdown` (the goal cards' summary), inline markup dropped.
std::string first_paragraph_text(std::string_view markdown);

}  // namespace ger::render
