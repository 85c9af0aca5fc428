// The SVG writer the charts share (roadmap, analysis pictures): every value goes through the escaping helper (render/xml.hpp).
#pragma once

#include <string>
#include <string_view>

#include "render/xml.hpp"

namespace ger::render::detail {

struct SvgWriter {
    std::string out;
    void raw(std::string_view text) { out += text; }
    void num(double value) { append_number(out, value); }
    void text(std::string_view value) { append_xml_escaped(out, value); }
    // name="value" with the value escaped.
    void attr(std::string_view name, std::string_view value) {
        out += ' ';
        out += name;
        out += "=\"";
        append_xml_escaped(out, value);
        out += '"';
    }
    void attr(std::string_view name, double value) {
        out += ' ';
        out += name;
        out += "=\"";
        append_number(out, value);
        out += '"';
    }
    // Closes the <svg> start tag and writes the chart's <title> and <desc> for screen readers.
    void title_and_desc(std::string_view title_id, std::string_view title, std::string_view desc_id,
                        std::string_view desc) {
        raw("><title");
        attr("id", title_id);
        raw(">");
        text(title);
        raw("</title><desc");
        attr("id", desc_id);
        raw(">");
        text(desc);
        raw("</desc>\n");
    }
};

// `text` percent-encoded as one URL path segment (RFC 3986 unreserved characters kept): ids are slugs by
// validation, but a link must stay a link to that record whatever the id holds.
inline std::string path_segment(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace ger::render::detail
