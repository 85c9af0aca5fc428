// Renders the published files of frozen editions (render::publish_files: PDF, HTML, chart SVG, 300 dpi chart PNG)
// in one background thread and stores them with the edition, so no request waits for a PDF and none renders one.
// Fed by the secretariat's freeze (API and portal) and, when the server starts, by every frozen edition that
// lacks artefacts (the bundled 2011 and 2013 editions after `ger init`).
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ger::server::detail {

// The artefact kinds an edition publishes, as the store keeps them.
inline const std::vector<std::string> artefact_kinds{"pdf", "html", "chart-svg", "chart-png"};

class Publisher {
public:
    enum class State { queued, rendering, done, failed };
    struct Status {
        State state = State::queued;
        std::string message;  // failed: why
    };

    Publisher() = default;
    ~Publisher();
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    // Starts the worker on database `db` (its own Store); with `scan`, it first queues every frozen edition
    // missing an artefact. Once only.
    void start(std::string db, bool scan);
    // Queues `edition` (no-op when queued or rendering).
    void enqueue(const std::string& edition);
    // nullopt: never queued since the server started.
    std::optional<Status> status(const std::string& edition) const;
    // Drops the queue, lets the edition being rendered finish, joins. Idempotent.
    void stop();

private:
    void run(bool scan);
    void publish(const std::string& edition);

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::string> m_queue;
    std::map<std::string, Status> m_status;
    bool m_stopping = false;
    std::string m_db;
    std::thread m_thread;
};

std::string_view to_string(Publisher::State state);

}  // namespace ger::server::detail
