// The edition report as one self-contained HTML page (report.hpp): inline CSS and the chart as inline SVG, no
// external references (no scripts, stylesheets, fonts or images fetched).
#include <stdexcept>

#include "render/detail/report_text.hpp"
#include "render/report.hpp"
#include "render/xml.hpp"

namespace ger::render {
namespace {

void table(std::string& out, const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
    out += "<table><thead><tr>";
    for (const auto& h : headers) {
        out += "<th>";
        append_xml_escaped(out, h);
        out += "</th>";
    }
    out += "</tr></thead><tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (const auto& cell : row) {
            out += "<td>";
            append_xml_escaped(out, cell);
            out += "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody></table>\n";
}

void element(std::string& out, const char* tag, const std::string& text) {
    out += "<";
    out += tag;
    out += ">";
    append_xml_escaped(out, text);
    out += "</";
    out += tag;
    out += ">\n";
}

void list(std::string& out, const std::vector<std::string>& items) {
    out += "<ul>\n";
    for (const auto& item : items) element(out, "li", item);
    out += "</ul>\n";
}

}  // namespace

std::string report_html(const ReportInput& input) {
    const auto& data = input.snapshot;
    if (data.editions.empty()) throw std::invalid_argument("the snapshot holds no edition");
    const auto& edition = data.editions.front();
    const auto t = detail::report_text(data, input.analysis);
    std::string out;
    out.reserve(1 << 20);
    out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>";
    append_xml_escaped(out, edition.title + " (edition " + edition.name + ")");
    out += "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n"
           "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
           "color:#1a1a26;line-height:1.45}\n"
           "header{background:#0d2a54;color:#fff;padding:2rem;border-radius:4px}\n"
           "header h1{margin:.2rem 0}\n"
           "table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1.5rem}\n"
           "th,td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #ccd}\n"
           "tbody tr:nth-child(even){background:#f0f2f7}\n"
           "figure{margin:1rem 0;overflow-x:auto}figure svg{width:100%;height:auto}\n"
           "</style></head><body>\n<header><p>ISECG</p><h1>";
    append_xml_escaped(out, edition.title);
    out += "</h1><p>Edition ";
    append_xml_escaped(out, edition.name + " · published " + t.published + " · " + t.cover_line);
    out += "</p><p>Participating agencies: ";
    append_xml_escaped(out, t.signatories);
    out += "</p></header>\n<main>\n<section id=\"summary\"><h2>Summary</h2>\n";
    for (const auto& line : t.summary) element(out, "p", line);
    out += "</section>\n<section id=\"goals\"><h2>The common goals and objectives</h2>\n";
    for (const auto& g : t.goals) {
        element(out, "h3", g.heading);
        if (!g.description.empty()) element(out, "p", g.description);
        list(out, g.objectives);
    }
    out += "</section>\n<section id=\"scenario\"><h2>The mission scenario</h2>\n";
    element(out, "p", edition.scenario.empty() ? "(This edition states no scenario.)" : edition.scenario);
    out += "</section>\n<section id=\"roadmap\"><h2>The roadmap</h2>\n<figure>";
    std::string svg = report_chart_svg(data);
    if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);  // an XML declaration is not HTML
    out += svg;
    out += "</figure>\n</section>\n<section id=\"missions\"><h2>Missions per destination</h2>\n";
    for (const auto& d : t.destinations) {
        out += "<h3 id=\"destination-";
        append_xml_escaped(out, d.code);
        out += "\">";
        append_xml_escaped(out, d.heading);
        out += "</h3>\n";
        table(out, {"Mission", "Lead", "Partners", "Launch", "Type", "Status"}, d.rows);
    }
    out += "</section>\n<section id=\"findings\"><h2>Coverage and findings</h2>\n"
           "<h3>Coverage: missions per agency and objective</h3>\n";
    std::vector<std::string> headers{"Agency"};
    for (std::size_t i = 0; i < t.matrix_objectives.size(); ++i) headers.push_back(detail::objective_label(i));
    table(out, headers, t.matrix_rows);
    std::vector<std::string> legend;
    for (std::size_t i = 0; i < t.matrix_objectives.size(); ++i) {
        legend.push_back(detail::objective_label(i) + ": " + t.matrix_objectives[i]);
    }
    list(out, legend);
    element(out, "h3", "Gaps");
    list(out, t.gaps);
    element(out, "h3", "Overlaps: chances to coordinate");
    table(out, {"Destination", "Objective", "Window", "Agencies", "Missions"}, t.overlaps);
    element(out, "h3", "Opportunities: capabilities of other agencies");
    table(out, {"Mission", "Lead", "Capability", "Provider", "Partnered"}, t.opportunities);
    element(out, "h3", "Conflicts");
    list(out, t.conflicts);
    element(out, "h3", "The stepwise path");
    list(out, t.stepwise);
    if (!t.critical_path.empty()) {
        element(out, "h3", t.critical_path_heading);
        table(out, {"Step", "Record", "Kind", "Start", "Finish", "Slack [days]"}, t.critical_path);
    }
    out += "</section>\n<section id=\"agencies\"><h2>Participating agencies</h2>\n";
    table(out, {"Code", "Agency", "Country", "Signatory"}, t.agencies);
    out += "</section>\n</main>\n</body></html>\n";
    return out;
}

}  // namespace ger::render
