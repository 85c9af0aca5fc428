#include "server/detail/action_items.hpp"

#include <algorithm>
#include <set>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

// The store's words for a record that does not exist (sqlite/action_item_tables.cpp): a record the caller may not
// read gets the same, so an answer never tells a hidden record from an absent one.
std::string no_such_record(const std::string& record) {
    return model::comment_reference(record) ? record + ": no such comment"
                                            : record + ": no mission, objective or comment:N of that id";
}

std::string text_field_of(const json& value, const std::string& key, std::vector<model::FieldError>& errors) {
    if (value.is_string()) return value.get<std::string>();
    errors.push_back({"/" + key, "must be a string"});
    return {};
}

Html record_html(Context& ctx, const std::string& record, CommentLookup& comments) {
    Html h;
    if (!may_see_record(ctx, record, comments)) return h;
    if (const auto id = model::comment_reference(record)) {
        const auto* c = comments.find(id);
        if (c->status == model::CommentStatus::accepted) {
            return h("<li><a href=\"/editions/{}/comments#comment-{}\">Comment {}</a> on edition {}</li>", c->edition,
                     c->id, c->id, c->edition);
        }
        return h("<li>Comment {} on edition {} ({}: the public does not see it)</li>", c->id, c->edition,
                 model::to_string(c->status));
    }
    if (const auto* m = ctx.data().mission(record)) {
        return h("<li>Mission <a href=\"/missions/{}\">{}</a></li>", m->id, m->name);
    }
    if (const auto* o = ctx.data().objective(record)) {
        return h("<li>Objective: <a href=\"/goals/{}\">{}</a></li>", o->goal_id, o->title);
    }
    return h;
}

}  // namespace

const model::Comment* CommentLookup::find(long long id) {
    auto it = m_seen.find(id);
    if (it == m_seen.end()) it = m_seen.emplace(id, m_ctx.store.comment(id)).first;
    return it->second ? &*it->second : nullptr;
}

bool may_see_record(Context& ctx, const std::string& record, CommentLookup& comments) {
    if (const auto id = model::comment_reference(record)) {
        const auto* c = comments.find(id);
        return c && (c->status == model::CommentStatus::accepted || ctx.caller.secretariat());
    }
    if (const auto* m = ctx.data().mission(record)) return can_read(ctx.caller, *m);
    return ctx.data().objective(record) != nullptr;
}

json action_item_view(Context& ctx, const model::ActionItem& a, CommentLookup& comments) {
    json records = json::array();
    for (const auto& r : a.records) {
        if (may_see_record(ctx, r, comments)) records.push_back(r);
    }
    json view = model::to_json(a);
    view["records"] = std::move(records);
    return view;
}

Html action_items_html(Context& ctx, const std::vector<model::ActionItem>& items, bool with_workshop) {
    Html h;
    CommentLookup comments(ctx);
    std::map<std::string, std::string> titles;  // workshop id -> title, each read once
    h("<ul class=\"action-items\">");
    for (const auto& a : items) {
        h("<li id=\"action-{}\"><strong>{}</strong> · {} · <span class=\"badge\">{}</span>", a.id, a.title,
          a.owner_agency, model::to_string(a.status));
        if (with_workshop) {
            auto it = titles.find(a.workshop);
            if (it == titles.end()) {
                const auto w = ctx.store.workshop(a.workshop);
                it = titles.emplace(a.workshop, w ? w->title : a.workshop).first;
            }
            h(" · from <a href=\"/workshops/{}\">{}</a>", a.workshop, it->second);
        }
        if (!a.description.empty()) h("<p class=\"text\">{}</p>", a.description);
        Html records;
        for (const auto& r : a.records) records.add(record_html(ctx, r, comments));
        if (!records.empty()) h("<ul>{}</ul>", records);
        h("</li>");
    }
    return h("</ul>");
}

model::ActionItem changed_action_item(Context& ctx, model::ActionItem base, const json& fields) {
    std::vector<model::FieldError> errors;
    if (!fields.is_object()) {
        throw model::ValidationError(std::vector<model::FieldError>{{"", "the body must be a JSON object"}});
    }
    CommentLookup comments(ctx);
    for (const auto& [key, value] : fields.items()) {
        if (key == "title") {
            base.title = text_field_of(value, key, errors);
        } else if (key == "description") {
            base.description = value.is_null() ? std::string() : text_field_of(value, key, errors);
        } else if (key == "owner_agency") {
            base.owner_agency = text_field_of(value, key, errors);
        } else if (key == "status") {
            const auto status = model::parse_enum<model::ActionStatus>(text_field_of(value, key, errors));
            if (status) {
                base.status = *status;
            } else if (value.is_string()) {
                errors.push_back({"/status", "one of " + model::allowed_values<model::ActionStatus>()});
            }
        } else if (key == "records") {
            if (!value.is_array()) {
                errors.push_back({"/records", "must be a list of mission or objective ids and comment:N"});
                continue;
            }
            if (value.size() > model::max_action_records) {
                errors.push_back({"/records", "at most " + std::to_string(model::max_action_records) +
                                                  " records (got " + std::to_string(value.size()) + ")"});
                continue;
            }
            std::vector<std::string> records;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const auto path = "/records/" + std::to_string(i);
                if (!value[i].is_string()) {
                    errors.push_back({path, "must be a string"});
                    continue;
                }
                const auto r = value[i].get<std::string>();
                // NOTE: a hidden record and an absent one are refused here alike, with the other errors of the
                // same answer, so no combination of fields tells them apart; the store checks existence again in
                // its transaction (a record deleted meanwhile).
                if (!may_see_record(ctx, r, comments)) {
                    errors.push_back({path, no_such_record(r)});
                    continue;
                }
                if (std::find(records.begin(), records.end(), r) != records.end()) {
                    errors.push_back({path, "'" + r + "' is named twice"});
                    continue;
                }
                records.push_back(r);
            }
            // Kept: what exists but the writer may not see. A record that no longer exists goes.
            for (const auto& kept : base.records) {
                const auto comment = model::comment_reference(kept);
                const bool exists = comment ? comments.find(comment) != nullptr
                                            : ctx.data().mission(kept) || ctx.data().objective(kept);
                if (exists && !may_see_record(ctx, kept, comments) &&
                    std::find(records.begin(), records.end(), kept) == records.end()) {
                    records.push_back(kept);
                }
            }
            base.records = std::move(records);
        } else {
            errors.push_back({"/" + key, "unknown field (allowed: title, description, owner_agency, status, records)"});
        }
    }
    // The item's own rules too, so that one answer names every bad field (a field already named keeps its error).
    for (auto& e : model::action_item_errors(base)) {
        const auto named = [&](const model::FieldError& f) { return f.path == e.path; };
        if (std::none_of(errors.begin(), errors.end(), named)) errors.push_back(std::move(e));
    }
    model::throw_if_any(errors);
    return base;
}

model::ActionItem action_item_of(Context& ctx, const std::string& text) {
    auto item = ctx.store.action_item(positive_id(text, "action item"));
    if (!item) throw not_found("action item", text);
    return *item;
}

}  // namespace ger::server::detail
