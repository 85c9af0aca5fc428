#include "astro/detail/survey_count.hpp"

#include <algorithm>

namespace ger::astro::detail {

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
    m_sorted = m_point_values;
    std::sort(m_sorted.begin(), m_sorted.end());
    // Replace indices by ranks: points by the rank of d, queries by how many sorted values they admit.
    std::size_t kept = 0;
    for (auto& it : m_items) {
        if (it.query) {
            const double a = m_query_costs[static_cast<std::size_t>(it.rank)];
            const auto end = std::partition_point(m_sorted.begin(), m_sorted.end(), [&](double d) { return a + d <= limit; });
            it.rank = static_cast<int>(end - m_sorted.begin());
            if (it.rank == 0) continue;  // admits no point
        } else {
            const double d = m_point_values[static_cast<std::size_t>(it.rank)];
            it.rank = static_cast<int>(std::lower_bound(m_sorted.begin(), m_sorted.end(), d) - m_sorted.begin());
        }
        m_items[kept++] = it;
    }
    m_items.resize(kept);
    std::sort(m_items.begin(), m_items.end(), [](const Item& x, const Item& y) {
        if (x.key1 != y.key1) return x.key1 < y.key1;
        return !x.query && y.query;  // points first: j3 <= B is inclusive
    });
    m_bit.assign(m_sorted.size() + 1, 0);
    m_tmp.resize(m_items.size());
    m_total = 0;
    if (!m_items.empty()) solve(0, m_items.size());
    return m_total;
}

void DominanceCounter::solve(std::size_t lo, std::size_t hi) {
    if (hi - lo < 2) return;
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
