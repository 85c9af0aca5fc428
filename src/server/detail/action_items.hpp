// A workshop's action items as the server shows and takes them, shared by the API (action_items_api.cpp), the
// portal's forms (action_item_pages.cpp), the workshop page (workshop_pages.cpp) and the edition diff
// (editions.cpp): what a reader may see of the records an
// item names, and a host's change checked so that a record the caller may not read answers exactly as one that
// does not exist, and stays on the item when the caller changes the rest.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/action_item.hpp"
#include "model/comment.hpp"
#include "model/workshop.hpp"
#include "server/detail/app.hpp"
#include "server/html.hpp"

namespace ger::server::detail {

// The comments the items of one answer name, each read from the store once.
class CommentLookup {
public:
    explicit CommentLookup(Context& ctx) : m_ctx(ctx) {}
    const model::Comment* find(long long id);

private:
    Context& m_ctx;
    std::map<long long, std::optional<model::Comment>> m_seen;
};

// Whether the caller may see a record an item names: a mission under its read rules, an objective always, a
// comment once accepted (the secretariat, who moderates them: always). A record that is gone is seen by nobody.
bool may_see_record(Context& ctx, const std::string& record, CommentLookup& comments);

// {"id", "version", "workshop", "title", "description", "owner_agency", "status", "records" (only those the
// caller may see), "created_at", "updated_at"}.
nlohmann::json action_item_view(Context& ctx, const model::ActionItem& item, CommentLookup& comments);

// The items as a list for the portal (the workshop page, the edition diff), their records as the caller may see
// them; `with_workshop` names each item's workshop.
html::Html action_items_html(Context& ctx, const std::vector<model::ActionItem>& items, bool with_workshop);

// `base` with the fields of a host's change (a JSON object of title, description, owner_agency, status and
// records; a field left out stays as in `base`). 422 naming each bad field; a record the caller may not see is
// refused with the words the store uses for one that does not exist. Records of `base` that exist and the caller
// may not see are kept, so a host who cannot read them does not remove them by changing the rest; records of
// `base` that no longer exist go when `records` is given.
model::ActionItem changed_action_item(Context& ctx, model::ActionItem base, const nlohmann::json& fields);

// The item whose id is `text`; 404 for a malformed or unknown id.
model::ActionItem action_item_of(Context& ctx, const std::string& text);

// For the workshop page, to its hosts: the links to add an item and to change each of `items`.
html::Html action_item_forms(const model::Workshop& workshop, const std::vector<model::ActionItem>& items);

void add_action_item_api_routes(App& app);
void add_action_item_page_routes(App& app);

}  // namespace ger::server::detail
