// Typed errors of the model: where a value came from (a JSON path, a file line) and what is wrong with it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ger::model {

// One problem with one field. `path` is a JSON pointer-like path ("/missions/3/launch") or "file:line:field".
struct FieldError {
    std::string path;
    std::string message;
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// Text that cannot be parsed as the value it should hold.
class ParseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A record or data set that breaks the model's rules; carries every problem found, not just the first.
class ValidationError : public std::runtime_error {
public:
    explicit ValidationError(std::vector<FieldError> errors);
    const std::vector<FieldError>& errors() const { return m_errors; }

private:
    std::vector<FieldError> m_errors;
};

}  // namespace ger::model
