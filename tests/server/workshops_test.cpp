// Workshops through the real server: the contract (201 with Location, the public list and record with counts,
// registrations 201 with a management token, the registrant's view and DELETE), the read and write rules (no
// email in any public answer; a planner of another agency can neither create a NASA-hosted workshop nor export
// its attendees: 403), the waiting list and its promotion, duplicate registrations (200, no token, a message to
// the email's owner), the registration window (409), the capacity under concurrent registrations, rate limits,
// the portal's pages (the form's trap field, the registrant's page and cancel button, the organisers' form to
// create a workshop), the .ics feed, and that none of it moves the roadmap's change id.
#include <atomic>
#include <chrono>

#include "model/workshop.hpp"
#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Today + `days`, as YYYY-MM-DD.
std::string day(int days) {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return model::format_day(std::chrono::year_month_day{today + std::chrono::days(days)});
}

json workshop(const std::string& id, int capacity, int opens = -1, int closes = 10) {
    return {{"id", id},
            {"title", "Lunar vicinity workshop " + id},
            {"host_agency", "NASA"},
            {"starts", day(20)},
            {"ends", day(21)},
            {"place", "Laurel, Maryland"},
            {"capacity", capacity},
            {"registration_opens", day(opens)},
            {"registration_closes", day(closes)},
            {"description", "Habitation, cargo and crew."},
            {"agenda",
             {{{"starts", day(20) + "T13:00:00Z"},
               {"ends", day(20) + "T14:30:00Z"},
               {"title", "Opening, with welcome; and goals"},
               {"speakers", {"K. Laurini (NASA)"}},
               {"description", "Why we meet."}}}}};
}

json person(const std::string& name, const std::string& email, bool publish = true) {
    return {{"name", name}, {"email", email}, {"affiliation", "Analytical Society"}, {"publish_name", publish}};
}

class WorkshopsTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override {
        options.registration_limits.per_source_short = 1000;
        options.registration_limits.per_source_day = 1000;
        options.registration_limits.per_email_short = 1000;
        options.registration_limits.per_email_day = 1000;
    }
    httplib::Result create(const std::string& who, const json& body) {
        return client().Post("/api/v1/workshops", auth(who), body.dump(), "application/json");
    }
    httplib::Result enrol(const std::string& id, const json& body) {
        return client().Post(("/api/v1/workshops/" + id + "/registrations").c_str(), body.dump(), "application/json");
    }
    httplib::Result get(const std::string& who, const std::string& path) { return client().Get(path.c_str(), auth(who)); }
    httplib::Result cancel(const std::string& token) {
        return client().Delete(("/api/v1/registrations/" + token).c_str());
    }
    std::vector<store::OutboxMessage> outbox() { return store::open_store(m_db)->outbox(true); }
};

