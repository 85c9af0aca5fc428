#include "model/workshop.hpp"

#include <cctype>
#include <cstdio>
#include <set>

#include "model/json.hpp"
#include "model/plain_text.hpp"
#include "model/validation.hpp"

namespace ger::model {

namespace {

using nlohmann::json;
using std::chrono::days;

// NOTE: UTC offsets span -12 h to +14 h, so a session of a day in the place's calendar lies within these bounds
// of that day in UTC.
constexpr std::chrono::hours earliest_offset{14};
constexpr std::chrono::hours latest_offset{12};

Timestamp start_of(Day day) { return Timestamp{std::chrono::sys_days{day}.time_since_epoch()}; }

const std::set<std::string> workshop_fields{"id", "title", "host_agency", "starts", "ends", "place", "capacity",
                                            "registration_opens", "registration_closes", "description", "agenda",
                                            "source"};
const std::set<std::string> session_fields{"starts", "ends", "title", "speakers", "description"};

std::string names(const std::set<std::string>& fields) {
    std::string out;
    for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f;
    return out;
}

// Reads fields of one JSON object, collecting every error with its path.
struct Reader {
    const json& object;
    std::string path;
    std::vector<FieldError>& errors;

    const json* field(const std::string& key, bool required) {
        if (!object.contains(key) || object[key].is_null()) {
            if (required) errors.push_back({path + "/" + key, "required"});
            return nullptr;
        }
        return &object[key];
    }
    void text(const std::string& key, std::string& out, bool required) {
        const auto* v = field(key, required);
        if (!v) return;
        if (v->is_string()) {
            out = v->get<std::string>();
        } else {
            errors.push_back({path + "/" + key, "must be a string"});
        }
    }
    void day(const std::string& key, Day& out) {
        const auto* v = field(key, true);
        if (!v) return;
        try {
            if (!v->is_string()) throw ParseError("not a string");
            out = parse_day(v->get<std::string>());
        } catch (const ParseError&) {
            errors.push_back({path + "/" + key, "must be a date YYYY-MM-DD"});
        }
    }
    void instant(const std::string& key, Timestamp& out) {
        const auto* v = field(key, true);
        if (!v) return;
        try {
            if (!v->is_string()) throw ParseError("not a string");
            out = parse_timestamp(v->get<std::string>());
        } catch (const ParseError&) {
            errors.push_back({path + "/" + key, "must be a UTC time YYYY-MM-DDTHH:MM:SSZ"});
        }
    }
    void unknown(const std::set<std::string>& allowed) {
        for (const auto& [key, value] : object.items()) {
            if (!allowed.contains(key)) errors.push_back({path + "/" + key, "unknown field (allowed: " + names(allowed) + ")"});
        }
    }
};

AgendaSession session_from_json(const json& v, const std::string& path, std::vector<FieldError>& errors) {
    AgendaSession s;
    if (!v.is_object()) {
        errors.push_back({path, "must be an object with starts, ends, title, speakers, description"});
        return s;
    }
    Reader r{v, path, errors};
    r.unknown(session_fields);
    r.instant("starts", s.starts);
    r.instant("ends", s.ends);
    r.text("title", s.title, true);
    r.text("description", s.description, false);
    if (const auto* speakers = r.field("speakers", false)) {
        if (!speakers->is_array()) {
            errors.push_back({path + "/speakers", "must be an array of names"});
        } else {
            for (std::size_t i = 0; i < speakers->size(); ++i) {
                if ((*speakers)[i].is_string()) {
                    s.speakers.push_back((*speakers)[i].get<std::string>());
                } else {
                    errors.push_back({path + "/speakers/" + std::to_string(i), "must be a string"});
                }
            }
        }
    }
    return s;
}

}  // namespace

std::string format_day(Day day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

Day parse_day(std::string_view text) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        }
        return true;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2)) {
        throw ParseError("expected a date YYYY-MM-DD, got \"" + std::string(text) + "\"");
    }
    const int year = std::stoi(std::string(text.substr(0, 4)));
    const auto month = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    const auto d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
    const Day day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{d}};
    if (!day.ok()) throw ParseError("no such day: \"" + std::string(text) + "\"");
    return day;
}

