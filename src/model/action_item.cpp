#include "model/action_item.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "model/json.hpp"
#include "model/plain_text.hpp"
#include "model/validation.hpp"

namespace ger::model {
namespace {

bool is_agency_code(std::string_view code) {
    if (code.size() < 2 || code.size() > 16 || code[0] < 'A' || code[0] > 'Z') return false;
    for (const char c : code) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    }
    return true;
}

}  // namespace

std::vector<ActionItem> action_items_between(const std::vector<ActionItem>& items,
                                             const std::vector<Workshop>& workshops, Day a, Day b) {
    const auto earlier = std::min(a, b);
    const auto later = std::max(a, b);
    std::map<std::string, Day> held;  // workshop id -> first day, for those in the interval
    for (const auto& w : workshops) {
        if (w.starts > earlier && w.starts <= later) held.emplace(w.id, w.starts);
    }
    std::vector<ActionItem> out;
    for (const auto& item : items) {
        if (held.contains(item.workshop)) out.push_back(item);
    }
    std::stable_sort(out.begin(), out.end(), [&](const ActionItem& x, const ActionItem& y) {
        const auto dx = held.at(x.workshop);
        const auto dy = held.at(y.workshop);
        return dx != dy ? dx < dy : x.id < y.id;
    });
    return out;
}

long long comment_reference(std::string_view record) {
    constexpr std::string_view prefix = "comment:";
    if (!record.starts_with(prefix)) return 0;
    const auto digits = record.substr(prefix.size());
    long long id = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0 || digits[0] == '0') return 0;
    return id;
}

std::vector<FieldError> action_item_errors(const ActionItem& item) {
    std::vector<FieldError> errors;
    check_plain_text(errors, "/title", item.title, max_action_title, true, false);
    check_plain_text(errors, "/description", item.description, max_action_description, false, true);
    if (!is_agency_code(item.owner_agency)) {
        errors.push_back({"/owner_agency", "an agency code such as ESA or Roscosmos"});
    }
    if (item.records.size() > max_action_records) {
        errors.push_back({"/records", "at most " + std::to_string(max_action_records) + " records"});
    }
    for (std::size_t i = 0; i < item.records.size() && i < max_action_records; ++i) {
        const auto& r = item.records[i];
        if (comment_reference(r) == 0 && !is_valid_slug(r)) {
            errors.push_back({"/records/" + std::to_string(i), "a mission or objective id, or comment:N"});
        }
    }
    return errors;
}

nlohmann::json to_json(const ActionItem& a) {
    return {{"id", a.id},
            {"version", a.version},
            {"workshop", a.workshop},
            {"title", a.title},
            {"description", a.description},
            {"owner_agency", a.owner_agency},
            {"status", to_string(a.status)},
            {"records", a.records},
            {"created_at", format_timestamp(a.created_at)},
            {"updated_at", format_timestamp(a.updated_at)}};
}

}  // namespace ger::model
