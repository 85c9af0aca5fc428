// One connection per database URL and process that LISTENs for the change counters' notifications (the trigger
// of schema step 15 announces every UPDATE of change_counters on channel ger_change_counters, delivered when the
// writing transaction commits) and tells a CounterCache, from a thread of its own. When the connection drops
// (the database restarted) the cache is told it is not listening, so every ask reads the database, and the
// listener connects again, once a second, by itself.
#pragma once

#include <memory>
#include <string>

#include "store/sql/counter_cache.hpp"

namespace ger::store::postgresql {

class ChangeListener {
public:
    // Starts listening for `url`'s notifications on behalf of `cache` (which must outlive the listener).
    ChangeListener(std::string url, sql::CounterCache& cache);
    ~ChangeListener();  // stops the thread and closes its connection
    ChangeListener(const ChangeListener&) = delete;
    ChangeListener& operator=(const ChangeListener&) = delete;

    static constexpr const char* channel = "ger_change_counters";

private:
    struct State;
    std::shared_ptr<State> m_state;
};

}  // namespace ger::store::postgresql
