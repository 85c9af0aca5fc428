// The Store (store/store.hpp) over any sql::Connection: the rules (references, goal numbers, precursor cycles,
// audit entries, change counters) and the SQL, written once for every backend.
#pragma once

#include <memory>

#include "store/store.hpp"

namespace ger::store::sql {

class Connection;

// Migrates the database behind `connection` to the newest schema and serves the Store calls over it.
std::unique_ptr<Store> open_sql_store(std::unique_ptr<Connection> connection);

}  // namespace ger::store::sql
