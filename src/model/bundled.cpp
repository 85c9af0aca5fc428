#include "model/bundled.hpp"

#include <cstddef>

#include "model/json.hpp"
#include "model/workshop.hpp"

namespace ger::model {

namespace detail {
// Defined in the file CMake generates from data/roadmap.json (see embed_file.cmake).
extern const unsigned char bundled_roadmap_json[];
extern const std::size_t bundled_roadmap_json_size;
extern const unsigned char bundled_pages_json[];
extern const std::size_t bundled_pages_json_size;
extern const unsigned char bundled_workshops_json[];
extern const std::size_t bundled_workshops_json_size;
}  // namespace detail

std::string_view bundled_dataset_json() {
    return {reinterpret_cast<const char*>(detail::bundled_roadmap_json), detail::bundled_roadmap_json_size};
}

Dataset bundled_dataset() {
    static const Dataset parsed = parse_dataset(bundled_dataset_json(), "data/roadmap.json");
    return parsed;
}

std::vector<PageRevision> bundled_pages() {
    const std::string_view text{reinterpret_cast<const char*>(detail::bundled_pages_json), detail::bundled_pages_json_size};
    const auto doc = nlohmann::json::parse(text);
    std::vector<PageRevision> out;
    for (const auto& p : doc.at("pages")) {
        PageRevision r;
        r.slug = p.at("slug").get<std::string>();
        r.revision = 1;
        r.title = p.at("title").get<std::string>();
        r.markdown = p.at("markdown").get<std::string>();
        r.summary = "First version, from the bundled data (data/pages)";
        r.author = "system";
        r.editor = "ISECG secretariat";
        r.at = parse_timestamp("2026-12-02T00:00:00Z");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Workshop> bundled_workshops() {
    static const std::vector<Workshop> parsed = [] {
        const std::string_view text{reinterpret_cast<const char*>(detail::bundled_workshops_json),
                                    detail::bundled_workshops_json_size};
        const auto doc = nlohmann::json::parse(text);
        std::vector<Workshop> out;
        for (std::size_t i = 0; i < doc.at("workshops").size(); ++i) {
            out.push_back(workshop_from_json(doc["workshops"][i], "data/workshops.json#/workshops/" + std::to_string(i)));
        }
        return out;
    }();
    return parsed;
}

}  // namespace ger::model
