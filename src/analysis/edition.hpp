// Editions: the snapshot a frozen edition keeps, and the differences between two editions.
//
// A snapshot is a model::Dataset holding the public records at the moment of freezing: every agency, goal,
// objective and destination, the missions and capabilities whose visibility is public (references to records
// left out are dropped from the kept ones, so a snapshot always validates), and exactly one Edition (the one
// frozen, frozen = true). The store keeps it as JSON and never changes it (store.hpp: freeze_edition).
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

namespace ger::analysis {

// The snapshot of `data` as edition `edition` (its `frozen` is set).
model::Dataset edition_snapshot(const model::Dataset& data, model::Edition edition);

// The snapshots of the bundled 2011 and 2013 editions (data/editions.json, rules in data/SOURCES.md), which
// `ger init` stores as frozen editions. Parsed on each call; throws model::ValidationError only if the committed
// JSON is broken, which tests/analysis rules out.
std::vector<model::Dataset> bundled_edition_snapshots();

struct MissionChange {
    std::string mission;
    std::optional<model::LaunchWindow> launch_before;
    std::optional<model::LaunchWindow> launch_after;
    std::optional<long long> slip_days;  // earliest launch day after - before; set when dated in both
    std::optional<model::MissionStatus> status_before;  // set (with _after) when the status changed
    std::optional<model::MissionStatus> status_after;
    std::vector<std::string> partners_added;
    std::vector<std::string> partners_removed;
    std::vector<std::string> other_fields;  // names of the other fields that differ ("objectives", "type", ...)
};

struct ObjectiveChange {
    std::string objective;
    std::string title_before;
    std::string title_after;
    std::vector<std::string> fields;  // "title", "description", "goal_id", "verified"
};

struct EditionDiff {
    std::string from;  // edition names
    std::string to;
    std::vector<std::string> missions_added;
    std::vector<std::string> missions_removed;
    std::vector<MissionChange> missions_changed;
    std::vector<std::string> objectives_added;
    std::vector<std::string> objectives_removed;
    std::vector<ObjectiveChange> objectives_changed;
    std::vector<std::string> signatories_added;
    std::vector<std::string> signatories_removed;
};

// What changed from snapshot `a` to snapshot `b` (each holds its Edition as editions[0]; names "" otherwise).
// Record bookkeeping (version, timestamps, author) is not a change.
EditionDiff diff_editions(const model::Dataset& a, const model::Dataset& b);

nlohmann::json to_json(const EditionDiff& diff);

}  // namespace ger::analysis
