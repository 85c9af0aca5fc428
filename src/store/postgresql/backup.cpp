#include "store/postgresql/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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
    std::vector<std::string> args{tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
                                  "--no-privileges", "--dbname=" + url};
    if (replace) {
        args.emplace_back("--clean");
        args.emplace_back("--if-exists");
    }
    args.push_back(backup);
    const auto restored = run_tool(args);
    if (restored.status != 0) {
        throw StoreError("restore of " + backup + " into " + redacted(url) + " failed (nothing changed): " +
                         restored.errors);
    }
    PgConnection target(url);
    return BackupSummary{size_of(backup), current_version(target)};
}

}  // namespace ger::store::postgresql