TEST_F(WorkshopsTest, TheHostCreatesAWorkshopAndEveryoneReadsItWithoutEmails) {
    EXPECT_EQ(create("anonymous", workshop("w1", 2))->status, 401);
    const auto foreign = create("esa", workshop("w1", 2));
    EXPECT_EQ(foreign->status, 403) << "a planner of another agency cannot host for NASA";
    auto bad = workshop("w1", 0);
    bad["ends"] = day(19);
    bad["colour"] = "red";
    auto refused = create("nasa", bad);
    EXPECT_EQ(refused->status, 422);
    EXPECT_TRUE(contains(refused->body, "/colour")) << refused->body;
    bad.erase("colour");
    refused = create("nasa", bad);
    EXPECT_EQ(refused->status, 422);
    EXPECT_TRUE(contains(refused->body, "/capacity")) << refused->body;
    EXPECT_TRUE(contains(refused->body, "/ends")) << refused->body;
    auto unknown = workshop("w1", 2);
    unknown["host_agency"] = "XYZ";
    refused = create("nasa", unknown);
    EXPECT_EQ(refused->status, 422);
    EXPECT_TRUE(contains(refused->body, "/host_agency")) << refused->body;

    const auto change = json::parse(get("anonymous", "/healthz")->body)["change_id"];
    const auto created = create("nasa", workshop("w1", 2));
    ASSERT_EQ(created->status, 201) << created->body;
    EXPECT_EQ(created->get_header_value("Location"), "/api/v1/workshops/w1");
    EXPECT_EQ(create("nasa", workshop("w1", 2))->status, 409);
    ASSERT_EQ(create("sec", workshop("w2", 2))->status, 201) << "the secretariat hosts for any agency";
    EXPECT_EQ(json::parse(get("anonymous", "/healthz")->body)["change_id"], change)
        << "community content does not rebuild the roadmap snapshot";

    ASSERT_EQ(enrol("w1", person("Ada Lovelace", "ada@example.org"))->status, 201);
    ASSERT_EQ(enrol("w1", person("Hidden Person", "hidden@example.org", false))->status, 201);
    for (const char* who : {"anonymous", "esa", "nasa"}) {
        const auto one = get(who, "/api/v1/workshops/w1");
        ASSERT_EQ(one->status, 200);
        const auto view = json::parse(one->body);
        EXPECT_EQ(view["counts"]["confirmed"], 2);
        EXPECT_EQ(view["counts"]["seats_left"], 0);
        EXPECT_EQ(view["registration"], "open");
        EXPECT_EQ(view["attendees"], json({"Ada Lovelace"})) << "only names that consented";
        EXPECT_FALSE(contains(one->body, "@example.org")) << who;
        const auto list = get(who, "/api/v1/workshops");
        ASSERT_EQ(list->status, 200);
        EXPECT_EQ(json::parse(list->body)["total"], 2) << "w1 and w2 (this fixture bundles no workshop)";
        EXPECT_FALSE(contains(list->body, "@example.org"));
        for (const char* page : {"/workshops", "/workshops/w1", "/workshops/w1.ics"}) {
            const auto p = get(who, page);
            EXPECT_EQ(p->status, 200) << page;
            EXPECT_FALSE(contains(p->body, "@example.org")) << page;
            EXPECT_FALSE(contains(p->body, "Hidden Person")) << page;
        }
    }
    EXPECT_EQ(get("anonymous", "/api/v1/workshops/nope")->status, 404);
    const auto audit = json::parse(get("sec", "/api/v1/audit?record_kind=workshop")->body)["items"];
    EXPECT_EQ(audit.size(), 2u);
}

TEST_F(WorkshopsTest, AnotherAgencysPlannerCannotExportTheAttendees) {
    ASSERT_EQ(create("nasa", workshop("w1", 5))->status, 201);
    ASSERT_EQ(enrol("w1", person("Ada", "ada@example.org"))->status, 201);
    EXPECT_EQ(get("esa", "/api/v1/workshops/w1/attendees")->status, 403);
    EXPECT_EQ(get("anonymous", "/api/v1/workshops/w1/attendees")->status, 401);
    const auto list = get("nasa", "/api/v1/workshops/w1/attendees");
    ASSERT_EQ(list->status, 200) << list->body;
    EXPECT_EQ(json::parse(list->body)["items"][0]["email"], "ada@example.org");
    EXPECT_EQ(get("sec", "/api/v1/workshops/w1/attendees")->status, 200);

    auto c = client();
    Browser esa{c, {}};
    ASSERT_EQ(esa.login("esa", test_password)->status, 303);
    EXPECT_EQ(esa.get("/workshops/w1/attendees.csv")->status, 403);
    EXPECT_FALSE(contains(esa.get("/workshops/w1")->body, "attendees.csv"));
    auto c2 = client();
    Browser nasa{c2, {}};
    ASSERT_EQ(nasa.login("nasa", test_password)->status, 303);
    const auto csv = nasa.get("/workshops/w1/attendees.csv");
    ASSERT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
    EXPECT_EQ(csv->body.rfind("status,position,name,email,affiliation,publish_name,registered_at\r\n", 0), 0u);
    EXPECT_TRUE(contains(csv->body, "ada@example.org"));
    EXPECT_EQ(client().Get("/workshops/w1/attendees.csv")->status, 303) << "anonymous: to the login";
}

