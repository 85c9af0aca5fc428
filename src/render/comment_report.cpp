#include "render/comment_report.hpp"

#include "model/json.hpp"
#include "render/csv.hpp"
#include "render/detail/pdf_writer.hpp"

namespace ger::render {
namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += separator;
        out += i;
    }
    return out;
}

std::string about_text(const analysis::PublicComment& c) {
    std::string about = "edition " + c.edition;
    if (c.section) about += ", section " + *c.section;
    if (c.mission) about += ", mission " + *c.mission;
    return about;
}

}  // namespace

std::string comment_report_csv(const std::vector<analysis::PublicComment>& comments) {
    std::string out = "id,submitted_at,name,affiliation,section,mission,text,response,responded_at,outcome,"
                      "outcome_reason,records,addressed_in,similar_count\r\n";
    for (const auto& c : comments) {
        const auto& d = c.disposition;
        const std::vector<std::string> fields{
            std::to_string(c.id),
            model::format_timestamp(c.submitted_at),
            c.name,
            c.affiliation,
            c.section.value_or(""),
            c.mission.value_or(""),
            c.text,
            c.response,
            c.responded_at ? model::format_timestamp(*c.responded_at) : "",
            d ? std::string(model::to_string(d->outcome)) : "",
            d ? d->reason : "",
            d ? joined(d->records, ";") : "",
            d ? d->edition : "",
            std::to_string(c.similar)};
        out += csv_record(fields);
    }
    return out;
}

std::string comment_report_pdf(const model::Edition& edition, const std::vector<analysis::PublicComment>& comments) {
    detail::PdfWriter pdf(edition.title + " · comments and responses");
    pdf.new_page();
    pdf.heading("Public comments on " + edition.title, 1);
    pdf.paragraph(std::to_string(comments.size()) +
                      (comments.size() == 1 ? " accepted comment" : " accepted comments") +
                      ", each with the secretariat's response and what the next edition did with it. Similar "
                      "comments (campaigns) are shown once, with their number.",
                  10.0);
    for (const auto& c : comments) {
        pdf.heading("Comment " + std::to_string(c.id) + " · " + model::format_timestamp(c.submitted_at).substr(0, 10),
                    2);
        std::string who = c.name.empty() ? std::string("Name withheld") : c.name;
        if (!c.affiliation.empty()) who += " (" + c.affiliation + ")";
        pdf.paragraph(who + " · on " + about_text(c) +
                          (c.similar > 0 ? " · and " + std::to_string(c.similar) + " similar comments" : ""),
                      8.5);
        pdf.paragraph(c.text, 9.5);
        if (!c.response.empty()) {
            pdf.paragraph("Response", 9.5, true, 2.0);
            pdf.paragraph(c.response, 9.5, false, 6.0, 12.0);
        } else {
            pdf.paragraph("Not answered yet.", 9.0);
        }
        if (c.disposition) {
            const auto& d = *c.disposition;
            std::string text = "Disposition: " + std::string(model::to_string(d.outcome));
            if (!d.reason.empty()) text += " — " + d.reason;
            if (!d.records.empty()) text += ". Records changed: " + joined(d.records, ", ");
            if (!d.edition.empty()) text += ". Addressed in edition " + d.edition + ".";
            pdf.paragraph(text, 9.0);
        }
    }
    if (comments.empty()) pdf.paragraph("No accepted comments yet.", 10.0);
    return pdf.finish();
}

}  // namespace ger::render
