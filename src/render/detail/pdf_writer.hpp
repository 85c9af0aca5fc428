// A4 pages of text, tables, SVG drawings and the roadmap chart, written with cairo and pango: the writer of the
// edition report (report.cpp) and of the comment-response report (comment_report.cpp). Internal to render.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "render/roadmap_chart.hpp"
#include "render/text_metrics.hpp"

namespace ger::render::detail {

// The SVG without its <text> and <title> elements (report.cpp): PdfWriter::chart draws the texts itself.
std::string without_text(const std::string& svg);

// A4 [pt] and margins [pt].
constexpr double a4_short = 595.0;
constexpr double a4_long = 842.0;
constexpr double margin = 56.0;
constexpr double footer_gap = 28.0;
constexpr const char* font_family = "DejaVu Sans";

inline cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct Column {
    std::string header;
    double width;  // [pt]
};

class PdfWriter {
public:
    explicit PdfWriter(std::string footer) : m_footer(std::move(footer)) {
        m_surface = cairo_pdf_surface_create_for_stream(append_bytes, &m_bytes, a4_short, a4_long);
        m_cr = cairo_create(m_surface);
        m_layout = pango_cairo_create_layout(m_cr);
        m_font = pango_font_description_new();
        pango_font_description_set_family(m_font, font_family);
    }
    ~PdfWriter() {
        pango_font_description_free(m_font);
        g_object_unref(m_layout);
        cairo_destroy(m_cr);
        cairo_surface_destroy(m_surface);
    }
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    void new_page(bool landscape = false) {
        if (m_page > 0) {
            draw_footer();
            cairo_show_page(m_cr);
        }
        ++m_page;
        m_width = landscape ? a4_long : a4_short;
        m_height = landscape ? a4_short : a4_long;
        cairo_pdf_surface_set_size(m_surface, m_width, m_height);
        m_y = margin;
    }

    double text_width() const { return m_width - 2 * margin; }
    double y() const { return m_y; }
    void skip(double pt) { m_y += pt; }

    // A paragraph wrapped to the text width; a new page first when it does not fit.
    void paragraph(const std::string& text, double size_pt, bool bold = false, double space_after = 6.0,
                   double indent = 0.0) {
        set_font(size_pt, bold);
        pango_layout_set_tabs(m_layout, nullptr);
        pango_layout_set_width(m_layout, static_cast<int>((text_width() - indent) * PANGO_SCALE));
        pango_layout_set_wrap(m_layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
        int w = 0;
        int h = 0;
        pango_layout_get_size(m_layout, &w, &h);
        const double height = static_cast<double>(h) / PANGO_SCALE;
        if (m_y + height > bottom()) new_page(is_landscape());
        cairo_move_to(m_cr, margin + indent, m_y);
        pango_cairo_show_layout(m_cr, m_layout);
        m_y += height + space_after;
    }

    void heading(const std::string& text, int level) {
        const double size = level == 1 ? 18.0 : level == 2 ? 13.0 : 11.0;
        if (m_y + 3 * size > bottom()) new_page(is_landscape());
        if (level > 1 && m_y > margin + 1) m_y += size * 0.6;
        paragraph(text, size, true, size * 0.5);
    }

    // A table: one line per row, cells cut to their column with "…", header repeated on each page.
    void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows,
               double size_pt = 7.5) {
        const double line = size_pt * line_height_em + 2.0;
        const double padding = 4.0;
        PangoTabArray* tabs = pango_tab_array_new(static_cast<int>(columns.size()), TRUE);
        double x = 0;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            pango_tab_array_set_tab(tabs, static_cast<int>(c), PANGO_TAB_LEFT, static_cast<int>(x));
            x += columns[c].width;
        }
        const auto row_text = [&](const std::vector<std::string>& cells, bool bold) {
            std::string text;
            for (std::size_t c = 0; c < columns.size(); ++c) {
                if (c) text += '\t';
                std::string cell = c < cells.size() ? cells[c] : std::string();
                std::replace(cell.begin(), cell.end(), '\n', ' ');
                std::replace(cell.begin(), cell.end(), '\t', ' ');
                text += fit_text(cell, size_pt, columns[c].width - padding,
                                 bold ? FontWeight::bold : FontWeight::normal);
            }
            return text;
        };
        // NOTE: the rows that fit a page are one pango layout (lines spaced to `line`) rather than one layout per
        // row; measured on 19,000 rows this is no faster (shaping dominates, docs/PERFORMANCE.md) but it is
        // no slower, and it keeps the rows of a page one text object in the PDF.
        const auto draw_lines = [&](const std::string& text, bool bold, std::size_t lines) {
            set_font(size_pt, bold);
            pango_layout_set_width(m_layout, -1);
            pango_layout_set_tabs(m_layout, tabs);
            pango_layout_set_spacing(m_layout, 0);
            pango_layout_set_text(m_layout, "X", 1);
            int w = 0;
            int natural = 0;
            pango_layout_get_size(m_layout, &w, &natural);
            pango_layout_set_spacing(m_layout, static_cast<int>(line * PANGO_SCALE) - natural);
            pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_move_to(m_cr, margin, m_y + 1.0);
            pango_cairo_show_layout(m_cr, m_layout);
            pango_layout_set_spacing(m_layout, 0);
            m_y += line * static_cast<double>(lines);
        };
        std::vector<std::string> headers;
        for (const auto& c : columns) headers.push_back(c.header);
        const auto header = [&] {
            draw_lines(row_text(headers, true), true, 1);
            rule();
        };
        if (m_y + 3 * line > bottom()) new_page(is_landscape());
        header();
        std::size_t r = 0;
        while (r < rows.size()) {
            auto fit = static_cast<std::size_t>(std::max(0.0, (bottom() - m_y) / line));
            if (fit == 0) {
                new_page(is_landscape());
                header();
                continue;
            }
            fit = std::min(fit, rows.size() - r);
            cairo_set_source_rgb(m_cr, 0.94, 0.95, 0.97);
            for (std::size_t k = 0; k < fit; ++k) {
                if ((r + k) % 2 == 1) cairo_rectangle(m_cr, margin, m_y + line * static_cast<double>(k), x, line);
            }
            cairo_fill(m_cr);
            std::string text;
            for (std::size_t k = 0; k < fit; ++k) {
                if (k) text += '\n';
                text += row_text(rows[r + k], false);
            }
            draw_lines(text, false, fit);
            r += fit;
        }
        pango_tab_array_free(tabs);
        pango_layout_set_tabs(m_layout, nullptr);
        m_y += 8.0;
    }

