// How the SQLite tables keep values: time as UTC seconds since 1970 in INTEGER columns (migrations.cpp), enums as
// their model names in TEXT columns. Shared by the store's table files, so a corrupt row reads the same error
// everywhere.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "model/enums.hpp"
#include "model/records.hpp"
#include "store/error.hpp"

namespace ger::store::sql {

inline long long to_column(model::Timestamp t) { return t.time_since_epoch().count(); }
inline model::Timestamp timestamp_from_column(long long seconds) {
    return model::Timestamp{std::chrono::seconds{seconds}};
}
// Now, to the second: what every write stamps.
inline model::Timestamp now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// `column` names the table and column ("missions.kind") for the error a corrupt row gets.
template <class E>
E enum_from_column(const std::string& text, std::string_view column) {
    if (auto value = model::parse_enum<E>(text)) return *value;
    throw StoreError("corrupt " + std::string(column) + " in the database: '" + text + "'");
}

}  // namespace ger::store::sql
