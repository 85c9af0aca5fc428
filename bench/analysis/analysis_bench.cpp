// Analysis and publication on a fixed synthetic roadmap: 100 agencies, 20,000 missions over 2000-2040 (seed
// 2024, tests/render/synthetic_dataset.hpp) given objectives, partners, capabilities with readiness dates and
// precursors (seed 7), so every finding has work to do. Times (best and median of --runs, wall clock):
//   analyze   analysis::analyze, everything `ger analyze --no-feasibility` computes (goal < 1 s)
//   chart     render::roadmap_svg of the edition snapshot (goal < 1 s)
//   pdf       render::report_pdf including its analysis (goal < 5 s)
//   feasibility  analysis::check_feasibility of the bundled data set on 2 threads (goal < 2 s)
// Usage: bench_analysis [--runs N] [--svg FILE (write the synthetic chart and stop)]
#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "analysis/analysis.hpp"
#include "analysis/edition.hpp"
#include "analysis/feasibility.hpp"
#include "model/bundled.hpp"
#include "render/report.hpp"
#include "render/roadmap_chart.hpp"
#include "synthetic_dataset.hpp"

namespace {

using namespace ger;

model::Dataset synthetic() {
    render::testing::SyntheticSpec spec;
    spec.agencies = 100;
    spec.missions = 20000;
    spec.first_year = 2000;
    spec.last_year = 2040;
    spec.seed = 2024;
    auto data = render::testing::synthetic_dataset(spec);
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> objective(0, data.objectives.size() - 1);
    std::uniform_int_distribution<std::size_t> agency(0, data.agencies.size() - 1);
    std::uniform_int_distribution<int> count(0, 3);
    std::uniform_int_distribution<int> year(2000, 2040);
    data.capabilities.clear();
    for (int i = 0; i < 300; ++i) {
        model::Capability c;
        c.id = "cap-";
        c.id += std::to_string(i);
        c.name = c.id;
        c.provider = data.agencies[agency(rng)].code;
        c.readiness = model::PlannedDate{std::chrono::year{year(rng)} / 1 / 1, model::DatePrecision::year};
        data.capabilities.push_back(std::move(c));
    }
    std::uniform_int_distribution<std::size_t> capability(0, data.capabilities.size() - 1);
    for (std::size_t i = 0; i < data.missions.size(); ++i) {
        auto& m = data.missions[i];
        for (int k = count(rng); k > 0; --k) m.objectives.push_back(data.objectives[objective(rng)].id);
        std::sort(m.objectives.begin(), m.objectives.end());
        m.objectives.erase(std::unique(m.objectives.begin(), m.objectives.end()), m.objectives.end());
        for (int k = count(rng); k > 0; --k) {
            const auto& code = data.agencies[agency(rng)].code;
            if (code != m.lead_agency && std::find(m.partners.begin(), m.partners.end(), code) == m.partners.end()) {
                m.partners.push_back(code);
            }
        }
        if (i % 2 == 0) m.capabilities_required.push_back(data.capabilities[capability(rng)].id);
        if (i % 5 == 0 && i >= 10) m.precursors.push_back(data.missions[i - 10].id);  // a chain every 10
    }
    return data;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void time(const std::string& name, int runs, double goal_s, const std::function<std::size_t()>& work) {
    std::vector<double> t;
    std::size_t size = 0;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        size = work();
        t.push_back(seconds_since(start));
    }
    std::sort(t.begin(), t.end());
    std::cout << name << ": best " << t.front() << " s, median " << t[t.size() / 2] << " s (goal < " << goal_s
              << " s" << (t[t.size() / 2] < goal_s ? ", met" : ", NOT met") << "), output " << size << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::string svg_file;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--svg") == 0) svg_file = argv[i + 1];
    }
    std::cout << "hardware threads: " << std::thread::hardware_concurrency() << '\n';
    const auto data = synthetic();
    model::Edition edition;
    edition.name = "bench";
    edition.title = "The Global Exploration Roadmap (synthetic benchmark edition)";
    edition.published = std::chrono::year{2026} / 11 / 26;
    edition.signatories = {data.agencies.front().code};
    const auto snapshot = analysis::edition_snapshot(data, edition);
    std::cout << "synthetic: " << data.agencies.size() << " agencies, " << data.missions.size() << " missions, "
              << data.capabilities.size() << " capabilities; snapshot " << snapshot.missions.size()
              << " public missions\n";
    analysis::AnalysisOptions options;
    options.today_year = 2026;
    if (!svg_file.empty()) {  // the synthetic chart, for looking at or timing its rendering on its own
        std::ofstream(svg_file) << render::report_chart_svg(snapshot);
        return 0;
    }

    time("analyze (no feasibility)", runs, 1.0, [&] {
        const auto a = analysis::analyze(data, options);
        return a.overlaps.size() + a.conflicts.size() + a.gaps.size() + a.opportunities.size();
    });
    time("chart (layout + SVG)", runs, 1.0, [&] { return render::report_chart_svg(snapshot).size(); });
    time("pdf (analysis + PDF)", std::min(runs, 3), 5.0, [&] {
        const auto a = analysis::analyze(snapshot, options);
        return render::report_pdf({snapshot, a}).size();
    });
    const auto bundled = model::bundled_dataset();
    analysis::FeasibilityOptions f;
    f.threads = 2;
    time("feasibility (bundled, 2 threads)", runs, 2.0, [&] { return analysis::check_feasibility(bundled, f).size(); });
    f.include_flown = true;
    time("feasibility (bundled incl. flown, 2 threads)", runs, 2.0,
         [&] { return analysis::check_feasibility(bundled, f).size(); });
    return 0;
}
