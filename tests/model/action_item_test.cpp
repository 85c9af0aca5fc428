// The checks of a workshop's action items: each bad field named by its path, comment references read exactly.
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

}  // namespace
}  // namespace ger::model
