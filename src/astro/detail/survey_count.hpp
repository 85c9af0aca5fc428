// Offline 3-D dominance counting for the survey's viable-trajectory count (internal).
//
// Points are return legs (j3, j2, d); queries are outbound legs (B = j0 + max duration, A = j1 + min stay, a).
// count(X) = #{(point, query) : j3 <= B, j2 >= A, fl(a + d) <= X}, exactly as the brute force tests it: for a
// fixed a, fl(a + d) is non-decreasing in d, so the admissible d form a prefix of the sorted point values.
// Method: CDQ divide and conquer over the items sorted by (j3 | B) with points first on ties; each level merges
// its halves by j2 | A descending and counts left points against right queries with a Fenwick tree over the
// rank of d. O(N log^2 N) time, O(N) memory, N = points + queries.
#pragma once
#include <cstdint>
#include <vector>

namespace ger::astro::detail {

class DominanceCounter {
public:
    void clear();
    void add_point(int j3, int j2, double d);
    void add_query(int b, int a_index, double cost);
    std::uint64_t count(double limit);

private:
    struct Item {
        int key1;
        int key2;
        int rank;  // point: rank of d; query: number of admissible point ranks
        bool query;
    };
    struct Keyed {
        double value;
        int index;
    };
    void sort_by_value(std::vector<Keyed>& items);
    void solve(std::size_t lo, std::size_t hi);
    std::vector<Item> m_items, m_tmp;
    std::vector<double> m_point_values, m_query_costs, m_sorted;
    std::vector<int> m_bit, m_point_rank, m_query_rank;
    std::vector<Keyed> m_by_value;
    std::vector<std::size_t> m_bucket, m_radix_count;
    std::vector<Keyed> m_radix_scratch;
    std::uint64_t m_total = 0;
};

}  // namespace ger::astro::detail
