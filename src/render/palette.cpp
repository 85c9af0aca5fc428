#include "render/palette.hpp"

namespace ger::render {

std::string_view agency_colour(std::string_view agency, std::size_t index_in_dataset) {
    for (const auto& entry : agency_palette) {
        if (entry.agency == agency) return entry.hex;
    }
    return agency_palette[index_in_dataset % agency_palette.size()].hex;
}

}  // namespace ger::render
