// Taking public comments from anonymous input and the views of them (detail/comments.hpp).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/comments.hpp"
#include "server/detail/rate_limits.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;


std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string one_of(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ", ";
        out += v;
    }
    return out;
}

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// A mission, goal or objective id the caller may read now (goals and objectives are public).
analysis::ReadableRecord readable_for(const Context& ctx) {
    return [&ctx](const std::string& id) {
        if (const auto* m = ctx.data().mission(id)) return can_read(ctx.caller, *m);
        return known_record(ctx.data(), id);
    };
}

}  // namespace

const model::Edition& listed_edition(const Context& ctx, const std::string& name) {
    for (const auto& e : ctx.data().dataset().editions) {
        if (e.name == name) return e;
    }
    throw not_found("edition", name);
}

CommentTargets comment_targets(Context& ctx, const std::string& name) {
    const auto* e = &listed_edition(ctx, name);
    CommentTargets t;
    t.title = e->title;
    t.frozen = e->frozen;
    t.sections = {"goals", "scenario"};
    for (const auto& d : ctx.data().dataset().destinations) t.sections.push_back(d.code);
    const Caller anonymous;  // comments are public: only what the public reads may be commented on
    if (e->frozen) {
        if (auto snapshot = ctx.store.edition_snapshot(name)) {
            for (const auto& m : snapshot->data.missions) t.missions.emplace_back(m.id, m.name);
        }
    } else {
        for (const auto& m : ctx.data().dataset().missions) {
            if (can_read(anonymous, m)) t.missions.emplace_back(m.id, m.name);
        }
    }
    return t;
}

Receipt submit_comment(Context& ctx, model::CommentSubmission s) {
    s.name = trimmed(s.name);
    s.affiliation = trimmed(s.affiliation);
    s.email = trimmed(s.email);
    s.text = model::normalized_comment_text(s.text);
    if (s.section && s.section->empty()) s.section.reset();
    if (s.mission && s.mission->empty()) s.mission.reset();
    const auto targets = comment_targets(ctx, s.edition);
    auto errors = model::submission_errors(s);
    if (s.section && std::find(targets.sections.begin(), targets.sections.end(), *s.section) == targets.sections.end()) {
        errors.push_back({"/section", "must be one of " + one_of(targets.sections)});
    }
    if (s.mission && std::none_of(targets.missions.begin(), targets.missions.end(),
                                  [&](const auto& m) { return m.first == *s.mission; })) {
        errors.push_back({"/mission", "not a public mission of edition " + s.edition});
    }
    model::throw_if_any(errors);
    // NOTE: a digest, not the address: the table keeps what rate limiting needs and no more.
    const auto source = submission_source(ctx, "comment");
    check_rate_limits(ctx, ctx.app.comment_limits, "comments", [&](model::Timestamp since) {
        const auto c = ctx.store.count_recent_comments(source, s.email, since);
        return RecentSubmissions{c.from_source, c.from_email};
    });
    Receipt r;
    r.token = random_token(32);
    const auto stored = ctx.store.create_comment({s, digest(r.token), source});
    r.id = stored.id;
    spdlog::info("comment: received id={} edition={}", stored.id, log_value(stored.edition));
    return r;
}

std::vector<analysis::PublicComment> public_comments_of(Context& ctx, const std::string& edition) {
    // NOTE: grouping needs every accepted comment of the edition; an edition with more than this many accepted
    // comments is beyond what the forum has seen by orders of magnitude, and the list says it was cut.
    constexpr std::size_t most = 50000;
    const auto comments =
        ctx.store.comments({.edition = edition, .status = model::CommentStatus::accepted, .limit = most});
    return analysis::public_comments(comments, readable_for(ctx));
}

model::Comment comment_of_receipt(Context& ctx, const std::string& receipt) {
    auto c = ctx.store.comment_by_receipt(digest(receipt));
    if (!c) throw not_found("receipt", "");
    return *c;
}

