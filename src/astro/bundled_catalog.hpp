// The catalogue that ships with ger: the Minor Planet Center's near-Earth asteroid elements (data/NEA.txt, 20,060
// objects, epoch 2019-07-02.0 TT; data/SOURCES.md), compiled into the program so that every command and the
// server find its targets (Apophis, Phaethon, 2000 SG344...) without a file at run time.
//
// Thread-safety: all functions may be called concurrently; the catalogue is parsed once, on first use.
#pragma once

#include <optional>
#include <string_view>

#include "astro/catalog.hpp"
#include "astro/porkchop.hpp"

namespace ger::astro {

// The MPC one-line text as shipped.
std::string_view bundled_catalog_text();
// Parsed once (about 20 ms); skipped lines would be a packaging error, so there are none.
const Catalog& bundled_catalog();
// The bundled object that `name` designates (astro::matches_designation), as a transfer body.
std::optional<TransferBody> find_in_bundled_catalog(std::string_view name);

}  // namespace ger::astro
