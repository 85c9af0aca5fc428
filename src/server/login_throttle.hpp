// Failed portal logins, throttled so that guessing is slow and an account's owner is never locked out by someone
// else (OWASP ASVS 4.0 V2.2.1):
//
// - per (account, client address) pair, exponential backoff: `free_failures` failures cost nothing, then each
//   further one makes the pair wait `first_delay`, doubling per failure up to `max_delay`; a success forgets the
//   pair, and so does `forget_after` without a failure;
// - per client address, a looser limit across all accounts against password spraying: a leaky bucket that holds
//   `address_failures` failures and drains at that many per `address_window`; a success does not empty it (an
//   attacker's own account must not buy more guesses at others).
//
// There is no limit per account alone: failures from one address never slow a login from another.
//
// Memory is bounded: each table holds at most `capacity` entries; when full, the entry touched longest ago goes
// (expired ones are the first of those). Only failures add entries, and one address adds at most
// `address_failures` per window, so forged account names cannot flush the table from one address. Keys are
// fixed-size digests of the account name, so long names cost no more than short ones.
//
// Shared: given a Store, the entries live in the database (Store::update_throttle_entries, one write transaction per
// failure) instead of this object's tables, so every server on the database counts the same failures and a second
// server buys an attacker no more guesses. Times are then the wall clock's (servers share no other); the database
// drops entries once the policy has forgotten them, so its table stays bounded by the failure rate.
//
// Thread-safe: every member may be called from any thread. The clock is injectable for tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace ger::store {
class Store;
}

namespace ger::server {

struct LoginThrottlePolicy {
    std::size_t free_failures = 5;                          // per pair, before any delay
    std::chrono::seconds first_delay{30};                   // after failure free_failures
    std::chrono::seconds max_delay{std::chrono::minutes(15)};
    std::chrono::seconds forget_after{std::chrono::hours(1)};  // a pair's failures, counted from the last one
    std::size_t address_failures = 30;                      // per address across accounts ...
    std::chrono::seconds address_window{std::chrono::minutes(15)};  // ... per this long
    std::size_t capacity = 10'000;                          // entries per table (pairs; addresses)
};

class LoginThrottle {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    enum class Limit { none, pair, address };
    struct Decision {
        std::chrono::seconds retry_after{0};  // 0: may try now; otherwise whole seconds, rounded up
        Limit limit = Limit::none;            // which limit holds it back

        bool allowed() const { return retry_after.count() == 0; }
    };

    explicit LoginThrottle(LoginThrottlePolicy policy = {}, Clock clock = &std::chrono::steady_clock::now);
    ~LoginThrottle();
    LoginThrottle(const LoginThrottle&) = delete;
    LoginThrottle& operator=(const LoginThrottle&) = delete;

    // Whether `account` may be tried from `address` now. Asking changes nothing. With `shared`, the entries are the
    // database's (see above), else this object's.
    Decision check(std::string_view account, std::string_view address, store::Store* shared = nullptr);
    // A failed attempt (wrong password or unknown account); returns what now holds for the next attempt.
    Decision failure(std::string_view account, std::string_view address, store::Store* shared = nullptr);
    // A successful login: the pair's failures are forgotten (the address's are not).
    void success(std::string_view account, std::string_view address, store::Store* shared = nullptr);

    // Entries held now (tests and the docs' memory figure).
    std::size_t pair_entries() const;
    std::size_t address_entries() const;

    const LoginThrottlePolicy& policy() const { return m_policy; }

private:
    struct Tables;
    LoginThrottlePolicy m_policy;
    Clock m_clock;
    std::unique_ptr<Tables> m_tables;
};

}  // namespace ger::server
