// The width table against the installed DejaVu Sans as Pango lays it out (kerning included): the table must
// never be narrower, or labels could overlap in print; and for ASCII it must be within 5% (kerning of capitals
// such as "AV" narrows up to 4%), or charts waste room.
#include <gtest/gtest.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <vector>

#include "model/bundled.hpp"
#include "render/text_metrics.hpp"

namespace ger::render {
namespace {

constexpr double measure_size = 1000.0;  // [px]: widths in thousandths of an em

class PangoMeasure {
public:
    explicit PangoMeasure(FontWeight weight) {
        m_map = pango_cairo_font_map_new();
        m_context = pango_font_map_create_context(m_map);
        m_layout = pango_layout_new(m_context);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
        pango_font_description_set_absolute_size(font, measure_size * PANGO_SCALE);
        if (weight == FontWeight::bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(m_layout, font);
        PangoFont* loaded = pango_font_map_load_font(m_map, m_context, font);
        if (loaded != nullptr) {
            PangoFontDescription* described = pango_font_describe(loaded);
            m_family = pango_font_description_get_family(described);
            pango_font_description_free(described);
            g_object_unref(loaded);
        }
        pango_font_description_free(font);
    }
    ~PangoMeasure() {
        g_object_unref(m_layout);
        g_object_unref(m_context);
        g_object_unref(m_map);
    }
    PangoMeasure(const PangoMeasure&) = delete;
    PangoMeasure& operator=(const PangoMeasure&) = delete;

    const std::string& family() const { return m_family; }
    double width(const std::string& text) {
        pango_layout_set_text(m_layout, text.c_str(), static_cast<int>(text.size()));
        PangoRectangle logical;
        pango_layout_get_extents(m_layout, nullptr, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }

private:
    PangoFontMap* m_map = nullptr;
    PangoContext* m_context = nullptr;
    PangoLayout* m_layout = nullptr;
    std::string m_family;
};

std::vector<std::string> chart_strings() {
    std::vector<std::string> strings{"Global Exploration Roadmap: missions by destination", "2009", "2036",
                                     "Lead agency", "cancelled (faded, struck through)", "Chang\xE2\x80\x99" "e 7",
                                     "R\xC3\xA9sum\xC3\xA9 \xE2\x80\x93 caf\xC3\xA9"};
    const auto data = model::bundled_dataset();
    for (const auto& mission : data.missions) strings.push_back(mission.name);
    for (const auto& destination : data.destinations) strings.push_back(destination.name);
    for (const auto& agency : data.agencies) strings.push_back(agency.code + " " + agency.name);
    std::string ascii;
    for (char c = 32; c < 127; ++c) ascii += c;
    strings.push_back(ascii);
    return strings;
}

void check_upper_bound(FontWeight weight) {
    PangoMeasure pango(weight);
    if (pango.family() != "DejaVu Sans") {
        GTEST_SKIP() << "DejaVu Sans is not installed (got " << pango.family() << ")";
    }
    for (const auto& text : chart_strings()) {
        const double table = text_width(text, measure_size, weight);
        const double measured = pango.width(text);
        EXPECT_GE(table, measured) << "'" << text << "' is wider than the table says";
        bool ascii = true;
        for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 128;
        if (ascii) {
            EXPECT_LE(table, measured * 1.05 + 1.0) << "'" << text << "': the table wastes room";
        }
    }
}

TEST(render_TextMetrics, TableBoundsPangoRegular) { check_upper_bound(FontWeight::normal); }
TEST(render_TextMetrics, TableBoundsPangoBold) { check_upper_bound(FontWeight::bold); }

TEST(render_TextMetrics, ScalesWithSizeAndCountsCharactersNotBytes) {
    EXPECT_DOUBLE_EQ(text_width("NASA", 10.0), 2.0 * text_width("NASA", 5.0));
    EXPECT_DOUBLE_EQ(text_width("\xC3\xA9", 1000.0), text_width("W", 1000.0) * 1000.0 / 989.0);  // 1 em, 2 bytes
    EXPECT_DOUBLE_EQ(text_width("", 8.0), 0.0);
    EXPECT_GT(text_width("NASA", 8.0, FontWeight::bold), text_width("NASA", 8.0));
}

TEST(render_TextMetrics, FitTextCutsAtACharacterBoundary) {
    EXPECT_EQ(fit_text("Hera", 8.0, 100.0), "Hera");
    const std::string cut = fit_text("International Lunar Research Station", 8.0, 60.0);
    EXPECT_LE(text_width(cut, 8.0), 60.0);
    EXPECT_EQ(cut.substr(cut.size() - 3), "\xE2\x80\xA6");
    EXPECT_EQ(cut.rfind("Internationa", 0), 0u);
    // "é" is two bytes: a cut never splits it.
    const std::string accents = fit_text("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 10.0, 35.0);
    EXPECT_EQ(accents, "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}

}  // namespace
}  // namespace ger::render
