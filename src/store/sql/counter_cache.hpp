// The change counters (Store::last_change_id, community_change_id) as this process last read them, for a backend
// that is told of every commit that may advance them: its own commits, and, through the database, everyone
// else's (PostgreSQL's LISTEN/NOTIFY, store/postgresql/change_listener.hpp). A server asks the counters on every
// request; on PostgreSQL each ask was a round trip, as many as the requests themselves.
//
// Why the answer is never older than what it must show:
// - every event that may advance a counter (a write committed here, a notification, the listener reconnecting)
//   calls invalidate() after the commit is visible, and, for a write of this process, before its caller answers;
// - a value is kept together with the event count read *before* the database was asked, and served only while no
//   event came since: a commit that raced with the read leaves the count newer than the value, so the next ask
//   reads again.
// So a request sees every write this process acknowledged before it began; another server's write once its
// notification arrived (milliseconds), and at the latest after max_age whatever happened to the notifications.
// While no listener is connected nothing is served from memory.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>

namespace ger::store::sql {

struct ChangeCounters {
    long long roadmap = 0;
    long long community = 0;
};

class CounterCache {
public:
    // The longest a value is served without asking the database again (a lost notification's worst case).
    static constexpr std::chrono::milliseconds max_age{500};

    // Something may have advanced the counters: the next get() asks the database.
    void invalidate() noexcept { m_events.fetch_add(1, std::memory_order_acq_rel); }

    // Whether every commit is being announced (a listener is connected). Off: every get() asks the database.
    void set_listening(bool listening) noexcept {
        invalidate();  // what happened while the listener was away (or before it came) is unknown
        m_listening.store(listening, std::memory_order_release);
    }
    bool listening() const noexcept { return m_listening.load(std::memory_order_acquire); }
    // How many events so far (for tests and diagnostics).
    unsigned long long events() const noexcept { return m_events.load(std::memory_order_acquire); }

    // The counters: the kept ones while they are current, else `read()`'s (the database's), which are kept.
    template <class Read>
    ChangeCounters get(Read&& read) {
        const auto events = m_events.load(std::memory_order_acquire);
        const auto now = std::chrono::steady_clock::now();
        if (listening()) {
            const std::lock_guard lock(m_mutex);
            if (m_kept && m_kept_events == events && now - m_read_at < max_age) return m_value;
        }
        const ChangeCounters value = read();
        const std::lock_guard lock(m_mutex);
        if (!m_kept || events > m_kept_events) {
            m_value = value;
            m_kept_events = events;
            m_read_at = now;
            m_kept = true;
        } else if (events == m_kept_events) {
            // Two reads after the same event: the counters only grow, keep the newer of each.
            m_value.roadmap = std::max(m_value.roadmap, value.roadmap);
            m_value.community = std::max(m_value.community, value.community);
            m_read_at = std::max(m_read_at, now);
        }
        return value;
    }

private:
    std::atomic<unsigned long long> m_events{0};
    std::atomic<bool> m_listening{false};
    std::mutex m_mutex;  // guards what follows
    bool m_kept = false;
    ChangeCounters m_value;
    unsigned long long m_kept_events = 0;
    std::chrono::steady_clock::time_point m_read_at;
};

}  // namespace ger::store::sql
