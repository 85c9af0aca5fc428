// The SQLite backend of Store (see store/store.hpp): sql_store.cpp over an SqliteConnection.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace ger::store::sqlite {

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode);

}  // namespace ger::store::sqlite
