#include "astro/bundled_catalog.hpp"

// NOTE: .incbin rather than a generated array: 4 MB as a C++ initializer costs the compiler a minute and a GB; the
// assembler copies the bytes as they are. GER_BUNDLED_NEA_PATH is set by bundled_catalog.cmake, which also makes
// this file rebuild when data/NEA.txt changes.
asm(".section .rodata\n"
    ".balign 16\n"
    "ger_bundled_nea_begin:\n"
    ".incbin \"" GER_BUNDLED_NEA_PATH "\"\n"
    "ger_bundled_nea_end:\n"
    ".byte 0\n"
    ".previous\n");

namespace ger::astro {
namespace {

extern "C" const char ger_bundled_nea_begin[];
extern "C" const char ger_bundled_nea_end[];

}  // namespace

std::string_view bundled_catalog_text() {
    return {ger_bundled_nea_begin, static_cast<std::size_t>(ger_bundled_nea_end - ger_bundled_nea_begin)};
}

const Catalog& bundled_catalog() {
    static const Catalog catalog = parse_catalog(bundled_catalog_text(), CatalogFormat::mpc);
    return catalog;
}

std::optional<TransferBody> find_in_bundled_catalog(std::string_view name) {
    for (const auto& object : bundled_catalog().objects) {
        if (matches_designation(object, name)) return SmallBodyOrbit{object.designation, object.elements, object.epoch};
    }
    return std::nullopt;
}

}  // namespace ger::astro
