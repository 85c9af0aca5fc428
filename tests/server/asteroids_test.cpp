// The asteroid pages and API over survey runs stored in the database: the newest complete run is served (not a
// newer running one, whose progress the status shows), filters and sorting do what they say, bad parameters are
// 400s naming the parameter and its range, downloads hold exactly the selection, a target page shows both round
// trips with their dates, and its outbound porkchop is drawn.
#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json trip(const std::string& launch, double out, double stay, double back, double dv) {
    return {{"launch", launch},        {"duration_days", out + stay + back},
            {"out_days", out},         {"stay_days", stay},
            {"back_days", back},       {"c3_km2_s2", 1.5},
            {"total_dv_km_s", dv},     {"injection_dv_km_s", dv - 0.5},
            {"arrival_dv_km_s", 0.25}, {"departure_dv_km_s", 0.25},
            {"return_vinf_km_s", 0.9}, {"entry_speed_km_s", 11.1}};
}

store::SurveyTarget target(const std::string& designation, double h, long long viable, std::optional<double> dv,
                           std::optional<double> duration, std::optional<std::string> launch) {
    json detail{{"designation", designation}, {"h", h}, {"viable_count", viable},
                {"min_dv", dv ? trip(*launch, 115, 8, 208, *dv) : json(nullptr)},
                {"min_duration", dv ? trip(*launch, 11, 8, *duration - 19, *dv + 8) : json(nullptr)}};
    return {designation, h, viable, dv, duration, launch, detail.dump()};
}

class AsteroidsTest : public ServerFixture {
  protected:
    // A complete run of four objects (one without a viable round trip).
    long long store_run(const std::string& max_dv = "12") {
        auto s = store::open_store(m_db);
        store::SurveyRun run;
        run.criteria = R"({"catalog": "NEA.txt", "launch_from": "2025-01-01", "launch_to": "2045-12-31", )"
                       R"("max_total_dv_km_s": )" + max_dv + R"(, "parking_alt_km": 400, "model": "test"})";
        run.catalogue = "NEA.txt";
        run.device = "cpu";
        run.planned = 4;
        const auto id = s->begin_survey_run(run);
        s->add_survey_targets(id, {target("2000 SG344", 24.7, 6000, 3.83, 28, "2028-04-20"),
                                   target("2006 RH120", 29.5, 4000, 4.01, 36, "2027-08-20"),
                                   target("99942 Apophis", 18.9, 400, 6.18, 87, "2028-05-02"),
                                   target("1036 Ganymed", 9.3, 0, std::nullopt, std::nullopt, std::nullopt)});
        s->report_survey_progress(id, 4, 1000);
        s->end_survey_run(id, store::SurveyRunState::complete, "");
        return id;
    }
    json list(const std::string& query) {
        auto res = client().Get(("/api/v1/asteroids" + query).c_str());
        EXPECT_EQ(res->status, 200) << query << ": " << res->body;
        return json::parse(res->body);
    }
    static std::vector<std::string> names(const json& page) {
        std::vector<std::string> out;
        for (const auto& i : page["items"]) out.push_back(i["designation"]);
        return out;
    }
};

TEST_F(AsteroidsTest, WithoutARunThePagesSaySoAndTheListIsEmpty) {
    const auto page = client().Get("/asteroids");
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "ger survey --store"));
    EXPECT_EQ(list("")["total"], 0);
    EXPECT_EQ(client().Get("/asteroids/2000%20SG344")->status, 404);
    EXPECT_EQ(client().Get("/api/v1/asteroids/2000%20SG344")->status, 404);
    EXPECT_EQ(client().Get("/asteroids.csv")->status, 404);
}

