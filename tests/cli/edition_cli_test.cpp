// End to end through the built `ger` binary: analyze, edition freeze (immutable, artefacts stored), edition diff,
// report (stored artefacts written out byte for byte).
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "../store/temp_dir.hpp"

namespace {

using ger::test::read_bytes;
using ger::test::TempDir;
using nlohmann::json;

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class EditionCli : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(ger("init").status, 0); }

    Result ger(const std::string& args) {
        const auto out = m_dir / "stdout.txt";
        const auto err = m_dir / "stderr.txt";
        const std::string command = "cd '" + m_dir.path().string() + "' && env -u GER_DB GER_DB=ger.db '" +
                                    GER_BINARY_DIR "/ger' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
        const int raw = std::system(command.c_str());
        Result r;
        r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        r.out = read_bytes(out);
        r.err = read_bytes(err);
        return r;
    }

    TempDir m_dir;
};

TEST_F(EditionCli, AnalyzeJsonHasEveryKey) {
    const auto r = ger("analyze --format json --today 2026 --threads 2");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = json::parse(r.out);
    for (const char* key : {"coverage", "gaps", "overlaps", "opportunities", "conflicts", "feasibility"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_FALSE(j["feasibility"].empty());
    EXPECT_EQ(ger("analyze --goal no-such-mission").status, 1);
}

TEST_F(EditionCli, BundledEditionsAreFrozenAfterInit) {
    const auto r = ger("edition diff 2011 2013 --format json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = json::parse(r.out);
    EXPECT_EQ(j["from"], "2011");
    EXPECT_FALSE(j["missions"]["added"].empty());
    const auto slips = json::parse(ger("edition diff 2013 current --format json").out);
    bool artemis = false;
    for (const auto& c : slips["missions"]["changed"]) {
        if (c["mission"] == "artemis-1") artemis = c["launch"]["slip_days"] == 1780;
    }
    EXPECT_TRUE(artemis);
}

TEST_F(EditionCli, FreezeIsImmutableAndReportServesStoredArtefacts) {
    const auto first = ger("edition freeze 2026 --title 'The Global Exploration Roadmap (2026)' --published 2026-11-26");
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_NE(first.out.find("stored pdf"), std::string::npos);
    ASSERT_EQ(ger("report --edition 2026 --out a.pdf --html a.html --chart-png a.png").status, 0);
    const auto pdf = read_bytes(m_dir / "a.pdf");
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);

    const auto again = ger("edition freeze 2026 --title Other");
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.err.find("already frozen"), std::string::npos) << again.err;
    ASSERT_EQ(ger("report --edition 2026 --out b.pdf").status, 0);
    EXPECT_EQ(read_bytes(m_dir / "b.pdf"), pdf);  // the stored bytes, not a new rendering
    const auto png = read_bytes(m_dir / "a.png");
    EXPECT_EQ(png.substr(1, 3), "PNG");
    EXPECT_EQ(ger("report --edition 1999 --out c.pdf").status, 1);
}

}  // namespace
