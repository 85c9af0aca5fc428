#include "model/comment.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "model/plain_text.hpp"

namespace ger::model {
namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        // NOTE: bytes >= 0x80 (non-ASCII letters) are kept as part of words, so texts in any script compare.
        if (std::isalnum(c) || c >= 0x80) {
            word += static_cast<char>(std::tolower(c));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::set<std::string> shingles(std::string_view text) {
    const auto w = words(text);
    std::set<std::string> out;
    if (w.size() < 3) {
        std::string all;
        for (const auto& x : w) all += x + ' ';
        if (!all.empty()) out.insert(all);
        return out;
    }
    for (std::size_t i = 0; i + 2 < w.size(); ++i) out.insert(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
    return out;
}

}  // namespace

std::string normalized_comment_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    const auto first = out.find_first_not_of(" \t\n");
    if (first == std::string::npos) return "";
    const auto last = out.find_last_not_of(" \t\n");
    return out.substr(first, last - first + 1);
}

std::vector<FieldError> submission_errors(const CommentSubmission& s) {
    std::vector<FieldError> errors;
    check_plain_text(errors, "/name", s.name, max_comment_name, true, false);
    check_plain_text(errors, "/affiliation", s.affiliation, max_comment_affiliation, false, false);
    check_email(errors, "/email", s.email, max_comment_email);
    check_plain_text(errors, "/text", s.text, max_comment_text, true, true);
    return errors;
}

std::vector<FieldError> moderation_errors(const CommentModeration& m) {
    std::vector<FieldError> errors;
    if (m.status == CommentStatus::pending) {
        errors.push_back({"/status", "a comment cannot return to pending; allowed: accepted, rejected, hidden"});
    }
    if (m.reason) check_plain_text(errors, "/reason", *m.reason, max_moderation_text, false, true);
    if (m.public_reason) check_plain_text(errors, "/public_reason", *m.public_reason, max_moderation_text, false, true);
    if (m.response) check_plain_text(errors, "/response", *m.response, max_moderation_text, false, true);
    if (m.disposition && *m.disposition) {
        const auto& d = **m.disposition;
        check_plain_text(errors, "/disposition/reason", d.reason, max_moderation_text, false, true);
        if ((d.outcome == DispositionOutcome::not_adopted || d.outcome == DispositionOutcome::out_of_scope) &&
            d.reason.empty()) {
            errors.push_back({"/disposition/reason", "required when the outcome is " + std::string(to_string(d.outcome))});
        }
        if (d.records.size() > 100) errors.push_back({"/disposition/records", "at most 100 records"});
    }
    if (!m.status && !m.reason && !m.public_reason && !m.response && !m.disposition && !m.erase_personal_data) {
        errors.push_back({"", "nothing to change: give status, reason, public_reason, response, disposition or "
                              "erase_personal_data"});
    }
    return errors;
}

std::string receipt_status(const Comment& c) {
    switch (c.status) {
        case CommentStatus::pending: return "pending";
        case CommentStatus::rejected: return "rejected";
        case CommentStatus::hidden: return "hidden";
        case CommentStatus::accepted: break;
    }
    if (c.disposition && !c.disposition->edition.empty()) return "addressed";
    if (!c.response.empty()) return "answered";
    return "accepted";
}

CommentFingerprint::CommentFingerprint(std::string_view text) : m_shingles(shingles(text)) {}

double CommentFingerprint::similarity(const CommentFingerprint& other) const {
    const auto& sa = m_shingles;
    const auto& sb = other.m_shingles;
    if (sa.empty() && sb.empty()) return 1.0;
    std::size_t common = 0;
    for (const auto& s : sa) common += sb.count(s);
    const std::size_t all = sa.size() + sb.size() - common;
    return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

double comment_similarity(std::string_view a, std::string_view b) {
    return CommentFingerprint(a).similarity(CommentFingerprint(b));
}

}  // namespace ger::model
