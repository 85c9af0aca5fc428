// The one way astro spreads independent items over threads (porkchop grids and their end sampling, the Lambert
// batch, the NEA survey), so every parallel loop has the same exception and cancellation policy:
// - the calling thread is worker 0; the others are started for the call and joined before it returns;
// - items are handed out one at a time from a shared counter, so uneven items balance;
// - the first exception stops handing out items; once every worker has returned it is rethrown to the caller
//   (exceptions thrown meanwhile by other workers are dropped);
// - `cancel`, when given, is polled before each item: once it is true no new item starts, and parallel_for
//   returns false (items already running finish).
// Which items ran on which worker is not fixed, so bodies must not depend on it for their results (they may for
// scratch space: `worker` indexes per-worker state the caller owns).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace ger::astro {

// Threads to use for `items` items: `requested` (0: one per hardware thread), at most one per item, at least 1.
unsigned worker_count(unsigned requested, std::size_t items);

// Calls body(item, worker) for every item in [0, items), worker in [0, workers). True when every item ran.
bool parallel_for(std::size_t items, unsigned workers, const std::function<void(std::size_t item, unsigned worker)>& body,
                  const std::atomic<bool>* cancel = nullptr);

}  // namespace ger::astro
