// Online backup and restore (SQLite): a backup restores to the same data and audit log; a backup taken while
// another connection writes is one consistent instant (every mission has its audit entry and every audit entry
// its mission); refusals (an existing backup file, an existing database without replace, a file that is not a
// ger database, a missing one) change nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "model/bundled.hpp"
#include "model/json.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

const Actor nasa{"nasa", "NASA", {}};

model::Mission mission(const std::string& id) {
    model::Mission m;
    m.id = id;
    m.name = "Backup probe " + id;
    m.lead_agency = "NASA";
    m.destination = "Moon";
    m.visibility = model::Visibility{model::VisibilityScope::public_, {}};
    return m;
}

std::string exported(const std::string& path) { return model::to_json(open_store(path)->export_dataset()).dump(); }

class BackupTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto store = open_store(m_db, OpenMode::create);
        store->replace_all(model::bundled_dataset(), {"test", ""});
        store->create_mission(mission("nasa-backup-probe"), nasa);
    }
    test::TempDir m_dir;
    std::string m_db = (m_dir / "ger.db").string();
    std::string m_backup = (m_dir / "ger.backup").string();
};

TEST_F(BackupTest, ABackupRestoresToTheSameDataAndAuditLog) {
    const auto summary = open_store(m_db)->backup(m_backup);
    EXPECT_GT(summary.bytes, 10'000);
    EXPECT_EQ(summary.schema_version, latest_schema_version(m_db));
    const auto restored = (m_dir / "restored.db").string();
    restore_backup(m_backup, restored, false);
    EXPECT_EQ(exported(restored), exported(m_db));
    EXPECT_EQ(open_store(restored)->audit({}).size(), open_store(m_db)->audit({}).size());
    EXPECT_EQ(open_store(restored)->last_change_id(), open_store(m_db)->last_change_id());
    for (const char* suffix : {"-wal", "-shm"}) {
        EXPECT_FALSE(std::filesystem::exists(m_backup + suffix)) << "a backup is one self-contained file, even after "
                                                                     "a restore read it";
    }
}

TEST_F(BackupTest, ABackupUnderWriteLoadIsOneConsistentInstant) {
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        auto store = open_store(m_db);
        for (int i = 0; !stop && i < 100'000; ++i) {
            store->create_mission(mission("nasa-load-" + std::to_string(i)), nasa);
            ++written;
        }
    });
    while (written < 20) std::this_thread::yield();
    open_store(m_db)->backup(m_backup);
    const int at_backup = written;
    while (written < at_backup + 20) std::this_thread::yield();
    stop = true;
    writer.join();

    const auto restored = (m_dir / "restored.db").string();
    restore_backup(m_backup, restored, false);
    auto store = open_store(restored);
    std::set<std::string> missions;
    for (const auto& m : store->export_dataset().missions) {
        if (m.id.rfind("nasa-load-", 0) == 0) missions.insert(m.id);
    }
    std::set<std::string> audited;
    for (const auto& e : store->audit({.record_kind = "mission"})) {
        if (e.record_id.rfind("nasa-load-", 0) == 0) audited.insert(e.record_id);
    }
    EXPECT_EQ(missions, audited) << "every mission with its audit entry, and no entry without its mission";
    EXPECT_GE(missions.size(), 20u);
    EXPECT_LT(static_cast<int>(missions.size()), written.load()) << "the writes after the backup are not in it";
    for (int i = 0; i < static_cast<int>(missions.size()); ++i) {
        EXPECT_TRUE(missions.contains("nasa-load-" + std::to_string(i))) << "a prefix of the writes, no gap: " << i;
    }
}

TEST_F(BackupTest, RefusalsChangeNothing) {
    test::write_bytes(m_backup, "an older file");
    EXPECT_THROW(open_store(m_db)->backup(m_backup), StoreError);
    EXPECT_EQ(test::read_bytes(m_backup), "an older file") << "an existing file is never overwritten";

    const auto good = (m_dir / "good.backup").string();
    open_store(m_db)->backup(good);
    const auto before = exported(m_db);
    try {
        restore_backup(good, m_db, false);
        FAIL() << "restored over an existing database without replace";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("--replace"), std::string::npos) << e.what();
    }
    const auto garbage = (m_dir / "garbage.backup").string();
    test::write_bytes(garbage, std::string(8192, 'x'));
    try {
        restore_backup(garbage, m_db, true);
        FAIL() << "restored a file that is not a database";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(garbage), std::string::npos) << "names the file: " << e.what();
    }
    EXPECT_THROW(restore_backup((m_dir / "none.backup").string(), m_db, true), NotFoundError);
    EXPECT_EQ(exported(m_db), before) << "the database is untouched";
    EXPECT_FALSE(std::filesystem::exists(m_db + ".restoring"));

    // With replace, the backup's state comes back: a mission created after it is gone.
    open_store(m_db)->create_mission(mission("nasa-after-backup"), nasa);
    restore_backup(good, m_db, true);
    EXPECT_EQ(exported(m_db), before);
}

}  // namespace
}  // namespace ger::store
