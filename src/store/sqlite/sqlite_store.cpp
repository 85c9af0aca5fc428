#include "store/sqlite/sqlite_store.hpp"

#include <filesystem>

#include "store/sql/sql_store.hpp"
#include "store/sqlite/connection.hpp"

namespace ger::store::sqlite {

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode) {
    namespace fs = std::filesystem;
    const bool create = mode == OpenMode::create;
    if (path != ":memory:") {
        std::error_code ec;
        if (!create && !fs::exists(path, ec)) throw NotFoundError("no database at " + path);
        if (create) {
            const auto parent = fs::path(path).parent_path();
            if (!parent.empty()) {
                fs::create_directories(parent, ec);
                if (ec) throw StoreError("cannot create directory " + parent.string() + ": " + ec.message());
            }
        }
    }
    return sql::open_sql_store(std::make_unique<SqliteConnection>(path, create));
}

}  // namespace ger::store::sqlite
