// Contour lines of a sampled scalar field by marching squares, joined into polylines.
//
// The field is `rows` x `cols` values in row-major order; point (x, y) = (column, row) in index units, so the
// caller maps indices to its axes. NaN marks a missing sample: a cell with a NaN corner yields no segment, so
// lines stop at gaps. Saddle cells are resolved by the mean of the four corners (the asymptotic decider's
// simple form), which keeps lines from crossing.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ger::render {

struct ContourPoint {
    double x = 0;  // column index, fractional
    double y = 0;  // row index, fractional
};

struct ContourLine {
    std::vector<ContourPoint> points;
    bool closed = false;  // the last point joins the first
};

// Polylines of field == level. Throws std::invalid_argument if values.size() != rows * cols.
std::vector<ContourLine> contour_lines(std::span<const float> values, std::size_t rows, std::size_t cols,
                                       double level);

}  // namespace ger::render
