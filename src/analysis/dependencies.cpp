// Dependencies: conflicts, the critical path to a goal mission, the stepwise path, and analyze() itself.
//
// The graph: a mission depends on its precursors (missions) and on the capabilities it requires; a capability
// depends on the missions that provide it. A mission starts at its earliest launch day and finishes at its
// latest launch day plus its duration; a capability starts and finishes at its readiness day.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "analysis/analysis.hpp"
#include "analysis/detail/mission_dates.hpp"

namespace ger::analysis {
namespace {

using detail::counts;
using std::chrono::sys_days;

std::string capability_node(const std::string& id) { return "capability:" + id; }

}  // namespace

std::vector<Conflict> conflicts(const model::Dataset& data) {
    std::unordered_map<std::string, const model::Capability*> capabilities;
    std::unordered_map<std::string, const model::Mission*> missions;
    for (const auto& c : data.capabilities) capabilities.emplace(c.id, &c);
    for (const auto& m : data.missions) missions.emplace(m.id, &m);
    std::vector<Conflict> out;
    for (const auto& m : data.missions) {
        if (!counts(m)) continue;
        const auto last = detail::latest(m);
        for (const auto& id : m.capabilities_required) {
            const auto it = capabilities.find(id);
            if (it == capabilities.end()) continue;
            const auto& c = *it->second;
            if (c.status == model::CapabilityStatus::cancelled) {
                Conflict conflict{ConflictKind::capability_cancelled, m.id, c.id, last, std::nullopt, 0,
                                  m.id + " requires " + c.id + ", which is cancelled"};
                out.push_back(std::move(conflict));
                continue;
            }
            if (!last || !c.readiness) continue;
            const auto ready = c.readiness->first_day();
            if (*last >= ready) continue;
            const long long days = (ready - *last).count();
            out.push_back({ConflictKind::before_readiness, m.id, c.id, last, ready, days,
                           m.id + " launches by " + format_day(*last) + ", " + std::to_string(days) +
                               " days before " + c.id + " is ready (" + format_day(ready) + ")"});
        }
        for (const auto& id : m.precursors) {
            const auto it = missions.find(id);
            if (it == missions.end() || !counts(*it->second) || !last) continue;
            const auto precursor = detail::earliest(*it->second);
            if (!precursor || *last >= *precursor) continue;
            const long long days = (*precursor - *last).count();
            out.push_back({ConflictKind::before_precursor, m.id, id, last, precursor, days,
                           m.id + " launches by " + format_day(*last) + ", " + std::to_string(days) +
                               " days before its precursor " + id + " (" + format_day(*precursor) + ")"});
        }
    }
    return out;
}

CriticalPath critical_path(const model::Dataset& data, const std::string& goal) {
    struct Node {
        std::string id;
        std::string kind;
        std::optional<sys_days> start;
        std::optional<sys_days> finish;
        std::vector<std::size_t> predecessors;
        std::vector<std::size_t> successors;  // within the goal's ancestors only (filled below)
        std::optional<long long> slack;
        int state = 0;  // DFS: 0 new, 1 on stack, 2 done
    };
    std::vector<Node> nodes;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& m : data.missions) {
        index.emplace(m.id, nodes.size());
        nodes.push_back({m.id, "mission", detail::earliest(m), detail::finish(m), {}, {}, std::nullopt, 0});
    }
    for (const auto& c : data.capabilities) {
        index.emplace(capability_node(c.id), nodes.size());
        std::optional<sys_days> ready;
        if (c.readiness) ready = c.readiness->first_day();
        nodes.push_back({c.id, "capability", ready, ready, {}, {}, std::nullopt, 0});
    }
    for (const auto& m : data.missions) {
        auto& node = nodes[index.at(m.id)];
        for (const auto& p : m.precursors) {
            if (const auto it = index.find(p); it != index.end()) node.predecessors.push_back(it->second);
        }
        for (const auto& c : m.capabilities_required) {
            if (const auto it = index.find(capability_node(c)); it != index.end()) node.predecessors.push_back(it->second);
        }
        for (const auto& c : m.capabilities_provided) {
            if (const auto it = index.find(capability_node(c)); it != index.end()) {
                nodes[it->second].predecessors.push_back(index.at(m.id));
            }
        }
    }
    const auto goal_it = index.find(goal);
    if (goal_it == index.end() || nodes[goal_it->second].kind != "mission") {
        throw std::invalid_argument("goal mission '" + goal + "' is not a mission of the data set");
    }
    const std::size_t root = goal_it->second;

