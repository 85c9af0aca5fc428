#include "store/sql/copy.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "store/error.hpp"
#include "store/sql/connection.hpp"
#include "store/sqlite/connection.hpp"

namespace ger::store::sql {
namespace {

// NOTE: table and column names come from the schema itself, never from a user; they are quoted all the same, so
// a column named like a keyword (key, text, type) reads as a column in both databases.
std::string identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string joined(const std::vector<std::string>& names, bool quote) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + (quote ? identifier(name) : name);
    return out;
}

// Rethrows the exception being handled as the same kind of store error, `context` first.
[[noreturn]] void rethrow_with(const std::string& context) {
    try {
        throw;
    } catch (const IntegrityError& e) {
        throw IntegrityError(context + ": " + e.what());
    } catch (const SchemaError& e) {
        throw SchemaError(context + ": " + e.what());
    } catch (const NotFoundError& e) {
        throw NotFoundError(context + ": " + e.what());
    } catch (const ConflictError& e) {
        throw StoreError(context + ": " + e.what());
    } catch (const StoreError& e) {
        throw StoreError(context + ": " + e.what());
    }
}

std::vector<std::string> strings(Connection& db, std::string_view sql, const std::string& parameter = {}) {
    Statement query(db, sql);
    if (!parameter.empty()) query.bind(1, parameter);
    std::vector<std::string> out;
    while (query.step()) out.push_back(query.text(0));
    return out;
}

// The columns a copy writes, in table order. PostgreSQL's columns it generates always (edition_snapshots.seq) are
// the target's to number.
std::vector<std::string> column_names(Connection& db, const std::string& table) {
    if (db.dialect() == Dialect::sqlite) {
        return strings(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", table);
    }
    return strings(db,
                   "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND "
                   "table_name = ?1 AND identity_generation IS DISTINCT FROM 'ALWAYS' AND is_generated = 'NEVER' "
                   "ORDER BY ordinal_position",
                   table);
}

std::vector<std::string> key_columns(Connection& db, const std::string& table) {
    if (db.dialect() == Dialect::sqlite) {
        return strings(db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", table);
    }
    return strings(db,
                   "SELECT k.column_name FROM information_schema.table_constraints c "
                   "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND "
                   "k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
                   "WHERE c.table_schema = current_schema() AND c.table_name = ?1 AND "
                   "c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
                   table);
}

// The order rows are read in: the order the store reads them (snapshots as they were frozen: SQLite's rowid is
// PostgreSQL's seq, which the target then assigns in this order), else the primary key's.
std::string order_of(Connection& db, const std::string& table) {
    if (table == "edition_snapshots") {
        return db.dialect() == Dialect::sqlite ? " ORDER BY frozen_at, rowid" : " ORDER BY frozen_at, seq";
    }
    const auto key = key_columns(db, table);
    return key.empty() ? std::string() : " ORDER BY " + joined(key, true);
}

// How an error names a row: its number in the copy and its primary key.
std::string row_name(const Cursor& row, long long number, const std::vector<std::string>& columns,
                     const std::vector<std::string>& key) {
    std::string out = "row " + std::to_string(number);
    std::string values;
    for (const auto& name : key) {
        const auto at = std::find(columns.begin(), columns.end(), name);
        if (at == columns.end()) continue;
        const int i = static_cast<int>(at - columns.begin());
        std::string value;
        switch (row.kind(i)) {
            case ColumnKind::null: value = "NULL"; break;
            case ColumnKind::blob: value = std::to_string(row.blob(i).size()) + " bytes"; break;
            case ColumnKind::text: value = "'" + row.text(i) + "'"; break;
            default: value = row.text(i); break;
        }
        if (value.size() > 80) value = value.substr(0, 77) + "...";
        values += (values.empty() ? "" : ", ") + name + " = " + value;
    }
    return values.empty() ? out : out + " (" + values + ")";
}

// Each table in `tables` and schema_migrations, and no other: SchemaError naming what differs.
void require_tables(Connection& db, const std::vector<std::string>& tables) {
    std::set<std::string> expected(tables.begin(), tables.end());
    expected.insert("schema_migrations");
    const auto found_list = table_names(db);
    const std::set<std::string> found(found_list.begin(), found_list.end());
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::set_difference(expected.begin(), expected.end(), found.begin(), found.end(), std::back_inserter(missing));
    std::set_difference(found.begin(), found.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    if (missing.empty() && extra.empty()) return;
    std::string message = db.path() + " does not have this ger's schema:";
    if (!missing.empty()) message += " no table " + joined(missing, false) + (extra.empty() ? "" : ";");
    if (!extra.empty()) message += " tables this ger does not know: " + joined(extra, false);
    throw SchemaError(message);
}

long long copy_table(Connection& from, Connection& to, const std::string& table) {
    const auto columns = column_names(from, table);
    const auto target_columns = column_names(to, table);
    if (columns.empty()) throw SchemaError(from.path() + ": table " + table + " has no columns");
    if (std::set<std::string>(columns.begin(), columns.end()) !=
        std::set<std::string>(target_columns.begin(), target_columns.end())) {
        throw SchemaError("table " + table + " has other columns in " + from.path() + " (" + joined(columns, false) +
                          ") than in " + to.path() + " (" + joined(target_columns, false) + ")");
    }
    const auto key = key_columns(from, table);
    std::string parameters;
    for (std::size_t i = 1; i <= columns.size(); ++i) parameters += (i > 1 ? ", ?" : "?") + std::to_string(i);
    const std::string list = joined(columns, true);
    auto reader = from.prepare("SELECT " + list + " FROM " + identifier(table) + order_of(from, table));
    auto writer = to.prepare("INSERT INTO " + identifier(table) + " (" + list + ") VALUES (" + parameters + ")");
    // NOTE: the target's counters start at zero when its schema is created; the source's replace them.
    if (table == "change_counters") to.exec("DELETE FROM change_counters");

    const int count = static_cast<int>(columns.size());
    long long rows = 0;
    for (;;) {
        try {
            if (!reader->step()) break;
        } catch (const StoreError&) {
            rethrow_with(from.path() + ": reading table " + table + " after row " + std::to_string(rows));
        }
        ++rows;
        try {
            for (int i = 0; i < count; ++i) {
                switch (reader->kind(i)) {
                    case ColumnKind::null: writer->bind_null(i + 1); break;
                    case ColumnKind::integer: writer->bind_integer(i + 1, reader->integer(i)); break;
                    case ColumnKind::real: writer->bind_real(i + 1, reader->real(i)); break;
                    case ColumnKind::text: writer->bind_text(i + 1, reader->text(i)); break;
                    case ColumnKind::blob: writer->bind_blob(i + 1, reader->blob(i)); break;
                }
            }
            while (writer->step()) {
            }
            writer->reset();
        } catch (const StoreError&) {
            rethrow_with(to.path() + ": copying table " + table + ", " + row_name(*reader, rows, columns, key));
        }
    }
    return rows;
}

// An identity column's next value comes after the largest copied one (the copy named every id explicitly, which
// does not move the sequence). NOTE: setval is not undone by a rollback; a failed copy leaves only a gap.
void advance_sequences(Connection& to) {
    Statement identities(to,
                         "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                         "current_schema() AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT' ORDER BY "
                         "table_name, column_name");
    std::vector<std::pair<std::string, std::string>> columns;
    while (identities.step()) columns.emplace_back(identities.text(0), identities.text(1));
    for (const auto& [table, column] : columns) {
        try {
            Statement advance(to, "SELECT setval(pg_get_serial_sequence(?1, ?2), COALESCE(MAX(" + identifier(column) +
                                      "), 0) + 1, false) FROM " + identifier(table));
            advance.bind(1, identifier(table)).bind(2, column).run();
        } catch (const StoreError&) {
            rethrow_with(to.path() + ": advancing the sequence of " + table + "." + column);
        }
    }
}

}  // namespace

std::vector<std::string> schema_tables() {
    // NOTE: sqlite_master's rows are numbered as the schema creates them, so ORDER BY rowid is creation order.
    sqlite::SqliteConnection db(":memory:", true);
    db.migrate();
    return strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
                       "name <> 'schema_migrations' ORDER BY rowid");
}

std::vector<std::string> table_names(Connection& db) {
    auto names = db.dialect() == Dialect::sqlite
                     ? strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                     : strings(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                   "current_schema() AND table_type = 'BASE TABLE'");
    std::sort(names.begin(), names.end());
    return names;
}

CopySummary copy_database(Connection& from, Connection& to, const std::vector<std::string>& tables,
                          const CopyProgress& progress) {
    CopySummary summary;
    summary.from = from.path();
    summary.to = to.path();
    summary.schema_version = from.schema_version();
    if (const int target = to.schema_version(); target != summary.schema_version) {
        throw SchemaError("cannot copy " + from.path() + " (schema version " + std::to_string(summary.schema_version) +
                          ") into " + to.path() + " (schema version " + std::to_string(target) +
                          "): both must be at the same version");
    }
    require_tables(from, tables);
    require_tables(to, tables);

    Transaction write(to, Transaction::Kind::write);
    Transaction read(from, Transaction::Kind::read);
    for (const auto& table : tables) {
        if (table == "change_counters") continue;
        Statement rows(to, "SELECT COUNT(*) FROM " + identifier(table));
        rows.step();
        if (const long long n = rows.integer(0); n > 0) {
            throw StoreError(to.path() + " is not empty: table " + table + " holds " + std::to_string(n) +
                             (n == 1 ? " row" : " rows") +
                             "; a migration copies into a new or empty database only, so nothing was written");
        }
    }
    for (const auto& table : tables) {
        const TableCopy copied{table, copy_table(from, to, table)};
        summary.rows += copied.rows;
        summary.tables.push_back(copied);
        if (progress) progress(copied);
    }
    if (to.dialect() == Dialect::postgresql) advance_sequences(to);
    try {
        write.commit();
    } catch (const StoreError&) {
        rethrow_with(to.path() + ": committing the copy");
    }
    read.commit();
    return summary;
}

}  // namespace ger::store::sql
