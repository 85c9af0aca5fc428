#include "render/label_placement.hpp"

#include <algorithm>
#include <numeric>

namespace ger::render {

std::vector<TrackPlacement> stack_labels(std::span<const TrackItem> items, const TrackSettings& settings) {
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return items[a].marker_left < items[b].marker_left; });

    std::vector<TrackPlacement> placements(items.size());
    std::vector<double> frontier;  // per row: the right-most x occupied so far
    for (std::size_t index : order) {
        const TrackItem& item = items[index];
        TrackPlacement placement;
        const double right_end = item.marker_right + settings.label_gap + item.label_width;
        const double left_start = item.marker_left - settings.label_gap - item.label_width;
        if (right_end <= settings.right || left_start < settings.left) {
            placement.side = LabelSide::right;
            placement.label_x = item.marker_right + settings.label_gap;
            placement.extent_left = item.marker_left;
            placement.extent_right = right_end;
        } else {
            placement.side = LabelSide::left;
            placement.label_x = left_start;
            placement.extent_left = left_start;
            placement.extent_right = item.marker_right;
        }
        // NOTE: the frontier test is exact, not just safe: the item holding a row's frontier started at or
        // before this marker (items come in marker order), so if this item starts left of the frontier the
        // two overlap. Hence first fit over frontiers never leaves usable room unused.
        std::size_t row = 0;
        while (row < frontier.size() && placement.extent_left < frontier[row] + settings.item_gap) ++row;
        if (row == frontier.size()) frontier.push_back(placement.extent_right);
        frontier[row] = std::max(frontier[row], placement.extent_right);
        placement.row = static_cast<int>(row);
        placements[index] = placement;
    }
    return placements;
}

int row_count(std::span<const TrackPlacement> placements) {
    int rows = 0;
    for (const auto& placement : placements) rows = std::max(rows, placement.row + 1);
    return rows;
}

}  // namespace ger::render