json receipt_view(Context& ctx, const model::Comment& c) {
    const auto readable = readable_for(ctx);
    json disposition = nullptr;
    if (c.disposition) {
        auto d = *c.disposition;
        std::erase_if(d.records, [&](const std::string& id) { return !readable(id); });
        disposition = model::to_json(d);
    }
    const bool refused = c.status == model::CommentStatus::rejected || c.status == model::CommentStatus::hidden;
    return {{"id", c.id},
            {"edition", c.edition},
            {"section", optional_text(c.section)},
            {"mission", optional_text(c.mission)},
            {"name", c.erased ? json(nullptr) : json(c.name)},
            {"affiliation", c.affiliation},
            {"text", c.text},
            {"submitted_at", model::format_timestamp(c.created_at)},
            {"status", model::receipt_status(c)},
            {"public_reason", refused ? c.public_reason : std::string()},
            {"response", c.status == model::CommentStatus::accepted ? c.response : std::string()},
            {"responded_at", c.status == model::CommentStatus::accepted && c.responded_at
                                 ? json(model::format_timestamp(*c.responded_at))
                                 : json(nullptr)},
            {"disposition", c.status == model::CommentStatus::accepted ? disposition : json(nullptr)},
            {"addressed_in", c.status == model::CommentStatus::accepted && c.disposition && !c.disposition->edition.empty()
                                 ? json(c.disposition->edition)
                                 : json(nullptr)},
            {"erased", c.erased}};
}

bool known_record(const Snapshot& data, const std::string& id) {
    const auto& d = data.dataset();
    return data.mission(id) || std::any_of(d.goals.begin(), d.goals.end(), [&](const auto& g) { return g.id == id; }) ||
           std::any_of(d.objectives.begin(), d.objectives.end(), [&](const auto& o) { return o.id == id; });
}

// (detail/comments.hpp) A moderation step, checked as model::moderation_errors says and against the data: the
// disposition's records must exist and its edition must be listed.
model::CommentModeration checked_moderation(Context& ctx, const json& body) {
    auto m = model::comment_moderation_from_json(body);
    auto errors = model::moderation_errors(m);
    if (m.disposition && *m.disposition) {
        const auto& d = **m.disposition;
        for (std::size_t i = 0; i < d.records.size(); ++i) {
            if (!known_record(ctx.data(), d.records[i])) {
                errors.push_back({"/disposition/records/" + std::to_string(i),
                                  "'" + d.records[i] + "' is no mission, goal or objective"});
            }
        }
        const auto& editions = ctx.data().dataset().editions;
        if (!d.edition.empty() &&
            std::none_of(editions.begin(), editions.end(), [&](const auto& e) { return e.name == d.edition; })) {
            errors.push_back({"/disposition/edition", "'" + d.edition + "' is no edition"});
        }
    }
    if (m.response) m.response = model::normalized_comment_text(*m.response);
    model::throw_if_any(errors);
    return m;
}

json moderation_view(const model::Comment& c) {
    return {{"id", c.id},
            {"version", c.version},
            {"edition", c.edition},
            {"section", optional_text(c.section)},
            {"mission", optional_text(c.mission)},
            {"name", c.name},
            {"affiliation", c.affiliation},
            {"email", c.email},
            {"text", c.text},
            {"status", model::to_string(c.status)},
            {"receipt_status", model::receipt_status(c)},
            {"reason", c.reason},
            {"public_reason", c.public_reason},
            {"response", c.response},
            {"responded_at", c.responded_at ? json(model::format_timestamp(*c.responded_at)) : json(nullptr)},
            {"disposition", c.disposition ? model::to_json(*c.disposition) : json(nullptr)},
            {"group", c.group},
            {"erased", c.erased},
            {"submitted_at", model::format_timestamp(c.created_at)},
            {"updated_at", model::format_timestamp(c.updated_at)}};
}

}  // namespace ger::server::detail
