// The newest complete NEA survey run as the asteroid pages and API read it (store/survey_runs.hpp): loaded from
// the store once per run (a whole catalogue is ~20,000 rows, ~20 MB with each object's round trips), rechecked at
// most once a second, then filtered and sorted in memory per request. Also keeps the last few outbound
// porkchops drawn for target pages, and lets only one be computed at a time, so no client can make the server
// draw many at once.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"

namespace ger::server::detail {

class AsteroidCatalogue {
public:
    struct Row {
        std::string designation;
        std::optional<double> h_mag;
        long long viable_count = 0;
        std::optional<double> min_dv_km_s;
        std::optional<double> min_duration_days;
        std::optional<std::string> launch;  // of the least-dv round trip
        std::string detail;                 // JSON, as stored
        std::string key;                    // key_of(designation)
        std::string item_json;              // the row as the API lists it (serialized once, at load)
    };
    // The orders the table sorts by.
    enum class Order : std::uint8_t { min_dv, min_duration, h, launch, viable_count, designation };
    static constexpr std::size_t order_count = 6;
    struct Survey {
        store::SurveyRun run;
        nlohmann::json criteria;
        std::vector<Row> rows;                               // designation order
        std::unordered_map<std::string, std::size_t> by_key;  // key_of(designation) -> row
        std::size_t viable = 0;                              // rows with a viable round trip
        // Per order, the rows with that value ascending (ties in designation order), then those without it;
        // `valued` counts the first kind. Sorted once per run, so a request only filters.
        std::array<std::vector<std::uint32_t>, order_count> ascending;
        std::array<std::size_t, order_count> valued{};
        const Row* find(std::string_view designation) const;
    };

    // nullptr: no complete run stored yet.
    std::shared_ptr<const Survey> current(store::Store& store);

    // A designation as a lookup key: case and spaces do not matter ("2000 SG344" = "2000sg344").
    static std::string key_of(std::string_view designation);

    // Outbound porkchops drawn for target pages, by run id and designation; the newest `porkchop_cache_size`.
    std::optional<std::string> porkchop(long long run, const std::string& designation) const;
    void remember_porkchop(long long run, const std::string& designation, std::string svg);
    // Held while one porkchop is computed; try_lock it, and answer "try again" when it is taken.
    std::mutex drawing;

    static constexpr std::size_t porkchop_cache_size = 32;

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const Survey> m_survey;
    std::chrono::steady_clock::time_point m_checked{};
    std::list<std::pair<std::string, std::string>> m_porkchops;  // newest first: key, svg
};

}  // namespace ger::server::detail
