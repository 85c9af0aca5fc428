#include "model/error.hpp"

namespace ger::model {

namespace {

// A data set with thousands of bad rows must still give a readable message; the full list stays in errors().
constexpr std::size_t max_listed_errors = 50;

std::string describe(const std::vector<FieldError>& errors) {
    if (errors.empty()) return "validation failed";
    std::string out;
    std::size_t listed = 0;
    for (const auto& e : errors) {
        if (listed == max_listed_errors) {
            out += "\n... and " + std::to_string(errors.size() - listed) + " more";
            break;
        }
        if (listed > 0) out += '\n';
        out += e.path.empty() ? e.message : e.path + ": " + e.message;
        ++listed;
    }
    return out;
}

}  // namespace

ValidationError::ValidationError(std::vector<FieldError> errors)
    : std::runtime_error(describe(errors)), m_errors(std::move(errors)) {}

}  // namespace ger::model
