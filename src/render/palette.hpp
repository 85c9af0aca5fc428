// Agency colours: 14 colours for the 14 agencies of the coordination group, chosen to stay apart for the
// common colour-vision deficiencies (deuteranopia, protanopia, tritanopia) as far as 14 colours can.
//
// Sources: the 8 Okabe & Ito (2008) "Color Universal Design" colours minus black, 5 of Paul Tol's (2021)
// "muted" scheme (https://personal.sron.nl/~pault/), and one brown. No 14-colour palette is fully safe for
// colour-blind readers, so the chart never relies on colour alone: the agency is in each marker's tooltip
// and the legend, and kind and status are shapes and fills, not colours.
//
// | agency    | colour         | hex     | source        |
// | --------- | -------------- | ------- | ------------- |
// | ASI       | sky blue       | #56B4E9 | Okabe-Ito     |
// | CNES      | purple         | #AA4499 | Tol muted     |
// | CNSA      | vermillion     | #D55E00 | Okabe-Ito     |
// | CSA       | yellow         | #F0E442 | Okabe-Ito     |
// | CSIRO     | olive          | #999933 | Tol muted     |
// | DLR       | brown          | #8C564B | (Tableau 10)  |
// | ESA       | indigo         | #332288 | Tol muted     |
// | ISRO      | bluish green   | #009E73 | Okabe-Ito     |
// | JAXA      | orange         | #E69F00 | Okabe-Ito     |
// | KARI      | reddish purple | #CC79A7 | Okabe-Ito     |
// | NASA      | blue           | #0072B2 | Okabe-Ito     |
// | NSAU      | sand           | #DDCC77 | Tol muted     |
// | Roscosmos | wine           | #882255 | Tol muted     |
// | UKSA      | green          | #117733 | Tol muted     |
//
// The six agencies with the most missions (NASA, CNSA, ESA, JAXA, ISRO, Roscosmos) have the six colours
// that differ most in lightness and hue. Every marker has a dark outline, so the light colours (yellow,
// sand, sky blue) stay visible on white.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace ger::render {

struct AgencyColour {
    std::string_view agency;  // agency code
    std::string_view hex;     // "#RRGGBB"
};

inline constexpr std::array<AgencyColour, 14> agency_palette{{
    {"ASI", "#56B4E9"},  {"CNES", "#AA4499"}, {"CNSA", "#D55E00"}, {"CSA", "#F0E442"},
    {"CSIRO", "#999933"}, {"DLR", "#8C564B"},  {"ESA", "#332288"},  {"ISRO", "#009E73"},
    {"JAXA", "#E69F00"}, {"KARI", "#CC79A7"}, {"NASA", "#0072B2"}, {"NSAU", "#DDCC77"},
    {"Roscosmos", "#882255"}, {"UKSA", "#117733"},
}};

// The colour of `agency`: its own for the 14 above; any other agency takes palette entry
// `index_in_dataset` modulo 14 (colours repeat beyond 14 agencies; the legend still names each).
std::string_view agency_colour(std::string_view agency, std::size_t index_in_dataset);

}  // namespace ger::render
