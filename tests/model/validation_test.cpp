#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/validation.hpp"
#include "sample_dataset.hpp"

namespace {

using namespace ger::model;
using ger::model::testing::sample_dataset;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

auto error_at(const std::string& path, const std::string& text) {
    return Contains(AllOf(Field(&FieldError::path, path), Field(&FieldError::message, HasSubstr(text))));
}

TEST(model_Validation, SampleIsValid) { EXPECT_THAT(validate(sample_dataset()), ::testing::IsEmpty()); }

TEST(model_Validation, Slugs) {
    EXPECT_TRUE(is_valid_slug("artemis-1"));
    EXPECT_TRUE(is_valid_slug("x"));
    EXPECT_TRUE(is_valid_slug(std::string(80, 'a')));
    for (const char* bad : {"", "Artemis", "artemis_1", "-a", "a-", "a--b", "a b", "ä"}) {
        EXPECT_FALSE(is_valid_slug(bad)) << bad;
    }
    EXPECT_FALSE(is_valid_slug(std::string(81, 'a')));
}

TEST(model_Validation, DuplicateMissionId) {
    Dataset d = sample_dataset();
    d.missions[1].id = d.missions[0].id;
    d.missions[1].precursors.clear();  // otherwise it would also precede itself
    EXPECT_THAT(validate(d), error_at("/missions/1/id", "duplicate id \"artemis-1\" (first at /missions/0)"));
}

TEST(model_Validation, DuplicateAgencyCode) {
    Dataset d = sample_dataset();
    d.agencies.push_back(d.agencies[0]);
    EXPECT_THAT(validate(d), error_at("/agencies/3/code", "duplicate code \"NASA\""));
}

TEST(model_Validation, DanglingReferences) {
    Dataset d = sample_dataset();
    d.missions[1].destination = "Venus";
    d.missions[1].objectives.push_back("no-such-objective");
    d.missions[1].capabilities_required = {"warp-drive"};
    d.missions[1].precursors = {"apollo-11"};
    d.objectives[0].goal_id = "no-such-goal";
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/1/destination", "unknown destination \"Venus\""));
    EXPECT_THAT(errors, error_at("/missions/1/objectives/2", "unknown objective"));
    EXPECT_THAT(errors, error_at("/missions/1/capabilities_required/0", "unknown capability"));
    EXPECT_THAT(errors, error_at("/missions/1/precursors/0", "unknown mission \"apollo-11\""));
    EXPECT_THAT(errors, error_at("/objectives/0/goal_id", "unknown goal"));
}

TEST(model_Validation, UnknownAgency) {
    Dataset d = sample_dataset();
    d.missions[0].lead_agency = "XYZ";
    d.missions[1].partners.push_back("BNSC");
    d.capabilities[0].provider = "Acme";
    d.editions[0].signatories.push_back("CNSA");
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/lead_agency", "unknown agency \"XYZ\""));
    EXPECT_THAT(errors, error_at("/missions/1/partners/2", "unknown agency \"BNSC\""));
    EXPECT_THAT(errors, error_at("/capabilities/0/provider", "unknown agency \"Acme\""));
    EXPECT_THAT(errors, error_at("/editions/0/signatories/3", "unknown agency \"CNSA\""));
}

TEST(model_Validation, ImpossibleDate) {
    using namespace std::chrono;
    Dataset d = sample_dataset();
    d.missions[0].launch = LaunchWindow{PlannedDate{2023y / February / 30, DatePrecision::day}, std::nullopt};
    d.capabilities[0].readiness = PlannedDate{2023y / 13 / 1, DatePrecision::month};
    d.editions[0].published = 2013y / April / 31;
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/launch", "impossible date 2023-2-30"));
    EXPECT_THAT(errors, error_at("/capabilities/0/readiness", "impossible date"));
    EXPECT_THAT(errors, error_at("/editions/0/published", "impossible date"));
}

TEST(model_Validation, BackwardsWindow) {
    using namespace std::chrono;
    Dataset d = sample_dataset();
    d.missions[1].launch = LaunchWindow{PlannedDate{2034y / June / 1, DatePrecision::month},
                                        PlannedDate{2034y / March / 1, DatePrecision::month}};
    EXPECT_THAT(validate(d), error_at("/missions/1/launch", "ends before it starts"));
}

