#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "model/bundled.hpp"
#include "model/json.hpp"
#include "model/validation.hpp"

namespace {

using namespace ger::model;

const Dataset& bundled() {
    static const Dataset d = bundled_dataset();
    return d;
}

TEST(model_Bundled, ValidatesWithZeroErrors) {
    const auto errors = validate(bundled());
    for (const auto& e : errors) ADD_FAILURE() << e.path << ": " << e.message;
    EXPECT_TRUE(errors.empty());
}

TEST(model_Bundled, EmbeddedTextIsTheCommittedFile) {
    std::ifstream in(GER_SOURCE_DIR "/data/roadmap.json", std::ios::binary);
    ASSERT_TRUE(in) << "data/roadmap.json not found";
    std::stringstream file;
    file << in.rdbuf();
    EXPECT_EQ(bundled_dataset_json(), file.str()) << "rebuild ger_model after editing data/roadmap.json";
}

TEST(model_Bundled, Counts) {
    const Dataset& d = bundled();
    EXPECT_EQ(d.agencies.size(), 14u);
    EXPECT_EQ(d.goals.size(), 8u);
    EXPECT_GE(d.missions.size(), 60u);
    EXPECT_EQ(d.destinations.size(), 5u);
    EXPECT_FALSE(d.capabilities.empty());
    EXPECT_FALSE(d.objectives.empty());
}

TEST(model_Bundled, EditionsAndSignatories) {
    const Dataset& d = bundled();
    for (const char* name : {"2011", "2013"}) {
        const auto it = std::find_if(d.editions.begin(), d.editions.end(), [&](const Edition& e) { return e.name == name; });
        ASSERT_NE(it, d.editions.end()) << name;
        EXPECT_EQ(it->signatories.size(), 12u) << name;
        // CNSA and CSIRO were members but did not take part in the 2011 and 2013 editions.
        EXPECT_THAT(it->signatories, ::testing::Not(::testing::Contains("CNSA")));
        EXPECT_THAT(it->signatories, ::testing::Not(::testing::Contains("CSIRO")));
        EXPECT_TRUE(it->frozen);
    }
}

TEST(model_Bundled, EveryRecordHasASourceAndBundledMeta) {
    const Dataset& d = bundled();
    for (const auto& a : d.agencies) EXPECT_FALSE(a.source.empty()) << a.code;
    for (const auto& g : d.goals) EXPECT_FALSE(g.source.empty()) << g.id;
    for (const auto& o : d.objectives) {
        EXPECT_FALSE(o.source.empty()) << o.id;
        EXPECT_FALSE(o.verified) << o.id << ": objective themes are paraphrases";
    }
    for (const auto& c : d.capabilities) EXPECT_FALSE(c.source.empty()) << c.id;
    for (const auto& e : d.editions) EXPECT_FALSE(e.source.empty()) << e.name;
    for (const auto& m : d.missions) {
        EXPECT_FALSE(m.source.empty()) << m.id;
        EXPECT_EQ(m.meta.author, "ger-bundled-data") << m.id;
        ASSERT_TRUE(m.visibility.has_value()) << m.id;
        EXPECT_EQ(m.visibility->scope, VisibilityScope::public_) << m.id;
    }
}

// The documented derivation (data/SOURCES.md): commitment follows from the reported status.
TEST(model_Bundled, CommitmentFollowsStatus) {
    for (const auto& m : bundled().missions) {
        Commitment expected = Commitment::planned;
        switch (m.status) {
            case MissionStatus::operating: expected = Commitment::flying; break;
            case MissionStatus::completed:
            case MissionStatus::failed: expected = Commitment::completed; break;
            case MissionStatus::cancelled: expected = Commitment::cancelled; break;
            case MissionStatus::planned: expected = Commitment::planned; break;
            case MissionStatus::proposed: expected = Commitment::interest; break;
        }
        EXPECT_EQ(m.commitment, expected) << m.id;
    }
}

TEST(model_Bundled, ArtemisNeedsSlsOrionAndEsm) {
    for (const auto& m : bundled().missions) {
        if (m.id.rfind("artemis-", 0) != 0) continue;
        for (const char* cap : {"sls", "orion", "european-service-module"}) {
            EXPECT_THAT(m.capabilities_required, ::testing::Contains(cap)) << m.id;
        }
    }
}

TEST(model_Bundled, ExportImportIsIdentity) {
    const Dataset& d = bundled();
    EXPECT_EQ(parse_dataset(to_json(d).dump(2), "export.json"), d);
}

}  // namespace
