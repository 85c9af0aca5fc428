#include "store/import.hpp"

#include "model/json.hpp"
#include "model/validation.hpp"

namespace ger::store {

model::Dataset import_dataset(Store& store, std::string_view text, const std::string& source_name,
                              const Actor& actor) {
    model::Dataset data = model::parse_dataset(text, source_name);
    auto errors = model::validate(data);
    if (!errors.empty()) {
        for (auto& error : errors) {
            if (error.path.rfind(source_name, 0) != 0) error.path = source_name + "#" + error.path;
        }
        throw model::ValidationError(std::move(errors));
    }
    store.replace_all(data, actor);
    return data;
}

}  // namespace ger::store
