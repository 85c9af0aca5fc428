// libFuzzer harness for a data set file as `ger import` reads it: parse_dataset, then validate across records.
// A bad file must be refused with a ValidationError (it names where); anything else (a crash, a sanitizer
// report, another exception) is a finding. A file that parses must survive the round trip through its own
// export unchanged, as `ger export | ger import` relies on.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/json.hpp"
#include "model/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ger::model::Dataset dataset;
    try {
        dataset = ger::model::parse_dataset(text, "fuzz.json");
    } catch (const ger::model::ValidationError&) {
        return 0;
    }
    (void)ger::model::validate(dataset);
    const auto exported = ger::model::to_json(dataset).dump();
    try {
        if (ger::model::parse_dataset(exported, "export.json") != dataset) std::abort();
    } catch (const ger::model::ValidationError&) {
        std::abort();  // the export of an accepted file must be accepted
    }
    return 0;
}
