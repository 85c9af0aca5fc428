// The CSV that `ger lambert` reads: a header row naming the columns (any order, extra columns ignored)
//   mu_km3_s2, r1x_km, r1y_km, r1z_km, r2x_km, r2y_km, r2z_km, tof_days, max_revs
// then one Lambert problem per row. A file from anyone, so a reader that refuses with a message, never crashes
// (tests/fuzz/lambert_csv).
#pragma once

#include <istream>
#include <string>

namespace ger::cli {

struct LambertCsvOptions {
    std::string format = "csv";  // "csv" or "json"
    bool retrograde = false;     // clockwise transfers as seen from +z
};

// Every arc of every row up to its max_revs (Izzo 2015), as CSV (row,revs,branch,v1x_km_s,...,v2z_km_s,status;
// row = 0-based data row) or JSON; a row with no arc gets one line with empty fields and a status saying why.
// The whole answer or nothing: a bad row throws CommandError naming its line and column (max_revs 0..1000).
std::string solve_lambert_csv(std::istream& in, const LambertCsvOptions& o);

}  // namespace ger::cli
