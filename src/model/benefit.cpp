#include "model/benefit.hpp"

#include <algorithm>

namespace ger::model {

const std::vector<BenefitCategory>& benefit_categories() {
    static const std::vector<BenefitCategory> categories{
        {"new-knowledge",
         "New knowledge and innovation",
         "Exploration answers questions about the origin of the Solar System, the history of the Earth and "
         "whether life exists elsewhere, and the hard problems it poses drive new technology in materials, "
         "robotics, medicine and energy.",
         {"search-for-life", "space-earth-applied-science", "science-for-human-exploration",
          "exploration-technologies"}},
        {"economic-expansion",
         "Economic expansion",
         "New capabilities open new markets and industries: commercial services in low-Earth orbit and "
         "beyond, the use of resources found in space, and the skilled jobs and suppliers exploration sustains.",
         {"economic-expansion", "exploration-technologies", "extend-human-presence"}},
        {"culture-inspiration",
         "Culture and inspiration",
         "Exploration inspires people, above all the young, to study science and engineering, and gives the "
         "world shared achievements and a new view of humanity's place in the universe.",
         {"public-engagement", "extend-human-presence", "search-for-life"}},
        {"global-challenges",
         "Global challenges",
         "Capabilities built for exploration help meet challenges every nation shares: protecting the Earth "
         "from asteroid impacts and space weather, understanding the climate, and working together in peace.",
         {"earth-safety", "space-earth-applied-science"}},
    };
    return categories;
}

const BenefitCategory* benefit_category(std::string_view code) {
    const auto& all = benefit_categories();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.code == code; });
    return it == all.end() ? nullptr : &*it;
}

}  // namespace ger::model
