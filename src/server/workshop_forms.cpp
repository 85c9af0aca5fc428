// The portal's form to create a workshop (/workspace/workshops/new): the secretariat for any agency, a planner for
// their own. It sends what the API's POST /api/v1/workshops takes through the same checks (detail/workshops.hpp),
// the agenda written one session per line; each bad field is named next to it, and nothing is stored until all
// are right.
#include <charconv>
#include <sstream>

#include "model/validation.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

constexpr const char* text_fields[] = {"id",    "title",    "host_agency",        "starts",
                                       "ends",  "place",    "registration_opens", "registration_closes",
                                       "capacity", "description", "agenda"};

constexpr const char* agenda_hint =
    "One session per line: start | end | title | speakers | description, times in UTC as 2014-04-10T12:30:00Z, "
    "speakers separated by semicolons; the last two may be left out.";

std::string trimmed_copy(std::string s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, separator)) parts.push_back(trimmed_copy(part));
    return parts;
}

// The agenda field: each non-empty line a session. A line without start, end and title is a field error naming it.
json agenda_of(const std::string& text, std::vector<model::FieldError>& errors) {
    json sessions = json::array();
    std::istringstream in(text);
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (trimmed_copy(line).empty()) continue;
        const auto parts = split(line, '|');
        if (parts.size() < 3 || parts.size() > 5) {
            errors.push_back({"/agenda", "line " + std::to_string(number) +
                                             ": write start | end | title | speakers | description"});
            continue;
        }
        json speakers = json::array();
        if (parts.size() > 3) {
            for (const auto& s : split(parts[3], ';')) {
                if (!s.empty()) speakers.push_back(s);
            }
        }
        sessions.push_back({{"starts", parts[0]},
                            {"ends", parts[1]},
                            {"title", parts[2]},
                            {"speakers", speakers},
                            {"description", parts.size() > 4 ? parts[4] : ""}});
    }
    return sessions;
}

// "/agenda/2/ends" -> "session 3, ends: ..." so the person finds the line.
model::ValidationError with_lines(const model::ValidationError& e) {
    std::vector<model::FieldError> out;
    for (auto f : e.errors()) {
        constexpr std::string_view prefix = "/agenda/";
        if (f.path.starts_with(prefix)) {
            const auto rest = f.path.substr(prefix.size());
            const auto slash = rest.find('/');
            const auto index = rest.substr(0, slash);
            int n = -1;
            const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), n);
            if (ec == std::errc() && end == index.data() + index.size() && n >= 0) {
                f.message = "session " + std::to_string(n + 1) +
                            (slash == std::string::npos ? std::string() : ", " + rest.substr(slash + 1)) + ": " +
                            f.message;
            }
        }
        out.push_back(std::move(f));
    }
    return model::ValidationError(std::move(out));
}

void require_organiser(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.secretariat() && !ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "only the secretariat and agencies' planners create workshops");
    }
}

void show_form(Context& ctx, int status, const json& values, const FieldErrors& errors) {
    Html h;
    form_header(h, "Create a workshop", errors, "workshop");
    h.add(form_start(ctx, "/workspace/workshops/new", "version", "0"));
    h.add(text_field(errors, values, "id", "Id (its address)", "Lower-case words joined by hyphens.", true));
    h.add(text_field(errors, values, "title", "Title", "At most 200 characters.", true));
    if (ctx.caller.secretariat()) {
        h.add(agency_field(ctx, errors, values, "host_agency", "Host agency"));
    } else {
        h.add(text_field(errors, json{{"host_agency", ctx.caller.agency}}, "host_agency", "Host agency",
                         "Your agency: its planners and the secretariat host the workshop.", true, true));
    }
    h.add(text_field(errors, values, "starts", "First day", "As 2014-04-10, the place's calendar.", true));
    h.add(text_field(errors, values, "ends", "Last day", "As 2014-04-11.", true));
    h.add(text_field(errors, values, "place", "Place", "", true));
    h.add(text_field(errors, values, "capacity", "Seats", "Registrations beyond them join the waiting list.", true));
    h.add(text_field(errors, values, "registration_opens", "Registration opens", "The first day, from 00:00 UTC.",
                     true));
    h.add(text_field(errors, values, "registration_closes", "Registration closes",
                     "The last day, until 24:00 UTC; on or before the workshop's last day.", true));
    h.add(textarea_field(errors, values, "description", "Description (plain text)"));
    h.add(textarea_field(errors, values, "agenda", "Agenda"));
    h("<p class=\"hint\">{}</p>", agenda_hint);
    h("<div class=\"actions\"><button type=\"submit\">Create the workshop</button> <a href=\"/workshops\">Cancel</a>"
      "</div></form>");
    send_page(ctx, status, "Create a workshop", h, std::nullopt);
}

void new_form(Context& ctx) {
    require_organiser(ctx);
    show_form(ctx, 200, json::object(), {});
}

void create(Context& ctx) {
    require_organiser(ctx);
    require_csrf(ctx);
    json values = json::object();
    for (const char* key : text_fields) values[key] = ctx.form(key);
    if (!ctx.caller.secretariat()) values["host_agency"] = ctx.caller.agency;
    std::vector<model::FieldError> errors;
    json body = values;
    body["agenda"] = agenda_of(ctx.form("agenda"), errors);
    // NOTE: a capacity that is no number goes on as text, so the model names it as the API would.
    int capacity = 0;
    const auto& seats = ctx.form("capacity");
    const auto [end, ec] = std::from_chars(seats.data(), seats.data() + seats.size(), capacity);
    if (ec == std::errc() && end == seats.data() + seats.size()) body["capacity"] = capacity;
    if (!errors.empty()) {
        // NOTE: the rest of the form is checked too, so that one answer names every bad field.
        try {
            const auto more = model::workshop_errors(model::workshop_from_json(body));
            errors.insert(errors.end(), more.begin(), more.end());
        } catch (const model::ValidationError& e) {
            errors.insert(errors.end(), e.errors().begin(), e.errors().end());
        }
    }
    try {
        model::throw_if_any(errors);
        const auto stored = create_workshop(ctx, body);
        redirect(ctx, "/workshops/" + stored.id);
    } catch (const model::ValidationError& e) {
        show_form(ctx, 422, values, errors_of(with_lines(e)));
    } catch (const store::ConflictError&) {
        FieldErrors taken;
        taken["id"].push_back("A workshop with this id exists; choose another.");
        show_form(ctx, 409, values, taken);
    }
}

}  // namespace

void add_workshop_form_routes(App& app) {
    app.add(page("GET", "/workspace/workshops/new", "Create a workshop (the secretariat, agencies' planners)",
                 new_form));
    app.add(page("POST", "/workspace/workshops/new", "Create a workshop (the secretariat, agencies' planners)",
                 create));
}

}  // namespace ger::server::detail
