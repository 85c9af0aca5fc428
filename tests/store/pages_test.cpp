// Content pages in the store, on every backend: a log of revisions, never overwritten. A save adds the next
// revision with who and when, audited as the roadmap's change (the home page's goal cards read these pages); a
// save against an older revision is refused and changes nothing; the seed adds only the pages that are missing.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "model/bundled.hpp"
#include "store/store.hpp"

namespace ger::store {
namespace {

model::PageRevision page(std::string slug, std::string markdown, std::string editor = "Jane Doe") {
    model::PageRevision p;
    p.slug = std::move(slug);
    p.title = "About";
    p.markdown = std::move(markdown);
    p.summary = "a change";
    p.editor = std::move(editor);
    return p;
}

class PagesTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override { m_store = open_store(m_url, OpenMode::create); }
    test::TempDir m_dir;
    std::string m_url = GetParam().fresh_url(m_dir);
    std::unique_ptr<Store> m_store;
    Actor m_sec{"sec", "", {}};
};

TEST_P(PagesTest, EachSaveIsANewRevisionAndTheOldOnesStay) {
    const auto before = m_store->last_change_id();
    const auto first = m_store->save_page(page("about", "one\n"), 0, m_sec);
    EXPECT_EQ(first.revision, 1);
    EXPECT_EQ(first.author, "sec");
    const auto second = m_store->save_page(page("about", "two\n", "John Roe"), 1, m_sec);
    EXPECT_EQ(second.revision, 2);
    EXPECT_GE(second.at, first.at);
    EXPECT_EQ(m_store->last_change_id(), before + 2) << "each save moves the roadmap's change id";
    ASSERT_TRUE(m_store->content_page("about"));
    EXPECT_EQ(m_store->content_page("about")->markdown, "two\n");
    EXPECT_EQ(m_store->content_page("about")->editor, "John Roe");
    EXPECT_EQ(m_store->content_page("about", 1)->markdown, "one\n");
    EXPECT_EQ(m_store->content_page("about", 3), std::nullopt);
    EXPECT_EQ(m_store->content_page("nothing"), std::nullopt);
    const auto history = m_store->page_history("about");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].revision, 2) << "newest first";
    EXPECT_EQ(history[1].revision, 1);
    const auto entries = m_store->audit({.record_kind = "page"});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].record_id, "about");
    EXPECT_EQ(entries[0].actor, "sec");
}

TEST_P(PagesTest, ASaveAgainstAnOlderRevisionIsRefusedAndChangesNothing) {
    m_store->save_page(page("about", "one\n"), 0, m_sec);
    m_store->save_page(page("about", "two\n"), 1, m_sec);
    const auto id = m_store->last_change_id();
    EXPECT_THROW(m_store->save_page(page("about", "stale\n"), 1, m_sec), ConflictError);
    EXPECT_THROW(m_store->save_page(page("about", "new page?\n"), 0, m_sec), ConflictError);
    EXPECT_THROW(m_store->save_page(page("other", "ahead\n"), 1, m_sec), ConflictError);
    EXPECT_EQ(m_store->content_page("about")->markdown, "two\n");
    EXPECT_EQ(m_store->content_page("other"), std::nullopt);
    EXPECT_EQ(m_store->last_change_id(), id);
}

TEST_P(PagesTest, BadFieldsAreRefusedByName) {
    auto bad = page("Not A Slug", "");
    bad.title = "";
    bad.editor = "";
    try {
        m_store->save_page(bad, 0, m_sec);
        FAIL() << "saved a page with bad fields";
    } catch (const model::ValidationError& e) {
        std::vector<std::string> paths;
        for (const auto& f : e.errors()) paths.push_back(f.path);
        for (const char* path : {"/slug", "/title", "/markdown", "/editor"}) {
            EXPECT_NE(std::find(paths.begin(), paths.end(), path), paths.end()) << path;
        }
    }
    EXPECT_TRUE(m_store->content_pages().empty());
}

TEST_P(PagesTest, TheSeedAddsOnlyMissingPages) {
    const auto bundled = model::bundled_pages();
    ASSERT_GE(bundled.size(), 4u);
    m_store->save_page(page("about", "the secretariat's own\n"), 0, m_sec);
    const auto added = m_store->seed_pages(bundled);
    EXPECT_EQ(added, bundled.size() - 1);
    EXPECT_EQ(m_store->content_page("about")->markdown, "the secretariat's own\n") << "an existing page is kept";
    EXPECT_EQ(m_store->seed_pages(bundled), 0u) << "seeding twice adds nothing";
    EXPECT_EQ(m_store->content_pages().size(), bundled.size());
    for (const char* slug : {"why-we-explore", "partners", "benefits", "goal-earth-safety"}) {
        const auto p = m_store->content_page(slug);
        ASSERT_TRUE(p) << slug;
        EXPECT_EQ(p->revision, 1);
        EXPECT_EQ(p->author, "system");
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, PagesTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store
