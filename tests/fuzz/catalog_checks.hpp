// What the two catalogue harnesses (mpc_catalog, sbdb_catalog) ask of a parsed catalogue, whatever the text:
// refusals are CatalogError and nothing else; every object kept is an orbit the survey can propagate (finite
// elliptic elements, angles wrapped to [0, 2 pi), a designation); strict mode accepts exactly the texts that
// lenient mode reads without skipping a line, with the same objects. A breach aborts, which libFuzzer reports.
#pragma once

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "astro/catalog.hpp"

namespace ger::fuzz {

inline void check_object(const astro::CatalogObject& o) {
    constexpr double two_pi = 6.283185307179586;
    const auto& el = o.elements;
    const bool finite = std::isfinite(el.a_km) && std::isfinite(el.e) && std::isfinite(el.i_rad) &&
                        std::isfinite(el.raan_rad) && std::isfinite(el.argp_rad) &&
                        std::isfinite(el.mean_anomaly_rad);
    if (!finite || !(el.a_km > 0) || !(el.e >= 0 && el.e < 1) || !(el.i_rad >= 0 && el.i_rad <= two_pi / 2)) {
        std::abort();
    }
    for (const double angle : {el.raan_rad, el.argp_rad, el.mean_anomaly_rad}) {
        if (!(angle >= 0 && angle < two_pi)) std::abort();
    }
    if (o.designation.empty() || !(std::isnan(o.h_mag) || std::isfinite(o.h_mag))) std::abort();
}

inline void check_catalog(std::string_view text, astro::CatalogFormat format) {
    std::optional<astro::Catalog> lenient;
    try {
        lenient = astro::parse_catalog(text, format, false);
    } catch (const astro::CatalogError&) {
    }
    std::optional<astro::Catalog> strict;
    try {
        strict = astro::parse_catalog(text, format, true);
    } catch (const astro::CatalogError&) {
    }
    if (lenient) {
        for (const auto& o : lenient->objects) check_object(o);
        for (const auto& issue : lenient->skipped) {
            if (issue.line == 0 || issue.field.empty() || issue.message.empty()) std::abort();
        }
    }
    if (strict) {
        // Strict accepted it: lenient must too, skipping nothing, keeping the same objects.
        if (!lenient || !lenient->skipped.empty() || !strict->skipped.empty()) std::abort();
        if (lenient->objects.size() != strict->objects.size()) std::abort();
        for (std::size_t k = 0; k < strict->objects.size(); ++k) {
            if (lenient->objects[k].designation != strict->objects[k].designation) std::abort();
        }
    } else if (lenient && lenient->skipped.empty()) {
        std::abort();  // strict refused a text lenient read whole
    }
}

}  // namespace ger::fuzz
