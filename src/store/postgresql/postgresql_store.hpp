// The PostgreSQL backend of Store (see store/store.hpp): sql_store.cpp over a PgConnection.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace ger::store::postgresql {

// `url`: postgresql://user@host:port/database. OpenMode::create creates the database when the server has none of
// that name (C collation, UTF-8; the role needs CREATEDB), or gives an empty one the schema; OpenMode::existing
// wants one that holds a ger schema (NotFoundError otherwise).
std::unique_ptr<Store> open_postgresql_store(const std::string& url, OpenMode mode);

// The newest schema version this binary knows for PostgreSQL.
int latest_postgresql_version();

// store/store.hpp: restore_backup for a PostgreSQL URL.
BackupSummary restore_postgresql_backup(const std::string& backup, const std::string& url, bool replace);

}  // namespace ger::store::postgresql
