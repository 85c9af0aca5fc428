#include "model/bundled.hpp"

#include <cstddef>

#include "model/json.hpp"

namespace ger::model {

namespace detail {
// Defined in the file CMake generates from data/roadmap.json (see embed_file.cmake).
extern const unsigned char bundled_roadmap_json[];
extern const std::size_t bundled_roadmap_json_size;
}  // namespace detail

std::string_view bundled_dataset_json() {
    return {reinterpret_cast<const char*>(detail::bundled_roadmap_json), detail::bundled_roadmap_json_size};
}

Dataset bundled_dataset() {
    static const Dataset parsed = parse_dataset(bundled_dataset_json(), "data/roadmap.json");
    return parsed;
}

}  // namespace ger::model
