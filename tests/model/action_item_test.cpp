// The checks of a workshop's action items: each bad field named by its path, comment references read exactly; the
// items an edition diff shows are those of the workshops held between the two editions.
#include <gtest/gtest.h>

#include "model/action_item.hpp"

namespace ger::model {
namespace {

ActionItem item() {
    ActionItem a;
    a.workshop = "ger-community-workshop-2014";
    a.title = "Study a crewed asteroid mission in lunar vicinity";
    a.owner_agency = "NASA";
    a.records = {"artemis-3", "sfl-life-beyond-earth", "comment:12"};
    return a;
}

std::vector<std::string> paths(const ActionItem& a) {
    std::vector<std::string> out;
    for (const auto& e : action_item_errors(a)) out.push_back(e.path);
    return out;
}

TEST(ActionItem, AGoodItemHasNoErrors) { EXPECT_TRUE(action_item_errors(item()).empty()); }

TEST(ActionItem, EachBadFieldIsNamed) {
    auto a = item();
    a.title = "";
    a.description = "<script>alert(1)</script>";
    a.owner_agency = "nasa";
    a.records = {"artemis-3", "Not An Id", "comment:0", "comment:x", "comment:07"};
    EXPECT_EQ(paths(a), (std::vector<std::string>{"/title", "/description", "/owner_agency", "/records/1",
                                                  "/records/2", "/records/3", "/records/4"}));
    a = item();
    a.records.assign(max_action_records + 1, "artemis-3");
    EXPECT_EQ(paths(a), (std::vector<std::string>{"/records"}));
    a = item();
    a.title = std::string(max_action_title + 1, 'x');
    EXPECT_EQ(paths(a), (std::vector<std::string>{"/title"}));
}

TEST(ActionItem, CommentReferencesAreReadExactly) {
    EXPECT_EQ(comment_reference("comment:12"), 12);
    EXPECT_EQ(comment_reference("comment:1"), 1);
    EXPECT_EQ(comment_reference("comment:"), 0);
    EXPECT_EQ(comment_reference("comment:-3"), 0);
    EXPECT_EQ(comment_reference("comment:12x"), 0);
    EXPECT_EQ(comment_reference("comments:12"), 0);
    EXPECT_EQ(comment_reference("comment:99999999999999999999"), 0);
}

Workshop held_on(std::string id, int year, unsigned month, unsigned day) {
    Workshop w;
    w.id = std::move(id);
    w.starts = Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    w.ends = w.starts;
    return w;
}

ActionItem from(std::string workshop, long long id) {
    auto a = item();
    a.workshop = std::move(workshop);
    a.id = id;
    return a;
}

TEST(ActionItem, TheDiffShowsTheItemsOfWorkshopsHeldBetweenTheEditions) {
    using std::chrono::year;
    const std::vector<Workshop> workshops{held_on("before", 2013, 8, 20), held_on("on-first", 2013, 8, 21),
                                          held_on("late", 2014, 11, 3), held_on("early", 2014, 4, 7),
                                          held_on("on-last", 2018, 1, 31), held_on("after", 2018, 2, 1)};
    const std::vector<ActionItem> items{from("late", 1), from("after", 2), from("early", 5), from("before", 3),
                                        from("on-last", 4), from("early", 6), from("on-first", 7),
                                        from("gone", 8)};
    const Day first{year{2013}, std::chrono::August, std::chrono::day{21}};
    const Day last{year{2018}, std::chrono::January, std::chrono::day{31}};
    std::vector<long long> ids;
    for (const auto& a : action_items_between(items, workshops, first, last)) ids.push_back(a.id);
    // A workshop on the earlier edition's day belongs to that edition; one on the later edition's day to the later.
    EXPECT_EQ(ids, (std::vector<long long>{5, 6, 1, 4}));
    std::vector<long long> reversed;
    for (const auto& a : action_items_between(items, workshops, last, first)) reversed.push_back(a.id);
    EXPECT_EQ(reversed, ids) << "the two editions in either order";
    EXPECT_TRUE(action_items_between(items, workshops, first, first).empty());
}

}  // namespace
}  // namespace ger::model
