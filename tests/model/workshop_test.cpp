// A workshop's rules (each bad field named), its JSON form both ways, the registration window and the purge
// instant at their edges, a registration's checks, and the bundled April 2014 workshop.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/bundled.hpp"
#include "model/json.hpp"
#include "model/workshop.hpp"

namespace ger::model {
namespace {

Workshop valid() {
    Workshop w;
    w.id = "lunar-workshop";
    w.title = "Lunar vicinity workshop";
    w.host_agency = "ESA";
    w.starts = parse_day("2030-05-06");
    w.ends = parse_day("2030-05-07");
    w.place = "ESTEC, Noordwijk";
    w.capacity = 120;
    w.registration_opens = parse_day("2030-01-01");
    w.registration_closes = parse_day("2030-05-01");
    w.agenda = {{parse_timestamp("2030-05-06T08:00:00Z"), parse_timestamp("2030-05-06T09:30:00Z"), "Opening",
                 {"A. Speaker (ESA)"}, ""}};
    return w;
}

std::vector<std::string> paths(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.path);
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(model_Workshop, AValidWorkshopHasNoErrors) { EXPECT_TRUE(workshop_errors(valid()).empty()); }

TEST(model_Workshop, EachBrokenRuleNamesItsField) {
    auto w = valid();
    w.id = "Not A Slug";
    w.title = "";
    w.place = "<script>x</script>";
    w.capacity = 0;
    w.ends = parse_day("2030-05-05");
    w.registration_closes = parse_day("2029-12-31");
    w.agenda[0].ends = w.agenda[0].starts;
    w.agenda[0].speakers.push_back("");
    const auto p = paths(workshop_errors(w));
    for (const char* field : {"/id", "/title", "/place", "/capacity", "/ends", "/registration_closes", "/agenda/0/ends",
                              "/agenda/0/speakers/1"}) {
        EXPECT_TRUE(has(p, field)) << field;
    }
    w = valid();
    w.registration_closes = parse_day("2030-05-08");
    EXPECT_TRUE(has(paths(workshop_errors(w)), "/registration_closes")) << "closing after the last day";
    w = valid();
    w.agenda[0].starts = parse_timestamp("2030-06-01T08:00:00Z");
    w.agenda[0].ends = parse_timestamp("2030-06-01T09:00:00Z");
    EXPECT_TRUE(has(paths(workshop_errors(w)), "/agenda/0/starts")) << "a session outside the workshop's days";
    w = valid();
    w.agenda[0].starts = parse_timestamp("2030-05-05T12:00:00Z");  // 2030-05-06 02:00 at UTC+14
    w.agenda[0].ends = parse_timestamp("2030-05-05T13:00:00Z");
    EXPECT_TRUE(workshop_errors(w).empty()) << "a session on the first day in a place east of UTC";
}

TEST(model_Workshop, JsonRoundTripsAndBadFieldsAreNamed) {
    const auto w = valid();
    const auto back = workshop_from_json(workshop_json(w));
    EXPECT_EQ(workshop_json(back), workshop_json(w));
    auto j = workshop_json(w);
    j["capacity"] = "many";
    j["colour"] = "red";
    j["starts"] = "2030-02-30";
    j["agenda"][0]["ends"] = "tomorrow";
    try {
        workshop_from_json(j);
        FAIL() << "accepted a bad workshop";
    } catch (const ValidationError& e) {
        const auto p = paths(e.errors());
        for (const char* field : {"/capacity", "/colour", "/starts", "/agenda/0/ends"}) EXPECT_TRUE(has(p, field)) << field;
    }
    EXPECT_THROW(parse_day("2030-5-06"), ParseError);
    EXPECT_THROW(parse_day("2030-02-29"), ParseError);
    EXPECT_EQ(format_day(parse_day("2028-02-29")), "2028-02-29");
}

TEST(model_Workshop, TheRegistrationWindowAndThePurgeInstantAtTheirEdges) {
    const auto w = valid();
    EXPECT_EQ(registration_state(w, parse_timestamp("2029-12-31T23:59:59Z")), "not-yet-open");
    EXPECT_EQ(registration_state(w, parse_timestamp("2030-01-01T00:00:00Z")), "open");
    EXPECT_EQ(registration_state(w, parse_timestamp("2030-05-01T23:59:59Z")), "open");
    EXPECT_EQ(registration_state(w, parse_timestamp("2030-05-02T00:00:00Z")), "closed");
    EXPECT_EQ(purge_due_at(w, 30), parse_timestamp("2030-06-07T00:00:00Z"));
    EXPECT_EQ(purge_due_at(w, 0), parse_timestamp("2030-05-08T00:00:00Z"));
}

TEST(model_Workshop, ARegistrationsChecksNameTheField) {
    RegistrationRequest r{"lunar-workshop", "Ada", "ada@example.org", "", true};
    EXPECT_TRUE(registration_errors(r).empty());
    r.name = "";
    r.email = "ada at example";
    r.affiliation = "<b>bold</b>";
    EXPECT_EQ(paths(registration_errors(r)), (std::vector<std::string>{"/name", "/email", "/affiliation"}));
    EXPECT_EQ(email_key("Ada@Example.ORG"), "ada@example.org");
}

TEST(model_Workshop, TheBundledAprilTwentyFourteenWorkshopIsValidAndClosed) {
    const auto bundled = bundled_workshops();
    ASSERT_EQ(bundled.size(), 1u);
    const auto& w = bundled[0];
    EXPECT_TRUE(workshop_errors(w).empty()) << workshop_errors(w).front().path;
    EXPECT_EQ(w.host_agency, "NASA");
    EXPECT_EQ(format_day(w.starts), "2014-04-10");
    EXPECT_EQ(format_day(w.ends), "2014-04-11");
    EXPECT_FALSE(w.agenda.empty());
    EXPECT_FALSE(w.source.empty());
    EXPECT_EQ(registration_state(w, parse_timestamp("2026-01-01T00:00:00Z")), "closed");
}

}  // namespace
}  // namespace ger::model
