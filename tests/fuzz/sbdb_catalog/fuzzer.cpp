// libFuzzer harness for a JPL SBDB CSV export as `ger catalog import` reads it, strict and lenient; the checks
// are catalog_checks.hpp's.
#include <cstdint>
#include <string_view>

#include "catalog_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ger::fuzz::check_catalog(std::string_view(reinterpret_cast<const char*>(data), size),
                             ger::astro::CatalogFormat::sbdb_csv);
    return 0;
}
