#include "server/detail/feasibility_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "render/porkchop_svg.hpp"

namespace ger::server::detail {

analysis::FeasibilityOptions FeasibilityWorker::default_options() {
    analysis::FeasibilityOptions o;
    o.threads = 1;
    return o;
}

FeasibilityWorker::FeasibilityWorker(analysis::FeasibilityOptions options) : m_options(std::move(options)) {}

FeasibilityWorker::~FeasibilityWorker() { stop(); }

void FeasibilityWorker::start(std::string db) {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable() || m_stopping) return;
    m_db = std::move(db);
    m_thread = std::thread([this] { run(); });
}

std::shared_ptr<FeasibilityWorker::Result> FeasibilityWorker::stored(store::Store* store, const model::Mission& mission,
                                                                     const std::string& key) {
    if (!store) return nullptr;
    try {
        const auto kept = store->derived("feasibility", mission.id);
        if (!kept || kept->key != key) return nullptr;
        const auto j = nlohmann::json::parse(kept->content);
        auto result = std::make_shared<Result>();
        result->key = key;
        result->feasibility = analysis::feasibility_from_json(j.at("feasibility"));
        result->porkchop_svg = j.at("porkchop_svg").get<std::string>();
        result->porkchop_window = j.at("porkchop_window").get<std::string>();
        result->seconds = j.at("seconds").get<double>();
        result->computed_at = kept->computed_at;
        return result;
    } catch (const std::exception& e) {
        // A result this version cannot read is computed again (and replaced).
        spdlog::warn("feasibility: mission {}: stored result unreadable ({}); computing it again", mission.id, e.what());
        return nullptr;
    }
}

void FeasibilityWorker::keep(store::Store* store, const model::Mission& mission, const Result& result) {
    if (!store) return;
    const nlohmann::json content{{"feasibility", analysis::to_json(result.feasibility)},
                                 {"porkchop_svg", result.porkchop_svg},
                                 {"porkchop_window", result.porkchop_window},
                                 {"seconds", result.seconds}};
    try {
        store->put_derived({"feasibility", mission.id, result.key, content.dump(), result.computed_at});
    } catch (const std::exception& e) {
        spdlog::warn("feasibility: mission {}: not kept in the database ({}); served from memory", mission.id, e.what());
    }
}

bool FeasibilityWorker::started() const {
    std::lock_guard lock(m_mutex);
    return m_thread.joinable() && !m_stopping;
}

bool FeasibilityWorker::qualifies(const model::Mission& mission) const {
    return analysis::feasibility_applies(mission, m_options);
}

void FeasibilityWorker::offer(const Snapshot& snapshot) {
    {
        std::lock_guard lock(m_mutex);
        if (snapshot.change_id <= m_offered_change) return;
        m_offered_change = snapshot.change_id;
        if (snapshot.base() != m_offered_base) {
            m_offered_base = snapshot.base();
            m_base_qualifying.clear();
            for (const auto& m : m_offered_base->data().missions) {
                if (qualifies(m)) m_base_qualifying.push_back(&m);
            }
        }
        const auto& changed = snapshot.changed_missions();
        m_missions.clear();
        for (const auto* m : m_base_qualifying) {
            if (!changed.contains(m->id)) m_missions.push_back(*m);
        }
        for (const auto& [id, c] : changed) {
            if (c.state && qualifies(*c.state)) m_missions.push_back(*c.state);
        }
    }
    m_wake.notify_one();
}

std::shared_ptr<const FeasibilityWorker::Result> FeasibilityWorker::result(const model::Mission& mission) const {
    if (!qualifies(mission)) return nullptr;
    const auto key = analysis::feasibility_key(mission, m_options);
    std::lock_guard lock(m_mutex);
    const auto it = m_results.find(mission.id);
    if (it == m_results.end() || it->second->key != key) return nullptr;
    return it->second;
}

void FeasibilityWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) m_thread.join();
}

void FeasibilityWorker::run() {
    std::unique_ptr<store::Store> store;
    try {
        store = store::open_store(m_db, store::OpenMode::existing);
    } catch (const std::exception& e) {
        spdlog::warn("feasibility: database {} not usable ({}); results kept in memory only", m_db, e.what());
    }
    for (;;) {
        // The next mission whose result is missing or stale for the newest offer.
        std::optional<model::Mission> next;
        std::string key;
        {
            std::unique_lock lock(m_mutex);
            for (;;) {
                if (m_stopping) return;
                if (m_done_change < m_offered_change) {
                    std::set<std::string> current;
                    for (const auto& m : m_missions) {
                        current.insert(m.id);
                        key = analysis::feasibility_key(m, m_options);
                        const auto it = m_results.find(m.id);
                        if (it == m_results.end() || it->second->key != key) {
                            next = m;
                            break;
                        }
                    }
                    if (next) break;
                    std::erase_if(m_results, [&](const auto& entry) { return !current.contains(entry.first); });
                    m_done_change = m_offered_change;
                }
                m_wake.wait(lock, [this] { return m_stopping || m_done_change < m_offered_change; });
            }
        }
        if (auto kept = stored(store.get(), *next, key)) {
            std::lock_guard lock(m_mutex);
            m_results[next->id] = std::move(kept);
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        auto result = std::make_shared<Result>();
        result->key = key;
        try {
            model::Dataset alone;
            alone.missions.push_back(*next);
            auto checked = analysis::check_feasibility(alone, m_options);
            if (checked.size() == 1) {
                result->feasibility = std::move(checked.front());
                if (auto window = analysis::window_porkchop(result->feasibility, m_options)) {
                    render::PorkchopSvgOptions svg;
                    svg.minimum = window->minimum ? std::optional(window->minimum->refined) : std::nullopt;
                    svg.title = next->name + ": Earth to " + result->feasibility.target + ", " + window->window;
                    result->porkchop_svg = render::porkchop_svg(window->grid, svg);
                    result->porkchop_window = window->window;
                }
            }
        } catch (const std::exception& e) {
            // A result that says so, not a retry loop: the same fields would fail the same way.
            result->feasibility.mission = next->id;
            result->feasibility.verdict = analysis::Verdict::out_of_range;
            result->feasibility.message = std::string("not computed: ") + e.what();
            spdlog::error("feasibility: mission {}: {}", next->id, e.what());
        }
        result->computed_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        keep(store.get(), *next, *result);
        std::lock_guard lock(m_mutex);
        m_results[next->id] = std::move(result);
    }
}

}  // namespace ger::server::detail
