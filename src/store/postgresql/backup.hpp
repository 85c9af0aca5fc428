// Backup and restore of a PostgreSQL database with PostgreSQL's own tools: pg_dump writes one consistent snapshot
// (a REPEATABLE READ transaction: servers keep reading and writing meanwhile); a restore loads it in one
// transaction (pg_restore --single-transaction into an empty database; over an existing one, psql runs the drop of
// the old schema's objects and pg_restore's script as one transaction), so a failed restore changes nothing.
#pragma once

#include <string>

#include "store/store.hpp"

namespace ger::store::postgresql {

class PgConnection;

// pg_dump's custom format to `destination`, a file that must not exist yet; the file is read back with
// pg_restore --list before it is kept. StoreError naming the file (and pg_dump's message) otherwise; on any failure
// nothing is left at `destination`.
BackupSummary backup_database(PgConnection& source, const std::string& destination);

// Loads the backup into the database at `url` (pg_restore --single-transaction): refuses a database that already
// holds a ger schema unless `replace` (then its tables are dropped and recreated from the backup, in that same
// transaction). No server should be writing to it meanwhile.
BackupSummary restore_database(const std::string& backup, const std::string& url, bool replace);

}  // namespace ger::store::postgresql
