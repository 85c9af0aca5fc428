#include "render/benefits_paper.hpp"

#include "render/detail/pdf_writer.hpp"

namespace ger::render {

std::string benefits_paper_pdf(const BenefitsPaper& paper) {
    detail::PdfWriter pdf(paper.title + " · Global Exploration Roadmap");
    pdf.new_page();
    pdf.heading(paper.title, 1);
    pdf.paragraph("Page last updated: " + paper.updated, 8.5);
    for (const auto& block : paper.introduction) pdf.paragraph(block, 10.0);
    for (const auto& links : paper.categories) {
        pdf.heading(links.category->title, 2);
        pdf.paragraph(links.category->summary, 10.0);
        std::string goals;
        for (const auto* g : links.goals) goals += (goals.empty() ? "" : "; ") + std::to_string(g->number) + ". " + g->title;
        pdf.paragraph("Common goals: " + goals, 9.0, false, 4.0);
        pdf.paragraph(std::to_string(links.objectives.size()) + " objectives, " +
                          std::to_string(links.missions.size()) + " public missions address them.",
                      9.0);
        if (links.missions.empty()) continue;
        std::vector<std::vector<std::string>> rows;
        for (const auto* m : links.missions) rows.push_back({m->name, m->lead_agency, m->destination});
        const double w = pdf.text_width();
        pdf.table({{"Mission", w * 0.55}, {"Lead agency", w * 0.2}, {"Destination", w * 0.25}}, rows, 8.0);
    }
    return pdf.finish();
}

}  // namespace ger::render
