// The records agencies exchange through the forum. Plain data; rules live in validation.hpp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/planned_date.hpp"

namespace ger::model {

using Timestamp = std::chrono::sys_seconds;  // UTC, to the second

// A member agency of the forum. `code` is its stable identifier ("NASA", "Roscosmos").
struct Agency {
    std::string code;
    std::string name;
    std::string country;  // country or region ("Europe" for ESA)
    int member_since = 0; // year the agency joined the coordination group
    std::string source;   // where these facts come from (data/SOURCES.md)
    friend bool operator==(const Agency&, const Agency&) = default;
};

// One of the common goals ("Search for Life"); `id` is a stable slug ("search-for-life").
struct Goal {
    std::string id;
    int number = 0;  // 1..n, the order the roadmap lists them in
    std::string title;
    std::string description;
    std::string source;
    friend bool operator==(const Goal&, const Goal&) = default;
};

// An objective supporting one goal. `verified` is false for paraphrased themes the secretariat may edit.
struct Objective {
    std::string id;
    std::string goal_id;
    std::string title;
    std::string description;
    bool verified = false;
    std::string source;
    friend bool operator==(const Objective&, const Objective&) = default;
};

// Where missions go: LEO/ISS, cislunar space, the Moon, near-Earth asteroids, Mars... (extensible).
struct Destination {
    std::string code;  // "LEO", "cislunar", "Moon", "NEA", "Mars"
    std::string name;
    int order = 0;     // position on the stepwise path outward from the ISS
    std::string description;
    friend bool operator==(const Destination&, const Destination&) = default;
};

// Who may read a record. The owning agency always may; the secretariat reads all but edits none.
// Missions and capabilities hold it as std::optional: "not said" is representable so that it can be refused
// (model validation, the store, the API), never read as public.
struct Visibility {
    VisibilityScope scope = VisibilityScope::public_;
    std::vector<std::string> agencies;  // agency codes, only for scope == agencies
    friend bool operator==(const Visibility&, const Visibility&) = default;
};

// Bookkeeping every owned record carries. `version` starts at 1 and grows by one per change:
// it is the ETag, so no concurrent edit is silently lost.
struct RecordMeta {
    int version = 1;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::string author;  // user name of the last editor
    friend bool operator==(const RecordMeta&, const RecordMeta&) = default;
};

struct Mission {
    std::string id;  // stable slug: lowercase letters, digits and '-'
    std::string name;
    std::string lead_agency;                  // the owner
    std::vector<std::string> partners;        // agency codes
    std::string destination;                  // Destination::code
    std::optional<std::string> target_body;   // e.g. "2000 SG344", "Phobos", "Apophis"
    MissionKind kind = MissionKind::robotic;
    MissionType type = MissionType::orbiter;
    std::optional<LaunchWindow> launch;       // none for plans never dated
    std::optional<double> duration_days;      // [days]
    MissionStatus status = MissionStatus::planned;
    Commitment commitment = Commitment::planned;
    std::vector<std::string> objectives;            // Objective ids addressed
    std::vector<std::string> capabilities_required; // Capability ids
    std::vector<std::string> capabilities_provided; // Capability ids
    std::vector<std::string> precursors;            // Mission ids this mission builds on
    std::optional<Visibility> visibility;           // required; nullopt is an invalid record, never "public"
    std::string description;
    std::string source;  // citation for the facts (bundled data) or free text
    RecordMeta meta;
    friend bool operator==(const Mission&, const Mission&) = default;
};

// A capability element (launcher, crew vehicle, habitat...) that an agency provides.
struct Capability {
    std::string id;
    std::string name;
    std::string provider;  // agency code, the owner
    CapabilityKind kind = CapabilityKind::other;
    std::optional<PlannedDate> readiness;  // when it is (or was) first ready for use
    CapabilityStatus status = CapabilityStatus::development;
    std::optional<Visibility> visibility;  // required; nullopt is an invalid record, never "public"
    std::string description;
    std::string source;
    RecordMeta meta;
    friend bool operator==(const Capability&, const Capability&) = default;
};

// A named edition of the roadmap ("2011", "2013").
struct Edition {
    std::string name;
    std::string title;
    std::chrono::year_month_day published{};
    std::vector<std::string> signatories;  // agency codes
    std::string scenario;                  // the mission scenario, prose
    bool frozen = false;                   // a frozen edition never changes
    std::string source;
    friend bool operator==(const Edition&, const Edition&) = default;
};

enum class AuditAction { create, update, remove };

// Who changed what, when; `before`/`after` are the record's JSON (empty for create / remove).
struct AuditEntry {
    long long id = 0;
    Timestamp at{};
    std::string actor;         // user name
    std::string agency;        // acting agency code ("" for the secretariat or the system)
    std::string record_kind;   // "mission", "capability", "goal", ...
    std::string record_id;
    AuditAction action = AuditAction::create;
    std::string before;
    std::string after;
    std::string note{};        // why, when the system changed a record on its own ("" otherwise)
    friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// Everything `ger export` writes and `ger import` reads.
struct Dataset {
    std::vector<Agency> agencies;
    std::vector<Goal> goals;
    std::vector<Objective> objectives;
    std::vector<Destination> destinations;
    std::vector<Mission> missions;
    std::vector<Capability> capabilities;
    std::vector<Edition> editions;
    friend bool operator==(const Dataset&, const Dataset&) = default;
};

}  // namespace ger::model
