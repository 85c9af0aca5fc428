#include "render/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace ger::render {
namespace {

struct NodeFree {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeFree>;

Document parse(std::string_view markdown) {
    // NOTE: CMARK_OPT_VALIDATE_UTF8 replaces invalid sequences, so what reaches the page is always UTF-8.
    return Document(cmark_parse_document(markdown.data(), markdown.size(),
                                         CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
}

void collect_text(cmark_node* node, std::string& out) {
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* literal = cmark_node_get_literal(child)) out += literal;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: out += ' '; break;
            default: collect_text(child, out);
        }
    }
}

}  // namespace

std::string markdown_html(std::string_view markdown) {
    const auto document = parse(markdown);
    // NOTE: without CMARK_OPT_UNSAFE the renderer leaves out raw HTML blocks and inlines (a comment says so) and
    // empties javascript:, vbscript:, file: and non-image data: URLs.
    std::unique_ptr<char, decltype(&std::free)> html(cmark_render_html(document.get(), CMARK_OPT_DEFAULT), &std::free);
    return html ? std::string(html.get()) : std::string();
}

std::vector<std::string> block_texts(std::string_view markdown) {
    const auto document = parse(markdown);
    std::vector<std::string> out;
    for (cmark_node* node = cmark_node_first_child(document.get()); node; node = cmark_node_next(node)) {
        if (cmark_node_get_type(node) == CMARK_NODE_LIST) {
            for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
                std::string text = "• ";
                collect_text(item, text);
                out.push_back(std::move(text));
            }
            continue;
        }
        std::string text;
        collect_text(node, text);
        if (!text.empty()) out.push_back(std::move(text));
    }
    return out;
}

std::string first_paragraph_text(std::string_view markdown) {
    const auto document = parse(markdown);
    for (cmark_node* node = cmark_node_first_child(document.get()); node; node = cmark_node_next(node)) {
        if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH) continue;
        std::string text;
        collect_text(node, text);
        return text;
    }
    return "";
}

}  // namespace ger::render
