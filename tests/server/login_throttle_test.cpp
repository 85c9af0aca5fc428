// The login throttle (server/login_throttle.hpp) on a hand-driven clock: backoff per account and address, the
// looser limit per address, no lockout from elsewhere, bounded memory, thread safety.
#include "server/login_throttle.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

using ger::server::LoginThrottle;
using ger::server::LoginThrottlePolicy;
using namespace std::chrono_literals;

struct FakeClock {
    std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
    LoginThrottle::Clock clock() {
        return [this] { return now; };
    }
};

LoginThrottlePolicy small_policy() {
    LoginThrottlePolicy p;
    p.free_failures = 3;
    p.first_delay = 10s;
    p.max_delay = 80s;
    p.forget_after = 600s;
    p.address_failures = 1000;  // out of the way unless a test wants it
    p.address_window = 60s;
    return p;
}

TEST(LoginThrottle, FreeFailuresThenADelayThatDoublesUpToTheCap) {
    FakeClock t;
    LoginThrottle throttle(small_policy(), t.clock());
    EXPECT_TRUE(throttle.failure("alice", "198.51.100.7").allowed());
    EXPECT_TRUE(throttle.failure("alice", "198.51.100.7").allowed());
    EXPECT_TRUE(throttle.check("alice", "198.51.100.7").allowed());
    // The third failure uses up the free ones.
    auto d = throttle.failure("alice", "198.51.100.7");
    EXPECT_EQ(d.retry_after, 10s);
    EXPECT_EQ(d.limit, LoginThrottle::Limit::pair);
    EXPECT_EQ(throttle.check("alice", "198.51.100.7").retry_after, 10s);
    t.now += 4s;
    EXPECT_EQ(throttle.check("alice", "198.51.100.7").retry_after, 6s);
    const std::vector<std::chrono::seconds> next{20s, 40s, 80s, 80s, 80s};
    for (const auto expected : next) {
        t.now += throttle.check("alice", "198.51.100.7").retry_after;
        ASSERT_TRUE(throttle.check("alice", "198.51.100.7").allowed());
        EXPECT_EQ(throttle.failure("alice", "198.51.100.7").retry_after, expected);
    }
}

TEST(LoginThrottle, RetryAfterIsRoundedUp) {
    FakeClock t;
    LoginThrottle throttle(small_policy(), t.clock());
    for (int i = 0; i < 3; ++i) throttle.failure("alice", "198.51.100.7");
    t.now += 9800ms;
    EXPECT_EQ(throttle.check("alice", "198.51.100.7").retry_after, 1s);
    t.now += 200ms;
    EXPECT_TRUE(throttle.check("alice", "198.51.100.7").allowed());
}

TEST(LoginThrottle, AnAttackerElsewhereNeverSlowsTheOwner) {
    FakeClock t;
    LoginThrottle throttle(small_policy(), t.clock());
    for (int i = 0; i < 50; ++i) throttle.failure("alice", "203.0.113.66");
    EXPECT_FALSE(throttle.check("alice", "203.0.113.66").allowed());
    EXPECT_TRUE(throttle.check("alice", "198.51.100.7").allowed());
    EXPECT_TRUE(throttle.check("bob", "198.51.100.7").allowed());
}

TEST(LoginThrottle, SuccessForgetsThePairButNotTheAddress) {
    FakeClock t;
    auto policy = small_policy();
    policy.address_failures = 6;  // one drains every 60 s / 6 = 10 s
    LoginThrottle throttle(policy, t.clock());
    throttle.failure("alice", "198.51.100.7");
    throttle.failure("alice", "198.51.100.7");
    throttle.failure("bob", "198.51.100.7");
    throttle.success("alice", "198.51.100.7");
    // alice has her free failures back (without the success, the second would be her fourth) ...
    EXPECT_TRUE(throttle.failure("alice", "198.51.100.7").allowed());
    EXPECT_TRUE(throttle.failure("alice", "198.51.100.7").allowed());
    // ... but the address keeps what it used, whichever account it was on: one more fills it.
    throttle.failure("dave", "198.51.100.7");
    const auto d = throttle.check("carol", "198.51.100.7");
    EXPECT_EQ(d.limit, LoginThrottle::Limit::address);
    EXPECT_EQ(d.retry_after, 10s);
}

TEST(LoginThrottle, TheAddressLimitStopsSprayingAcrossAccountsAndDrains) {
    FakeClock t;
    auto policy = small_policy();
    policy.address_failures = 5;
    policy.address_window = 50s;
    LoginThrottle throttle(policy, t.clock());
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(throttle.check("user" + std::to_string(i), "203.0.113.66").allowed()) << i;
        throttle.failure("user" + std::to_string(i), "203.0.113.66");
    }
    auto d = throttle.check("someone-else", "203.0.113.66");
    EXPECT_EQ(d.limit, LoginThrottle::Limit::address);
    EXPECT_EQ(d.retry_after, 10s);
    EXPECT_TRUE(throttle.check("someone-else", "198.51.100.7").allowed());
    t.now += 10s;
    EXPECT_TRUE(throttle.check("someone-else", "203.0.113.66").allowed());
    throttle.failure("someone-else", "203.0.113.66");
    EXPECT_EQ(throttle.check("another", "203.0.113.66").retry_after, 10s);
    t.now += 50s;  // drained: five more
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(throttle.check("again" + std::to_string(i), "203.0.113.66").allowed()) << i;
        throttle.failure("again" + std::to_string(i), "203.0.113.66");
    }
    EXPECT_FALSE(throttle.check("again", "203.0.113.66").allowed());
}

