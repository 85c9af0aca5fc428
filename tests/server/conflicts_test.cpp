// Issue 11's conflict test: 16 clients make 1,000 edits each through the API on four shared missions, each edit a
// read (ETag) and a PATCH with If-Match. No acknowledged write may be lost or applied on a stale base: the accepted
// writes of a mission hold each version once, the final record is the last of them, every refused edit got 412, and
// the audit log holds exactly the accepted writes, in their order.
#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <thread>

#include "server_fixture.hpp"

namespace {

using ger::test::ServerFixture;
using nlohmann::json;

constexpr int clients = 16;
constexpr int edits_per_client = 1000;
// The fixture's NASA missions at each visibility and one the test creates: every client edits all four in turn.
const std::vector<std::string> shared_missions{"t-public", "t-partners", "t-agencies", "nasa-conflicts"};

struct Attempt {
    std::string mission;
    std::string description;  // what the edit wrote
    int status = 0;           // of the PATCH (-1: no response)
    long long version = 0;    // the version the PATCH answered with (200 only)
};

long long etag_version(const std::string& etag) {
    // "\"12\"" -> 12; 0 when the header is missing or not a quoted number.
    if (etag.size() < 3 || etag.front() != '"' || etag.back() != '"') return 0;
    return std::stoll(etag.substr(1, etag.size() - 2));
}

class ConflictTest : public ServerFixture {};

TEST_F(ConflictTest, ConcurrentEditsLoseNothingAndTheAuditLogHoldsExactlyTheAcceptedOnes) {
    {
        // A fourth shared mission, created through the API as a planner would.
        auto c = client();
        const json body = {{"id", "nasa-conflicts"}, {"name", "Conflict test mission"}, {"destination", "Mars"},
                           {"kind", "robotic"}, {"type", "orbiter"}, {"status", "planned"},
                           {"commitment", "study"}, {"visibility", {{"scope", "public"}}}};
        const auto res = c.Post("/api/v1/missions", auth("nasa"), body.dump(), "application/json");
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 201) << res->body;
    }
    std::map<std::string, long long> first_version;
    for (const auto& id : shared_missions) {
        const auto res = client().Get("/api/v1/missions/" + id, auth("nasa"));
        ASSERT_TRUE(res);
        first_version[id] = etag_version(res->get_header_value("ETag"));
        ASSERT_GT(first_version[id], 0) << id;
    }

    std::vector<std::vector<Attempt>> attempts(clients);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            auto c = client();
            const std::string who = "nasa";  // only the owning agency's planners edit its missions
            ++ready;
            while (ready < clients) std::this_thread::yield();
            for (int k = 0; k < edits_per_client; ++k) {
                Attempt a;
                a.mission = shared_missions[static_cast<std::size_t>(i + k) % shared_missions.size()];
                a.description = "client " + std::to_string(i) + " edit " + std::to_string(k);
                const auto path = "/api/v1/missions/" + a.mission;
                const auto read = c.Get(path, auth(who));
                if (!read || read->status != 200) {
                    a.status = read ? 1000 + read->status : -1;  // a failed read fails the test below
                    attempts[i].push_back(a);
                    continue;
                }
                auto headers = auth(who);
                headers.emplace("If-Match", read->get_header_value("ETag"));
                const auto res = c.Patch(path, headers, json{{"description", a.description}}.dump(),
                                         "application/merge-patch+json");
                a.status = res ? res->status : -1;
                if (res && res->status == 200) a.version = etag_version(res->get_header_value("ETag"));
                attempts[i].push_back(a);
            }
        });
    }
    for (auto& t : threads) t.join();

    std::map<std::string, std::vector<Attempt>> accepted;
    int refused = 0;
    for (const auto& per_client : attempts) {
        for (const auto& a : per_client) {
            if (a.status == 200) {
                accepted[a.mission].push_back(a);
            } else {
                ASSERT_EQ(a.status, 412) << a.mission << " " << a.description;
                ++refused;
            }
        }
    }
    // Sixteen writers on four records collide: the test is about what happens then.
    EXPECT_GT(refused, 0);
    std::size_t accepted_count = 0;
    for (const auto& [id, writes] : accepted) accepted_count += writes.size();
    std::cout << clients * edits_per_client << " edits: " << accepted_count << " accepted, " << refused
              << " refused with 412\n";

    const auto store = ger::store::open_store(m_db);
    for (const auto& id : shared_missions) {
        auto& writes = accepted[id];
        ASSERT_FALSE(writes.empty()) << id;
        std::sort(writes.begin(), writes.end(), [](const Attempt& a, const Attempt& b) { return a.version < b.version; });
        // Each accepted write moved the record on by exactly one version from the one its writer read: no two
        // writes were accepted on the same base.
        for (std::size_t n = 0; n < writes.size(); ++n) {
            ASSERT_EQ(writes[n].version, first_version[id] + static_cast<long long>(n) + 1) << id << " write " << n;
        }
        const auto final_record = client().Get("/api/v1/missions/" + id, auth("nasa"));
        ASSERT_TRUE(final_record);
        const auto final_json = json::parse(final_record->body);
        EXPECT_EQ(final_json["version"], writes.back().version) << id;
        EXPECT_EQ(final_json["description"], writes.back().description) << id;

        ger::store::AuditFilter filter;
        filter.record_kind = "mission";
        filter.record_id = id;
        std::vector<std::string> audited;
        for (const auto& entry : store->audit(filter)) {
            if (entry.action != ger::model::AuditAction::update) continue;
            const auto after = json::parse(entry.after);
            const auto before = json::parse(entry.before);
            EXPECT_EQ(after["version"].get<long long>(), before["version"].get<long long>() + 1) << id;
            audited.push_back(after["description"].get<std::string>());
        }
        ASSERT_EQ(audited.size(), writes.size()) << id;
        for (std::size_t n = 0; n < writes.size(); ++n) {
            EXPECT_EQ(audited[n], writes[n].description) << id << " audit entry " << n;
        }
    }
}

}  // namespace
