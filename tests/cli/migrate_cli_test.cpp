// `ger migrate` end to end through the built binary: a database that `ger init` filled moves to PostgreSQL (when
// built in; another SQLite file otherwise) and back to SQLite, and exports the same everywhere; a target that holds
// data, the source itself and a missing source are refused, and nothing is written.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include "../store/backends.hpp"
#include "../store/temp_dir.hpp"

namespace {

using ger::test::read_bytes;
using ger::test::TempDir;

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class MigrateCliTest : public ::testing::Test {
protected:
    Result ger(const std::string& args) {
        const auto out = m_dir / "stdout.txt";
        const auto err = m_dir / "stderr.txt";
        const std::string command = "cd '" + m_dir.path().string() + "' && env -u GER_DB '" GER_BINARY_DIR "/ger' " +
                                    args + " >'" + out.string() + "' 2>'" + err.string() + "'";
        const int raw = std::system(command.c_str());
        Result result;
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        result.out = read_bytes(out);
        result.err = read_bytes(err);
        return result;
    }
    std::string ok(const std::string& args) {
        const auto result = ger(args);
        EXPECT_EQ(result.status, 0) << "ger " << args << "\n" << result.err;
        return result.out;
    }
    // Where the database goes between the two SQLite files.
    static std::string middle() {
#if GER_WITH_POSTGRESQL
        return ger::test::fresh_postgresql_url(ger::test::postgresql_server());
#else
        return "sqlite:middle.db";
#endif
    }
    TempDir m_dir;
};

TEST_F(MigrateCliTest, ADatabaseMovesToAnotherBackendAndBackAndReadsTheSame) {
    ok("init --db source.db");
    const auto exported = ok("export --db source.db");
    const auto there = middle();
    const auto moved = ger("migrate --from source.db --to " + there);
    ASSERT_EQ(moved.status, 0) << moved.err;
    EXPECT_NE(moved.out.find("migrated source.db to "), std::string::npos) << moved.out;
    EXPECT_NE(moved.out.find("schema version"), std::string::npos) << moved.out;
    EXPECT_NE(moved.err.find("copied audit_log: "), std::string::npos) << "a line per table: " << moved.err;
    EXPECT_NE(moved.err.find("copied edition_snapshots: "), std::string::npos) << moved.err;
    ok("migrate --from " + there + " --to sqlite:back/ger.db");
    EXPECT_EQ(ok("export --db " + there), exported);
    EXPECT_EQ(ok("export --db back/ger.db"), exported);
    EXPECT_EQ(ok("editions --db back/ger.db"), ok("editions --db source.db"));

    const auto again = ger("migrate --from source.db --to back/ger.db");
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
    EXPECT_EQ(ok("export --db back/ger.db"), exported) << "a refused migration writes nothing";
}

TEST_F(MigrateCliTest, TheSourceItselfAndAMissingSourceAreRefused) {
    ok("init --db source.db");
    const auto itself = ger("migrate --from source.db --to sqlite:./source.db");
    EXPECT_EQ(itself.status, 1);
    EXPECT_NE(itself.err.find("into itself"), std::string::npos) << itself.err;
    const auto missing = ger("migrate --from missing.db --to target.db");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("missing.db"), std::string::npos) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(m_dir / "target.db")) << "nothing is created for a missing source";
    const auto help = ok("migrate --help");
    EXPECT_NE(help.find("postgresql://"), std::string::npos) << help;
    EXPECT_NE(help.find("--from"), std::string::npos) << help;
}

}  // namespace
