// Rasterising a chart: SVG to PNG through librsvg and cairo, for the 300 dpi publication figure and the
// screen image of the web portal.
#pragma once

#include <string>
#include <string_view>

namespace ger::render {

// The pixel size of `svg` rendered at `dpi` [pixels per inch]: its width and height attributes (mm, pt, in...)
// converted at that resolution, rounded up.
struct PixelSize {
    int width = 0;
    int height = 0;
};
PixelSize svg_pixel_size(std::string_view svg, double dpi);

// Renders `svg` at `dpi` onto a white background and writes it as PNG to `path`. Throws std::invalid_argument
// for a dpi outside [10, 2400], std::runtime_error naming the path or librsvg's message when the SVG does not
// parse, the image would exceed cairo's 32767 px per side, or the file cannot be written.
void svg_to_png(std::string_view svg, const std::string& path, double dpi);

}  // namespace ger::render
