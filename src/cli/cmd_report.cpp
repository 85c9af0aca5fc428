// `ger report --edition NAME --out FILE.pdf [--html FILE] [--chart-png FILE] [--chart-svg FILE]`: the published
// edition. A frozen edition's stored artefacts are written out as they are (what the portal serves); they are
// rendered afresh only for "current" (the live records) or with --regenerate.
#include <chrono>
#include <fstream>
#include <iostream>

#include "analysis/analysis.hpp"
#include "analysis/edition.hpp"
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/publish.hpp"
#include "render/report.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string edition;
    std::string out;
    std::string html;
    std::string chart_png;
    std::string chart_svg;
    bool regenerate = false;
};

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw CommandError("cannot write " + path);
}

void run(const Options& o) {
    auto store = open_database(o.db);
    std::vector<store::EditionArtefact> artefacts;
    if (o.edition == "current") {
        model::Edition e;
        e.name = "current";
        e.title = "The Global Exploration Roadmap (current records)";
        e.published = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
        artefacts = render_edition(analysis::edition_snapshot(store->export_dataset(), e));
    } else {
        const auto snapshot = store->edition_snapshot(o.edition);
        if (!snapshot) throw CommandError("no frozen edition '" + o.edition + "' (see `ger editions`, or 'current')");
        if (o.regenerate) {
            artefacts = render_edition(snapshot->data);
        } else {
            publish_edition(*store, o.edition);  // renders and stores only what is missing
            for (const char* kind : {"pdf", "html", "chart-svg", "chart-png"}) {
                if (auto a = store->edition_artefact(o.edition, kind)) artefacts.push_back(std::move(*a));
            }
        }
    }
    const auto find = [&](const std::string& kind) -> const std::string& {
        for (const auto& a : artefacts) {
            if (a.kind == kind) return a.content;
        }
        throw CommandError("edition " + o.edition + " has no " + kind);
    };
    write_file(o.out, find("pdf"));
    std::cout << "wrote " << o.out << '\n';
    if (!o.html.empty()) write_file(o.html, find("html"));
    if (!o.chart_png.empty()) write_file(o.chart_png, find("chart-png"));
    if (!o.chart_svg.empty()) write_file(o.chart_svg, find("chart-svg"));
}

const CommandRegistrar registrar{94, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("report", "the edition as PDF (and HTML, chart PNG at 300 dpi, SVG)");
    add_db_option(*command, o->db);
    command->add_option("--edition", o->edition, "a frozen edition, or 'current'")->required();
    command->add_option("--out", o->out, "the PDF file to write")->required();
    command->add_option("--html", o->html, "also write the self-contained HTML page");
    command->add_option("--chart-png", o->chart_png, "also write the roadmap chart as PNG at 300 dpi");
    command->add_option("--chart-svg", o->chart_svg, "also write the roadmap chart as SVG");
    command->add_flag("--regenerate", o->regenerate, "render afresh instead of the stored artefacts");
    command->callback([o] { run(*o); });
}};

}  // namespace

std::vector<store::EditionArtefact> render_edition(const model::Dataset& snapshot) {
    std::vector<store::EditionArtefact> out;
    for (auto& f : render::publish_files(snapshot)) {
        out.push_back({std::move(f.kind), std::move(f.media_type), std::move(f.content), {}});
    }
    return out;
}

std::vector<store::EditionArtefact> publish_edition(store::Store& store, const std::string& name) {
    const auto snapshot = store.edition_snapshot(name);
    if (!snapshot) throw CommandError("no frozen edition '" + name + "'");
    if (store.edition_artefacts(name).size() >= 4) return {};
    std::vector<store::EditionArtefact> stored;
    for (auto& a : render_edition(snapshot->data)) {
        if (store.edition_artefact(name, a.kind)) continue;
        store.put_edition_artefact(name, a);
        stored.push_back(std::move(a));
    }
    return stored;
}

}  // namespace ger::cli
