#include "store/store.hpp"

#include <filesystem>
#include <unordered_map>

#include "ger/config.hpp"
#include "store/sql/copy.hpp"
#include "store/sqlite/backup.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#if GER_WITH_POSTGRESQL
#include "store/postgresql/connection.hpp"
#include "store/postgresql/postgresql_store.hpp"
#endif

namespace ger::store {
namespace {

enum class Backend { sqlite, postgresql };

struct Location {
    Backend backend;
    std::string target;  // file path for SQLite, the URL for PostgreSQL
};

Location locate(const std::string& url_or_path) {
    const auto starts = [&](std::string_view prefix) { return url_or_path.rfind(prefix, 0) == 0; };
    if (starts("postgresql://") || starts("postgres://")) return {Backend::postgresql, url_or_path};
    if (starts("sqlite://")) return {Backend::sqlite, url_or_path.substr(9)};
    if (starts("sqlite:")) return {Backend::sqlite, url_or_path.substr(7)};
    return {Backend::sqlite, url_or_path};
}

#if !GER_WITH_POSTGRESQL
[[noreturn]] void no_postgresql(const std::string& url) {
    throw StoreError("cannot open " + url + ": this ger was built without PostgreSQL (configure with "
                     "-DGER_WITH_POSTGRESQL=ON)");
}
#endif

// Opens the restored file once, so an older backup is migrated to this binary's schema now, not on first use.
void open_sqlite_store_checked(const std::string& path) { sqlite::open_sqlite_store(path, OpenMode::existing); }

// A connection of its own to a database that open_store has created and migrated.
std::unique_ptr<sql::Connection> connect(const Location& where) {
    if (where.backend == Backend::postgresql) {
#if GER_WITH_POSTGRESQL
        return std::make_unique<postgresql::PgConnection>(where.target);
#else
        no_postgresql(where.target);
#endif
    }
    return std::make_unique<sqlite::SqliteConnection>(where.target, false);
}

// A location as messages show it: a URL without its password.
std::string shown(const Location& where) {
#if GER_WITH_POSTGRESQL
    if (where.backend == Backend::postgresql) return postgresql::redacted(where.target);
#endif
    return where.target;
}

// Whether two locations name one database: one file (however spelled), or one URL.
bool same_database(const Location& a, const Location& b) {
    if (a.backend != b.backend) return false;
    if (a.backend == Backend::postgresql) {
        const auto rest = [](const std::string& url) { return url.substr(url.find("://")); };
        return rest(a.target) == rest(b.target);
    }
    std::error_code ec_a;
    std::error_code ec_b;
    const auto path_a = std::filesystem::weakly_canonical(a.target, ec_a);
    const auto path_b = std::filesystem::weakly_canonical(b.target, ec_b);
    return ec_a || ec_b ? a.target == b.target : path_a == path_b;
}

}  // namespace

std::string_view to_string(SurveyRunState state) {
    switch (state) {
        case SurveyRunState::running: return "running";
        case SurveyRunState::complete: return "complete";
        case SurveyRunState::cancelled: return "cancelled";
        case SurveyRunState::failed: return "failed";
    }
    return "failed";
}

std::optional<SurveyRunState> survey_run_state_from(std::string_view text) {
    for (auto s : {SurveyRunState::running, SurveyRunState::complete, SurveyRunState::cancelled, SurveyRunState::failed}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

ConflictError::ConflictError(std::string record_kind, std::string record_id, int expected_version,
                             int actual_version)
    : StoreError(expected_version == 0
                     ? record_kind + " '" + record_id + "' already exists (version " +
                           std::to_string(actual_version) + ")"
                     : record_kind + " '" + record_id + "' was changed by someone else: expected version " +
                           std::to_string(expected_version) +
                           (actual_version >= 0 ? ", found " + std::to_string(actual_version) : std::string()) +
                           "; reload it and apply your change again"),
      m_record_kind(std::move(record_kind)),
      m_record_id(std::move(record_id)),
      m_expected_version(expected_version),
      m_actual_version(actual_version) {}

std::string_view to_string(Role role) { return role == Role::planner ? "planner" : "secretariat"; }

std::optional<Role> parse_role(std::string_view text) {
    if (text == "planner") return Role::planner;
    if (text == "secretariat") return Role::secretariat;
    return std::nullopt;
}

std::vector<GoalWithObjectives> Store::goals_with_objectives() {
    std::vector<GoalWithObjectives> out;
    std::unordered_map<std::string, std::size_t> index;
    for (auto& goal : goals()) {
        index.emplace(goal.id, out.size());
        out.push_back({std::move(goal), {}});
    }
    for (auto& objective : objectives()) {
        auto it = index.find(objective.goal_id);
        if (it != index.end()) out[it->second].objectives.push_back(std::move(objective));
    }
    return out;
}

std::unique_ptr<Store> open_store(const std::string& url_or_path, OpenMode mode) {
    const auto where = locate(url_or_path);
    if (where.target.empty()) throw StoreError("no database given (empty path)");
    if (where.backend == Backend::postgresql) {
#if GER_WITH_POSTGRESQL
        return postgresql::open_postgresql_store(where.target, mode);
#else
        no_postgresql(url_or_path);
#endif
    }
    return sqlite::open_sqlite_store(where.target, mode);
}

BackupSummary restore_backup(const std::string& backup, const std::string& url_or_path, bool replace) {
    const auto where = locate(url_or_path);
    if (where.target.empty()) throw StoreError("no database given (empty path)");
    if (where.backend == Backend::postgresql) {
#if GER_WITH_POSTGRESQL
        return postgresql::restore_postgresql_backup(backup, where.target, replace);
#else
        no_postgresql(url_or_path);
#endif
    }
    const auto summary = sqlite::restore_database(backup, where.target, replace);
    open_sqlite_store_checked(where.target);
    return summary;
}

CopySummary copy_database(const std::string& from, const std::string& to, const CopyProgress& progress) {
    const auto source = locate(from);
    const auto target = locate(to);
    if (source.target.empty() || target.target.empty()) throw StoreError("no database given (empty path)");
    if (same_database(source, target)) {
        throw StoreError("cannot copy " + shown(source) + " into itself: the target must be another database");
    }
    open_store(from, OpenMode::existing);  // NotFoundError when missing; migrated to this binary's schema
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool new_file = target.backend == Backend::sqlite && target.target != ":memory:" &&
                          !fs::exists(target.target, ec);
    try {
        open_store(to, OpenMode::create);  // created when missing, migrated to the same schema
        const auto reader = connect(source);
        const auto writer = connect(target);
        return sql::copy_database(*reader, *writer, sql::schema_tables(), progress);
    } catch (...) {
        if (new_file) {
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target.target + suffix, ec);
        }
        throw;
    }
}

int latest_schema_version(const std::string& url_or_path) {
    if (locate(url_or_path).backend == Backend::postgresql) {
#if GER_WITH_POSTGRESQL
        return postgresql::latest_postgresql_version();
#else
        no_postgresql(url_or_path);
#endif
    }
    return sqlite::latest_version();
}

}  // namespace ger::store
