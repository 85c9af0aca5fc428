// Online backup and restore of an SQLite database (SQLite's backup API): a backup is one consistent snapshot,
// taken while servers keep reading and writing (WAL: the copy holds a read transaction, writers go on); a restore
// checks the file is a whole ger database before it replaces anything.
#pragma once

#include <string>

#include "store/store.hpp"

namespace ger::store::sqlite {

class SqliteConnection;

// Copies the database behind `source` to `destination`, a file that must not exist yet (StoreError naming it
// otherwise, and when it cannot be written). The copy is checked (PRAGMA integrity_check) before it is kept; on any
// failure nothing is left at `destination`.
BackupSummary backup_database(SqliteConnection& source, const std::string& destination);

// Replaces the database at `target` by the backup at `backup`: the backup is opened read-only and checked
// (a ger database, integrity ok, a schema this binary knows), copied next to `target`, then renamed over it,
// with any -wal and -shm files of the old one removed. Refuses an existing `target` unless `replace`; a server
// must not have `target` open. StoreError (or SchemaError) naming the file when a check fails; `target` is then
// untouched.
BackupSummary restore_database(const std::string& backup, const std::string& target, bool replace);

}  // namespace ger::store::sqlite