std::vector<FieldError> workshop_errors(const Workshop& w) {
    std::vector<FieldError> errors;
    if (!is_valid_slug(w.id)) {
        errors.push_back({"/id", "must be lower-case letters, digits and single hyphens (at most 80 characters)"});
    }
    check_plain_text(errors, "/title", w.title, max_workshop_title, true, false);
    if (w.host_agency.empty()) errors.push_back({"/host_agency", "required"});
    check_plain_text(errors, "/place", w.place, max_workshop_place, true, false);
    check_plain_text(errors, "/description", w.description, max_workshop_description, false, true);
    check_plain_text(errors, "/source", w.source, max_workshop_description, false, true);
    if (w.capacity < 1 || w.capacity > max_workshop_capacity) {
        errors.push_back({"/capacity", "must be a whole number from 1 to " + std::to_string(max_workshop_capacity)});
    }
    for (const auto& [day, path] : {std::pair{w.starts, "/starts"}, std::pair{w.ends, "/ends"},
                                    std::pair{w.registration_opens, "/registration_opens"},
                                    std::pair{w.registration_closes, "/registration_closes"}}) {
        if (!day.ok()) errors.push_back({path, "required: a date YYYY-MM-DD"});
    }
    if (!w.starts.ok() || !w.ends.ok() || !w.registration_opens.ok() || !w.registration_closes.ok()) return errors;
    if (std::chrono::sys_days{w.ends} < std::chrono::sys_days{w.starts}) {
        errors.push_back({"/ends", "before the first day (" + format_day(w.starts) + ")"});
    }
    const auto opens = std::chrono::sys_days{w.registration_opens};
    const auto closes = std::chrono::sys_days{w.registration_closes};
    if (closes < opens) {
        errors.push_back({"/registration_closes", "before registration opens (" + format_day(w.registration_opens) + ")"});
    }
    if (closes > std::chrono::sys_days{w.ends}) {
        errors.push_back({"/registration_closes", "after the workshop's last day (" + format_day(w.ends) + ")"});
    }
    if (w.agenda.size() > max_sessions) {
        errors.push_back({"/agenda", "at most " + std::to_string(max_sessions) + " sessions"});
    }
    const auto first = start_of(w.starts) - earliest_offset;
    const auto last = start_of(w.ends) + days(1) + latest_offset;
    for (std::size_t i = 0; i < w.agenda.size(); ++i) {
        const auto& s = w.agenda[i];
        const auto path = "/agenda/" + std::to_string(i);
        check_plain_text(errors, path + "/title", s.title, max_session_title, true, false);
        check_plain_text(errors, path + "/description", s.description, max_workshop_description, false, true);
        if (s.ends <= s.starts) errors.push_back({path + "/ends", "must be after the session's start"});
        if (s.starts < first || s.ends > last) {
            errors.push_back({path + "/starts", "outside the workshop's days (" + format_day(w.starts) + " to " +
                                                    format_day(w.ends) + " in the place's time)"});
        }
        if (s.speakers.size() > max_speakers) {
            errors.push_back({path + "/speakers", "at most " + std::to_string(max_speakers) + " speakers"});
        }
        for (std::size_t k = 0; k < s.speakers.size(); ++k) {
            check_plain_text(errors, path + "/speakers/" + std::to_string(k), s.speakers[k], max_speaker, true, false);
        }
    }
    return errors;
}

json to_json(const AgendaSession& s) {
    return {{"starts", format_timestamp(s.starts)},
            {"ends", format_timestamp(s.ends)},
            {"title", s.title},
            {"speakers", s.speakers},
            {"description", s.description}};
}

json workshop_json(const Workshop& w) {
    json agenda = json::array();
    for (const auto& s : w.agenda) agenda.push_back(to_json(s));
    return {{"id", w.id},
            {"title", w.title},
            {"host_agency", w.host_agency},
            {"starts", format_day(w.starts)},
            {"ends", format_day(w.ends)},
            {"place", w.place},
            {"capacity", w.capacity},
            {"registration_opens", format_day(w.registration_opens)},
            {"registration_closes", format_day(w.registration_closes)},
            {"description", w.description},
            {"agenda", std::move(agenda)},
            {"source", w.source}};
}

Workshop workshop_from_json(const json& v, const std::string& path) {
    if (!v.is_object()) throw ValidationError({{path, "must be an object"}});
    std::vector<FieldError> errors;
    Workshop w;
    Reader r{v, path, errors};
    r.unknown(workshop_fields);
    r.text("id", w.id, true);
    r.text("title", w.title, true);
    r.text("host_agency", w.host_agency, true);
    r.day("starts", w.starts);
    r.day("ends", w.ends);
    r.text("place", w.place, true);
    if (const auto* capacity = r.field("capacity", true)) {
        if (capacity->is_number_integer()) {
            const auto n = capacity->get<long long>();
            w.capacity = n > max_workshop_capacity || n < 0 ? -1 : static_cast<int>(n);
        } else {
            errors.push_back({path + "/capacity", "must be a whole number"});
        }
    }
    r.day("registration_opens", w.registration_opens);
    r.day("registration_closes", w.registration_closes);
    r.text("description", w.description, false);
    r.text("source", w.source, false);
    if (const auto* agenda = r.field("agenda", false)) {
        if (!agenda->is_array()) {
            errors.push_back({path + "/agenda", "must be an array of sessions"});
        } else {
            for (std::size_t i = 0; i < agenda->size(); ++i) {
                w.agenda.push_back(session_from_json((*agenda)[i], path + "/agenda/" + std::to_string(i), errors));
            }
        }
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    return w;
}

std::string registration_state(const Workshop& w, Timestamp now) {
    if (now < start_of(w.registration_opens)) return "not-yet-open";
    if (now >= start_of(w.registration_closes) + days(1)) return "closed";
    return "open";
}

Timestamp purge_due_at(const Workshop& w, int after_days) { return start_of(w.ends) + days(1) + days(after_days); }

std::vector<FieldError> registration_errors(const RegistrationRequest& r) {
    std::vector<FieldError> errors;
    check_plain_text(errors, "/name", r.name, max_registrant_name, true, false);
    check_email(errors, "/email", r.email, max_registrant_email);
    check_plain_text(errors, "/affiliation", r.affiliation, max_registrant_affiliation, false, false);
    return errors;
}

std::string email_key(std::string_view email) {
    std::string out(email);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace ger::model
