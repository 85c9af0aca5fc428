// The default data set compiled into the library (data/roadmap.json): the 14 agencies of the coordination
// group, the common goals, the 2011 and 2013 editions, capability elements and the mission catalogue.
// `ger init` seeds a new store from it. Sources and derivation rules: data/SOURCES.md.
#pragma once

#include <string_view>

#include "model/records.hpp"

namespace ger::model {

// The JSON text exactly as committed in data/roadmap.json (static storage; valid for the program's life).
std::string_view bundled_dataset_json();

// The parsed data set. Parsed once on first use (thread-safe), then copied; throws ValidationError only if
// the committed JSON is broken, which the model tests rule out.
Dataset bundled_dataset();

}  // namespace ger::model
