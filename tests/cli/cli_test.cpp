// End to end through the built `ger` binary, each test in its own temporary directory.
#include <gtest/gtest.h>

#include <map>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "../store/sample_dataset.hpp"
#include "../store/temp_dir.hpp"
#include "model/json.hpp"

namespace {

using ger::test::read_bytes;
using ger::test::TempDir;
using ger::test::write_bytes;
using nlohmann::json;

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class CliTest : public ::testing::Test {
protected:
    // Runs `ger <args>` in the test's directory, with GER_DB unset unless `env` sets it.
    Result ger(const std::string& args, const std::string& env = "") {
        const auto out = m_dir / "stdout.txt";
        const auto err = m_dir / "stderr.txt";
        const std::string command = "cd " + quote(m_dir.path().string()) + " && env -u GER_DB " + env + " " +
                                    quote(GER_BINARY_DIR "/ger") + " " + args + " >" + quote(out.string()) +
                                    " 2>" + quote(err.string());
        const int raw = std::system(command.c_str());
        Result result;
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        result.out = read_bytes(out);
        result.err = read_bytes(err);
        return result;
    }

    // Runs `ger <args>`, expects success and returns standard output.
    std::string ok(const std::string& args) {
        const auto result = ger(args);
        EXPECT_EQ(result.status, 0) << "ger " << args << "\n" << result.err;
        return result.out;
    }

    std::filesystem::path path(const std::string& name) const { return m_dir / name; }

    TempDir m_dir;
};

TEST_F(CliTest, InitCreatesTheDatabaseAndRefusesToOverwriteIt) {
    const auto created = ok("init");
    EXPECT_NE(created.find("missions"), std::string::npos);
    const auto db = path("var/ger.db");
    ASSERT_TRUE(std::filesystem::exists(db));
    ok("missions --format json");  // make sure the file is settled (WAL checkpointed on close)
    const auto bytes = read_bytes(db);

    const auto again = ger("init");
    EXPECT_NE(again.status, 0);
    EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
    EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
    EXPECT_EQ(read_bytes(db), bytes);

    // --force starts over: an imported change is gone afterwards.
    auto data = ger::model::to_json(ger::test::sample_dataset());
    write_bytes(path("sample.json"), data.dump(2));
    ok("import sample.json");
    EXPECT_EQ(json::parse(ok("agencies --format json")).size(), 3u);
    ok("init --force");
    EXPECT_GT(json::parse(ok("agencies --format json")).size(), 3u);
}

TEST_F(CliTest, BackupAndRestoreRoundTripAndRefuseToOverwrite) {
    ok("init");
    const auto before = ok("export");
    const auto said = ok("backup --out roadmap.backup");
    EXPECT_NE(said.find("integrity ok"), std::string::npos) << said;
    const auto again = ger("backup --out roadmap.backup");
    EXPECT_NE(again.status, 0);
    EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;

    auto data = ger::model::to_json(ger::test::sample_dataset());
    write_bytes(path("sample.json"), data.dump(2));
    ok("import sample.json");
    EXPECT_NE(ok("export"), before);
    const auto refused = ger("restore --from roadmap.backup");
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.err.find("--replace"), std::string::npos) << refused.err;
    EXPECT_NE(ok("export"), before) << "a refused restore changes nothing";
    EXPECT_NE(ok("restore --from roadmap.backup --replace").find("restored"), std::string::npos);
    EXPECT_EQ(ok("export"), before) << "the backup's data is back";
}

TEST_F(CliTest, GerDbEnvironmentVariableChoosesTheDefaultDatabase) {
    const auto result = ger("init", "GER_DB=elsewhere/roadmap.db");
    EXPECT_EQ(result.status, 0) << result.err;
    EXPECT_TRUE(std::filesystem::exists(path("elsewhere/roadmap.db")));
    EXPECT_FALSE(std::filesystem::exists(path("var/ger.db")));
    EXPECT_EQ(ger("summary", "GER_DB=elsewhere/roadmap.db").status, 0);
}

