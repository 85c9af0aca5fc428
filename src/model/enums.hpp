// The closed vocabularies of the domain, each with its one spelling on the wire (JSON, CSV, SQL, URLs).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ger::model {

enum class MissionKind { human, robotic };
enum class MissionType { orbiter, lander, rover, sample_return, flyby, crewed, station, impactor, relay, other };
// What happened to the mission (as reported), independent of how firm the plan was.
enum class MissionStatus { proposed, planned, operating, completed, failed, cancelled };
// How firm an agency's plan is: the forum is non-binding, so this is the agency's own statement.
enum class Commitment { interest, study, planned, approved, funded, flying, completed, cancelled };
enum class CapabilityKind {
    launcher, crew_vehicle, service_module, habitat, lander, propulsion, relay, robotics, cargo_vehicle,
    rover, other
};
// `concept_` because `concept` is a C++20 keyword; its wire spelling is still "concept".
enum class CapabilityStatus { concept_, development, operational, retired, cancelled };
enum class VisibilityScope { public_, partners, agencies };
enum class DatePrecision { day, month, year };

// EnumNames<E>::values[i] is the wire spelling of the enumerator with underlying value i.
template <class E>
struct EnumNames;

template <>
struct EnumNames<MissionKind> {
    static constexpr std::string_view field = "kind";
    static constexpr std::array<std::string_view, 2> values{"human", "robotic"};
};
template <>
struct EnumNames<MissionType> {
    static constexpr std::string_view field = "type";
    static constexpr std::array<std::string_view, 10> values{
        "orbiter", "lander", "rover", "sample-return", "flyby", "crewed", "station", "impactor", "relay", "other"};
};
template <>
struct EnumNames<MissionStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 6> values{"proposed",  "planned", "operating",
                                                            "completed", "failed",  "cancelled"};
};
template <>
struct EnumNames<Commitment> {
    static constexpr std::string_view field = "commitment";
    static constexpr std::array<std::string_view, 8> values{"interest", "study",  "planned",   "approved",
                                                            "funded",   "flying", "completed", "cancelled"};
};
template <>
struct EnumNames<CapabilityKind> {
    static constexpr std::string_view field = "kind";
    static constexpr std::array<std::string_view, 11> values{
        "launcher", "crew-vehicle",  "service-module", "habitat", "lander", "propulsion",
        "relay",    "robotics",      "cargo-vehicle",  "rover",   "other"};
};
template <>
struct EnumNames<CapabilityStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 5> values{"concept", "development", "operational", "retired",
                                                            "cancelled"};
};
template <>
struct EnumNames<VisibilityScope> {
    static constexpr std::string_view field = "scope";
    static constexpr std::array<std::string_view, 3> values{"public", "partners", "agencies"};
};
template <>
struct EnumNames<DatePrecision> {
    static constexpr std::string_view field = "precision";
    static constexpr std::array<std::string_view, 3> values{"day", "month", "year"};
};

template <class E>
constexpr std::string_view to_string(E value) {
    return EnumNames<E>::values.at(static_cast<std::size_t>(value));
}

template <class E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    const auto& names = EnumNames<E>::values;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

// "human, robotic": for error messages that list the allowed values.
template <class E>
std::string allowed_values() {
    std::string out;
    for (auto name : EnumNames<E>::values) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

}  // namespace ger::model
