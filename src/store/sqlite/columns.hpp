// How the SQLite tables keep time: UTC seconds since 1970 in INTEGER columns (migrations.cpp). Shared by the
// store's table files.
#pragma once

#include <chrono>

#include "model/records.hpp"

namespace ger::store::sqlite {

inline long long to_column(model::Timestamp t) { return t.time_since_epoch().count(); }
inline model::Timestamp timestamp_from_column(long long seconds) {
    return model::Timestamp{std::chrono::seconds{seconds}};
}
// Now, to the second: what every write stamps.
inline model::Timestamp now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace ger::store::sqlite
