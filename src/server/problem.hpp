// The problem types the server answers with (RFC 9457 problem+json for the API, an error page for the portal):
// one table, read by every handler, by the error boundary and by the OpenAPI generator. A type's slug is stable:
// clients switch on "urn:ger:problem:<slug>", so a slug is never renamed or reused.
#pragma once

#include <span>
#include <string_view>

namespace ger::server {

enum class Problem {
    bad_request,            // the request could not be read as HTTP
    invalid_encoding,       // a path, query, header, form or body that is not UTF-8, or a bad %-escape
    malformed_json,         // a body that is not JSON (or nests too deep)
    bad_form,               // a form that lacks a field or has a bad one
    unknown_parameter,      // a query parameter the endpoint does not take
    invalid_parameter,      // a query parameter with a bad value
    invalid_if_match,       // an If-Match that is not one of the server's ETags
    unauthorized,           // no credentials where the endpoint needs them
    invalid_token,          // a bearer token that is unknown or revoked
    forbidden,              // credentials that may not do this
    csrf,                   // a portal form without its session's CSRF token
    not_found,              // no such record, or one the caller may not read: the same answer
    no_route,               // nothing at this address
    method_not_allowed,
    request_timeout,        // the request head or body did not arrive in time
    already_exists,         // an id that is taken
    in_use,                 // a record others still refer to
    already_frozen,         // an edition that is frozen already
    stale,                  // a portal form based on a version that moved on
    stale_etag,             // If-Match names a version that moved on
    precondition_required,  // a change without If-Match
    body_too_large,
    uri_too_long,
    unsupported_media_type,
    validation,             // a record that breaks a rule; `errors` names each field
    too_many_requests,      // a rate limit (Retry-After says when to try again)
    headers_too_large,      // too many header bytes or fields
    internal,               // a fault of the server; its log has the details
    store_unavailable,      // the database cannot serve this now (read-only, full, restarting)
    being_generated,        // a file still being rendered (an edition's download, a mission's porkchop)
    login_required,         // a portal page that needs a session (a redirect to /login)
    registration_closed,    // a workshop registration outside the registration window
};

struct ProblemType {
    Problem problem;
    int status;
    std::string_view slug;   // stable: "not-found"
    std::string_view title;  // the same for every instance of the type
};

// Every type, in the order of the enum.
std::span<const ProblemType> problem_types();
const ProblemType& problem_type(Problem problem);

// "urn:ger:problem:" + slug
inline constexpr std::string_view problem_type_prefix = "urn:ger:problem:";

}  // namespace ger::server