TEST(model_Validation, PrecursorCycle) {
    Dataset d = sample_dataset();
    d.missions[0].precursors = {"mars-probe"};  // mars-probe already builds on artemis-1
    const auto errors = validate(d);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_THAT(errors[0].message, HasSubstr("precursor cycle: artemis-1 -> mars-probe -> artemis-1"));
}

TEST(model_Validation, SelfPrecursor) {
    Dataset d = sample_dataset();
    d.missions[0].precursors = {"artemis-1"};
    EXPECT_THAT(validate(d), error_at("/missions/0/precursors/0", "cannot precede itself"));
}

TEST(model_Validation, NamedAgencyVisibilityMustListAgencies) {
    Dataset d = sample_dataset();
    d.missions[0].visibility = {VisibilityScope::agencies, {}};
    d.capabilities[0].visibility = {VisibilityScope::public_, {"ESA"}};
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/visibility/agencies", "must list at least one agency"));
    EXPECT_THAT(errors, error_at("/capabilities/0/visibility/agencies", "only scope \"agencies\""));
}

TEST(model_Validation, AMissionLastsAtMostAHundredYears) {
    Dataset d = sample_dataset();
    d.missions[0].duration_days = 36525.0;
    EXPECT_THAT(validate(d), Not(Contains(Field(&FieldError::path, "/missions/0/duration_days"))));
    for (const double days : {36525.5, 1e308}) {
        d.missions[0].duration_days = days;
        EXPECT_THAT(validate(d), error_at("/missions/0/duration_days", "at most 36525 (100 years)")) << days;
    }
}

TEST(model_Validation, RecordRules) {
    Dataset d = sample_dataset();
    d.missions[0].duration_days = -1.0;
    d.missions[0].partners.push_back("NASA");
    d.missions[0].meta.updated_at = d.missions[0].meta.created_at - std::chrono::seconds{1};
    d.agencies[0].member_since = 1999;
    d.goals[1].number = 1;
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/duration_days", "positive"));
    EXPECT_THAT(errors, error_at("/missions/0/partners/1", "not its own partner"));
    EXPECT_THAT(errors, error_at("/missions/0/updated_at", "before created_at"));
    EXPECT_THAT(errors, error_at("/agencies/0/member_since", "1999"));
    EXPECT_THAT(errors, error_at("/goals/1/number", "duplicate number"));
}

TEST(model_Validation, SingleRecordAgainstReferences) {
    const Dataset d = sample_dataset();
    const References refs = References::of(d);
    EXPECT_TRUE(validate(d.missions[1], refs, "/missions/1").empty());
    Mission m = d.missions[1];
    m.lead_agency = "NOPE";
    EXPECT_THAT(validate(m, refs, "/missions/1"), error_at("/missions/1/lead_agency", "unknown agency"));
}

// No visibility is an invalid record, in a whole data set and on its own, named by path and id: never public.
TEST(model_Validation, VisibilityIsRequired) {
    Dataset d = sample_dataset();
    ASSERT_THAT(validate(d), ::testing::IsEmpty());
    d.missions[1].visibility.reset();
    d.capabilities[0].visibility.reset();
    const auto errors = validate(d);
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_THAT(errors, error_at("/missions/1/visibility", "mission \"mars-probe\" must say who may read it"));
    EXPECT_THAT(errors, error_at("/capabilities/0/visibility", "capability \"sls\" must say who may read it"));
    EXPECT_THAT(validate(d.missions[1], References::of(d)), error_at("/visibility", "never public by default"));
}

TEST(model_Validation, AnIdWithAnAgencysPrefixBelongsToThatAgency) {
    Dataset d = sample_dataset();
    ASSERT_EQ(d.capabilities[1].id, "esa-i-hab");  // ESA's, with ESA's prefix: valid
    ASSERT_THAT(validate(d), ::testing::IsEmpty());
    d.capabilities[1].provider = "NASA";
    d.missions[0].id = "jaxa-artemis";
    d.missions[1].precursors = {"jaxa-artemis"};
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/capabilities/1/id", "begins with \"esa-\", which only ESA's records may use"));
    EXPECT_THAT(errors, error_at("/missions/0/id", "begins with \"jaxa-\", which only JAXA's records may use"));
    EXPECT_EQ(errors.size(), 2u);
    // Ids without any agency's prefix are anyone's (the bundled data's), and a bare prefix is not one.
    d = sample_dataset();
    d.missions[0].id = "esaurus";
    d.missions[1].precursors = {"esaurus"};
    EXPECT_THAT(validate(d), ::testing::IsEmpty());
}

