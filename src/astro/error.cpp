#include "astro/error.hpp"

namespace ger::astro {

std::string_view errc_name(AstroErrc code) noexcept {
    switch (code) {
        case AstroErrc::bad_time_text: return "bad_time_text";
        case AstroErrc::time_out_of_range: return "time_out_of_range";
        case AstroErrc::ephemeris_out_of_range: return "ephemeris_out_of_range";
        case AstroErrc::unknown_body: return "unknown_body";
        case AstroErrc::no_convergence: return "no_convergence";
        case AstroErrc::invalid_argument: return "invalid_argument";
    }
    return "unknown";
}

}  // namespace ger::astro
