// The comment-response report of an edition: every accepted comment (one per near-duplicate group), the
// secretariat's response and what the next edition did with it, as CSV (RFC 4180) and as an A4 PDF. The
// comments are the public view (analysis/public_comments.hpp): no email, no pending or rejected comment.
#pragma once

#include <string>
#include <vector>

#include "analysis/public_comments.hpp"
#include "model/records.hpp"

namespace ger::render {

// Columns: id, submitted_at, name, affiliation, section, mission, text, response, responded_at, outcome,
// outcome_reason, records (";"-separated), addressed_in, similar_count.
std::string comment_report_csv(const std::vector<analysis::PublicComment>& comments);

// Throws std::runtime_error when cairo fails.
std::string comment_report_pdf(const model::Edition& edition, const std::vector<analysis::PublicComment>& comments);

}  // namespace ger::render
