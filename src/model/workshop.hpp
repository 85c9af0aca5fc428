// A workshop the forum holds on its roadmap (such as NASA's of April 2014 on the roadmap's update): what it is,
// who hosts it (an agency), when and where, how many seats, when registration opens and closes, and its agenda;
// and the registrations people make for it without an account. A registration holds personal data (name, email,
// affiliation) until the workshop's purge, a set number of days after it ended; its counts outlive it.
#pragma once

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"
#include "model/error.hpp"
#include "model/records.hpp"

namespace ger::model {

using Day = std::chrono::year_month_day;

// One session of the agenda; times are UTC instants.
struct AgendaSession {
    Timestamp starts{};
    Timestamp ends{};
    std::string title;
    std::vector<std::string> speakers;  // "Name (Affiliation)", in the order given
    std::string description;            // "" when none
    friend bool operator==(const AgendaSession&, const AgendaSession&) = default;
};

struct Workshop {
    std::string id;           // a slug: "ger-community-workshop-2014"
    std::string title;
    std::string host_agency;  // an agency code
    Day starts{};             // first day (the place's calendar)
    Day ends{};               // last day, inclusive
    std::string place;
    int capacity = 0;         // confirmed seats; registrations beyond it wait
    Day registration_opens{};   // first day registrations are taken (from 00:00 UTC)
    Day registration_closes{};  // last day registrations are taken (until 24:00 UTC)
    std::string description;
    std::vector<AgendaSession> agenda;  // in time order
    std::string source;                 // where a bundled workshop's facts come from ("" for others)
    Timestamp created_at{};
    std::string created_by;
    std::optional<Timestamp> purged_at;  // when its registrations' personal data was removed
    friend bool operator==(const Workshop&, const Workshop&) = default;
};

enum class RegistrationStatus { confirmed, waitlisted, cancelled };

template <>
struct EnumNames<RegistrationStatus> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 3> values{"confirmed", "waitlisted", "cancelled"};
};

// What a person sends to register.
struct RegistrationRequest {
    std::string workshop;
    std::string name;
    std::string email;
    std::string affiliation;
    bool publish_name = false;  // consent to show the name on the workshop's public page
};

struct Registration {
    long long id = 0;
    std::string workshop;
    std::string name;         // "" once purged
    std::string email;        // "" once purged
    std::string affiliation;  // "" once purged
    bool publish_name = false;
    RegistrationStatus status = RegistrationStatus::confirmed;
    // 1-based: among the confirmed in registration order, or the place on the waiting list (1: promoted next);
    // 0 once cancelled.
    int position = 0;
    bool purged = false;
    Timestamp created_at{};
    Timestamp updated_at{};
    friend bool operator==(const Registration&, const Registration&) = default;
};

// Limits, in Unicode code points (emails in bytes).
inline constexpr std::size_t max_workshop_title = 200;
inline constexpr std::size_t max_workshop_place = 300;
inline constexpr std::size_t max_workshop_description = 10000;
inline constexpr std::size_t max_session_title = 300;
inline constexpr std::size_t max_speaker = 200;
inline constexpr std::size_t max_sessions = 200;
inline constexpr std::size_t max_speakers = 50;
inline constexpr int max_workshop_capacity = 100000;
inline constexpr std::size_t max_registrant_name = 120;
inline constexpr std::size_t max_registrant_affiliation = 200;
inline constexpr std::size_t max_registrant_email = 254;
// Personal data of registrations is removed this many days after the workshop's last day, unless configured.
inline constexpr int default_purge_after_days = 30;

// "2014-04-10"; parse throws ParseError for anything else (a real calendar day, zero-padded).
std::string format_day(Day day);
Day parse_day(std::string_view text);

// The rules one workshop must keep (slug id, required texts and their limits, ends >= starts, capacity in
// [1, max_workshop_capacity], registration opening on or before its closing, which is on or before the last day,
// sessions with a title and ends after starts). Paths are "/title", "/agenda/2/ends", ...; the host agency's
// existence is the caller's to check.
std::vector<FieldError> workshop_errors(const Workshop& workshop);

// The wire form: {"id", "title", "host_agency", "starts", "ends", "place", "capacity", "registration_opens",
// "registration_closes", "description", "agenda": [{"starts", "ends", "title", "speakers", "description"}],
// "source"}. from_json takes exactly those fields (description, agenda, source optional) and throws
// ValidationError naming each bad one; it does not apply workshop_errors.
nlohmann::json to_json(const AgendaSession& session);
nlohmann::json workshop_json(const Workshop& workshop);
Workshop workshop_from_json(const nlohmann::json& value, const std::string& path = "");


// Whether registrations are taken at `now`: "open", "not-yet-open" or "closed".
std::string registration_state(const Workshop& workshop, Timestamp now);

// The instant after which the personal data of a workshop's registrations is due for removal: the end of its
// last day (24:00 UTC) plus `after_days` days.
Timestamp purge_due_at(const Workshop& workshop, int after_days);

// Name, email and affiliation of a registration (after trimming by the caller): the plain-text rules of
// comments, paths "/name", "/email", "/affiliation".
std::vector<FieldError> registration_errors(const RegistrationRequest& request);

// The key an email is unique by among a workshop's active registrations: ASCII case folded.
std::string email_key(std::string_view email);

}  // namespace ger::model
