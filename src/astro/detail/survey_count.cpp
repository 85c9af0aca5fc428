#include "astro/detail/survey_count.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ger::astro::detail {
namespace {
// Below this many items a block is counted pair by pair; 24, 48 and 96 timed within 5% of each other on
// `ger survey --targets "2000 SG344,2006 RH120,1991 VG" --threads 1`.
constexpr std::size_t brute_force_range = 32;
// Below this many values std::sort is as quick as the radix passes' counting.
constexpr std::size_t radix_sort_min = 2048;
constexpr int radix_bits = 11;
constexpr std::size_t radix_buckets = std::size_t{1} << radix_bits;
}  // namespace

// Ascending by value. The values are finite and >= 0 (leg costs), so their bit patterns order like them: a least
// significant digit first radix sort of the patterns, 11 bits a pass, skipping a pass whose digit every value
// shares (the exponent's, mostly). Ties end in any order, which the count allows.
void DominanceCounter::sort_by_value(std::vector<Keyed>& items) {
    const auto by_value = [](const Keyed& x, const Keyed& y) { return x.value < y.value; };
    const bool patterns_order =
        std::all_of(items.begin(), items.end(), [](const Keyed& k) { return k.value >= 0 && std::isfinite(k.value); });
    if (items.size() < radix_sort_min || !patterns_order) {
        std::sort(items.begin(), items.end(), by_value);
        return;
    }
    const auto bits = [](const Keyed& k) { return std::bit_cast<std::uint64_t>(k.value); };
    m_radix_scratch.resize(items.size());
    for (int shift = 0; shift < 64; shift += radix_bits) {
        m_radix_count.assign(radix_buckets + 1, 0);
        for (const auto& k : items) ++m_radix_count[((bits(k) >> shift) & (radix_buckets - 1)) + 1];
        if (std::find(m_radix_count.begin(), m_radix_count.end(), items.size()) != m_radix_count.end()) continue;
        for (std::size_t b = 1; b <= radix_buckets; ++b) m_radix_count[b] += m_radix_count[b - 1];
        for (const auto& k : items) m_radix_scratch[m_radix_count[(bits(k) >> shift) & (radix_buckets - 1)]++] = k;
        items.swap(m_radix_scratch);
    }
}

void DominanceCounter::clear() {
    m_items.clear();
    m_point_values.clear();
    m_query_costs.clear();
}

void DominanceCounter::add_point(int j3, int j2, double d) {
    m_items.push_back({j3, j2, static_cast<int>(m_point_values.size()), false});
    m_point_values.push_back(d);
}

void DominanceCounter::add_query(int b, int a_index, double cost) {
    m_items.push_back({b, a_index, static_cast<int>(m_query_costs.size()), true});
    m_query_costs.push_back(cost);
}

std::uint64_t DominanceCounter::count(double limit) {
    const std::size_t np = m_point_values.size(), nq = m_query_costs.size();
    // Points get the rank of d (ties in any order: a query admits whole runs of equal d, since fl(a + d) is
    // monotone in d), queries the number of sorted values they admit, found by one sweep in ascending cost (it is
    // monotone in a too) instead of a binary search each.
    m_by_value.resize(np);
    for (std::size_t i = 0; i < np; ++i) m_by_value[i] = {m_point_values[i], static_cast<int>(i)};
    sort_by_value(m_by_value);
    m_sorted.resize(np);
    m_point_rank.resize(np);
    for (std::size_t r = 0; r < np; ++r) {
        m_sorted[r] = m_by_value[r].value;
        m_point_rank[static_cast<std::size_t>(m_by_value[r].index)] = static_cast<int>(r);
    }
    m_by_value.resize(nq);
    for (std::size_t i = 0; i < nq; ++i) m_by_value[i] = {m_query_costs[i], static_cast<int>(i)};
    sort_by_value(m_by_value);
    m_query_rank.resize(nq);
    std::size_t admitted = np;
    for (const auto& q : m_by_value) {
        while (admitted > 0 && !(q.value + m_sorted[admitted - 1] <= limit)) --admitted;
        m_query_rank[static_cast<std::size_t>(q.index)] = static_cast<int>(admitted);
    }
    // Ranks in place of indices; queries that admit nothing dropped; then ordered by key1, points before queries on
    // ties (j3 <= B is inclusive), by a counting sort (key1 is a grid date: small).
    // A point whose d no query admits (rank >= every query's count) cannot be counted: dropped too.
    int admit_max = 0;
    for (const int r : m_query_rank) admit_max = std::max(admit_max, r);
    std::size_t kept = 0;
    int key_max = 0;
    for (auto it : m_items) {
        it.rank = it.query ? m_query_rank[static_cast<std::size_t>(it.rank)] : m_point_rank[static_cast<std::size_t>(it.rank)];
        if (it.query ? it.rank == 0 : it.rank >= admit_max) continue;
        key_max = std::max(key_max, it.key1);
        m_items[kept++] = it;
    }
    m_items.resize(kept);
    const auto slot = [](const Item& it) { return 2 * static_cast<std::size_t>(it.key1) + (it.query ? 1 : 0); };
    m_bucket.assign(2 * static_cast<std::size_t>(key_max) + 3, 0);
    for (const auto& it : m_items) ++m_bucket[slot(it) + 1];
    for (std::size_t b = 1; b < m_bucket.size(); ++b) m_bucket[b] += m_bucket[b - 1];
    m_tmp.resize(m_items.size());
    for (const auto& it : m_items) m_tmp[m_bucket[slot(it)]++] = it;
    m_items.swap(m_tmp);
    m_bit.assign(np + 1, 0);
    m_total = 0;
    if (!m_items.empty()) solve(0, m_items.size());
    return m_total;
}

