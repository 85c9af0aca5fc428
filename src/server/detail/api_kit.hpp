// The API's shared pieces (api.cpp; also editions.cpp and comments.cpp): query parameters, JSON bodies and
// answers, offset pages, ETags and If-Match.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/records.hpp"
#include "server/detail/app.hpp"

namespace ger::server::detail {

inline constexpr std::size_t default_page = 100;
inline constexpr std::size_t max_page = 500;

// 400 invalid-parameter naming the parameter.
HttpError bad_query(const std::string& name, const std::string& message);
// A whole number in [0, max]; `fallback` when the parameter is absent.
std::size_t query_size(const Context& ctx, const std::string& name, std::size_t fallback, std::size_t max);
std::optional<model::Timestamp> query_time(const Context& ctx, const std::string& name);
template <class E>
std::optional<E> query_enum(const Context& ctx, const std::string& name) {
    auto text = ctx.query(name);
    if (!text) return std::nullopt;
    auto value = model::parse_enum<E>(*text);
    if (!value) throw bad_query(name, "'" + *text + "' is not one of " + model::allowed_values<E>());
    return value;
}

void send_json(Context& ctx, const nlohmann::json& body, int status = 200);
// {"items", "total", "limit", "offset", "next"} of `items` (all the caller may read) by ?limit and ?offset.
void send_item_page(Context& ctx, std::vector<nlohmann::json> items);

// "\"3\"" for version 3.
std::string etag_of(int version);
// The version an If-Match names; 428 when missing, 400 invalid-if-match when it is not one of our ETags.
int required_if_match(const Context& ctx);
// 415 unless the body is application/json (or merge-patch+json when `merge_patch`).
void require_json_body(const Context& ctx, bool merge_patch);
// The body as a JSON object (422 otherwise).
nlohmann::json parse_body(const Context& ctx);

}  // namespace ger::server::detail