TEST_F(CliTest, ReadCommandsWithoutADatabaseSuggestInit) {
    for (const char* command : {"summary", "agencies", "goals", "missions", "capabilities", "editions", "export"}) {
        const auto result = ger(std::string(command) + " --db missing.db");
        EXPECT_EQ(result.status, 1) << command;
        EXPECT_NE(result.err.find("missing.db"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("ger init"), std::string::npos) << result.err;
    }
    EXPECT_FALSE(std::filesystem::exists(path("missing.db")));
}

TEST_F(CliTest, ListsAsJsonCarryTheDocumentedKeys) {
    ok("init");
    const auto agencies = json::parse(ok("agencies --format json"));
    ASSERT_TRUE(agencies.is_array());
    ASSERT_EQ(agencies.size(), 14u);
    for (const auto& a : agencies) {
        EXPECT_TRUE(a.contains("code")) << a;
        ASSERT_TRUE(a.contains("editions")) << a;
        EXPECT_TRUE(a["editions"].is_array());
    }
    const auto goals = json::parse(ok("goals --format json"));
    ASSERT_TRUE(goals.is_array());
    ASSERT_FALSE(goals.empty());
    std::size_t objectives = 0;
    for (const auto& g : goals) {
        ASSERT_TRUE(g.contains("objectives")) << g;
        ASSERT_TRUE(g["objectives"].is_array());
        objectives += g["objectives"].size();
    }
    EXPECT_GT(objectives, 0u);
    const auto missions = json::parse(ok("missions --format json"));
    ASSERT_TRUE(missions.is_array());
    ASSERT_GT(missions.size(), 10u);
    for (const auto& m : missions) {
        for (const char* key : {"id", "name", "lead_agency", "destination", "kind", "launch", "status", "commitment",
                                "visibility"}) {
            EXPECT_TRUE(m.contains(key)) << key << " missing in " << m["id"];
        }
    }
    EXPECT_FALSE(json::parse(ok("capabilities --format json")).empty());
    const auto editions = json::parse(ok("editions --format json"));
    ASSERT_EQ(editions.size(), 2u);
    EXPECT_TRUE(editions[0].contains("signatories"));
}

TEST_F(CliTest, FiltersSelectMatchingRecords) {
    ok("init");
    const auto esa = json::parse(ok("missions --agency ESA --format json"));
    ASSERT_FALSE(esa.empty());
    for (const auto& m : esa) {
        const auto partners = m["partners"].get<std::vector<std::string>>();
        EXPECT_TRUE(m["lead_agency"] == "ESA" || std::find(partners.begin(), partners.end(), "ESA") != partners.end())
            << m["id"];
    }
    const auto moon = json::parse(ok("missions --destination Moon --kind robotic --format json"));
    ASSERT_FALSE(moon.empty());
    for (const auto& m : moon) {
        EXPECT_EQ(m["destination"], "Moon");
        EXPECT_EQ(m["kind"], "robotic");
    }
    EXPECT_LT(moon.size(), json::parse(ok("missions --format json")).size());
    const auto one = json::parse(ok("agencies --agency JAXA --format json"));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]["code"], "JAXA");
    for (const auto& c : json::parse(ok("capabilities --agency NASA --format json"))) EXPECT_EQ(c["provider"], "NASA");

    const auto unknown = ger("missions --agency NOPE");
    EXPECT_EQ(unknown.status, 1);
    EXPECT_NE(unknown.err.find("unknown agency 'NOPE'"), std::string::npos) << unknown.err;
    EXPECT_NE(ger("missions --format xml").status, 0);
    EXPECT_NE(ger("missions --kind alien").status, 0);
}

// Splits RFC 4180 text into records of fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.back().push_back(std::move(field));
            field.clear();
            records.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_TRUE(records.back().empty() && field.empty()) << "the last record must end with CRLF";
    records.pop_back();
    return records;
}

TEST_F(CliTest, CsvIsRfc4180) {
    auto data = ger::model::to_json(ger::test::sample_dataset());
    // A name is one line (model validation), so the quoting is of quotes and commas here.
    const std::string awkward = "Mars \"Orbiter\", first, \"second\"";
    data["missions"][0]["name"] = awkward;
    write_bytes(path("sample.json"), data.dump(2));
    ok("init");
    ok("import sample.json");
    const auto records = parse_csv(ok("missions --format csv"));
    ASSERT_EQ(records.size(), 5u);  // header + 4 missions
    EXPECT_EQ(records[0][0], "id");
    for (const auto& r : records) EXPECT_EQ(r.size(), records[0].size());
    EXPECT_EQ(records[1][0], "mars-orbiter");
    EXPECT_EQ(records[1][1], awkward);  // commas and quotes survive inside a quoted field
    const auto agencies = parse_csv(ok("agencies --format csv"));
    ASSERT_EQ(agencies.size(), 4u);
    EXPECT_EQ(agencies[1][4], "2013; 2011");  // NASA signed both, in edition order
}

// A line as its characters (UTF-8 sequences kept whole), so columns are compared as a terminal shows them.
std::vector<std::string> characters(const std::string& line) {
    std::vector<std::string> out;
    for (char c : line) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && !out.empty()) {
            out.back() += c;
        } else {
            out.emplace_back(1, c);
        }
    }
    return out;
}

