// An action item a workshop agreed on: what is to be done, by which agency, about which records (missions,
// objectives, or public comments as "comment:N"), and how far it has got. The next edition's diff shows the
// items of the workshops held since the previous edition, with their status.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"
#include "model/error.hpp"
#include "model/records.hpp"
#include "model/workshop.hpp"

namespace ger::model {

enum class ActionStatus { open, in_progress, done, dropped };

template <>
struct EnumNames<ActionStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 4> values{"open", "in-progress", "done", "dropped"};
};

struct ActionItem {
    long long id = 0;
    int version = 0;
    std::string workshop;                // the workshop it came from
    std::string title;
    std::string description;
    std::string owner_agency;            // an agency code: who acts on it
    ActionStatus status = ActionStatus::open;
    std::vector<std::string> records;    // mission or objective ids, or "comment:N"
    Timestamp created_at{};
    Timestamp updated_at{};
    friend bool operator==(const ActionItem&, const ActionItem&) = default;
};

inline constexpr std::size_t max_action_title = 200;
inline constexpr std::size_t max_action_description = 5000;
inline constexpr std::size_t max_action_records = 50;

// Title required (plain text, at most max_action_title code points), description plain text, the owner an
// agency code in the form [A-Z][A-Za-z]{1,15}, at most max_action_records records, each a record id or
// "comment:" and a positive number. Paths "/title", "/description", "/owner_agency", "/records/3". Whether the
// records and the agency exist is the store's to check (in the transaction that writes the item).
std::vector<FieldError> action_item_errors(const ActionItem& item);

// What the diff between two editions shows: the items of the workshops that began after the earlier edition was
// published and on or before the later one (`a` and `b` in either order), ordered by the workshop's first day,
// then by item id. An item whose workshop is not in `workshops` is left out.
std::vector<ActionItem> action_items_between(const std::vector<ActionItem>& items,
                                             const std::vector<Workshop>& workshops, Day a, Day b);

// The item as the API and `ger actions list --format json` give it (every record it names: a reader's view drops
// those the reader may not see).
nlohmann::json to_json(const ActionItem& item);

// "comment:12" -> 12; 0 for anything else.
long long comment_reference(std::string_view record);

}  // namespace ger::model