TEST_F(WorkshopsTest, AFullWorkshopWaitlistsAndACancellationPromotesTheFirstWaiting) {
    ASSERT_EQ(create("nasa", workshop("w1", 1))->status, 201);
    const auto a = enrol("w1", person("Ada", "ada@example.org"));
    ASSERT_EQ(a->status, 201) << a->body;
    const auto ra = json::parse(a->body);
    EXPECT_EQ(ra["status"], "confirmed");
    EXPECT_EQ(ra["position"], 1);
    const auto token = ra["manage_token"].get<std::string>();
    EXPECT_GE(token.size(), 40u);
    EXPECT_EQ(a->get_header_value("Location"), "/api/v1/registrations/" + token);
    const auto b = json::parse(enrol("w1", person("Bob", "bob@example.org"))->body);
    const auto c = json::parse(enrol("w1", person("Cyd", "cyd@example.org"))->body);
    EXPECT_EQ(b["status"], "waitlisted");
    EXPECT_EQ(b["position"], 1);
    EXPECT_EQ(c["position"], 2);

    const auto mine = get("anonymous", "/api/v1/registrations/" + b["manage_token"].get<std::string>());
    ASSERT_EQ(mine->status, 200);
    EXPECT_EQ(json::parse(mine->body)["status"], "waitlisted");
    EXPECT_FALSE(contains(mine->body, "@example.org"));
    EXPECT_EQ(get("anonymous", "/api/v1/registrations/not-a-token")->status, 404);

    const auto cancelled = cancel(token);
    ASSERT_EQ(cancelled->status, 200) << cancelled->body;
    EXPECT_EQ(json::parse(cancelled->body)["status"], "cancelled");
    const auto promoted = json::parse(get("anonymous", "/api/v1/registrations/" + b["manage_token"].get<std::string>())->body);
    EXPECT_EQ(promoted["status"], "confirmed");
    EXPECT_EQ(promoted["position"], 1);
    const auto next = json::parse(get("anonymous", "/api/v1/registrations/" + c["manage_token"].get<std::string>())->body);
    EXPECT_EQ(next["position"], 1) << "moved up the waiting list";
    const auto messages = outbox();
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.back().recipient, "bob@example.org");
    EXPECT_TRUE(contains(messages.back().body, "now confirmed"));
    EXPECT_EQ(cancel("not-a-token")->status, 404);
    const auto view = json::parse(get("anonymous", "/api/v1/workshops/w1")->body);
    EXPECT_EQ(view["counts"]["confirmed"], 1);
    EXPECT_EQ(view["counts"]["waitlisted"], 1);
    EXPECT_TRUE(contains(view["waitlist_rule"].get<std::string>(), "first come, first served"));
}

TEST_F(WorkshopsTest, RegisteringTwiceAnswersTheExistingOneWithoutATokenAndTellsTheOwner) {
    ASSERT_EQ(create("nasa", workshop("w1", 1))->status, 201);
    ASSERT_EQ(enrol("w1", person("Ada", "ada@example.org"))->status, 201);
    const auto before = outbox().size();
    const auto again = enrol("w1", person("Mallory", "ADA@example.org"));
    ASSERT_EQ(again->status, 200) << again->body;
    const auto r = json::parse(again->body);
    EXPECT_EQ(r["status"], "confirmed");
    EXPECT_EQ(r["position"], 1);
    EXPECT_TRUE(r["manage_token"].is_null()) << "never a token to whoever knows an email";
    const auto messages = outbox();
    ASSERT_EQ(messages.size(), before + 1);
    EXPECT_EQ(messages.back().recipient, "ada@example.org");
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/workshops/w1")->body)["counts"]["confirmed"], 1);
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/workshops/w1")->body)["counts"]["waitlisted"], 0);
}