TEST_F(CliTest, TablesAreAligned) {
    ok("init");
    const auto text = ok("missions");
    std::vector<std::vector<std::string>> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(characters(text.substr(start, end - start)));
    }
    ASSERT_GT(lines.size(), 10u);
    const std::string header = text.substr(0, text.find('\n'));
    // Each column starts where its header starts: after two blanks, with a non-blank, on every line.
    for (const char* name : {"name", "lead", "destination", "kind", "status"}) {
        const auto column = header.find(std::string("  ") + name) + 2;
        ASSERT_NE(column, std::string::npos + 2) << name;
        for (const auto& line : lines) {
            ASSERT_GT(line.size(), column) << name;
            EXPECT_EQ(line[column - 1], " ") << name;
            EXPECT_NE(line[column], " ") << name << " misaligned";
        }
    }
}

TEST_F(CliTest, ExportImportExportIsIdentical) {
    ok("init");
    ok("export -o first.json");
    ok("init --db second.db");
    write_bytes(path("empty.json"), ger::model::to_json(ger::model::Dataset{}).dump());
    ok("import --db second.db empty.json");  // start the second database empty
    ok("import --db second.db first.json");
    ok("export --db second.db -o second.json");
    const auto first = read_bytes(path("first.json"));
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, read_bytes(path("second.json")));
    EXPECT_EQ(first, ok("export --db second.db"));  // stdout gives the same bytes
}

TEST_F(CliTest, SummaryShowsTheThreeSections) {
    ok("init");
    const auto text = ok("summary");
    EXPECT_NE(text.find("Missions by destination and lead agency"), std::string::npos) << text;
    EXPECT_NE(text.find("Next launches after"), std::string::npos) << text;
    EXPECT_NE(text.find("Missions by status"), std::string::npos) << text;
    EXPECT_NE(text.find("Moon"), std::string::npos);
}

// Asteroid targets come from the catalogue compiled into ger, wherever ger runs (here: a directory without data/).
TEST_F(CliTest, AnalyzeFindsAsteroidTargetsInTheBundledCatalogue) {
    ok("init");
    const auto result = json::parse(ok("analyze --format json --today 2026 --threads 2"));
    std::map<std::string, std::string> verdicts;
    for (const auto& f : result["feasibility"]) verdicts[f["mission"]] = f["verdict"];
    for (const char* mission : {"ramses", "destiny-plus"}) {
        ASSERT_TRUE(verdicts.count(mission)) << mission;
        EXPECT_EQ(verdicts[mission], "feasible") << mission;
    }
    EXPECT_NE(ok("catalog --designation Apophis").find("99942 Apophis"), std::string::npos);
}

struct BadFile {
    std::string name;
    std::function<std::string(json)> make;  // from the good JSON to the bad text
    std::vector<std::string> expected;      // what the message must name besides the file
};

TEST_F(CliTest, BadFilesAreRefusedNamingFileAndFieldAndChangeNothing) {
    ok("init");
    ok("summary");
    const auto db = path("var/ger.db");
    const auto before = read_bytes(db);
    const auto good = ger::model::to_json(ger::test::sample_dataset());
    const std::vector<BadFile> cases{
        {"wrong-type.json", [](json j) { j["missions"][1]["name"] = 42; return j.dump(2); }, {"/missions/1/name"}},
        {"unknown-agency.json", [](json j) { j["missions"][2]["lead_agency"] = "XYZA"; return j.dump(2); },
         {"/missions/2/lead_agency"}},
        {"duplicate.json", [](json j) { j["missions"][3]["id"] = "iss"; return j.dump(2); }, {"/missions/3/id"}},
        {"dangling.json", [](json j) { j["missions"][0]["precursors"] = {"nowhere"}; return j.dump(2); },
         {"/missions/0/precursors"}},
        {"date.json", [](json j) { j["missions"][0]["launch"] = "2030-13"; return j.dump(2); }, {"/missions/0/launch"}},
        {"enum.json", [](json j) { j["capabilities"][0]["kind"] = "teleporter"; return j.dump(2); },
         {"/capabilities/0/kind"}},
        {"utf8.json", [](json j) { auto t = j.dump(2); t.insert(t.find("Mars Orbiter"), "\xc3\x28"); return t; }, {"UTF-8"}},
        {"truncated.json", [](json j) { auto t = j.dump(2); return t.substr(0, t.size() / 3); }, {"truncated"}},
    };
    for (const auto& c : cases) {
        write_bytes(path(c.name), c.make(good));
        const auto result = ger("import " + c.name);
        EXPECT_EQ(result.status, 1) << c.name;
        EXPECT_NE(result.err.find(c.name), std::string::npos) << result.err;
        for (const auto& needle : c.expected) EXPECT_NE(result.err.find(needle), std::string::npos) << result.err;
        EXPECT_EQ(read_bytes(db), before) << c.name << " changed the database";
    }
    const auto missing = ger("import no-such-file.json");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("no-such-file.json"), std::string::npos);
    EXPECT_EQ(read_bytes(db), before);
}

}  // namespace