    // The SVG drawn as vectors into the box below the cursor, scaled to fit.
    void svg(const std::string& svg_text, double max_height) {
        GError* error = nullptr;
        RsvgHandle* handle =
            rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg_text.data()), svg_text.size(), &error);
        if (!handle) {
            const std::string message = error ? error->message : "unknown error";
            if (error) g_error_free(error);
            throw std::runtime_error("the roadmap chart does not parse: " + message);
        }
        // The chart keeps its aspect ratio from the top of the box (librsvg would centre it vertically).
        gdouble w = 0;
        gdouble h = 0;
        double height = std::min(max_height, bottom() - m_y);
        if (rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) && w > 0) {
            height = std::min(height, text_width() * h / w);
        }
        RsvgRectangle viewport{margin, m_y, text_width(), height};
        const bool ok = rsvg_handle_render_document(handle, m_cr, &viewport, &error);
        g_object_unref(handle);
        if (!ok) {
            const std::string message = error ? error->message : "unknown error";
            if (error) g_error_free(error);
            throw std::runtime_error("cannot draw the roadmap chart: " + message);
        }
        m_y += viewport.height;
    }

    // The roadmap chart: shapes through librsvg, text through this writer's one pango layout.
    // NOTE: librsvg builds a pango layout and looks the font up for every <text> (about 0.25 ms each: 4.8 s for a
    // 20,000-mission chart); drawing the same texts from the chart's layout with one reused pango layout costs a
    // fraction of that. The text positions, sizes, weights and colours are the SVG's (roadmap_layout.cpp,
    // roadmap_svg.cpp).
    void chart(const model::Dataset& data, const RoadmapChartOptions& options) {
        const auto layout = layout_roadmap(data, options);
        const std::string svg_text = without_text(roadmap_svg(data, layout, options));
        const double scale = text_width() / layout.width_pt;
        const double top = m_y;
        svg(svg_text, layout.height_pt * scale + 1.0);
        cairo_save(m_cr);
        cairo_translate(m_cr, margin, top);
        cairo_scale(m_cr, scale, scale);
        pango_layout_set_tabs(m_layout, nullptr);
        pango_layout_set_width(m_layout, -1);
        const auto draw = [&](const std::string& text, const Box& box, double size_pt, bool bold, double grey) {
            set_font(size_pt, bold);
            cairo_set_source_rgb(m_cr, grey, grey, grey);
            pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
            cairo_move_to(m_cr, box.x, box.y);
            pango_cairo_show_layout(m_cr, m_layout);
        };
        constexpr double ink = 0x1A / 255.0;
        for (const auto& lane : layout.lanes) {
            for (const auto& t : lane.name_lines) draw(t.text, t.box, t.size_pt, t.weight == FontWeight::bold, ink);
        }
        for (const auto& t : layout.texts) {
            draw(t.text, t.box, t.size_pt, t.weight == FontWeight::bold, t.css_class == "subtitle" ? 0x33 / 255.0 : ink);
        }
        for (const auto& mark : layout.marks) {
            const bool cancelled = data.missions.at(mark.mission).status == model::MissionStatus::cancelled;
            draw(mark.label, mark.label_box, mark.label_box.height / line_height_em, false,
                 cancelled ? 0x55 / 255.0 : ink);
        }
        cairo_restore(m_cr);
    }

    std::string finish() {
        draw_footer();
        cairo_show_page(m_cr);
        cairo_surface_finish(m_surface);
        if (cairo_surface_status(m_surface) != CAIRO_STATUS_SUCCESS) {
            throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(m_surface)));
        }
        return std::move(m_bytes);
    }

    void centred(const std::string& text, double size_pt, bool bold, double y, bool on_dark = false) {
        set_font(size_pt, bold);
        if (on_dark) cairo_set_source_rgb(m_cr, 1, 1, 1);
        pango_layout_set_tabs(m_layout, nullptr);
        pango_layout_set_width(m_layout, static_cast<int>(text_width() * PANGO_SCALE));
        pango_layout_set_alignment(m_layout, PANGO_ALIGN_CENTER);
        pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
        cairo_move_to(m_cr, margin, y);
        pango_cairo_show_layout(m_cr, m_layout);
        pango_layout_set_alignment(m_layout, PANGO_ALIGN_LEFT);
    }

    cairo_t* cr() { return m_cr; }
    double width() const { return m_width; }

