// The bundled NEA catalogue (data/NEA.txt) for tests: parsed once per test binary, objects looked up by
// designation. Header-only, shared by the survey tests.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "astro/catalog.hpp"

namespace ger::astro::testing {

inline const Catalog& bundled_catalog() {
    static const Catalog cat = [] {
        std::ifstream in(std::string(GER_SOURCE_DIR) + "/data/NEA.txt");
        std::stringstream ss;
        ss << in.rdbuf();
        return parse_mpc_catalog(ss.str(), true);
    }();
    return cat;
}

// Position in bundled_catalog().objects; throws std::runtime_error naming a designation it does not hold.
inline std::size_t bundled_index(std::string_view designation) {
    const auto& objects = bundled_catalog().objects;
    for (std::size_t k = 0; k < objects.size(); ++k) {
        if (matches_designation(objects[k], designation)) return k;
    }
    throw std::runtime_error("not in the bundled catalogue: " + std::string(designation));
}

inline const CatalogObject& bundled_object(std::string_view designation) {
    return bundled_catalog().objects[bundled_index(designation)];
}

}  // namespace ger::astro::testing