    // Post-order over predecessors (iterative: 20,000-deep chains must not overflow the stack); back edges of
    // a capability cycle are ignored.
    std::vector<std::size_t> order;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    nodes[root].state = 1;
    while (!stack.empty()) {
        auto& [n, next] = stack.back();
        if (next < nodes[n].predecessors.size()) {
            const std::size_t p = nodes[n].predecessors[next++];
            if (nodes[p].state == 0) {
                nodes[p].state = 1;
                nodes[p].successors.push_back(n);
                stack.push_back({p, 0});
            } else if (nodes[p].state == 2) {
                nodes[p].successors.push_back(n);
            }
        } else {
            nodes[n].state = 2;
            order.push_back(n);
            stack.pop_back();
        }
    }
    // Reverse post-order visits every node after all of its successors.
    nodes[root].slack = 0;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        auto& node = nodes[*it];
        if (*it == root || !node.finish) continue;
        std::optional<long long> best;
        for (const std::size_t s : node.successors) {
            const auto& succ = nodes[s];
            if (!succ.start || !succ.slack) continue;
            const long long slack = (*succ.start - *node.finish).count() + *succ.slack;
            if (!best || slack < *best) best = slack;
        }
        node.slack = best;
    }

    CriticalPath out;
    out.goal = goal;
    out.ancestors = order.size() - 1;
    for (const std::size_t n : order) {
        if (n != root && !nodes[n].start) out.undated.push_back(nodes[n].id);
    }
    // From the goal back: the predecessor with the least slack (ties: the later finish) at each step.
    std::vector<PathStep> reversed;
    std::size_t at = root;
    std::vector<bool> taken(nodes.size(), false);
    while (true) {
        const auto& node = nodes[at];
        taken[at] = true;
        reversed.push_back({node.id, node.kind, node.start, node.finish, node.slack});
        std::optional<std::size_t> next;
        for (const std::size_t p : node.predecessors) {
            if (taken[p] || !nodes[p].slack) continue;
            if (!next) {
                next = p;
                continue;
            }
            const auto& a = nodes[p];
            const auto& b = nodes[*next];
            if (*a.slack < *b.slack || (*a.slack == *b.slack && a.finish > b.finish)) next = p;
        }
        if (!next) break;
        at = *next;
    }
    out.steps.assign(reversed.rbegin(), reversed.rend());
    return out;
}

std::optional<std::string> default_goal(const model::Dataset& data, const AnalysisOptions& options) {
    if (options.stepwise_path.empty()) return std::nullopt;
    const auto& last = options.stepwise_path.back();
    const model::Mission* best = nullptr;
    for (const auto& m : data.missions) {
        if (m.kind != model::MissionKind::human || !counts(m) || !m.launch) continue;
        if (std::find(last.begin(), last.end(), m.destination) == last.end()) continue;
        if (!best || m.launch->earliest() < best->launch->earliest()) best = &m;
    }
    if (!best) return std::nullopt;
    return best->id;
}

std::vector<StepwiseStep> stepwise_path(const model::Dataset& data, const AnalysisOptions& options) {
    std::vector<StepwiseStep> out;
    std::optional<sys_days> previous;
    std::string previous_name;
    for (std::size_t k = 0; k < options.stepwise_path.size(); ++k) {
        StepwiseStep step;
        step.step = static_cast<int>(k + 1);
        step.destinations = options.stepwise_path[k];
        const model::Mission* human = nullptr;
        const model::Mission* robotic = nullptr;
        for (const auto& m : data.missions) {
            if (!counts(m) || m.status == model::MissionStatus::failed || !m.launch) continue;
            if (std::find(step.destinations.begin(), step.destinations.end(), m.destination) ==
                step.destinations.end()) {
                continue;
            }
            auto& slot = m.kind == model::MissionKind::human ? human : robotic;
            if (!slot || m.launch->earliest() < slot->launch->earliest()) slot = &m;
        }
        std::string name;
        for (const auto& d : step.destinations) name += (name.empty() ? "" : "/") + d;
        if (robotic) step.first_robotic_mission = robotic->id;
        if (!human) {
            step.ok = false;
            step.message = "no human mission to " + name + " is flown or planned";
        } else {
            step.first_human_mission = human->id;
            step.first_human_launch = human->launch->earliest();
            if (previous && *step.first_human_launch < *previous) {
                step.ok = false;
                step.message = "the first human mission to " + name + " (" + human->id + ", " +
                               format_day(*step.first_human_launch) + ") comes before the first to " +
                               previous_name + " (" + format_day(*previous) + ")";
            } else if (k > 0 && (!robotic || robotic->launch->earliest() >= *step.first_human_launch)) {
                step.ok = false;
                step.message = "no robotic mission to " + name + " before the first human one (" + human->id + ")";
            } else {
                step.ok = true;
                step.message = "first human mission " + human->id + " (" + format_day(*step.first_human_launch) + ")" +
                               (robotic ? " after robotic " + robotic->id : std::string());
            }
            previous = step.first_human_launch;
            previous_name = name;
        }
        out.push_back(std::move(step));
    }
    return out;
}

Analysis analyze(const model::Dataset& data, const AnalysisOptions& options_in) {
    AnalysisOptions options = options_in;
    if (options.today_year == 0) {
        const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        options.today_year = detail::year_of(today);
    }
    if (options.horizon_year == 0) options.horizon_year = options.today_year + 15;
    Analysis out;
    out.today_year = options.today_year;
    out.horizon_year = options.horizon_year;
    out.coverage = coverage(data, options);
    out.gaps = gaps(data, options);
    out.overlaps = overlaps(data, options);
    out.opportunities = opportunities(data);
    out.conflicts = conflicts(data);
    std::optional<std::string> goal = options.goal_mission.empty() ? default_goal(data, options)
                                                                   : std::optional(options.goal_mission);
    if (goal) out.critical_path = critical_path(data, *goal);
    out.stepwise_path = stepwise_path(data, options);
    return out;
}

}  // namespace ger::analysis
