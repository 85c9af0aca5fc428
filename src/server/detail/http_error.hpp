// An error the client can act on: one row of the problem table (server/problem.hpp) with this instance's detail,
// answered as application/problem+json (API) or as an error page (portal) by the one error boundary
// (server.cpp). Handlers throw it; nothing else turns an error into a status.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/error.hpp"
#include "server/problem.hpp"

namespace ger::server::detail {

class HttpError : public std::runtime_error {
public:
    HttpError(Problem problem, std::string detail, std::vector<model::FieldError> errors = {})
        : std::runtime_error(std::move(detail)), m_type(&problem_type(problem)), m_errors(std::move(errors)) {}
    Problem problem() const { return m_type->problem; }
    int status() const { return m_type->status; }
    std::string_view type() const { return m_type->slug; }
    std::string_view title() const { return m_type->title; }
    const std::vector<model::FieldError>& errors() const { return m_errors; }
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. Allow, WWW-Authenticate, Retry-After

private:
    const ProblemType* m_type;
    std::vector<model::FieldError> m_errors;
};

}  // namespace ger::server::detail
