// The snapshot race (issue 10): the page snapshot was labelled with a change id read after the export, so a write
// that committed in between was served as current while missing. A stress test, probabilistic by nature: with the
// old labelling it failed in about half of the runs on 2 cores; with the fix it never may.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server_fixture.hpp"

namespace ger::test {
namespace {

using nlohmann::json;
using SnapshotRaceTest = ServerFixture;

// The snapshot race: a snapshot built while a write commits must not be labelled as including it. Readers keep
// rebuilding snapshots while a writer creates missions; each one must be readable as soon as its 201 arrives.
TEST_F(SnapshotRaceTest, AWriteIsReadableAsSoonAsItIsAcknowledged) {
    std::atomic<bool> done{false};
    std::vector<std::thread> readers;
    for (int r = 0; r < 6; ++r) {
        readers.emplace_back([&] {
            auto c = client();
            while (!done) c.Get("/api/v1/missions?limit=1", auth("esa"));
        });
    }
    auto c = client();
    int stale = 0;
    for (int i = 0; i < 400; ++i) {
        const std::string id = "nasa-race-" + std::to_string(i);
        const json body = {{"id", id}, {"name", "Race " + std::to_string(i)}, {"destination", "Moon"},
                           {"kind", "robotic"}, {"type", "lander"}, {"status", "planned"}, {"commitment", "study"},
                           {"visibility", {{"scope", "partners"}}}};
        ASSERT_EQ(c.Post("/api/v1/missions", auth("nasa"), body.dump(), "application/json")->status, 201);
        if (c.Get("/api/v1/missions/" + id, auth("esa"))->status != 200) ++stale;
    }
    done = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(stale, 0) << "acknowledged writes missing from the snapshot served as current";
}

}  // namespace
}  // namespace ger::test
