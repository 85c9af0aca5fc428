// Importing a whole data set from its JSON text: parse, check every rule, then replace, all or nothing.
#pragma once

#include <string>
#include <string_view>

#include "model/records.hpp"
#include "store/store.hpp"

namespace ger::store {

// Parses `text` (the JSON of a whole data set read from `source_name`, e.g. a file name) with
// model::parse_dataset, checks it with model::validate and, only when both pass, replaces the store's data set.
// Throws model::ValidationError whose paths name `source_name` and the JSON path of the bad field
// ("roadmap.json#/missions/3/lead_agency", as model::parse_dataset writes them); the store is then unchanged. Returns the imported data set.
model::Dataset import_dataset(Store& store, std::string_view text, const std::string& source_name,
                              const Actor& actor);

}  // namespace ger::store