TEST(LoginThrottle, FailuresAreForgottenAfterAQuietPeriod) {
    FakeClock t;
    LoginThrottle throttle(small_policy(), t.clock());
    for (int i = 0; i < 4; ++i) {
        t.now += throttle.check("alice", "198.51.100.7").retry_after;
        throttle.failure("alice", "198.51.100.7");
    }
    t.now += 599s;
    EXPECT_EQ(throttle.failure("alice", "198.51.100.7").retry_after, 40s);  // still counted: the fifth
    t.now += 600s;
    EXPECT_TRUE(throttle.failure("alice", "198.51.100.7").allowed());  // a fresh start: the first free one
}

TEST(LoginThrottle, ForgetAfterNeverEndsAWaitEarly) {
    FakeClock t;
    auto policy = small_policy();
    policy.forget_after = 5s;  // shorter than the delays: raised to max_delay
    LoginThrottle throttle(policy, t.clock());
    for (int i = 0; i < 3; ++i) throttle.failure("alice", "198.51.100.7");
    t.now += 6s;
    EXPECT_EQ(throttle.check("alice", "198.51.100.7").retry_after, 4s);
}

TEST(LoginThrottle, MemoryIsBoundedWhateverTheNames) {
    FakeClock t;
    auto policy = small_policy();
    policy.capacity = 100;
    LoginThrottle throttle(policy, t.clock());
    const std::string long_name(2'000, 'x');
    for (int i = 0; i < 20'000; ++i) {
        throttle.failure(long_name + std::to_string(i), "10.0." + std::to_string(i / 256 % 256) + "." +
                                                           std::to_string(i % 256));
    }
    EXPECT_EQ(throttle.pair_entries(), 100u);
    EXPECT_EQ(throttle.address_entries(), 100u);
}

TEST(LoginThrottle, AFullTableDropsTheOldestEntryAndKeepsTheNewest) {
    FakeClock t;
    auto policy = small_policy();
    policy.capacity = 10;
    LoginThrottle throttle(policy, t.clock());
    for (int i = 0; i < 3; ++i) throttle.failure("oldest", "198.51.100.1");
    for (int i = 0; i < 9; ++i) {
        t.now += 1s;
        throttle.failure("filler" + std::to_string(i), "198.51.100.2");
    }
    for (int i = 0; i < 3; ++i) throttle.failure("newest", "198.51.100.3");
    EXPECT_EQ(throttle.pair_entries(), 10u);
    EXPECT_TRUE(throttle.check("oldest", "198.51.100.1").allowed());  // dropped to make room
    EXPECT_FALSE(throttle.check("newest", "198.51.100.3").allowed());
}

TEST(LoginThrottle, ExpiredEntriesAreDroppedAsNewOnesArrive) {
    FakeClock t;
    auto policy = small_policy();
    policy.capacity = 3;
    policy.forget_after = 100s;
    policy.max_delay = 10s;
    LoginThrottle throttle(policy, t.clock());
    throttle.failure("a", "198.51.100.1");
    throttle.failure("b", "198.51.100.1");
    t.now += 200s;  // a and b expire
    for (int i = 0; i < 3; ++i) throttle.failure("c", "198.51.100.1");
    throttle.failure("d", "198.51.100.1");
    EXPECT_EQ(throttle.pair_entries(), 2u);
    EXPECT_FALSE(throttle.check("c", "198.51.100.1").allowed());
}

TEST(LoginThrottle, ConcurrentCallersAreCountedExactly) {
    LoginThrottle throttle(small_policy());  // the real clock: no waits here, the delays are seconds
    constexpr int threads = 8;
    std::vector<std::thread> pool;
    std::atomic<int> refused{0};
    for (int k = 0; k < threads; ++k) {
        pool.emplace_back([&, k] {
            const auto address = "192.0.2." + std::to_string(k);
            for (int i = 0; i < 200; ++i) {
                if (!throttle.check("shared", address).allowed()) ++refused;
                throttle.failure("shared", address);
                throttle.failure("other" + std::to_string(i), address);
            }
        });
    }
    for (auto& th : pool) th.join();
    EXPECT_EQ(throttle.pair_entries(), static_cast<std::size_t>(threads * 201));
    EXPECT_EQ(throttle.address_entries(), static_cast<std::size_t>(threads));
    // Each thread's pair had three free failures: its checks after the third were refused.
    EXPECT_EQ(refused.load(), threads * (200 - 3));
}

}  // namespace
