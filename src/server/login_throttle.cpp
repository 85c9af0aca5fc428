#include "server/login_throttle.hpp"

#include <algorithm>
#include <cmath>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/credentials.hpp"
#include "store/store.hpp"

namespace ger::server {
namespace {

using Clock = std::chrono::steady_clock;
using Duration = Clock::duration;

// An address longer than this (never an IP address, but the class takes any text) is kept as its digest.
constexpr std::size_t max_plain_key = 64;
// Rounding slack in the leaky bucket's floating-point level [failures].
constexpr double epsilon = 1e-9;

std::chrono::seconds ceil_seconds(Duration d) {
    return d <= Duration::zero() ? std::chrono::seconds(0) : std::chrono::ceil<std::chrono::seconds>(d);
}

// A map with at most `capacity` entries, in the order they were last touched; a full map drops its oldest
// entry (after any expired ones at the old end) to make room.
template <class Entry>
class BoundedTable {
public:
    explicit BoundedTable(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {}

    Entry* find(const std::string& key) {
        auto it = m_index.find(key);
        return it == m_index.end() ? nullptr : &it->second->entry;
    }

    // The entry for `key` (inserted by `make()` if absent), now the most recently touched.
    template <class Expired, class Make>
    Entry& touch(const std::string& key, Expired expired, Make make) {
        if (auto it = m_index.find(key); it != m_index.end()) {
            m_order.splice(m_order.begin(), m_order, it->second);
            return it->second->entry;
        }
        while (!m_order.empty() && expired(m_order.back().entry)) pop_back();
        if (m_order.size() >= m_capacity) pop_back();
        m_order.push_front({key, make()});
        m_index.emplace(key, m_order.begin());
        return m_order.front().entry;
    }

    void erase(const std::string& key) {
        auto it = m_index.find(key);
        if (it == m_index.end()) return;
        m_order.erase(it->second);
        m_index.erase(it);
    }

    std::size_t size() const { return m_order.size(); }

private:
    struct Node {
        std::string key;
        Entry entry;
    };
    void pop_back() {
        m_index.erase(m_order.back().key);
        m_order.pop_back();
    }

    std::size_t m_capacity;
    std::list<Node> m_order;  // front: touched last
    std::unordered_map<std::string, typename std::list<Node>::iterator> m_index;
};

struct PairEntry {
    std::size_t failures = 0;
    Clock::time_point last_failure{};
    Clock::time_point blocked_until{};
};

// A leaky bucket: `level` failures as of `updated`, draining at the policy's rate.
struct AddressEntry {
    double level = 0;
    Clock::time_point updated{};
};

}  // namespace

struct LoginThrottle::Tables {
    explicit Tables(const LoginThrottlePolicy& p) : pairs(p.capacity), addresses(p.capacity) {}
    std::mutex mutex;
    BoundedTable<PairEntry> pairs;
    BoundedTable<AddressEntry> addresses;
};

namespace {

std::string pair_key(std::string_view account, std::string_view address) {
    std::string both(account);
    both += '\n';
    both += address;
    return digest(both);
}

std::string address_key(std::string_view address) {
    return address.size() <= max_plain_key ? std::string(address) : digest(address);
}

}  // namespace

LoginThrottle::LoginThrottle(LoginThrottlePolicy policy, Clock clock)
    : m_policy(policy), m_clock(std::move(clock)), m_tables(std::make_unique<Tables>(m_policy)) {
    // NOTE: a pair is never forgotten while it still waits, so the oldest entries are also the first to expire.
    m_policy.forget_after = std::max(m_policy.forget_after, m_policy.max_delay);
    m_policy.address_failures = std::max<std::size_t>(m_policy.address_failures, 1);
    m_policy.address_window = std::max(m_policy.address_window, std::chrono::seconds(1));
}

LoginThrottle::~LoginThrottle() = default;

namespace {

struct Rules {
    const LoginThrottlePolicy& policy;

    double window_seconds() const { return std::chrono::duration<double>(policy.address_window).count(); }
    double level(const AddressEntry& e, Clock::time_point now) const {
        const double elapsed = std::chrono::duration<double>(now - e.updated).count();
        return std::max(0.0, e.level - elapsed * static_cast<double>(policy.address_failures) / window_seconds());
    }
    bool expired(const PairEntry& e, Clock::time_point now) const {
        return now - e.last_failure >= policy.forget_after && now >= e.blocked_until;
    }
    bool expired(const AddressEntry& e, Clock::time_point now) const { return level(e, now) <= 0.0; }

    // The wait before the next attempt of a pair with `failures` failures.
    Duration delay(std::size_t failures) const {
        if (failures < policy.free_failures) return Duration::zero();
        Duration d = policy.first_delay;
        for (std::size_t i = policy.free_failures; i < failures && d < policy.max_delay; ++i) d *= 2;
        return std::min<Duration>(d, policy.max_delay);
    }

