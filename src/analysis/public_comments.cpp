#include "analysis/public_comments.hpp"

#include <algorithm>
#include <map>

#include "model/json.hpp"

namespace ger::analysis {

std::vector<PublicComment> public_comments(const std::vector<model::Comment>& comments,
                                           const ReadableRecord& readable) {
    std::vector<const model::Comment*> accepted;
    for (const auto& c : comments) {
        if (c.status == model::CommentStatus::accepted) accepted.push_back(&c);
    }
    std::sort(accepted.begin(), accepted.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
    std::map<long long, std::size_t> group_index;  // group -> its entry in `out`
    std::vector<PublicComment> out;
    for (const auto* c : accepted) {
        if (auto it = group_index.find(c->group); it != group_index.end()) {
            ++out[it->second].similar;
            continue;
        }
        group_index.emplace(c->group, out.size());
        PublicComment p;
        p.id = c->id;
        p.edition = c->edition;
        p.section = c->section;
        if (c->mission && readable(*c->mission)) p.mission = c->mission;
        if (!c->erased) {
            p.name = c->name;
            p.affiliation = c->affiliation;
        }
        p.text = c->text;
        p.submitted_at = c->created_at;
        p.response = c->response;
        p.responded_at = c->responded_at;
        if (c->disposition) {
            auto d = *c->disposition;
            std::erase_if(d.records, [&](const std::string& id) { return !readable(id); });
            p.disposition = std::move(d);
        }
        out.push_back(std::move(p));
    }
    return out;
}

nlohmann::json to_json(const PublicComment& c) {
    using nlohmann::json;
    const auto optional_text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
    return {{"id", c.id},
            {"edition", c.edition},
            {"section", optional_text(c.section)},
            {"mission", optional_text(c.mission)},
            {"name", c.name.empty() ? json(nullptr) : json(c.name)},
            {"affiliation", c.affiliation},
            {"text", c.text},
            {"submitted_at", model::format_timestamp(c.submitted_at)},
            {"response", c.response},
            {"responded_at", c.responded_at ? json(model::format_timestamp(*c.responded_at)) : json(nullptr)},
            {"disposition", c.disposition ? model::to_json(*c.disposition) : json(nullptr)},
            {"similar_count", c.similar}};
}

}  // namespace ger::analysis
