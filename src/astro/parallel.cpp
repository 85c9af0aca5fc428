#include "astro/parallel.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ger::astro {

unsigned worker_count(unsigned requested, std::size_t items) {
    const unsigned wanted = requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
    return static_cast<unsigned>(std::clamp<std::size_t>(items, 1, wanted));
}

bool parallel_for(std::size_t items, unsigned workers, const std::function<void(std::size_t, unsigned)>& body,
                  const std::atomic<bool>* cancel) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false}, cancelled{false};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto work = [&](unsigned worker) {
        while (!failed.load(std::memory_order_relaxed)) {
            if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                cancelled.store(true);
                return;
            }
            const std::size_t item = next.fetch_add(1);
            if (item >= items) return;
            try {
                body(item, worker);
            } catch (...) {
                const std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                failed.store(true);
                return;
            }
        }
    };
    workers = std::max(1u, workers);
    {
        std::vector<std::jthread> pool;
        pool.reserve(workers - 1);
        for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
        work(0);
    }
    if (error) std::rethrow_exception(error);
    return !cancelled.load();
}

}  // namespace ger::astro
