#include "server/detail/publisher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "render/report.hpp"
#include "store/store.hpp"

namespace ger::server::detail {

std::string_view to_string(Publisher::State state) {
    switch (state) {
        case Publisher::State::queued: return "queued";
        case Publisher::State::rendering: return "rendering";
        case Publisher::State::done: return "done";
        case Publisher::State::failed: return "failed";
    }
    return "failed";
}

Publisher::~Publisher() { stop(); }

void Publisher::start(std::string db, bool scan) {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) return;
    m_db = std::move(db);
    m_thread = std::thread([this, scan] { run(scan); });
}

void Publisher::enqueue(const std::string& edition) {
    {
        std::lock_guard lock(m_mutex);
        auto it = m_status.find(edition);
        if (it != m_status.end() && (it->second.state == State::queued || it->second.state == State::rendering)) {
            return;
        }
        m_status[edition] = {State::queued, ""};
        m_queue.push_back(edition);
    }
    m_wake.notify_one();
}

std::optional<Publisher::Status> Publisher::status(const std::string& edition) const {
    std::lock_guard lock(m_mutex);
    auto it = m_status.find(edition);
    if (it == m_status.end()) return std::nullopt;
    return it->second;
}

void Publisher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) m_thread.join();
}

void Publisher::run(bool scan) {
    if (scan) {
        try {
            auto store = store::open_store(m_db, store::OpenMode::existing);
            for (const auto& name : store->frozen_editions()) {
                const auto stored = store->edition_artefacts(name);
                const bool complete = std::all_of(artefact_kinds.begin(), artefact_kinds.end(), [&](const auto& kind) {
                    return std::any_of(stored.begin(), stored.end(), [&](const auto& a) { return a.kind == kind; });
                });
                if (!complete) enqueue(name);
            }
        } catch (const std::exception& e) {
            spdlog::error("publisher: cannot list the frozen editions: {}", e.what());
        }
    }
    for (;;) {
        std::string edition;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            edition = m_queue.front();
            m_queue.pop_front();
            m_status[edition] = {State::rendering, ""};
        }
        Status result{State::done, ""};
        try {
            publish(edition);
        } catch (const std::exception& e) {
            spdlog::error("publisher: edition {}: {}", edition, e.what());
            result = {State::failed, e.what()};
        }
        std::lock_guard lock(m_mutex);
        m_status[edition] = result;
    }
}

void Publisher::publish(const std::string& edition) {
    auto store = store::open_store(m_db, store::OpenMode::existing);
    auto snapshot = store->edition_snapshot(edition);
    if (!snapshot) throw std::runtime_error("edition '" + edition + "' is not frozen");
    const auto stored = store->edition_artefacts(edition);
    const auto has = [&](const std::string& kind) {
        return std::any_of(stored.begin(), stored.end(), [&](const auto& a) { return a.kind == kind; });
    };
    if (std::all_of(artefact_kinds.begin(), artefact_kinds.end(), has)) return;
    const auto start = std::chrono::steady_clock::now();
    for (auto& file : render::publish_files(snapshot->data)) {
        if (has(file.kind)) continue;
        try {
            store->put_edition_artefact(edition, {file.kind, file.media_type, std::move(file.content), {}});
        } catch (const store::ConflictError&) {
            // another process (ger edition freeze, a second server) stored it first: theirs stays
        }
    }
    spdlog::info("publisher: edition {} published in {:.1f} s", edition,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

}  // namespace ger::server::detail