TEST_F(AsteroidsTest, FiltersAndSortingSelectWhatTheySay) {
    store_run();
    using V = std::vector<std::string>;
    EXPECT_EQ(names(list("")), (V{"2000 SG344", "2006 RH120", "99942 Apophis"})) << "viable ones, least dv first";
    EXPECT_EQ(list("?viable=all")["total"], 4);
    EXPECT_EQ(names(list("?viable=all&sort=h")), (V{"1036 Ganymed", "99942 Apophis", "2000 SG344", "2006 RH120"}));
    EXPECT_EQ(names(list("?sort=min_dv&order=desc")), (V{"99942 Apophis", "2006 RH120", "2000 SG344"}));
    // Rows without the sorted value go last in either order.
    EXPECT_EQ(names(list("?viable=all&sort=min_dv&order=desc")).back(), "1036 Ganymed");
    EXPECT_EQ(names(list("?max_dv=4")), (V{"2000 SG344"}));
    EXPECT_EQ(names(list("?max_duration=36")), (V{"2000 SG344", "2006 RH120"}));
    EXPECT_EQ(names(list("?min_h=20&max_h=25")), (V{"2000 SG344"}));
    EXPECT_EQ(names(list("?launch_from=2028&launch_to=2028-04")), (V{"2000 SG344"}));
    EXPECT_EQ(names(list("?designation=apophis")), (V{"99942 Apophis"}));
    EXPECT_EQ(names(list("?designation=2000sg")), (V{"2000 SG344"}));

    const auto first = list("?limit=2");
    EXPECT_EQ(first["items"].size(), 2u);
    ASSERT_TRUE(first["next"].is_string());
    const auto second = list(first["next"].get<std::string>().substr(std::string("/api/v1/asteroids").size()));
    EXPECT_EQ(names(second), (V{"99942 Apophis"}));
    EXPECT_TRUE(second["next"].is_null());
}

TEST_F(AsteroidsTest, BadParametersNameTheParameterAndItsRange) {
    store_run();
    for (const auto& [query, name, says] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"max_dv=abc", "max_dv", "not a number"},
             {"max_dv=-1", "max_dv", "between 0 and 100 km/s"},
             {"max_dv=nan", "max_dv", "not a number"},
             {"max_h=99", "max_h", "between -5 and 40"},
             {"launch_from=soon", "launch_from", "not a date"},
             {"sort=mass", "sort", "not one of"},
             {"order=up", "order", "not one of"},
             {"viable=maybe", "viable", "not one of"},
             {"limit=0", "limit", "between 1 and 1000"},
             {"limit=5000", "limit", "between 1 and 1000"},
             {"offset=99999999999999999999999", "offset", "not a whole number"},
             {"offset=1000001", "offset", "between 0 and 1000000"},
             {"designation=" + std::string(65, 'a'), "designation", "at most 64"}}) {
        SCOPED_TRACE(query);
        auto res = client().Get(("/api/v1/asteroids?" + query).c_str());
        ASSERT_EQ(res->status, 400);
        const auto problem = json::parse(res->body);
        EXPECT_EQ(problem["type"], "urn:ger:problem:invalid-parameter");
        EXPECT_EQ(problem["errors"][0]["pointer"], "query/" + name);
        EXPECT_TRUE(contains(problem["detail"], says)) << problem["detail"];
        EXPECT_EQ(client().Get(("/asteroids?" + query).c_str())->status, query.rfind("limit", 0) == 0 ? 200 : 400)
            << "the page refuses the same values (it takes no limit)";
    }
}

TEST_F(AsteroidsTest, PagesAndDownloadsShowTheSelection) {
    store_run();
    const auto page = client().Get("/asteroids?max_dv=5");
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<a href=\"/asteroids/2000%20SG344\">2000 SG344</a>"));
    EXPECT_TRUE(contains(page->body, "6,000"));
    EXPECT_FALSE(contains(page->body, "Apophis"));
    EXPECT_TRUE(contains(page->body, "Criteria of this survey"));
    EXPECT_TRUE(contains(page->body, "at most 12 km/s"));
    EXPECT_TRUE(contains(page->body, "href=\"/asteroids.csv?max_dv=5\""));

    const auto csv = client().Get("/asteroids.csv?max_dv=5");
    ASSERT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv->body,
              "rank,designation,h,min_dv_km_s,min_duration_days,launch,viable_count\r\n"
              "1,\"2000 SG344\",24.7,3.8300,28,2028-04-20,6000\r\n"
              "2,\"2006 RH120\",29.5,4.0100,36,2027-08-20,4000\r\n");
    const auto doc = json::parse(client().Get("/asteroids.json?viable=all")->body);
    EXPECT_EQ(doc["total"], 4);
    EXPECT_EQ(doc["items"].size(), 4u);
    EXPECT_EQ(doc["run"]["state"], "complete");

    // Markup in a filter value stays text.
    const auto probe = client().Get("/asteroids?designation=%3Cscript%3Ealert(1)%3C/script%3E");
    ASSERT_EQ(probe->status, 200);
    EXPECT_FALSE(contains(probe->body, "<script>alert(1)"));
}

