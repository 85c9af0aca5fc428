// Coverage, gaps, overlaps and opportunities (analysis.hpp states the rules).
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "analysis/analysis.hpp"
#include "analysis/detail/mission_dates.hpp"

namespace ger::analysis {
namespace {

using detail::counts;
using detail::year_of;

std::vector<Period> make_periods(const model::Dataset& data, int period_years) {
    if (period_years < 1) throw std::invalid_argument("period_years must be at least 1, got " +
                                                      std::to_string(period_years));
    int first = 0;
    int last = 0;
    bool any = false;
    for (const auto& m : data.missions) {
        if (!counts(m) || !m.launch) continue;
        const int y = year_of(m.launch->earliest());
        first = any ? std::min(first, y) : y;
        last = any ? std::max(last, y) : y;
        any = true;
    }
    std::vector<Period> periods;
    if (!any) return periods;
    const auto floor_to = [&](int y) { return y - (((y % period_years) + period_years) % period_years); };
    for (int y = floor_to(first); y <= last; y += period_years) periods.push_back({y, y + period_years - 1});
    return periods;
}

std::optional<std::size_t> period_index(const std::vector<Period>& periods, const model::Mission& m) {
    if (!m.launch || periods.empty()) return std::nullopt;
    const int y = year_of(m.launch->earliest());
    const int width = periods.front().last_year - periods.front().first_year + 1;
    const int k = (y - periods.front().first_year) / width;
    if (k < 0 || static_cast<std::size_t>(k) >= periods.size()) return std::nullopt;
    return static_cast<std::size_t>(k);
}

// Operating, or planned / proposed to launch by the horizon: what the plans still deliver.
bool delivers_by(const model::Mission& m, int horizon_year) {
    using S = model::MissionStatus;
    if (m.status == S::operating) return true;
    if (m.status != S::planned && m.status != S::proposed) return false;
    return m.launch && year_of(m.launch->earliest()) <= horizon_year;
}

std::vector<std::string> sorted(std::set<std::string> s) { return {s.begin(), s.end()}; }

}  // namespace

Coverage coverage(const model::Dataset& data, const AnalysisOptions& options) {
    Coverage out;
    out.periods = make_periods(data, options.period_years);
    for (const auto& o : data.objectives) out.objectives.push_back(o.id);
    for (const auto& a : data.agencies) out.agencies.push_back(a.code);
    std::unordered_map<std::string, std::size_t> objective_index;
    std::unordered_map<std::string, std::size_t> agency_index;
    for (std::size_t i = 0; i < out.objectives.size(); ++i) objective_index.emplace(out.objectives[i], i);
    for (std::size_t i = 0; i < out.agencies.size(); ++i) agency_index.emplace(out.agencies[i], i);

    // NOTE: a sparse map keyed by row * columns + column: 20,000 missions touch few of the possible cells.
    std::map<std::size_t, CoverageCell> cells;
    std::map<std::size_t, PeriodCell> period_cells;
    std::map<std::string, DestinationCoverage> by_destination;
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> destination_sets;
    const std::size_t columns = out.agencies.size();
    for (const auto& m : data.missions) {
        if (!counts(m)) continue;
        ++out.counted_missions;
        const auto period = period_index(out.periods, m);
        if (!period) ++out.undated_missions;

        auto& d = by_destination[m.destination];
        if (d.by_period.empty()) d.by_period.assign(out.periods.size(), 0);
        d.destination = m.destination;
        ++d.missions;
        (m.kind == model::MissionKind::human ? d.human : d.robotic) += 1;
        if (period) ++d.by_period[*period];
        auto& [agencies, objectives] = destination_sets[m.destination];

        std::vector<std::string> takers{m.lead_agency};
        for (const auto& p : m.partners) {
            if (std::find(takers.begin(), takers.end(), p) == takers.end()) takers.push_back(p);
        }
        agencies.insert(takers.begin(), takers.end());
        for (const auto& objective : m.objectives) {
            objectives.insert(objective);
            const auto row = objective_index.find(objective);
            if (row == objective_index.end()) continue;  // validation rules out dangling ids
            if (period) {
                auto& cell = period_cells[row->second * out.periods.size() + *period];
                cell.objective = objective;
                cell.period = *period;
                // NOTE: an objective listed twice by one mission still counts that mission once.
                if (cell.missions.empty() || cell.missions.back() != m.id) cell.missions.push_back(m.id);
            }
            for (const auto& agency : takers) {
                const auto column = agency_index.find(agency);
                if (column == agency_index.end()) continue;
                auto& cell = cells[row->second * columns + column->second];
                if (cell.by_period.empty()) {
                    cell.objective = objective;
                    cell.agency = agency;
                    cell.by_period.assign(out.periods.size(), 0);
                }
                ++cell.total;
                if (period) ++cell.by_period[*period];
                cell.missions.push_back(m.id);
            }
        }
    }
    for (auto& [key, cell] : cells) out.cells.push_back(std::move(cell));
    for (auto& [key, cell] : period_cells) out.period_cells.push_back(std::move(cell));
    // Destinations in their stepwise order, then any not in the destination list.
    for (const auto& dest : data.destinations) {
        auto it = by_destination.find(dest.code);
        DestinationCoverage d;
        if (it != by_destination.end()) d = std::move(it->second);
        d.destination = dest.code;
        if (d.by_period.empty()) d.by_period.assign(out.periods.size(), 0);
        auto& [agencies, objectives] = destination_sets[dest.code];
        d.agencies = sorted(agencies);
        d.objectives = sorted(objectives);
        out.destinations.push_back(std::move(d));
        if (it != by_destination.end()) by_destination.erase(it);
    }
    for (auto& [code, d] : by_destination) {
        auto& [agencies, objectives] = destination_sets[code];
        d.agencies = sorted(agencies);
        d.objectives = sorted(objectives);
        out.destinations.push_back(std::move(d));
    }
    return out;
}

std::vector<Gap> gaps(const model::Dataset& data, const AnalysisOptions& options) {
    std::vector<Gap> out;
    const int horizon = options.horizon_year;
    // Objectives no mission addresses within the horizon.
    std::unordered_map<std::string, std::pair<bool, std::vector<std::string>>> addressed;  // by_horizon, others
    for (const auto& m : data.missions) {
        for (const auto& objective : m.objectives) {
            auto& entry = addressed[objective];
            if (delivers_by(m, horizon)) {
                entry.first = true;
            } else if (counts(m)) {
                entry.second.push_back(m.id);
            }
        }
    }
    for (const auto& o : data.objectives) {
        const auto it = addressed.find(o.id);
        if (it != addressed.end() && it->second.first) continue;
        Gap gap;
        gap.kind = GapKind::objective_unaddressed;
        gap.objective = o.id;
        if (it != addressed.end()) gap.missions = it->second.second;
        gap.message = "no operating or planned mission addresses objective " + o.id + " by " +
                      std::to_string(horizon) +
                      (gap.missions.empty() ? std::string(" (and none ever has)")
                                            : " (" + std::to_string(gap.missions.size()) +
                                                  " completed, failed or later mission(s) do)");
        out.push_back(std::move(gap));
    }

    // Human missions beyond the first step without a robotic precursor at their destination: none named in `precursors` there, and no
    // robotic mission (not cancelled or failed) there launched before them.
    std::unordered_map<std::string, std::chrono::sys_days> first_robotic;  // destination -> earliest launch
    std::unordered_map<std::string, const model::Mission*> by_id;
    for (const auto& m : data.missions) {
        by_id.emplace(m.id, &m);
        if (m.kind != model::MissionKind::robotic || !counts(m) || m.status == model::MissionStatus::failed ||
            !m.launch) {
            continue;
        }
        const auto day = m.launch->latest();
        auto [it, inserted] = first_robotic.emplace(m.destination, day);
        if (!inserted) it->second = std::min(it->second, day);
    }
    const auto periods = make_periods(data, options.period_years);
    std::map<std::pair<std::string, std::size_t>, Gap> lacking;  // (destination, period) -> gap
    const auto& first_step = options.stepwise_path.empty() ? std::vector<std::string>{} : options.stepwise_path.front();
    for (const auto& m : data.missions) {
        if (m.kind != model::MissionKind::human || !counts(m) || !m.launch) continue;
        // The first step (LEO and the ISS) is where the path starts: nothing precedes it.
        if (std::find(first_step.begin(), first_step.end(), m.destination) != first_step.end()) continue;
        bool has = false;
        for (const auto& p : m.precursors) {
            const auto it = by_id.find(p);
            if (it != by_id.end() && it->second->destination == m.destination) has = true;
        }
        const auto robotic = first_robotic.find(m.destination);
        if (robotic != first_robotic.end() && robotic->second < m.launch->earliest()) has = true;
        if (has) continue;
        const auto period = period_index(periods, m);
        auto& gap = lacking[{m.destination, period.value_or(0)}];
        gap.kind = GapKind::no_precursor;
        gap.destination = m.destination;
        if (period) gap.period = periods[*period];
        gap.missions.push_back(m.id);
    }
    for (auto& [key, gap] : lacking) {
        gap.message = std::to_string(gap.missions.size()) + " human mission(s) to " + gap.destination +
                      (gap.period ? " in " + std::to_string(gap.period->first_year) + "-" +
                                        std::to_string(gap.period->last_year)
                                  : std::string()) +
                      " without an earlier robotic precursor there";
        out.push_back(std::move(gap));
    }

    // Destinations no mission will be active at within the horizon.
    std::set<std::string> active;
    for (const auto& m : data.missions) {
        if (delivers_by(m, horizon)) active.insert(m.destination);
    }
    for (const auto& d : data.destinations) {
        if (active.contains(d.code)) continue;
        Gap gap;
        gap.kind = GapKind::destination_idle;
        gap.destination = d.code;
        gap.message = "no operating or planned mission to " + d.code + " by " + std::to_string(horizon);
        out.push_back(std::move(gap));
    }
    return out;
}

std::vector<Overlap> overlaps(const model::Dataset& data, const AnalysisOptions& options) {
    struct Interval {
        std::chrono::sys_days from;
        std::chrono::sys_days to;
        const model::Mission* mission;
    };
    // (destination, objective) -> intervals. Ordered map: the output order is stable.
    std::map<std::pair<std::string, std::string>, std::vector<Interval>> groups;
    const auto default_days = std::chrono::days{static_cast<long>(options.default_activity_days)};
    for (const auto& m : data.missions) {
        if (!counts(m) || !m.launch) continue;
        const auto to = m.duration_days ? *detail::finish(m) : m.launch->latest() + default_days;
        for (const auto& objective : m.objectives) {
            groups[{m.destination, objective}].push_back({m.launch->earliest(), to, &m});
        }
    }
    std::vector<Overlap> out;
    for (auto& [key, intervals] : groups) {
        std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
            return a.from != b.from ? a.from < b.from : a.mission->id < b.mission->id;
        });
        std::size_t begin = 0;
        while (begin < intervals.size()) {
            std::size_t end = begin + 1;
            auto reach = intervals[begin].to;
            while (end < intervals.size() && intervals[end].from <= reach) {
                reach = std::max(reach, intervals[end].to);
                ++end;
            }
            std::set<std::string> agencies;
            for (std::size_t k = begin; k < end; ++k) agencies.insert(intervals[k].mission->lead_agency);
            if (agencies.size() >= 2) {
                Overlap o;
                o.destination = key.first;
                o.objective = key.second;
                o.from = intervals[begin].from;
                o.to = reach;
                for (std::size_t k = begin; k < end; ++k) o.missions.push_back(intervals[k].mission->id);
                o.agencies = sorted(std::move(agencies));
                out.push_back(std::move(o));
            }
            begin = end;
        }
    }
    return out;
}

std::vector<Opportunity> opportunities(const model::Dataset& data) {
    std::unordered_map<std::string, const model::Capability*> capabilities;
    for (const auto& c : data.capabilities) capabilities.emplace(c.id, &c);
    std::vector<Opportunity> out;
    for (const auto& m : data.missions) {
        if (!counts(m)) continue;
        for (const auto& id : m.capabilities_required) {
            const auto it = capabilities.find(id);
            if (it == capabilities.end()) continue;
            const auto& c = *it->second;
            using S = model::CapabilityStatus;
            if (c.provider == m.lead_agency || c.status == S::cancelled || c.status == S::retired) continue;
            Opportunity o;
            o.mission = m.id;
            o.lead_agency = m.lead_agency;
            o.capability = c.id;
            o.provider = c.provider;
            o.capability_status = c.status;
            o.partnered = std::find(m.partners.begin(), m.partners.end(), c.provider) != m.partners.end();
            out.push_back(std::move(o));
        }
    }
    return out;
}

}  // namespace ger::analysis
