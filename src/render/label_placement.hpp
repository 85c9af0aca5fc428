// Stacking labelled markers into rows so that nothing overlaps: the placement behind the roadmap chart's
// lanes, usable by any chart with markers on a horizontal axis.
//
// Each item is a marker fixed at its x (with an optional window bar: the marker extent covers it) and a label
// of known width that sits on the same row, right of the marker, or left of it when the right side would
// cross the track's end. Items are taken in order of their marker's left edge and each goes into the first
// row whose right-most occupied x ("frontier") leaves room (first fit). With all labels on the right this is
// optimal interval colouring: the number of rows equals the largest number of items that must overlap.
// Two items on a row never overlap, and rows are as tall as the tallest marker or label, so no label meets
// another label or a marker anywhere.
#pragma once

#include <span>
#include <vector>

namespace ger::render {

struct TrackItem {
    double marker_left = 0;   // [pt] left edge of the marker (or of its window bar)
    double marker_right = 0;  // [pt] right edge
    double label_width = 0;   // [pt]
};

struct TrackSettings {
    double left = 0;        // [pt] the track's first usable x
    double right = 0;       // [pt] its last usable x
    double label_gap = 0;   // [pt] between a marker and its label
    double item_gap = 0;    // [pt] between neighbours on one row
};

enum class LabelSide { right, left };

struct TrackPlacement {
    int row = 0;                         // 0 = first row
    LabelSide side = LabelSide::right;
    double label_x = 0;                  // [pt] left edge of the label
    double extent_left = 0;              // [pt] what the item occupies on its row: marker and label
    double extent_right = 0;
};

// Places `items` (in any order); the result has one entry per item, in the same order.
// Costs O(n log n + n * rows).
std::vector<TrackPlacement> stack_labels(std::span<const TrackItem> items, const TrackSettings& settings);

// The number of rows a placement uses (0 for none).
int row_count(std::span<const TrackPlacement> placements);

}  // namespace ger::render