TEST_F(AsteroidsTest, ATargetPageShowsBothRoundTripsLegByLegAndTheOutboundPorkchop) {
    store_run();
    const auto page = client().Get("/asteroids/2000%20sg344");  // any case, as a key
    ASSERT_EQ(page->status, 200);
    const auto& b = page->body;
    EXPECT_TRUE(contains(b, "<h1>2000 SG344</h1>"));
    EXPECT_TRUE(contains(b, "2028-04-20"));  // launch
    EXPECT_TRUE(contains(b, "2028-08-13"));  // arrival: launch + 115 days
    EXPECT_TRUE(contains(b, "2028-08-21"));  // departure: + 8 days
    EXPECT_TRUE(contains(b, "2029-03-17"));  // Earth entry: + 208 days
    EXPECT_TRUE(contains(b, "The shortest round trip"));
    EXPECT_TRUE(contains(b, "src=\"/asteroids/2000%20SG344/outbound.svg\""));

    const auto svg = client().Get("/asteroids/2000%20SG344/outbound.svg");
    ASSERT_EQ(svg->status, 200) << svg->body;
    EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
    EXPECT_TRUE(contains(svg->body, "<svg"));
    EXPECT_TRUE(contains(svg->body, "parking orbit 400 km")) << "the survey's parking orbit";
    // Drawn once, then kept.
    EXPECT_EQ(client().Get("/asteroids/2000%20SG344/outbound.svg")->body, svg->body);

    const auto api = json::parse(client().Get("/api/v1/asteroids/2000%20SG344")->body);
    EXPECT_EQ(api["min_dv"]["out_days"], 115);
    EXPECT_EQ(api["min_duration"]["duration_days"], 28);
    EXPECT_EQ(client().Get("/asteroids/1036%20Ganymed/outbound.svg")->status, 404) << "no viable round trip";
    EXPECT_EQ(client().Get("/asteroids/no%20such%20rock")->status, 404);
}

TEST_F(AsteroidsTest, TheNewestCompleteRunIsServedAndARunningOneShowsItsProgress) {
    const auto first = store_run();
    auto s = store::open_store(m_db);
    store::SurveyRun run;
    run.criteria = "{}";
    run.catalogue = "NEA.txt";
    run.device = "cpu";
    run.planned = 20060;
    const auto running = s->begin_survey_run(run);
    s->report_survey_progress(running, 1234, 5);

    const auto status = json::parse(client().Get("/api/v1/asteroids/survey")->body);
    EXPECT_EQ(status["served"]["id"], first);
    EXPECT_EQ(status["running"]["id"], running);
    EXPECT_EQ(status["running"]["done"], 1234);
    EXPECT_EQ(list("")["total"], 3) << "the running run is not served";
    EXPECT_TRUE(contains(client().Get("/asteroids")->body, "A survey is running: 1234 of 20060 objects (6%)"));

    // A newer complete run replaces it (rechecked at most once a second).
    s->end_survey_run(running, store::SurveyRunState::cancelled, "interrupted");
    const auto second = store_run("9");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(json::parse(client().Get("/api/v1/asteroids/survey")->body)["served"]["id"], second);
    EXPECT_TRUE(contains(client().Get("/asteroids")->body, "at most 9 km/s"));
}

}  // namespace
}  // namespace ger::test
