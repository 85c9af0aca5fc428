#include "render/text_metrics.hpp"

#include <array>
#include <cstdint>

namespace ger::render {
namespace {

// Advance widths of ASCII 32..126 in thousandths of an em, measured with Pango 1.50 from DejaVu Sans 2.37
// (fonts-dejavu-core), rounded up.
constexpr std::array<std::uint16_t, 95> dejavu_sans{
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 710, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 595, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 345, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 396, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};
constexpr std::array<std::uint16_t, 95> dejavu_sans_bold{
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 680, 703, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 405, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};
// Any non-ASCII character: at least the widest Latin glyph of the face.
constexpr std::uint32_t other_normal = 1000;
constexpr std::uint32_t other_bold = 1103;
// DejaVu Sans's kerning widens a few pairs ("er", "ll") as well as narrowing most: Pango lays the bundled labels
// out up to 0.7% wider than the sum of advances. 1.5% covers that (tests/render/text_metrics_test.cpp).
constexpr double kerning_allowance = 1.015;
constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026, one em wide in DejaVu Sans

std::uint32_t advance(unsigned char byte, FontWeight weight) {
    const bool bold = weight == FontWeight::bold;
    if (byte >= 32 && byte < 127) return (bold ? dejavu_sans_bold : dejavu_sans)[byte - 32];
    if ((byte & 0xC0u) == 0x80u) return 0;    // UTF-8 continuation byte: counted with its lead byte
    return bold ? other_bold : other_normal;  // a lead byte, or a control character (written as U+FFFD)
}

}  // namespace

double text_width(std::string_view utf8, double size_pt, FontWeight weight) {
    std::uint64_t thousandths = 0;
    for (char c : utf8) thousandths += advance(static_cast<unsigned char>(c), weight);
    return static_cast<double>(thousandths) * kerning_allowance * size_pt / 1000.0;
}

std::string fit_text(std::string_view utf8, double size_pt, double max_width_pt, FontWeight weight) {
    if (text_width(utf8, size_pt, weight) <= max_width_pt) return std::string(utf8);
    const double budget = max_width_pt - text_width(ellipsis, size_pt, weight);
    double width = 0.0;
    std::size_t cut = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if ((byte & 0xC0u) != 0x80u) cut = i;  // a character starts here: cutting before it is safe
        width += static_cast<double>(advance(byte, weight)) * kerning_allowance * size_pt / 1000.0;
        if (width > budget) break;
    }
    // Drop a trailing space so the cut reads "Chang'e…", not "Chang'e …".
    while (cut > 0 && utf8[cut - 1] == ' ') --cut;
    return std::string(utf8.substr(0, cut)) + std::string(ellipsis);
}

std::vector<std::string> wrap_text(std::string_view utf8, double size_pt, double max_width_pt, std::size_t max_lines,
                                   FontWeight weight) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < utf8.size()) {
        const auto space = utf8.find(' ', at);
        const auto end = space == std::string_view::npos ? utf8.size() : space;
        if (end > at) words.push_back(utf8.substr(at, end - at));
        at = end + 1;
    }
    std::vector<std::string> lines;
    std::size_t w = 0;
    while (w < words.size() && lines.size() < max_lines) {
        std::string line(words[w++]);
        if (lines.size() + 1 == max_lines) {
            // The last line takes the rest.
            for (; w < words.size(); ++w) (line += ' ') += words[w];
        } else {
            for (; w < words.size(); ++w) {
                const std::string candidate = line + ' ' + std::string(words[w]);
                if (text_width(candidate, size_pt, weight) > max_width_pt) break;
                line = candidate;
            }
        }
        lines.push_back(fit_text(line, size_pt, max_width_pt, weight));
    }
    return lines;
}

}  // namespace ger::render
