// The default data set compiled into the library (data/roadmap.json): the 14 agencies of the coordination
// group, the common goals, the 2011 and 2013 editions, capability elements and the mission catalogue.
// `ger init` seeds a new store from it. Sources and derivation rules: data/SOURCES.md.
#pragma once

#include <string_view>

#include "model/content_page.hpp"
#include "model/records.hpp"
#include "model/workshop.hpp"

namespace ger::model {

// The JSON text exactly as committed in data/roadmap.json (static storage; valid for the program's life).
std::string_view bundled_dataset_json();

// The parsed data set. Parsed once on first use (thread-safe), then copied; throws ValidationError only if
// the committed JSON is broken, which the model tests rule out.
Dataset bundled_dataset();

// The content pages of data/pages.json (data/make_pages.py), as revision 1 by "system", edited by the ISECG
// secretariat, at the bundle's date: what `ger init` and the server seed a store with that lacks them.
std::vector<PageRevision> bundled_pages();

// The bundled workshops (data/workshops.json), parsed once.
std::vector<Workshop> bundled_workshops();

}  // namespace ger::model
