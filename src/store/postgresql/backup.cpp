#include "store/postgresql/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "store/error.hpp"
#include "store/postgresql/connection.hpp"
#include "store/postgresql/migrations.hpp"

extern char** environ;

namespace ger::store::postgresql {
namespace {

namespace fs = std::filesystem;

// Debian installs the server's tools under /usr/lib/postgresql/<major>/bin; the client package puts
// wrappers on PATH.
std::string tool(const std::string& name) {
    for (const char* dir : {"/usr/lib/postgresql/15/bin/", "/usr/local/bin/", "/usr/bin/"}) {
        const std::string path = std::string(dir) + name;
        if (::access(path.c_str(), X_OK) == 0) return path;
    }
    return name;
}

struct ToolRun {
    int status = -1;     // exit status; -1 when it could not start or was killed
    std::string errors;  // its stderr
};

// Runs a tool without a shell (no quoting of the URL or path can go wrong), its stderr kept for the message.
ToolRun run_tool(const std::vector<std::string>& args) {
    char pattern[] = "/tmp/ger-pgtool-XXXXXX";
    const int err_fd = ::mkstemp(pattern);
    if (err_fd < 0) throw StoreError("cannot create a temporary file for " + args[0]);
    ::unlink(pattern);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ToolRun out;
    if (rc == 0) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    } else {
        out.errors = args[0] + ": " + std::system_category().message(rc);
    }
    ::lseek(err_fd, 0, SEEK_SET);
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(err_fd, buffer, sizeof buffer)) > 0 && out.errors.size() < 16384) {
        out.errors.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(err_fd);
    while (!out.errors.empty() && out.errors.back() == '\n') out.errors.pop_back();
    return out;
}

void remove_quietly(const fs::path& p) {
    std::error_code ignored;
    fs::remove(p, ignored);
}

long long size_of(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<long long>(size);
}

void check_readable(const std::string& file, const std::string& what) {
    const auto listed = run_tool({tool("pg_restore"), "--list", file});
    if (listed.status != 0) throw StoreError(what + ": " + file + " is not a readable pg_dump file: " + listed.errors);
}

// A new file only this process can read (mode 0600: a restore script holds every record), removed on scope exit.
class TempFile {
public:
    TempFile() {
        std::string pattern = (fs::temp_directory_path() / "ger-restore-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) throw StoreError("cannot create a temporary file for a restore in " + pattern);
        ::close(fd);
        m_path = pattern;
    }
    ~TempFile() { remove_quietly(m_path); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

// Drops every table, view, sequence and routine of the schema the store uses (current_schema(), as
// migrations.cpp's current_version reads it), their indexes, constraints and triggers with them; extension members
// stay. Names are collected before the first drop: a CASCADE may take later ones with it (IF EXISTS skips those).
// NOTE: pg_restore --clean alone drops only the objects the backup holds. Over a database at a newer schema than
// the backup's, the newer tables, indexes and functions stayed: the drop of a key of the backup's tables that a
// newer table's foreign key needs failed the restore (a v10 backup over v12: action_items -> workshops), or the
// restore committed and the migration to this binary's schema then failed on "relation ... already exists",
// leaving the records replaced and the database unopenable (tests/store/backup_test.cpp: PostgresqlBackup).
constexpr const char* drop_schema_objects = R"sql(
DO $ger_restore$
DECLARE
    statements text[];
    statement text;
BEGIN
    SELECT array_agg(format('DROP %s IF EXISTS %I.%I CASCADE',
                            CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                           WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                            n.nspname, c.relname)
                     ORDER BY c.relkind = 'S', c.relname)
      INTO statements
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                  AND d.deptype = 'e');
    FOREACH statement IN ARRAY coalesce(statements, '{}') LOOP
        EXECUTE statement;
    END LOOP;
    SELECT array_agg(format('DROP ROUTINE IF EXISTS %I.%I(%s) CASCADE', n.nspname, p.proname,
                            pg_get_function_identity_arguments(p.oid)))
      INTO statements
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                                  AND d.deptype = 'e');
    FOREACH statement IN ARRAY coalesce(statements, '{}') LOOP
        EXECUTE statement;
    END LOOP;
END
$ger_restore$
)sql";

}  // namespace

BackupSummary backup_database(PgConnection& source, const std::string& destination) {
    if (fs::exists(destination)) throw StoreError(destination + " exists: a backup is written to a new file");
    BackupSummary summary;
    summary.schema_version = current_version(source);
    const std::string staging = destination + ".partial";
    remove_quietly(staging);
    try {
        const auto dumped = run_tool({tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                                      "--file=" + staging, "--dbname=" + source.url()});
        if (dumped.status != 0) {
            throw StoreError("backup of " + source.path() + " to " + destination + " failed: " + dumped.errors);
        }
        check_readable(staging, "backup to " + destination);
        std::error_code ec;
        fs::rename(staging, destination, ec);
        if (ec) throw StoreError("cannot write " + destination + ": " + ec.message());
    } catch (...) {
        remove_quietly(staging);
        throw;
    }
    summary.bytes = size_of(destination);
    return summary;
}

BackupSummary restore_database(const std::string& backup, const std::string& url, bool replace) {
    if (!fs::exists(backup)) throw NotFoundError("no backup file " + backup);
    check_readable(backup, "restore from " + backup);
    {
        PgConnection target(url);
        if (current_version(target) > 0 && !replace) {
            throw StoreError(redacted(url) + " holds a ger database: restore with --replace to overwrite it (stop "
                             "ger serve on it first)");
        }
    }
    const std::string failed = "restore of " + backup + " into " + redacted(url) + " failed (nothing changed): ";
    if (!replace) {
        // An empty database (current_version 0: no tables at all): nothing to drop first.
        const auto restored = run_tool({tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
                                        "--no-privileges", "--dbname=" + url, backup});
        if (restored.status != 0) throw StoreError(failed + restored.errors);
    } else {
        // The old schema's objects are dropped and the backup loaded in one transaction, so a failure anywhere
        // leaves the database as it was. pg_restore cannot run a statement of ours in its transaction, so it
        // writes its script (whole and checked first: a damaged backup fails here, before anything ran), and
        // psql runs our drop and that script as one transaction (--single-transaction, ON_ERROR_STOP).
        const TempFile script;
        const auto written = run_tool({tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                       "--file=" + script.path(), backup});
        if (written.status != 0) throw StoreError(failed + written.errors);
        const auto restored =
            run_tool({tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                      "--dbname=" + url, "--command=SET client_min_messages = warning",
                      std::string("--command=") + drop_schema_objects, "--file=" + script.path()});
        if (restored.status != 0) throw StoreError(failed + restored.errors);
    }
    PgConnection target(url);
    return BackupSummary{size_of(backup), current_version(target)};
}

}  // namespace ger::store::postgresql