void DominanceCounter::solve(std::size_t lo, std::size_t hi) {
    if (hi - lo < 2) return;
    // Small ranges directly: every (point, later query) pair, then ordered by key2 descending as the merge leaves
    // them; cheaper than the last levels of Fenwick updates and merges.
    if (hi - lo <= brute_force_range) {
        for (std::size_t q = lo + 1; q < hi; ++q) {
            const Item& it = m_items[q];
            if (!it.query) continue;
            for (std::size_t p = lo; p < q; ++p) {
                const Item& pt = m_items[p];
                m_total += static_cast<std::uint64_t>(!pt.query && pt.key2 >= it.key2 && pt.rank < it.rank);
            }
        }
        std::sort(m_items.begin() + static_cast<std::ptrdiff_t>(lo), m_items.begin() + static_cast<std::ptrdiff_t>(hi),
                  [](const Item& x, const Item& y) { return x.key2 > y.key2; });
        return;
    }
    const std::size_t mid = lo + (hi - lo) / 2;
    solve(lo, mid);
    solve(mid, hi);
    // Both halves are now ordered by key2 descending.
    const auto n = m_bit.size();
    std::size_t p = lo;
    for (std::size_t q = mid; q < hi; ++q) {
        const Item& it = m_items[q];
        if (!it.query) continue;
        while (p < mid && m_items[p].key2 >= it.key2) {
            if (!m_items[p].query) {
                for (auto x = static_cast<std::size_t>(m_items[p].rank) + 1; x < n; x += x & (~x + 1)) ++m_bit[x];
            }
            ++p;
        }
        std::uint64_t s = 0;
        for (auto x = static_cast<std::size_t>(it.rank); x > 0; x -= x & (~x + 1)) s += static_cast<std::uint64_t>(m_bit[x]);
        m_total += s;
    }
    for (std::size_t u = lo; u < p; ++u) {
        if (!m_items[u].query) {
            for (auto x = static_cast<std::size_t>(m_items[u].rank) + 1; x < n; x += x & (~x + 1)) --m_bit[x];
        }
    }
    std::merge(m_items.begin() + static_cast<std::ptrdiff_t>(lo), m_items.begin() + static_cast<std::ptrdiff_t>(mid),
               m_items.begin() + static_cast<std::ptrdiff_t>(mid), m_items.begin() + static_cast<std::ptrdiff_t>(hi),
               m_tmp.begin() + static_cast<std::ptrdiff_t>(lo), [](const Item& x, const Item& y) { return x.key2 > y.key2; });
    std::copy(m_tmp.begin() + static_cast<std::ptrdiff_t>(lo), m_tmp.begin() + static_cast<std::ptrdiff_t>(hi),
              m_items.begin() + static_cast<std::ptrdiff_t>(lo));
}

}  // namespace ger::astro::detail
