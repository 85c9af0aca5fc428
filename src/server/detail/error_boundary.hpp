// The one error boundary: every exception that leaves a handler becomes one row of the problem table
// (server/problem.hpp), here and nowhere else. Store and model errors map as follows:
//   model::ValidationError          -> 422 validation (with its field errors)
//   store::NotFoundError            -> 404 not-found
//   store::ConflictError, on create -> 409 already-exists; on a change -> 412 stale-etag
//   store::IntegrityError           -> 409 in-use
//   store::StoreError (the rest)    -> 503 store-unavailable (logged)
//   anything else                   -> 500 internal (logged; the client learns nothing of it)
#pragma once

#include <exception>

#include "server/detail/http_error.hpp"

namespace ger::server::detail {

// The problem for the exception in flight (call inside a catch block); logs what the client is not told.
HttpError current_problem(std::string_view method, std::string_view path);

}  // namespace ger::server::detail