TEST_F(WorkshopsTest, RegistrationOutsideTheWindowIsRefusedAndBadFieldsAreNamed) {
    ASSERT_EQ(create("nasa", workshop("later", 5, 3, 10))->status, 201);
    ASSERT_EQ(create("nasa", workshop("over", 5, -10, -1))->status, 201);
    ASSERT_EQ(create("nasa", workshop("open", 5))->status, 201);
    const auto early = enrol("later", person("Ada", "ada@example.org"));
    EXPECT_EQ(early->status, 409);
    EXPECT_TRUE(contains(early->body, "registration-closed")) << early->body;
    EXPECT_TRUE(contains(early->body, "opens on")) << early->body;
    const auto late = enrol("over", person("Ada", "ada@example.org"));
    EXPECT_EQ(late->status, 409);
    EXPECT_TRUE(contains(late->body, "closed on")) << late->body;
    EXPECT_EQ(enrol("nope", person("Ada", "ada@example.org"))->status, 404);
    auto bad = person("", "not-an-email");
    bad["affiliation"] = "<script>alert(1)</script>";
    bad["publish_name"] = "yes";
    auto refused = enrol("open", bad);
    EXPECT_EQ(refused->status, 422);
    EXPECT_TRUE(contains(refused->body, "/publish_name")) << refused->body;
    bad["publish_name"] = true;
    refused = enrol("open", bad);
    EXPECT_EQ(refused->status, 422);
    for (const char* field : {"/name", "/email", "/affiliation"}) EXPECT_TRUE(contains(refused->body, field)) << field;
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/workshops/open")->body)["counts"]["confirmed"], 0);
    EXPECT_FALSE(contains(get("anonymous", "/workshops/over")->body, "<form method=\"post\" action=\"/workshops/over"))
        << "no form on a closed workshop";
}

