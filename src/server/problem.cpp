#include "server/problem.hpp"

#include <array>

namespace ger::server {
namespace {

using enum Problem;

constexpr std::array<ProblemType, 32> table{{
    {bad_request, 400, "bad-request", "Bad Request"},
    {invalid_encoding, 400, "invalid-encoding", "Invalid encoding"},
    {malformed_json, 400, "malformed-json", "Malformed JSON"},
    {bad_form, 400, "bad-form", "Bad Request"},
    {unknown_parameter, 400, "unknown-parameter", "Unknown query parameter"},
    {invalid_parameter, 400, "invalid-parameter", "Invalid query parameter"},
    {invalid_if_match, 400, "invalid-if-match", "Invalid If-Match"},
    {unauthorized, 401, "unauthorized", "Unauthorized"},
    {invalid_token, 401, "invalid-token", "Unauthorized"},
    {forbidden, 403, "forbidden", "Forbidden"},
    {csrf, 403, "csrf", "Forbidden"},
    {not_found, 404, "not-found", "Not Found"},
    {no_route, 404, "no-route", "Not Found"},
    {method_not_allowed, 405, "method-not-allowed", "Method Not Allowed"},
    {request_timeout, 408, "request-timeout", "Request Timeout"},
    {already_exists, 409, "already-exists", "Conflict"},
    {in_use, 409, "in-use", "Conflict"},
    {already_frozen, 409, "already-frozen", "Conflict"},
    {stale, 409, "stale", "Conflict"},
    {stale_etag, 412, "stale-etag", "Precondition Failed"},
    {precondition_required, 428, "precondition-required", "Precondition Required"},
    {body_too_large, 413, "body-too-large", "Payload Too Large"},
    {uri_too_long, 414, "uri-too-long", "URI Too Long"},
    {unsupported_media_type, 415, "unsupported-media-type", "Unsupported Media Type"},
    {validation, 422, "validation", "Invalid record"},
    {too_many_requests, 429, "too-many-requests", "Too Many Requests"},
    {headers_too_large, 431, "headers-too-large", "Request Header Fields Too Large"},
    {internal, 500, "internal", "Internal Server Error"},
    {store_unavailable, 503, "store-unavailable", "Service Unavailable"},
    {being_generated, 503, "being-generated", "Being generated"},
    {login_required, 303, "login-required", "See Other"},
    {registration_closed, 409, "registration-closed", "Conflict"},
}};

constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (static_cast<std::size_t>(table[i].problem) != i) return false;
    }
    return table.back().problem == registration_closed;
}
static_assert(table_in_enum_order(), "problem table rows follow the enum, one row per enumerator");

}  // namespace

std::span<const ProblemType> problem_types() { return table; }

const ProblemType& problem_type(Problem problem) { return table[static_cast<std::size_t>(problem)]; }

}  // namespace ger::server
