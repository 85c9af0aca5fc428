// astro's one parallel loop: every item once, the first exception to the caller, cancellation, worker indices.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "astro/parallel.hpp"

namespace ger::astro {
namespace {

TEST(ParallelFor, RunsEveryItemOnceWithWorkersInRange) {
    for (unsigned workers : {1u, 2u, 7u}) {
        std::vector<std::atomic<int>> seen(1000);
        std::atomic<unsigned> worst_worker{0};
        EXPECT_TRUE(parallel_for(seen.size(), workers, [&](std::size_t i, unsigned w) {
            seen[i].fetch_add(1);
            unsigned prev = worst_worker.load();
            while (w > prev && !worst_worker.compare_exchange_weak(prev, w)) {
            }
        }));
        for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
        EXPECT_LT(worst_worker.load(), workers);
    }
    EXPECT_TRUE(parallel_for(0, 4, [](std::size_t, unsigned) { FAIL() << "no item to run"; }));
}

TEST(ParallelFor, TheFirstExceptionReachesTheCallerAndStopsTheRest) {
    // One worker: the order is fixed, so exactly items 0..10 run.
    std::atomic<std::size_t> ran{0};
    EXPECT_THROW(parallel_for(1000, 1,
                              [&](std::size_t i, unsigned) {
                                  ran.fetch_add(1);
                                  if (i == 10) throw std::invalid_argument("item 10");
                              }),
                 std::invalid_argument);
    EXPECT_EQ(ran.load(), 11u);

    // Several workers: throwing takes a while (the unwinder's first lookup alone can take milliseconds under a
    // sanitizer), and trivial items would all be handed out meanwhile; items that take ~50 us each would need
    // ~0.3 s to run out, so finishing them all means the failure did not stop the hand-out.
    ran = 0;
    constexpr std::size_t items = 20000;
    try {
        parallel_for(items, 4, [&](std::size_t i, unsigned) {
            ran.fetch_add(1);
            if (i == 10) throw std::invalid_argument("item 10");
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        });
        FAIL() << "the exception was lost";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "item 10");
    }
    EXPECT_LT(ran.load(), items) << "items kept being handed out after the failure";
}

TEST(ParallelFor, CancellationStopsNewItemsAndSaysSo) {
    std::atomic<bool> cancel{false};
    std::atomic<std::size_t> ran{0};
    const bool finished = parallel_for(
        100000, 3,
        [&](std::size_t i, unsigned) {
            ran.fetch_add(1);
            if (i == 50) cancel.store(true);
        },
        &cancel);
    EXPECT_FALSE(finished);
    EXPECT_LT(ran.load(), 100000u);
    std::atomic<bool> never{false};
    EXPECT_TRUE(parallel_for(10, 3, [](std::size_t, unsigned) {}, &never));
}

TEST(ParallelFor, WorkerCountFollowsTheRequestAndTheItems) {
    EXPECT_EQ(worker_count(4, 100), 4u);
    EXPECT_EQ(worker_count(4, 2), 2u);
    EXPECT_EQ(worker_count(4, 0), 1u);
    EXPECT_GE(worker_count(0, 1000), 1u);
}

}  // namespace
}  // namespace ger::astro
