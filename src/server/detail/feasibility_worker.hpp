// Launch feasibility for the mission pages, computed in one background thread whenever the records change, so
// no request waits for a grid. Each mission is computed on its own (a data set holding only that mission), so
// a result depends on nothing but the mission's own launch period, destination, target and type, the options
// and public data (ERFA, the bundled catalogue): showing it to whoever may read the mission shows nothing of
// any other record. (One call over many missions would not do: its search grid spans all their periods, so the
// nearest window reported for one could reveal the dates of another.)
//
// Results are kept by mission id with the feasibility_key they were computed for, in memory for the pages and in
// the database (Store::put_derived, kind "feasibility"), so a restart or a second server reads them instead of
// computing again; a page asks with the mission it shows and gets nothing while that mission's current key is
// still being computed.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis/feasibility.hpp"
#include "model/records.hpp"
#include "server/detail/snapshot.hpp"
#include "store/store.hpp"

namespace ger::server::detail {

class FeasibilityWorker {
public:
    struct Result {
        std::string key;                      // analysis::feasibility_key of the mission when computed
        analysis::Feasibility feasibility;
        std::string porkchop_svg;             // the window's porkchop (analysis::window_porkchop); "" when none
        std::string porkchop_window;          // which window it shows ("in the period", ...)
        model::Timestamp computed_at{};
        double seconds = 0;                   // wall time of the computation
    };

    explicit FeasibilityWorker(analysis::FeasibilityOptions options = default_options());
    ~FeasibilityWorker();
    FeasibilityWorker(const FeasibilityWorker&) = delete;
    FeasibilityWorker& operator=(const FeasibilityWorker&) = delete;

    // One porkchop thread: the worker shares the machine with the requests.
    static analysis::FeasibilityOptions default_options();
    const analysis::FeasibilityOptions& options() const { return m_options; }

    // Once, on database `db` (the worker's own connection); before it, offers are kept and nothing is computed.
    void start(std::string db);
    bool started() const;
    // The missions of a new snapshot; cheap when its change is already known. A patched snapshot costs its changed
    // missions and the qualifying ones of its base (found once per base), never a pass over the whole roadmap.
    void offer(const Snapshot& snapshot);
    // nullptr: `mission` does not qualify, or its result for its current fields is not computed yet.
    std::shared_ptr<const Result> result(const model::Mission& mission) const;
    // Whether `mission` is one feasibility is computed for.
    bool qualifies(const model::Mission& mission) const;
    void stop();  // the mission being computed finishes first; idempotent

private:
    void run();
    // The stored result for `mission` under `key`, if the database has one; nullptr otherwise.
    std::shared_ptr<Result> stored(store::Store* store, const model::Mission& mission, const std::string& key);
    void keep(store::Store* store, const model::Mission& mission, const Result& result);

    const analysis::FeasibilityOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    long long m_offered_change = -1;     // newest change offered
    long long m_done_change = -1;        // newest change whose missions all have results
    std::vector<model::Mission> m_missions;  // the qualifying missions of the newest offer
    std::shared_ptr<const IndexedDataset> m_offered_base;  // the newest offer's base,
    std::vector<const model::Mission*> m_base_qualifying;   // and its qualifying missions
    std::map<std::string, std::shared_ptr<const Result>> m_results;  // by mission id
    bool m_stopping = false;
    std::string m_db;
    std::thread m_thread;
};

}  // namespace ger::server::detail