TEST(model_Validation, NewIdsBeginWithTheOwnersPrefix) {
    EXPECT_EQ(id_prefix("ESA"), "esa-");
    EXPECT_EQ(id_prefix("Roscosmos"), "roscosmos-");
    EXPECT_TRUE(validate_new_id("nasa-gateway-2", "NASA").empty());
    EXPECT_TRUE(validate_new_id("roscosmos-luna-30", "Roscosmos").empty());
    for (const char* bad : {"gateway-2", "esa-gateway", "nasa-", "nasa", "NASA-x"}) {
        const auto errors = validate_new_id(bad, "NASA", "/m");
        ASSERT_EQ(errors.size(), 1u) << bad;
        EXPECT_EQ(errors[0].path, "/m/id");
        EXPECT_THAT(errors[0].message, HasSubstr("\"nasa-...\""));
    }
}

TEST(model_Validation, ThrowIfAny) {
    EXPECT_NO_THROW(throw_if_any({}));
    try {
        throw_if_any({{"/a", "bad"}, {"/b", "worse"}});
        FAIL() << "did not throw";
    } catch (const ValidationError& e) {
        EXPECT_STREQ(e.what(), "/a: bad\n/b: worse");
        EXPECT_EQ(e.errors().size(), 2u);
    }
}

}  // namespace

namespace {

// Found by an attack on the server: a mission named "\u0000x" was stored. Every free-text field of every record
// refuses control characters and over-long values, naming the field; prose keeps its line breaks.
TEST(model_Validation, ControlCharactersInAnyFreeTextFieldAreRefusedNamingTheField) {
    const std::string nul("\0x", 2);
    Dataset d = sample_dataset();
    d.missions[0].name = nul;
    d.missions[0].target_body = "Moon\x1b[31m";
    d.missions[1].description = "a\rb";
    d.missions[1].source = "\x7f";
    d.capabilities[0].name = "line\nbreak";
    d.capabilities[0].description = nul;
    d.objectives[0].title = nul;
    d.goals[0].description = nul;
    d.agencies[0].name = "NASA\t";
    d.destinations[0].name = nul;
    d.editions[0].scenario = nul;
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/name", "holds a control character or a line break"));
    EXPECT_THAT(errors, error_at("/missions/0/target_body", "holds a control character"));
    EXPECT_THAT(errors, error_at("/missions/1/description", "only line breaks and tabs are allowed"));
    EXPECT_THAT(errors, error_at("/missions/1/source", "holds a control character"));
    EXPECT_THAT(errors, error_at("/capabilities/0/name", "holds a control character or a line break"));
    EXPECT_THAT(errors, error_at("/capabilities/0/description", "holds a control character"));
    EXPECT_THAT(errors, error_at("/objectives/0/title", "holds a control character"));
    EXPECT_THAT(errors, error_at("/goals/0/description", "holds a control character"));
    EXPECT_THAT(errors, error_at("/agencies/0/name", "holds a control character or a line break"));
    EXPECT_THAT(errors, error_at("/destinations/0/name", "holds a control character"));
    EXPECT_THAT(errors, error_at("/editions/0/scenario", "holds a control character"));
    EXPECT_EQ(errors.size(), 11u);
}

TEST(model_Validation, ProseKeepsLineBreaksAndTabsAndLengthsAreCountedInCharacters) {
    Dataset d = sample_dataset();
    d.missions[0].description = "first line\n\tsecond line";
    d.missions[0].name.clear();
    for (int i = 0; i < 200; ++i) d.missions[0].name += "\xC3\xA9";  // 200 characters, 400 bytes: allowed
    EXPECT_THAT(validate(d), ::testing::IsEmpty());
    d.missions[0].name += "e";
    d.capabilities[0].source = std::string(2001, 's');
    const auto errors = validate(d);
    EXPECT_THAT(errors, error_at("/missions/0/name", "too long: 201 characters, at most 200"));
    EXPECT_THAT(errors, error_at("/capabilities/0/source", "too long: 2001 characters, at most 2000"));
    EXPECT_EQ(errors.size(), 2u);
}

}  // namespace
