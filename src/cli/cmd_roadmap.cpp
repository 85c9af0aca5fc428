// `ger roadmap`: the roadmap chart (render/roadmap_chart.hpp) of the store's public missions, as SVG and/or PNG.
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "render/png.hpp"
#include "render/roadmap_chart.hpp"

namespace ger::cli {
namespace {

constexpr double default_dpi = 300.0;  // the publication figure; 96 gives a screen image

struct Options {
    std::string db;
    std::string edition;
    std::string svg_path;
    std::string png_path;
    double dpi = default_dpi;
    int first_year = 0;
    int last_year = 0;
    std::string title;
};

void run(const Options& options) {
    if (options.svg_path.empty() && options.png_path.empty()) {
        throw CommandError("say where to write the chart: --svg FILE, --png FILE or both");
    }
    auto store = open_database(options.db);
    if (!options.edition.empty()) {
        std::string known;
        bool found = false;
        for (const auto& edition : store->editions()) {
            found = found || edition.name == options.edition;
            known += (known.empty() ? "" : ", ") + edition.name;
        }
        if (!found) {
            throw CommandError("unknown edition '" + options.edition + "' (known: " +
                               (known.empty() ? "none" : known) + ")");
        }
    }
    const model::Dataset data = store->export_dataset();
    render::RoadmapChartOptions chart;
    chart.first_year = options.first_year;
    chart.last_year = options.last_year;
    chart.public_only = true;
    if (!options.title.empty()) chart.title = options.title;
    render::ChartLayout layout;
    try {
        layout = render::layout_roadmap(data, chart);
    } catch (const std::invalid_argument& e) {
        throw CommandError(e.what());
    }
    const std::string svg = render::roadmap_svg(data, layout, chart);
    if (!options.svg_path.empty()) {
        std::ofstream out(options.svg_path, std::ios::binary);
        out << svg;
        out.close();
        if (!out) throw CommandError("cannot write " + options.svg_path);
        std::cout << "wrote " << options.svg_path << "\n";
    }
    if (!options.png_path.empty()) {
        render::svg_to_png(svg, options.png_path, options.dpi);
        const auto size = render::svg_pixel_size(svg, options.dpi);
        std::cout << "wrote " << options.png_path << " (" << size.width << " x " << size.height << " px at "
                  << options.dpi << " dpi)\n";
    }
    std::cout << layout.charted_missions << " public missions, " << layout.marks.size() << " on the axis "
              << layout.first_year << "-" << layout.last_year << ", " << layout.undated.size()
              << " without a launch date; page " << static_cast<int>(layout.width_mm() + 0.5) << " x "
              << static_cast<int>(layout.height_mm() + 0.5) << " mm\n";
}

const CommandRegistrar registrar{100, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "roadmap", "draw the roadmap chart of the public missions by destination (SVG, PNG)");
    command->footer(
        "Only public missions appear. --edition must name an edition in the store (see `ger editions`); until "
        "frozen edition snapshots exist, the chart shows the current public missions for any edition.");
    add_db_option(*command, options->db);
    command->add_option("--edition", options->edition, "an edition present in the store (charts current missions)");
    command->add_option("--svg", options->svg_path, "write the chart as SVG (A3 landscape, sizes in mm)");
    command->add_option("--png", options->png_path, "write the chart as PNG");
    command->add_option("--dpi", options->dpi, "PNG resolution: 300 for print, 96 for screens")
        ->check(CLI::Range(10.0, 2400.0))
        ->capture_default_str();
    command->add_option("--first-year", options->first_year, "first year on the axis (default: from the data)");
    command->add_option("--last-year", options->last_year, "last year on the axis (default: from the data)");
    command->add_option("--title", options->title, "chart title");
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