TEST_F(WorkshopsTest, TheCapacityHoldsUnderConcurrentRegistrations) {
    constexpr int capacity = 5;
    constexpr int people = 24;
    ASSERT_EQ(create("nasa", workshop("busy", capacity))->status, 201);
    std::vector<std::thread> threads;
    std::atomic<int> confirmed{0};
    std::atomic<int> waitlisted{0};
    std::atomic<int> other{0};
    for (int i = 0; i < people; ++i) {
        threads.emplace_back([&, i] {
            const auto res = enrol("busy", person("P" + std::to_string(i), "p" + std::to_string(i) + "@example.org"));
            if (!res || res->status != 201) {
                ++other;
                return;
            }
            const auto status = json::parse(res->body)["status"];
            (status == "confirmed" ? confirmed : waitlisted)++;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(other, 0);
    EXPECT_EQ(confirmed, capacity);
    EXPECT_EQ(waitlisted, people - capacity);
    const auto view = json::parse(get("anonymous", "/api/v1/workshops/busy")->body);
    EXPECT_EQ(view["counts"]["confirmed"], capacity);
    EXPECT_EQ(view["counts"]["waitlisted"], people - capacity);
}

TEST_F(WorkshopsTest, ThePortalTakesARegistration_TheTrapStoresNothing_AndTheRegistrantCancels) {
    ASSERT_EQ(create("nasa", workshop("w1", 1))->status, 201);
    auto c = client();
    const auto page = c.Get("/workshops/w1");
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "name=\"website\"")) << "the trap field";
    EXPECT_TRUE(contains(page->body, "first come, first served"));
    EXPECT_TRUE(contains(page->body, "/workshops/w1.ics"));
    EXPECT_TRUE(contains(c.Get("/")->body, "href=\"/workshops\"")) << "in the site navigation";
    EXPECT_TRUE(contains(c.Get("/workshops")->body, "Lunar vicinity workshop w1"));

    const httplib::Params form{{"name", "Grace <Hopper>"}, {"email", "grace@example.org"}, {"affiliation", ""},
                               {"publish_name", "yes"}};
    auto trapped = form;
    trapped.emplace("website", "http://spam.example");
    EXPECT_EQ(c.Post("/workshops/w1/registrations", trapped)->status, 200);
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/workshops/w1")->body)["counts"]["confirmed"], 0);

    auto bad = form;
    bad.erase("email");
    bad.emplace("email", "nope");
    const auto again = c.Post("/workshops/w1/registrations", bad);
    EXPECT_EQ(again->status, 422);
    EXPECT_TRUE(contains(again->body, "aria-invalid=\"true\""));

    auto good = form;
    good.erase("name");
    good.emplace("name", "Grace Hopper");
    const auto res = c.Post("/workshops/w1/registrations", good);
    ASSERT_EQ(res->status, 303) << res->body;
    const auto location = res->get_header_value("Location");
    ASSERT_EQ(location.rfind("/registrations/", 0), 0u) << location;
    const auto mine = c.Get(location.c_str());
    ASSERT_EQ(mine->status, 200);
    EXPECT_TRUE(contains(mine->body, "Confirmed"));
    EXPECT_TRUE(contains(mine->body, location + "/cancel"));
    EXPECT_EQ(mine->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_TRUE(contains(c.Get("/workshops/w1")->body, "<li>Grace Hopper</li>")) << "a consenting name is shown";
    const auto twice = c.Post("/workshops/w1/registrations", good);
    EXPECT_EQ(twice->status, 200);
    EXPECT_TRUE(contains(twice->body, "Already registered"));
    EXPECT_FALSE(contains(twice->body, "/registrations/")) << "no link to the registration";

    const auto cancelled = c.Post((location + "/cancel").c_str(), httplib::Params{});
    ASSERT_EQ(cancelled->status, 303);
    EXPECT_TRUE(contains(c.Get(location.c_str())->body, "Cancelled."));
    EXPECT_EQ(json::parse(get("anonymous", "/api/v1/workshops/w1")->body)["counts"]["confirmed"], 0);
}

TEST_F(WorkshopsTest, ThePortalFormCreatesAWorkshopAndNamesEachBadFieldAndLine) {
    auto c = client();
    Browser jaxa{c, {}};
    ASSERT_EQ(jaxa.login("jaxa", test_password)->status, 303);
    EXPECT_TRUE(contains(jaxa.get("/workshops")->body, "href=\"/workspace/workshops/new\""));
    const auto form = jaxa.get("/workspace/workshops/new");
    ASSERT_TRUE(form);
    ASSERT_EQ(form->status, 200);
    httplib::Params fields{{"csrf", Browser::csrf(form->body)},
                           {"version", "0"},
                           {"id", "jaxa-lunar-workshop"},
                           {"title", "Lunar surface workshop"},
                           {"host_agency", "NASA"},  // a planner hosts for their own agency only: ignored
                           {"starts", day(30)},
                           {"ends", day(31)},
                           {"place", "Tsukuba"},
                           {"capacity", "many"},
                           {"registration_opens", day(-1)},
                           {"registration_closes", day(20)},
                           {"description", ""},
                           {"agenda", day(30) + "T01:00:00Z | " + day(30) + "T02:00:00Z | Opening | A. Speaker (JAXA)\n"
                                      "just a title\n" +
                                      day(30) + "T03:00:00Z | yesterday | Lunch"}};
    auto res = jaxa.post("/workspace/workshops/new", fields);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_TRUE(contains(res->body, "field invalid\"><label for=\"m-capacity\"")) << "a capacity that is no number";
    EXPECT_TRUE(contains(res->body, "line 2: write start | end | title")) << res->body;
    EXPECT_TRUE(contains(res->body, "session 2, ends")) << "the third line is the second session read";
    EXPECT_FALSE(store::open_store(m_db)->workshop("jaxa-lunar-workshop")) << "nothing stored";

    fields.erase("capacity");
    fields.emplace("capacity", "40");
    fields.erase("agenda");
    fields.emplace("agenda", day(30) + "T01:00:00Z | " + day(30) + "T02:00:00Z | Opening | A. Speaker (JAXA); B. Speaker");
    res = jaxa.post("/workspace/workshops/new", fields);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body;
    EXPECT_EQ(res->get_header_value("Location"), "/workshops/jaxa-lunar-workshop");
    const auto stored = store::open_store(m_db)->workshop("jaxa-lunar-workshop");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->host_agency, "JAXA");
    EXPECT_EQ(stored->capacity, 40);
    ASSERT_EQ(stored->agenda.size(), 1u);
    EXPECT_EQ(stored->agenda[0].speakers, (std::vector<std::string>{"A. Speaker (JAXA)", "B. Speaker"}));
    res = jaxa.post("/workspace/workshops/new", fields);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 409) << "the id is taken";

    auto c2 = client();
    Browser anonymous{c2, {}};
    EXPECT_EQ(anonymous.get("/workspace/workshops/new")->status, 303) << "to the login";
    EXPECT_FALSE(contains(anonymous.get("/workshops")->body, "/workspace/workshops/new"));
}

