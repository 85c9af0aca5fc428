#include <gtest/gtest.h>

#include "model/error.hpp"
#include "model/json.hpp"
#include "sample_dataset.hpp"

namespace {

using namespace ger::model;
using ger::model::testing::sample_dataset;
using nlohmann::json;

// The first error of a from_json call that must fail.
template <class F>
FieldError first_error(F&& parse) {
    try {
        parse();
    } catch (const ValidationError& e) {
        if (!e.errors().empty()) return e.errors().front();
        return {"", "ValidationError without errors"};
    }
    return {"", "no error thrown"};
}

TEST(model_Json, EveryRecordTypeRoundTrips) {
    const Dataset d = sample_dataset();
    for (const auto& a : d.agencies) EXPECT_EQ(agency_from_json(to_json(a)), a);
    for (const auto& g : d.goals) EXPECT_EQ(goal_from_json(to_json(g)), g);
    for (const auto& o : d.objectives) EXPECT_EQ(objective_from_json(to_json(o)), o);
    for (const auto& x : d.destinations) EXPECT_EQ(destination_from_json(to_json(x)), x);
    for (const auto& m : d.missions) EXPECT_EQ(mission_from_json(to_json(m)), m);
    for (const auto& c : d.capabilities) EXPECT_EQ(capability_from_json(to_json(c)), c);
    for (const auto& e : d.editions) EXPECT_EQ(edition_from_json(to_json(e)), e);
    EXPECT_EQ(visibility_from_json(to_json(*d.capabilities[1].visibility)), d.capabilities[1].visibility);
    EXPECT_EQ(dataset_from_json(to_json(d)), d);
}

TEST(model_Json, ExportImportThroughTextIsIdentity) {
    const Dataset d = sample_dataset();
    const std::string text = to_json(d).dump(2);
    const Dataset back = parse_dataset(text, "export.json");
    EXPECT_EQ(back, d);
    EXPECT_EQ(to_json(back).dump(2), text);  // and the text is stable
}

TEST(model_Json, MissionWireForm) {
    const json j = to_json(sample_dataset().missions[1]);
    EXPECT_EQ(j.at("launch"), "2033-03/2034");
    EXPECT_EQ(j.at("type"), "sample-return");
    EXPECT_EQ(j.at("visibility"), json({{"scope", "partners"}, {"agencies", json::array()}}));
    EXPECT_EQ(j.at("created_at"), "2026-11-26T09:55:00Z");
    EXPECT_EQ(j.at("version"), 3);
    EXPECT_TRUE(j.at("duration_days").is_null());
    const json first = to_json(sample_dataset().missions[0]);
    EXPECT_TRUE(first.at("target_body").is_null());
    EXPECT_EQ(first.at("launch"), "2022-11-16");
}

TEST(model_Json, OptionalFieldsMayBeAbsent) {
    const json j = {{"id", "m"},           {"name", "M"},         {"lead_agency", "NASA"},
                    {"destination", "Mars"}, {"kind", "robotic"}, {"type", "orbiter"},
                    {"status", "planned"}, {"commitment", "study"}, {"launch", nullptr}};
    const Mission m = mission_from_json(j);
    EXPECT_FALSE(m.launch);
    EXPECT_EQ(m.meta.version, 1);
}

// Absent or null visibility is read as "not said", never as public: validation refuses the record
// (validation_test), and the JSON form says null, so a round trip cannot turn it into anything else.
TEST(model_Json, MissingVisibilityStaysUnset) {
    json j = to_json(sample_dataset().missions[0]);
    j.erase("visibility");
    EXPECT_FALSE(mission_from_json(j).visibility.has_value());
    j["visibility"] = nullptr;
    const Mission m = mission_from_json(j);
    EXPECT_FALSE(m.visibility.has_value());
    EXPECT_TRUE(to_json(m).at("visibility").is_null());
    EXPECT_EQ(mission_from_json(to_json(m)), m);
    json c = to_json(sample_dataset().capabilities[0]);
    c.erase("visibility");
    EXPECT_FALSE(capability_from_json(c).visibility.has_value());
    // The negative case: a visibility that is there is read as it is.
    EXPECT_EQ(mission_from_json(to_json(sample_dataset().missions[0])).visibility,
              sample_dataset().missions[0].visibility);
}

TEST(model_Json, WrongTypeHasPointerPath) {
    json j = to_json(sample_dataset());
    j["missions"][1]["name"] = 42;
    const auto e = first_error([&] { dataset_from_json(j); });
    EXPECT_EQ(e.path, "/missions/1/name");
    EXPECT_EQ(e.message, "expected a string, got number");
}

TEST(model_Json, UnknownFieldIsRejected) {
    json j = to_json(sample_dataset());
    j["missions"][0]["lauch"] = "2030";
    const auto e = first_error([&] { dataset_from_json(j); });
    EXPECT_EQ(e.path, "/missions/0/lauch");
    EXPECT_NE(e.message.find("unknown field"), std::string::npos);
    EXPECT_NE(e.message.find("launch"), std::string::npos) << "the message should list the allowed fields";
}

TEST(model_Json, UnknownTopLevelFieldIsRejected) {
    json j = to_json(sample_dataset());
    j["mission"] = json::array();
    EXPECT_EQ(first_error([&] { dataset_from_json(j); }).path, "/mission");
}

TEST(model_Json, UnknownEnumValueListsAllowedValues) {
    json j = to_json(sample_dataset().missions[0]);
    j["status"] = "flying";
    const auto e = first_error([&] { mission_from_json(j, "/missions/0"); });
    EXPECT_EQ(e.path, "/missions/0/status");
    EXPECT_EQ(e.message,
              "unknown value \"flying\" (allowed: proposed, planned, operating, completed, failed, cancelled)");
}

TEST(model_Json, UnknownVisibilityScope) {
    json j = to_json(sample_dataset().capabilities[0]);
    j["visibility"]["scope"] = "secret";
    const auto e = first_error([&] { capability_from_json(j, "/capabilities/0"); });
    EXPECT_EQ(e.path, "/capabilities/0/visibility/scope");
    EXPECT_NE(e.message.find("public, partners, agencies"), std::string::npos);
}

TEST(model_Json, MissingRequiredField) {
    json j = to_json(sample_dataset());
    j["agencies"][2].erase("code");
    const auto e = first_error([&] { dataset_from_json(j); });
    EXPECT_EQ(e.path, "/agencies/2/code");
    EXPECT_EQ(e.message, "missing required field");
}

TEST(model_Json, ImpossibleLaunchDate) {
    json j = to_json(sample_dataset());
    j["missions"][1]["launch"] = "2023-02-30";
    const auto e = first_error([&] { dataset_from_json(j); });
    EXPECT_EQ(e.path, "/missions/1/launch");
    EXPECT_NE(e.message.find("2023-02-30"), std::string::npos);
}

TEST(model_Json, ReportsEveryErrorNotJustTheFirst) {
    json j = to_json(sample_dataset());
    j["missions"][0]["kind"] = "alien";
    j["goals"][0]["number"] = "one";
    j["editions"][0]["signatories"][1] = 7;
    try {
        dataset_from_json(j);
        FAIL() << "accepted";
    } catch (const ValidationError& e) {
        ASSERT_EQ(e.errors().size(), 3u);
        const std::string what = e.what();
        EXPECT_NE(what.find("/goals/0/number: expected an integer, got string"), std::string::npos) << what;
        EXPECT_NE(what.find("/editions/0/signatories/1: "), std::string::npos) << what;
    }
}

TEST(model_Json, PointerEscapesSlashAndTilde) {
    json j = to_json(sample_dataset().agencies[0]);
    j["a/b~c"] = 1;
    EXPECT_EQ(first_error([&] { agency_from_json(j); }).path, "/a~1b~0c");
}

TEST(model_Json, NotAnObject) {
    EXPECT_EQ(first_error([] { goal_from_json(json::array(), "/goals/0"); }).message, "expected an object, got array");
}

TEST(model_Json, Timestamps) {
    using namespace std::chrono;
    const Timestamp t = parse_timestamp("2026-11-26T09:55:00Z");
    EXPECT_EQ(t, sys_days{2026y / November / 26} + 9h + 55min);
    EXPECT_EQ(format_timestamp(t), "2026-11-26T09:55:00Z");
    EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00Z");
    for (const char* bad : {"2026-11-26 09:55:00Z", "2026-11-26T09:55:00", "2026-11-26T24:00:00Z",
                            "2026-11-26T09:60:00Z", "2026-02-30T00:00:00Z", "2026-11-26T09:55:00+01:00",
                            "2026-11-26T9:55:00Z"}) {
        EXPECT_THROW(parse_timestamp(bad), ParseError) << bad;
    }
}

}  // namespace
