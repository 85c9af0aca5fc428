#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "render/label_placement.hpp"

namespace ger::render {
namespace {

constexpr TrackSettings track{100.0, 1100.0, 2.0, 4.0};

std::vector<TrackItem> random_items(std::mt19937& rng, int count, double crowd_width) {
    std::uniform_real_distribution<double> x(track.left, track.left + crowd_width);
    std::uniform_real_distribution<double> width(10.0, 160.0);
    std::bernoulli_distribution has_window(0.15);
    std::uniform_real_distribution<double> window(5.0, 80.0);
    std::vector<TrackItem> items;
    for (int i = 0; i < count; ++i) {
        const double centre = x(rng);
        double left = std::max(track.left, centre - 4.0);
        double right = std::min(track.right, centre + 4.0);
        if (has_window(rng)) right = std::min(track.right, right + window(rng));
        items.push_back({left, right, width(rng)});
    }
    return items;
}

// The largest number of extents covering one x: no placement can use fewer rows.
int max_depth(const std::vector<TrackPlacement>& placements, double gap) {
    std::vector<std::pair<double, int>> events;
    for (const auto& p : placements) {
        events.emplace_back(p.extent_left, +1);
        events.emplace_back(p.extent_right + gap, -1);
    }
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;  // ends before starts
    });
    int depth = 0;
    int best = 0;
    for (const auto& [x, delta] : events) best = std::max(best, depth += delta);
    return best;
}

TEST(render_LabelPlacement, NothingOverlapsOnARowOverThousandsOfRandomCases) {
    std::mt19937 rng(20240611);
    for (int trial = 0; trial < 2000; ++trial) {
        const int count = 1 + static_cast<int>(rng() % 60);
        const double crowd = trial % 2 == 0 ? 150.0 : 1000.0;
        const auto items = random_items(rng, count, crowd);
        const auto placements = stack_labels(items, track);
        ASSERT_EQ(placements.size(), items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& p = placements[i];
            // The extent covers the marker and the label, with the label beside the marker.
            EXPECT_LE(p.extent_left, items[i].marker_left);
            EXPECT_GE(p.extent_right, items[i].marker_right);
            if (p.side == LabelSide::right) {
                EXPECT_DOUBLE_EQ(p.label_x, items[i].marker_right + track.label_gap);
            } else {
                EXPECT_DOUBLE_EQ(p.label_x + items[i].label_width + track.label_gap, items[i].marker_left);
                EXPECT_GE(p.label_x, track.left);
            }
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                const auto& q = placements[j];
                if (p.row != q.row) continue;
                const bool apart = p.extent_right + track.item_gap <= q.extent_left ||
                                   q.extent_right + track.item_gap <= p.extent_left;
                ASSERT_TRUE(apart) << "trial " << trial << ": items " << i << " and " << j << " share row " << p.row;
            }
        }
    }
}

TEST(render_LabelPlacement, UsesNoMoreRowsThanTheDeepestPileWhenLabelsGoRight) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 500; ++trial) {
        // Markers in the left half and short labels: every label fits on the right.
        std::vector<TrackItem> items;
        std::uniform_real_distribution<double> x(track.left, track.left + 300.0);
        std::uniform_real_distribution<double> width(5.0, 100.0);
        for (int i = 0; i < 40; ++i) {
            const double centre = x(rng);
            items.push_back({centre - 4.0, centre + 4.0, width(rng)});
        }
        const auto placements = stack_labels(items, track);
        for (const auto& p : placements) ASSERT_EQ(p.side, LabelSide::right);
        EXPECT_EQ(row_count(placements), max_depth(placements, track.item_gap)) << "trial " << trial;
    }
}

TEST(render_LabelPlacement, LabelGoesLeftAtTheTrackEnd) {
    const std::vector<TrackItem> items{{1090.0, 1098.0, 50.0}};
    const auto placements = stack_labels(items, track);
    ASSERT_EQ(placements.size(), 1u);
    EXPECT_EQ(placements[0].side, LabelSide::left);
    EXPECT_DOUBLE_EQ(placements[0].label_x, 1090.0 - 2.0 - 50.0);
}

TEST(render_LabelPlacement, SeparateItemsShareTheFirstRow) {
    const std::vector<TrackItem> items{{200.0, 208.0, 30.0}, {300.0, 308.0, 30.0}, {210.0, 218.0, 30.0}};
    const auto placements = stack_labels(items, track);
    EXPECT_EQ(placements[0].row, 0);
    EXPECT_EQ(placements[1].row, 0);
    EXPECT_EQ(placements[2].row, 1);  // starts inside the first item's label
    EXPECT_EQ(row_count(placements), 2);
    EXPECT_EQ(row_count(std::vector<TrackPlacement>{}), 0);
}

}  // namespace
}  // namespace ger::render
