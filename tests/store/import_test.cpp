// Importing a whole data set from JSON text: good text replaces the data set; every kind of bad text is
// refused with a message naming the source and the field, and leaves the database as it was: the same records,
// audit log and change counter on every backend (backends.hpp), and on SQLite the file byte-for-byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "backends.hpp"
#include "model/error.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"
#include "store/import.hpp"
#include "temp_dir.hpp"

namespace ger::store {
namespace {

using ger::test::read_bytes;
using nlohmann::json;

const Actor importer{"importer", ""};

using ger::test::Backend;

// The file of an SQLite URL (a path, "sqlite:PATH" or "sqlite://PATH", as open_store reads them); nullopt for a
// server's database.
std::optional<std::filesystem::path> sqlite_file(const std::string& url) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return std::nullopt;
    if (url.rfind("sqlite://", 0) == 0) return url.substr(9);
    if (url.rfind("sqlite:", 0) == 0) return url.substr(7);
    return url;
}

class ImportTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_url = GetParam().fresh_url(m_dir);
        m_file = sqlite_file(m_url);
        {
            auto store = open_store(m_url, OpenMode::create);
            store->replace_all(ger::test::sample_dataset(), importer);
            m_audit = store->audit();
            m_change_id = store->last_change_id();
        }
        // SQLite only: the file's bytes, which a refused import must leave alone (closing the store checkpoints
        // the WAL, so the file alone holds the whole database). A server's database has no file to compare; the
        // records, the audit log and the change counter, compared on every backend, say it through the store.
        if (m_file) {
            ASSERT_FALSE(std::filesystem::exists(m_file->string() + "-wal"));
            m_bytes = read_bytes(*m_file);
        }
    }

    static json sample_json() { return model::to_json(ger::test::sample_dataset()); }

    // Imports `text` and expects a ValidationError whose message names the source and every one of `needles`;
    // then checks that the database is unchanged.
    void expect_refused(const std::string& text, const std::vector<std::string>& needles) {
        const std::string source = "bad-input.json";
        try {
            auto store = open_store(m_url);
            import_dataset(*store, text, source, importer);
            ADD_FAILURE() << "bad input was imported";
        } catch (const model::ValidationError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(source), std::string::npos) << message;
            for (const auto& needle : needles) EXPECT_NE(message.find(needle), std::string::npos) << message;
        }
        if (m_file) {
            EXPECT_FALSE(std::filesystem::exists(m_file->string() + "-wal"));
            EXPECT_TRUE(read_bytes(*m_file) == m_bytes) << "the database file changed";
        }
        auto store = open_store(m_url);
        EXPECT_EQ(store->export_dataset(), ger::test::sample_dataset());
        EXPECT_TRUE(store->audit() == m_audit) << "a refused import writes no audit entry";
        EXPECT_EQ(store->last_change_id(), m_change_id);
    }

    ger::test::TempDir m_dir;
    std::string m_url;
    std::optional<std::filesystem::path> m_file;  // SQLite's
    std::string m_bytes;
    std::vector<model::AuditEntry> m_audit;
    long long m_change_id = 0;
};

TEST_P(ImportTest, GoodTextReplacesTheDataset) {
    auto data = ger::test::sample_dataset();
    data.missions.pop_back();
    auto store = open_store(m_url);
    const auto imported = import_dataset(*store, model::to_json(data).dump(2), "good.json", importer);
    EXPECT_EQ(imported, data);
    EXPECT_EQ(store->export_dataset(), data);
}

TEST_P(ImportTest, WrongType) {
    auto j = sample_json();
    j["missions"][1]["name"] = 42;
    expect_refused(j.dump(2), {"/missions/1/name"});
}

TEST_P(ImportTest, UnknownAgency) {
    auto j = sample_json();
    j["missions"][2]["lead_agency"] = "XYZA";
    expect_refused(j.dump(2), {"/missions/2/lead_agency", "XYZA"});
}

TEST_P(ImportTest, DuplicateId) {
    auto j = sample_json();
    j["capabilities"][2]["id"] = "heavy-launcher";
    expect_refused(j.dump(2), {"/capabilities/2/id", "heavy-launcher"});
}

TEST_P(ImportTest, DanglingReference) {
    auto j = sample_json();
    j["missions"][0]["precursors"] = json::array({"no-such-mission"});
    expect_refused(j.dump(2), {"/missions/0/precursors", "no-such-mission"});
}

// A record that does not say who may read it is refused (never imported as public), named by path, id and field.
TEST_P(ImportTest, MissingVisibility) {
    auto j = sample_json();
    j["missions"][2].erase("visibility");
    expect_refused(j.dump(2), {"bad-input.json#/missions/2/visibility", "mission \"lunar-lander\""});
    j = sample_json();
    j["capabilities"][1]["visibility"] = nullptr;
    expect_refused(j.dump(2), {"bad-input.json#/capabilities/1/visibility", "capability \"mars-relay\""});
}

// Ids that begin with an agency's prefix belong to that agency; the bundled data's other ids are anyone's.
TEST_P(ImportTest, AnIdWithAnotherAgencysPrefix) {
    auto j = sample_json();
    j["capabilities"][1]["id"] = "jaxa-relay";  // mars-relay is ESA's
    j["missions"][0]["capabilities_provided"] = json::array({"jaxa-relay"});
    expect_refused(j.dump(2), {"bad-input.json#/capabilities/1/id", "jaxa-", "JAXA"});
}

TEST_P(ImportTest, ImpossibleDate) {
    auto j = sample_json();
    j["missions"][1]["launch"] = "2023-02-30";
    expect_refused(j.dump(2), {"/missions/1/launch", "2023-02-30"});
}

TEST_P(ImportTest, UnknownEnumValue) {
    auto j = sample_json();
    j["missions"][0]["status"] = "flying-high";
    expect_refused(j.dump(2), {"/missions/0/status", "flying-high"});
}

TEST_P(ImportTest, InvalidUtf8) {
    auto text = sample_json().dump(2);
    const auto at = text.find("Mars Orbiter");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 4, "M\xff\xfe");
    expect_refused(text, {"UTF-8"});
}

TEST_P(ImportTest, TruncatedJson) {
    const auto text = sample_json().dump(2);
    expect_refused(text.substr(0, text.size() / 2), {});
}

TEST_P(ImportTest, HundredMegabyteLine) {
    auto j = sample_json();
    j["missions"][0]["description"] = std::string(100u << 20, 'a');
    expect_refused(j.dump(), {":1"});  // dump() without indent: the whole document is line 1
}

TEST_P(ImportTest, EmptyText) { expect_refused("", {}); }

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace ger::store
