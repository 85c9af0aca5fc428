// NEA survey runs in the store: a run is written as it goes (progress, rows) and ends once; rows go in all or
// nothing; the newest complete run is what the portal serves while a newer one is still running; a run survives
// reopening the database; nothing about a run moves the roadmap's change counter. Derived results (a mission's
// feasibility) are kept one per kind and id.
#include <gtest/gtest.h>

#include "backends.hpp"
#include "store/store.hpp"

namespace ger::store {
namespace {

class SurveyRunsTest : public ::testing::TestWithParam<test::Backend> {
protected:
    void SetUp() override { m_store = open_store(url(), OpenMode::create); }
    std::string url() const { return m_url; }
    static SurveyRun run_of(long long planned) {
        SurveyRun r;
        r.criteria = R"({"max_total_dv_km_s": 12})";
        r.catalogue = "NEA.txt";
        r.device = "cpu";
        r.planned = planned;
        return r;
    }
    static SurveyTarget target(std::string designation, long long viable, std::optional<double> dv) {
        return {std::move(designation), 24.5, viable, dv, dv ? std::optional<double>(200) : std::nullopt,
                dv ? std::optional<std::string>("2028-03-01") : std::nullopt, R"({"min_dv": null})"};
    }
    test::TempDir m_dir;
    std::string m_url = GetParam().fresh_url(m_dir);
    std::unique_ptr<Store> m_store;
};

TEST_P(SurveyRunsTest, ARunIsWrittenAsItGoesAndEndsOnce) {
    const auto changes = m_store->last_change_id();
    const auto id = m_store->begin_survey_run(run_of(3));
    auto running = m_store->survey_run(id);
    ASSERT_TRUE(running);
    EXPECT_EQ(running->state, SurveyRunState::running);
    EXPECT_EQ(running->planned, 3);
    EXPECT_EQ(running->done, 0);
    EXPECT_EQ(running->criteria, R"({"max_total_dv_km_s": 12})");

    m_store->report_survey_progress(id, 2, 1000);
    m_store->add_survey_targets(id, {target("2000 SG344", 12, 3.5), target("(99942) Apophis", 0, std::nullopt)});
    m_store->add_survey_targets(id, {target("2008 HU4", 3, 4.25)});
    m_store->end_survey_run(id, SurveyRunState::complete, "");
    const auto done = m_store->survey_run(id);
    EXPECT_EQ(done->state, SurveyRunState::complete);
    EXPECT_EQ(done->done, 2);
    EXPECT_EQ(done->legs_solved, 1000);
    EXPECT_TRUE(done->finished_at);

    const auto rows = m_store->survey_targets(id);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].designation, "(99942) Apophis");  // designation order
    EXPECT_FALSE(rows[0].min_dv_km_s);
    EXPECT_FALSE(rows[0].min_dv_launch);
    EXPECT_EQ(rows[1].designation, "2000 SG344");
    EXPECT_EQ(rows[1].viable_count, 12);
    EXPECT_DOUBLE_EQ(*rows[1].min_dv_km_s, 3.5);
    EXPECT_EQ(*rows[1].min_dv_launch, "2028-03-01");
    EXPECT_EQ(rows[1].detail, R"({"min_dv": null})");

    // Once ended, nothing more is written to it.
    EXPECT_THROW(m_store->report_survey_progress(id, 3, 1), StoreError);
    EXPECT_THROW(m_store->add_survey_targets(id, {target("2011 MD", 1, 5.0)}), StoreError);
    EXPECT_THROW(m_store->end_survey_run(id, SurveyRunState::failed, "x"), StoreError);
    EXPECT_EQ(m_store->survey_targets(id).size(), 3u);
    EXPECT_THROW(m_store->report_survey_progress(id + 100, 1, 1), NotFoundError);
    EXPECT_THROW(m_store->end_survey_run(id, SurveyRunState::running, ""), std::invalid_argument);

    EXPECT_EQ(m_store->last_change_id(), changes) << "survey runs are derived data, not roadmap changes";
}

TEST_P(SurveyRunsTest, RowsGoInAllOrNothing) {
    const auto id = m_store->begin_survey_run(run_of(3));
    m_store->add_survey_targets(id, {target("2000 SG344", 12, 3.5)});
    EXPECT_THROW(m_store->add_survey_targets(id, {target("2008 HU4", 3, 4.25), target("2000 SG344", 1, 9.0)}),
                 ConflictError);
    const auto rows = m_store->survey_targets(id);
    ASSERT_EQ(rows.size(), 1u) << "the batch with a taken designation wrote nothing";
    EXPECT_DOUBLE_EQ(*rows[0].min_dv_km_s, 3.5);
}

TEST_P(SurveyRunsTest, TheNewestCompleteRunIsFoundWhileANewerOneRuns) {
    EXPECT_FALSE(m_store->latest_survey_run(std::nullopt));
    const auto first = m_store->begin_survey_run(run_of(1));
    m_store->end_survey_run(first, SurveyRunState::complete, "");
    const auto cancelled = m_store->begin_survey_run(run_of(1));
    m_store->end_survey_run(cancelled, SurveyRunState::cancelled, "interrupted");
    const auto running = m_store->begin_survey_run(run_of(5));
    EXPECT_EQ(m_store->latest_survey_run(SurveyRunState::complete)->id, first);
    EXPECT_EQ(m_store->latest_survey_run(SurveyRunState::cancelled)->message, "interrupted");
    EXPECT_EQ(m_store->latest_survey_run(std::nullopt)->id, running);
    EXPECT_FALSE(m_store->latest_survey_run(SurveyRunState::failed));

    m_store.reset();
    auto reopened = open_store(url(), OpenMode::existing);
    EXPECT_EQ(reopened->latest_survey_run(SurveyRunState::running)->id, running);
    EXPECT_EQ(reopened->survey_run(first)->state, SurveyRunState::complete);
}

TEST_P(SurveyRunsTest, DerivedResultsAreKeptOnePerKindAndIdAndReplaced) {
    const auto changes = m_store->last_change_id();
    EXPECT_FALSE(m_store->derived("feasibility", "artemis-3"));
    const model::Timestamp t1{std::chrono::seconds{1'800'000'000}};
    m_store->put_derived({"feasibility", "artemis-3", "key-1", R"({"a": 1})", t1});
    m_store->put_derived({"feasibility", "mmx", "key-9", "{}", t1});
    m_store->put_derived({"other", "artemis-3", "key-2", "[]", t1});
    m_store->put_derived({"feasibility", "artemis-3", "key-3", R"({"a": 3})", t1 + std::chrono::seconds{5}});
    const auto kept = m_store->derived("feasibility", "artemis-3");
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->key, "key-3");
    EXPECT_EQ(kept->content, R"({"a": 3})");
    EXPECT_EQ(kept->computed_at, t1 + std::chrono::seconds{5});
    EXPECT_EQ(m_store->derived("other", "artemis-3")->content, "[]");
    EXPECT_EQ(m_store->derived("feasibility", "mmx")->key, "key-9");
    EXPECT_EQ(m_store->last_change_id(), changes);
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyRunsTest, ::testing::ValuesIn(test::backends()),
                         [](const ::testing::TestParamInfo<test::Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace ger::store
