// How wide a line of chart text is, without a font library: the advance widths of DejaVu Sans, the face
// every chart names first. Layout stays fast (20,000 labels in milliseconds) and the same on every machine;
// tests/render/text_metrics_test.cpp checks the table against Pango's measurement of the installed font.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ger::render {

enum class FontWeight { normal, bold };

// The font-family the charts write. DejaVu Sans first (its metrics are the table below); the fall-backs are
// narrower faces, so a viewer without DejaVu draws shorter labels and boxes still do not overlap.
inline constexpr std::string_view chart_font_family =
    "'DejaVu Sans', 'Bitstream Vera Sans', Arial, Helvetica, sans-serif";

// Height of one line of text and the baseline's depth below its top, in em (DejaVu Sans ascent 0.929 em,
// descent 0.236 em: Pango's logical extents of the face).
inline constexpr double line_height_em = 1.165;
inline constexpr double ascent_em = 0.929;

// Advance width [pt] of `utf8` set in DejaVu Sans at `size_pt` [pt]. ASCII uses the face's advances; every
// other character counts one em (DejaVu's widest Latin letters are 0.99 em; bold 1.10 em, counted as such).
// Kerning is covered by a 1.5% allowance (a few of DejaVu's pairs widen), so this is an upper bound of what
// Pango and librsvg draw.
double text_width(std::string_view utf8, double size_pt, FontWeight weight = FontWeight::normal);

// `utf8` when it is at most `max_width_pt` [pt] wide; otherwise its longest prefix (cut at a character
// boundary) that fits with "…" appended, followed by that "…".
std::string fit_text(std::string_view utf8, double size_pt, double max_width_pt,
                     FontWeight weight = FontWeight::normal);

// `utf8` broken at spaces into at most `max_lines` lines, each at most `max_width_pt` [pt] wide; what does not
// fit is cut with "…" on the last line (a single word wider than a line is cut too).
std::vector<std::string> wrap_text(std::string_view utf8, double size_pt, double max_width_pt, std::size_t max_lines,
                                   FontWeight weight = FontWeight::normal);

}  // namespace ger::render
