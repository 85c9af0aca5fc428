// Typed errors of the astro module: what a caller sent that cannot be computed, with a stable code.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace ger::astro {

// Stable codes for clients (the API edge maps them to structured errors); never renumber.
enum class AstroErrc {
    bad_time_text = 1,           // text is not a supported ISO 8601 UTC date/time
    time_out_of_range = 2,       // date outside the range the time conversions accept
    ephemeris_out_of_range = 3,  // date outside an ephemeris' validity span
    unknown_body = 4,            // body name not recognised or body not provided by an ephemeris
    no_convergence = 5,          // an iterative solver hit its hard iteration bound
    invalid_argument = 6,        // a numeric argument outside its domain (e.g. mu <= 0, e < 0)
};

std::string_view errc_name(AstroErrc code) noexcept;

// An input error: the message names the offending value and the allowed range.
class AstroError : public std::domain_error {
public:
    AstroError(AstroErrc code, const std::string& message) : std::domain_error(message), m_code(code) {}
    AstroErrc code() const noexcept { return m_code; }

private:
    AstroErrc m_code;
};

}  // namespace ger::astro
