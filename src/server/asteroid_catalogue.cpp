#include "server/detail/asteroid_catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace ger::server::detail {

const AsteroidCatalogue::Row* AsteroidCatalogue::Survey::find(std::string_view designation) const {
    const auto it = by_key.find(key_of(designation));
    return it == by_key.end() ? nullptr : &rows[it->second];
}

std::string AsteroidCatalogue::key_of(std::string_view designation) {
    std::string key;
    for (const char c : designation) {
        if (c == ' ') continue;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return key;
}

namespace {

// Rows with the value first, ascending (stable: ties keep designation order), then the rest.
template <class Value>
void sort_by(const std::vector<AsteroidCatalogue::Row>& rows, std::vector<std::uint32_t>& order, std::size_t& valued,
             Value value) {
    order.resize(rows.size());
    std::iota(order.begin(), order.end(), 0u);
    const auto split = std::stable_partition(order.begin(), order.end(), [&](std::uint32_t i) { return value(rows[i]).has_value(); });
    std::stable_sort(order.begin(), split, [&](std::uint32_t a, std::uint32_t b) { return *value(rows[a]) < *value(rows[b]); });
    valued = static_cast<std::size_t>(split - order.begin());
}

void sort_orders(AsteroidCatalogue::Survey& s) {
    using O = AsteroidCatalogue::Order;
    using Row = AsteroidCatalogue::Row;
    const auto at = [&](O o) { return static_cast<std::size_t>(o); };
    sort_by(s.rows, s.ascending[at(O::min_dv)], s.valued[at(O::min_dv)], [](const Row& r) { return r.min_dv_km_s; });
    sort_by(s.rows, s.ascending[at(O::min_duration)], s.valued[at(O::min_duration)],
            [](const Row& r) { return r.min_duration_days; });
    sort_by(s.rows, s.ascending[at(O::h)], s.valued[at(O::h)], [](const Row& r) { return r.h_mag; });
    sort_by(s.rows, s.ascending[at(O::launch)], s.valued[at(O::launch)], [](const Row& r) { return r.launch; });
    sort_by(s.rows, s.ascending[at(O::viable_count)], s.valued[at(O::viable_count)],
            [](const Row& r) { return std::optional<long long>(r.viable_count); });
    sort_by(s.rows, s.ascending[at(O::designation)], s.valued[at(O::designation)],
            [](const Row& r) { return std::optional<std::string>(r.designation); });
}

}  // namespace

std::shared_ptr<const AsteroidCatalogue::Survey> AsteroidCatalogue::current(store::Store& store) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_mutex);
        if (m_checked != std::chrono::steady_clock::time_point{} && now - m_checked < std::chrono::seconds(1)) {
            return m_survey;
        }
        m_checked = now;  // one request rechecks; the others keep the current run meanwhile
    }
    const auto latest = store.latest_survey_run(store::SurveyRunState::complete);
    {
        std::lock_guard lock(m_mutex);
        if (!latest) return m_survey = nullptr;
        if (m_survey && m_survey->run.id == latest->id) return m_survey;
    }
    auto survey = std::make_shared<Survey>();
    survey->run = *latest;
    survey->criteria = nlohmann::json::parse(latest->criteria, nullptr, false);
    if (survey->criteria.is_discarded() || !survey->criteria.is_object()) survey->criteria = nlohmann::json::object();
    for (auto& t : store.survey_targets(latest->id)) {
        survey->viable += t.viable_count > 0;
        survey->by_key.emplace(key_of(t.designation), survey->rows.size());
        Row row{std::move(t.designation), t.h_mag, t.viable_count, t.min_dv_km_s, t.min_duration_days,
                std::move(t.min_dv_launch), std::move(t.detail), {}, {}};
        row.key = key_of(row.designation);
        const auto number = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
        row.item_json = nlohmann::json{{"designation", row.designation},
                                       {"h", number(row.h_mag)},
                                       {"viable_count", row.viable_count},
                                       {"min_dv_km_s", number(row.min_dv_km_s)},
                                       {"min_duration_days", number(row.min_duration_days)},
                                       {"launch", row.launch ? nlohmann::json(*row.launch) : nlohmann::json(nullptr)}}
                            .dump();
        survey->rows.push_back(std::move(row));
    }
    sort_orders(*survey);
    std::lock_guard lock(m_mutex);
    if (!m_survey || m_survey->run.id < survey->run.id) m_survey = std::move(survey);
    return m_survey;
}

std::optional<std::string> AsteroidCatalogue::porkchop(long long run, const std::string& designation) const {
    const auto key = std::to_string(run) + '\n' + key_of(designation);
    std::lock_guard lock(m_mutex);
    for (const auto& [k, svg] : m_porkchops) {
        if (k == key) return svg;
    }
    return std::nullopt;
}

void AsteroidCatalogue::remember_porkchop(long long run, const std::string& designation, std::string svg) {
    auto key = std::to_string(run) + '\n' + key_of(designation);
    std::lock_guard lock(m_mutex);
    std::erase_if(m_porkchops, [&](const auto& entry) { return entry.first == key; });
    m_porkchops.emplace_front(std::move(key), std::move(svg));
    if (m_porkchops.size() > porkchop_cache_size) m_porkchops.pop_back();
}

}  // namespace ger::server::detail
