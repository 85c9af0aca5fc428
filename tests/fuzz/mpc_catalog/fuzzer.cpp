// libFuzzer harness for a Minor Planet Center one-line catalogue (MPCORB.DAT, NEA.txt) as `ger catalog import`
// reads it, strict and lenient; the checks are catalog_checks.hpp's.
#include <cstdint>
#include <string_view>

#include "catalog_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ger::fuzz::check_catalog(std::string_view(reinterpret_cast<const char*>(data), size), ger::astro::CatalogFormat::mpc);
    return 0;
}
