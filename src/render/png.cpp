#include "render/png.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace ger::render {
namespace {

constexpr double min_dpi = 10.0;
constexpr double max_dpi = 2400.0;
constexpr int cairo_max_side = 32767;  // cairo image surfaces address pixels with 16-bit coordinates

struct GObjectDeleter {
    void operator()(RsvgHandle* handle) const { g_object_unref(handle); }
};
using Handle = std::unique_ptr<RsvgHandle, GObjectDeleter>;

Handle load(std::string_view svg, double dpi) {
    if (!(dpi >= min_dpi && dpi <= max_dpi)) {
        throw std::invalid_argument("svg_to_png: dpi " + std::to_string(dpi) + " is outside [10, 2400]");
    }
    GError* error = nullptr;
    Handle handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
    if (!handle) {
        std::string message = error != nullptr ? error->message : "unknown error";
        if (error != nullptr) g_error_free(error);
        throw std::runtime_error("svg_to_png: the SVG does not parse: " + message);
    }
    rsvg_handle_set_dpi(handle.get(), dpi);
    return handle;
}

PixelSize size_of(RsvgHandle* handle) {
    gdouble width = 0;
    gdouble height = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height)) {
        throw std::runtime_error("svg_to_png: the SVG has no width and height in absolute units");
    }
    return {static_cast<int>(std::ceil(width - 1e-6)), static_cast<int>(std::ceil(height - 1e-6))};
}

}  // namespace

PixelSize svg_pixel_size(std::string_view svg, double dpi) {
    auto handle = load(svg, dpi);
    return size_of(handle.get());
}

void svg_to_png(std::string_view svg, const std::string& path, double dpi) {
    auto handle = load(svg, dpi);
    const PixelSize size = size_of(handle.get());
    if (size.width <= 0 || size.height <= 0 || size.width > cairo_max_side || size.height > cairo_max_side) {
        throw std::runtime_error("svg_to_png: " + std::to_string(size.width) + " x " + std::to_string(size.height) +
                                 " px at " + std::to_string(dpi) + " dpi is outside cairo's 1..32767 px per side");
    }
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error("svg_to_png: cannot allocate a " + std::to_string(size.width) + " x " +
                                 std::to_string(size.height) + " px image");
    }
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1.0, 1.0, 1.0);
    cairo_paint(cr.get());
    const RsvgRectangle viewport{0.0, 0.0, static_cast<double>(size.width), static_cast<double>(size.height)};
    GError* error = nullptr;
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) {
        std::string message = error != nullptr ? error->message : "unknown error";
        if (error != nullptr) g_error_free(error);
        throw std::runtime_error("svg_to_png: rendering failed: " + message);
    }
    cairo_surface_flush(surface.get());
    const cairo_status_t status = cairo_surface_write_to_png(surface.get(), path.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error("svg_to_png: cannot write " + path + ": " + cairo_status_to_string(status));
    }
}

}  // namespace ger::render