    LoginThrottle::Decision decide(const PairEntry* pair, const AddressEntry* address, Clock::time_point now) const {
        LoginThrottle::Decision out;
        if (pair && !expired(*pair, now) && pair->blocked_until > now) {
            out = {ceil_seconds(pair->blocked_until - now), LoginThrottle::Limit::pair};
        }
        if (address) {
            // Room for one more failure: the level must be at most capacity - 1.
            const double excess = level(*address, now) + 1.0 - static_cast<double>(policy.address_failures);
            if (excess > epsilon) {
                const double seconds = excess * window_seconds() / static_cast<double>(policy.address_failures);
                const auto wait = std::max(std::chrono::seconds(static_cast<long long>(std::ceil(seconds - epsilon))),
                                           std::chrono::seconds(1));
                if (wait > out.retry_after) out = {wait, LoginThrottle::Limit::address};
            }
        }
        return out;
    }
};

}  // namespace

namespace {

// One more failure of the pair and of its address.
void count_failure(const Rules& rules, PairEntry& pair, AddressEntry& bucket, Clock::time_point now) {
    if (rules.expired(pair, now)) pair = {};
    ++pair.failures;
    pair.last_failure = now;
    pair.blocked_until = now + rules.delay(pair.failures);
    bucket.level = rules.level(bucket, now) + 1.0;
    bucket.updated = now;
}

// Shared entries: the database keeps wall-clock milliseconds; the rules only take differences of time points, so
// a wall-clock instant stands in a Clock::time_point as its distance from 1970.
Clock::time_point wall_now() {
    return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
        std::chrono::system_clock::now().time_since_epoch()));
}
Clock::time_point from_ms(long long ms) { return Clock::time_point(std::chrono::milliseconds(ms)); }
long long to_ms(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// The database's keys: the two kinds of entry apart.
std::string shared_pair_key(const std::string& key) { return "pair:" + key; }
std::string shared_address_key(const std::string& key) { return "address:" + key; }

PairEntry pair_from(const store::ThrottleEntry& e) {
    return {static_cast<std::size_t>(e.failures), from_ms(e.last_ms), from_ms(e.until_ms)};
}
AddressEntry address_from(const store::ThrottleEntry& e) { return {e.level, from_ms(e.last_ms)}; }

}  // namespace

LoginThrottle::Decision LoginThrottle::check(std::string_view account, std::string_view address,
                                             store::Store* shared) {
    const auto pkey = pair_key(account, address);
    const auto akey = address_key(address);
    if (shared) {
        const auto now = wall_now();
        std::optional<PairEntry> pair;
        std::optional<AddressEntry> bucket;
        for (const auto& e : shared->throttle_entries({shared_pair_key(pkey), shared_address_key(akey)})) {
            if (e.key == shared_pair_key(pkey)) pair = pair_from(e);
            if (e.key == shared_address_key(akey)) bucket = address_from(e);
        }
        return Rules{m_policy}.decide(pair ? &*pair : nullptr, bucket ? &*bucket : nullptr, now);
    }
    const auto now = m_clock();
    std::lock_guard lock(m_tables->mutex);
    return Rules{m_policy}.decide(m_tables->pairs.find(pkey), m_tables->addresses.find(akey), now);
}

LoginThrottle::Decision LoginThrottle::failure(std::string_view account, std::string_view address,
                                               store::Store* shared) {
    const auto pkey = pair_key(account, address);
    const auto akey = address_key(address);
    const Rules rules{m_policy};
    if (shared) {
        const auto now = wall_now();
        // NOTE: an entry the policy no longer remembers: a pair past forget_after (which is at least max_delay)
        // with no wait left, or an address whose bucket has drained (at most one window: a failure is only
        // counted while the bucket has room).
        const auto memory = std::max<Duration>(m_policy.forget_after, 2 * m_policy.address_window);
        Decision decision;
        shared->update_throttle_entries(
            {shared_pair_key(pkey), shared_address_key(akey)}, to_ms(now - memory),
            [&](std::vector<store::ThrottleEntry>& entries) {
                auto& stored_pair = entries.at(0);
                auto& stored_bucket = entries.at(1);
                auto pair = pair_from(stored_pair);
                auto bucket = address_from(stored_bucket);
                count_failure(rules, pair, bucket, now);
                stored_pair.failures = static_cast<long long>(pair.failures);
                stored_pair.last_ms = to_ms(pair.last_failure);
                stored_pair.until_ms = to_ms(pair.blocked_until);
                stored_bucket.level = bucket.level;
                stored_bucket.last_ms = to_ms(bucket.updated);
                decision = rules.decide(&pair, &bucket, now);
            });
        return decision;
    }
    const auto now = m_clock();
    std::lock_guard lock(m_tables->mutex);
    auto& pair = m_tables->pairs.touch(
        pkey, [&](const PairEntry& e) { return rules.expired(e, now); }, [] { return PairEntry{}; });
    auto& bucket = m_tables->addresses.touch(
        akey, [&](const AddressEntry& e) { return rules.expired(e, now); }, [] { return AddressEntry{}; });
    count_failure(rules, pair, bucket, now);
    return rules.decide(&pair, &bucket, now);
}

void LoginThrottle::success(std::string_view account, std::string_view address, store::Store* shared) {
    const auto pkey = pair_key(account, address);
    if (shared) {
        shared->delete_throttle_entry(shared_pair_key(pkey));
        return;
    }
    std::lock_guard lock(m_tables->mutex);
    m_tables->pairs.erase(pkey);
}

std::size_t LoginThrottle::pair_entries() const {
    std::lock_guard lock(m_tables->mutex);
    return m_tables->pairs.size();
}

std::size_t LoginThrottle::address_entries() const {
    std::lock_guard lock(m_tables->mutex);
    return m_tables->addresses.size();
}

}  // namespace ger::server