private:
    bool is_landscape() const { return m_width > m_height; }
    double bottom() const { return m_height - margin; }

    void set_font(double size_pt, bool bold) {
        // NOTE: setting a font description makes pango look the font up again; tables and chart labels repeat
        // one size thousands of times, so only a change is passed on.
        if (size_pt != m_font_size || bold != m_font_bold) {
            pango_font_description_set_absolute_size(m_font, size_pt * PANGO_SCALE);
            pango_font_description_set_weight(m_font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
            pango_layout_set_font_description(m_layout, m_font);
            m_font_size = size_pt;
            m_font_bold = bold;
        }
        cairo_set_source_rgb(m_cr, 0.1, 0.1, 0.15);
    }

    void rule() {
        cairo_set_source_rgb(m_cr, 0.3, 0.3, 0.35);
        cairo_set_line_width(m_cr, 0.5);
        cairo_move_to(m_cr, margin, m_y);
        cairo_line_to(m_cr, m_width - margin, m_y);
        cairo_stroke(m_cr);
        m_y += 1.0;
    }

    void draw_footer() {
        const std::string text = m_footer + "  ·  page " + std::to_string(m_page);
        set_font(7.0, false);
        pango_layout_set_tabs(m_layout, nullptr);
        pango_layout_set_width(m_layout, -1);
        pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
        cairo_set_source_rgb(m_cr, 0.4, 0.4, 0.45);
        cairo_move_to(m_cr, margin, m_height - footer_gap);
        pango_cairo_show_layout(m_cr, m_layout);
    }

    std::string m_bytes;
    std::string m_footer;
    cairo_surface_t* m_surface = nullptr;
    cairo_t* m_cr = nullptr;
    PangoLayout* m_layout = nullptr;
    PangoFontDescription* m_font = nullptr;
    double m_font_size = 0;
    bool m_font_bold = false;
    int m_page = 0;
    double m_width = a4_short;
    double m_height = a4_long;
    double m_y = margin;
};

}  // namespace ger::render::detail
