// Reading a small-body catalogue file for `ger catalog` and `ger survey` (astro parses text; the CLI reads).
#pragma once
#include <cstddef>
#include <string>

#include "astro/catalog.hpp"

namespace ger::cli {

// What the messages call the catalogue compiled into ger (astro/bundled_catalog.hpp): a `path` of "" in
// load_catalog_file.
inline constexpr const char* bundled_catalog_label = "the bundled data/NEA.txt";

// Reads `path` ("": the bundled catalogue) and parses it (format "auto", "mpc" or "sbdb"). Skipped lines are reported on stderr as
// "ger <command>: skipped line N, field F: ..." (the first 10, then a count). Throws CommandError when the file
// cannot be read or, with `strict`, on the first bad line.
astro::Catalog load_catalog_file(const std::string& path, const std::string& format, bool strict,
                                 const std::string& command);

}  // namespace ger::cli
