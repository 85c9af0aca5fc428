// Edition snapshots and diffs: the bundled 2011 and 2013 editions, and the known changes from the 2013 plans
// to today's bundled records (data/SOURCES.md, "Edition snapshots").
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/edition.hpp"
#include "model/bundled.hpp"
#include "model/json.hpp"
#include "model/validation.hpp"

namespace ger::analysis {
namespace {

const MissionChange* change_of(const EditionDiff& d, const std::string& id) {
    const auto it = std::find_if(d.missions_changed.begin(), d.missions_changed.end(),
                                 [&](const MissionChange& c) { return c.mission == id; });
    return it == d.missions_changed.end() ? nullptr : &*it;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(Editions, BundledSnapshotsValidate) {
    const auto snapshots = bundled_edition_snapshots();
    ASSERT_EQ(snapshots.size(), 2u);
    EXPECT_EQ(snapshots[0].editions.at(0).name, "2011");
    EXPECT_EQ(snapshots[1].editions.at(0).name, "2013");
    for (const auto& s : snapshots) {
        EXPECT_TRUE(model::validate(s).empty());
        EXPECT_EQ(s.editions.size(), 1u);
        EXPECT_TRUE(s.editions[0].frozen);
    }
}

TEST(Editions, SnapshotKeepsPublicRecordsOnly) {
    auto data = model::bundled_dataset();
    data.missions[0].visibility = model::Visibility{model::VisibilityScope::agencies, {"NASA"}};
    const auto snapshot = edition_snapshot(data, {"2026", "t", std::chrono::year{2026} / 11 / 26, {"NASA"}, "", false, ""});
    EXPECT_EQ(snapshot.missions.size(), data.missions.size() - 1);
    EXPECT_TRUE(snapshot.editions.at(0).frozen);
    for (const auto& e : model::validate(snapshot)) ADD_FAILURE() << e.path << ": " << e.message;
}

const model::Mission* find_mission(const model::Dataset& d, const std::string& id) {
    const auto it = std::find_if(d.missions.begin(), d.missions.end(), [&](const auto& m) { return m.id == id; });
    return it == d.missions.end() ? nullptr : &*it;
}

// A public record in a snapshot never names a record that is not public (nor one without a visibility).
TEST(Editions, SnapshotDropsReferencesToRecordsThatAreNotPublic) {
    auto data = model::bundled_dataset();
    const model::Edition edition{"2026", "t", std::chrono::year{2026} / 11 / 26, {"NASA"}, "", false, ""};
    ASSERT_FALSE(data.capabilities.empty());
    const auto capability = [&](const std::string& id, std::optional<model::Visibility> visibility) {
        model::Capability c = data.capabilities[0];
        c.id = id;
        c.provider = "NASA";
        c.visibility = std::move(visibility);
        return c;
    };
    const auto viewer_index = static_cast<std::size_t>(find_mission(data, "artemis-3") - data.missions.data());
    ASSERT_LT(viewer_index, data.missions.size());
    const auto public_before = data.missions[viewer_index];
    model::Mission precursor = public_before;
    precursor.id = "nasa-precursor";
    precursor.precursors.clear();
    precursor.visibility = model::Visibility{model::VisibilityScope::partners, {}};
    data.capabilities.push_back(capability("nasa-hidden", model::Visibility{model::VisibilityScope::agencies, {"ESA"}}));
    data.capabilities.push_back(capability("nasa-unset", std::nullopt));
    data.capabilities.push_back(capability("nasa-partners", model::Visibility{model::VisibilityScope::partners, {}}));
    auto& viewer = data.missions[viewer_index];
    viewer.capabilities_required.push_back("nasa-hidden");
    viewer.capabilities_required.push_back("nasa-unset");
    viewer.capabilities_provided.push_back("nasa-partners");
    viewer.precursors.push_back("nasa-precursor");
    data.missions.push_back(precursor);

    const auto snapshot = edition_snapshot(data, edition);
    const auto* kept = find_mission(snapshot, "artemis-3");
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->capabilities_required, public_before.capabilities_required);
    EXPECT_EQ(kept->capabilities_provided, public_before.capabilities_provided);
    EXPECT_EQ(kept->precursors, public_before.precursors);
    EXPECT_EQ(find_mission(snapshot, "nasa-precursor"), nullptr);
    const auto text = model::to_json(snapshot).dump();
    for (const char* id : {"nasa-hidden", "nasa-unset", "nasa-partners", "nasa-precursor"}) {
        EXPECT_EQ(text.find(id), std::string::npos) << id;
    }
    for (const auto& e : model::validate(snapshot)) ADD_FAILURE() << e.path << ": " << e.message;

    // The negative case: once every record is public, the same references are kept.
    for (auto& c : data.capabilities) c.visibility = model::Visibility{};
    for (auto& m : data.missions) m.visibility = model::Visibility{};
    const auto open = edition_snapshot(data, edition);
    EXPECT_EQ(find_mission(open, "artemis-3")->capabilities_required, data.missions[viewer_index].capabilities_required);
    EXPECT_EQ(find_mission(open, "artemis-3")->precursors, data.missions[viewer_index].precursors);
}

TEST(Editions, DiffOf2011And2013) {
    const auto s = bundled_edition_snapshots();
    const auto d = diff_editions(s[0], s[1]);
    EXPECT_EQ(d.from, "2011");
    EXPECT_EQ(d.to, "2013");
    EXPECT_TRUE(d.missions_removed.empty());
    for (const char* id : {"artemis-1", "maven", "msl-curiosity", "hayabusa2", "rosalind-franklin"}) {
        EXPECT_TRUE(contains(d.missions_added, id)) << id;
    }
    EXPECT_EQ(change_of(d, "tiangong-2"), nullptr);  // the 2011 plan is the last the facts give
    EXPECT_TRUE(d.objectives_changed.empty());
    EXPECT_TRUE(d.signatories_added.empty());
}

TEST(Editions, DiffOf2013AndTodayHasTheKnownSlips) {
    const auto s = bundled_edition_snapshots();
    const auto today = edition_snapshot(model::bundled_dataset(), {"2026", "t", std::chrono::year{2026} / 11 / 26, {"NASA"}, "", false, ""});
    const auto d = diff_editions(s[1], today);
    const auto* artemis = change_of(d, "artemis-1");
    ASSERT_NE(artemis, nullptr);
    ASSERT_TRUE(artemis->slip_days);
    EXPECT_EQ(*artemis->slip_days, 1780);  // planned 2018 (from 2018-01-01) -> flew 2022-11-16
    EXPECT_EQ(artemis->status_after, model::MissionStatus::completed);
    const auto* selene = change_of(d, "selene-2");
    ASSERT_NE(selene, nullptr);
    EXPECT_EQ(selene->status_before, model::MissionStatus::planned);
    EXPECT_EQ(selene->status_after, model::MissionStatus::cancelled);
    const auto* exomars = change_of(d, "rosalind-franklin");
    ASSERT_NE(exomars, nullptr);
    EXPECT_EQ(*exomars->slip_days, 3652);  // 2018 -> 2028
    EXPECT_TRUE(contains(d.missions_added, "artemis-3"));
    EXPECT_EQ(d.signatories_removed.size(), 11u);  // 12 signed 2013; the test edition names NASA only
    const auto j = to_json(d);
    EXPECT_EQ(j["missions"]["changed"].size(), d.missions_changed.size());
}

}  // namespace
}  // namespace ger::analysis