TEST_F(WorkshopsTest, TheAgendaIsAnICalendarFeedLinkingBackToItsPage) {
    ASSERT_EQ(create("nasa", workshop("w1", 1))->status, 201);
    const auto ics = client().Get("/workshops/w1.ics");
    ASSERT_EQ(ics->status, 200);
    EXPECT_EQ(ics->get_header_value("Content-Type").rfind("text/calendar", 0), 0u);
    EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    EXPECT_TRUE(contains(ics->body, "SUMMARY:Opening\\, with welcome\\; and goals\r\n"));
    EXPECT_TRUE(contains(ics->body, "URL:http://127.0.0.1:" + std::to_string(m_port) + "/workshops/w1\r\n"))
        << ics->body;
    EXPECT_EQ(client().Get("/workshops/nope.ics")->status, 404);
}

class WorkshopLimitsTest : public ServerFixture {
protected:
    void configure(server::ServerOptions& options) override {
        options.registration_limits.per_source_short = 3;
        options.registration_limits.per_email_short = 1;
    }
};

TEST_F(WorkshopLimitsTest, TooManyFromOneAddressOrOneEmailIs429AndStoresNothing) {
    auto c = client();
    ASSERT_EQ(c.Post("/api/v1/workshops", auth("nasa"), workshop("w1", 50).dump(), "application/json")->status, 201);
    const auto send = [&](const std::string& email) {
        return c.Post("/api/v1/workshops/w1/registrations", person("P", email).dump(), "application/json");
    };
    EXPECT_EQ(send("a@example.org")->status, 201);
    const auto by_email = send("a@example.org");
    EXPECT_EQ(by_email->status, 429);
    EXPECT_FALSE(by_email->get_header_value("Retry-After").empty());
    EXPECT_EQ(send("b@example.org")->status, 201);
    EXPECT_EQ(send("c@example.org")->status, 201);
    EXPECT_EQ(send("d@example.org")->status, 429);
    EXPECT_EQ(json::parse(c.Get("/api/v1/workshops/w1")->body)["counts"]["confirmed"], 3);
}

using WorkshopPurgeTest = ServerFixture;

TEST_F(WorkshopPurgeTest, TheServerPurgesWhatIsDueWhenItStarts) {
    {
        auto store = store::open_store(m_db);
        auto w = model::workshop_from_json(workshop("old", 10));
        w.starts = model::parse_day("2014-04-10");
        w.ends = model::parse_day("2014-04-11");
        w.registration_opens = model::parse_day("2014-04-01");
        w.registration_closes = model::parse_day("2014-04-09");
        w.agenda.clear();
        store->create_workshop(w, {"nasa", "NASA", {}});
        store::NewRegistration r;
        r.request = {"old", "Ada", "ada@example.org", "", true};
        r.token_digest = "digest";
        r.source = "source";
        store->register_for_workshop(r);
    }
    // A second server over the same database: its start purges.
    server::ServerOptions options;
    options.db = m_db;
    options.http.port = 0;
    options.log_requests = false;
    options.publish_missing_artefacts = false;
    options.background_feasibility = false;
    server::Server second(options);
    second.bind();
    const auto regs = store::open_store(m_db)->registrations("old");
    ASSERT_EQ(regs.size(), 1u);
    EXPECT_TRUE(regs[0].purged);
    EXPECT_EQ(regs[0].email, "");
    const auto view = json::parse(client().Get("/api/v1/workshops/old")->body);
    EXPECT_EQ(view["personal_data_purged"], true);
    EXPECT_EQ(view["counts"]["confirmed"], 1);
    second.stop();
}

}  // namespace
}  // namespace ger::test
