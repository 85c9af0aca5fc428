// The workspace's mission forms: a planner creates, edits and deletes their agency's missions. Each form shows
// validation errors next to their field and carries the session's CSRF token; a stale form (the mission changed
// since it was opened) saves nothing.
#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/detail/pages.hpp"
#include "server/html.hpp"
#include "server/views.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

// The form's fields as the JSON the model reads; `number_error` is set when duration_days is not a number.
json mission_json_from_form(const Context& ctx, std::optional<std::string>& number_error) {
    const auto optional_text = [&](const std::string& name) -> json {
        auto v = ctx.form(name);
        return v.empty() ? json(nullptr) : json(v);
    };
    const auto list = [&](const std::string& name) {
        json out = json::array();
        std::string text = ctx.form(name);
        std::size_t at = 0;
        while (at <= text.size()) {
            auto end = text.find(',', at);
            if (end == std::string::npos) end = text.size();
            auto item = text.substr(at, end - at);
            item.erase(0, item.find_first_not_of(" \t\r\n"));
            item.erase(item.find_last_not_of(" \t\r\n") + 1);
            if (!item.empty()) out.push_back(item);
            at = end + 1;
        }
        return out;
    };
    json duration = nullptr;
    if (auto text = ctx.form("duration_days"); !text.empty()) {
        try {
            std::size_t used = 0;
            duration = std::stod(text, &used);
            if (used != text.size()) throw std::invalid_argument(text);
        } catch (const std::exception&) {
            number_error = "'" + text + "' is not a number of days";
        }
    }
    return {{"id", ctx.form("id")},
            {"name", ctx.form("name")},
            {"lead_agency", ctx.caller.agency},
            {"partners", ctx.form_all("partners")},
            {"destination", ctx.form("destination")},
            {"target_body", optional_text("target_body")},
            {"kind", ctx.form("kind")},
            {"type", ctx.form("type")},
            {"launch", optional_text("launch")},
            {"duration_days", duration},
            {"status", ctx.form("status")},
            {"commitment", ctx.form("commitment")},
            {"objectives", ctx.form_all("objectives")},
            {"capabilities_required", list("capabilities_required")},
            {"capabilities_provided", list("capabilities_provided")},
            {"precursors", list("precursors")},
            {"visibility", {{"scope", ctx.form("visibility_scope")}, {"agencies", ctx.form_all("visibility_agencies")}}},
            {"description", ctx.form("description")},
            {"source", ctx.form("source")}};
}

std::string list_text(const json& values, const std::string& name) {
    std::string out;
    for (const auto& v : string_set(values, name)) out += (out.empty() ? "" : ", ") + v;
    return out;
}

void mission_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                  int version) {
    const auto& d = ctx.data().data;
    std::vector<std::pair<std::string, std::string>> agencies;
    for (const auto& a : d.agencies) agencies.emplace_back(a.code, a.code);
    std::vector<std::pair<std::string, std::string>> objectives;
    for (const auto& o : d.objectives) objectives.emplace_back(o.id, o.title);
    std::optional<std::string> destination;
    if (values.contains("destination") && values["destination"].is_string()) {
        destination = values["destination"].get<std::string>();
    }
    std::vector<std::pair<std::string, std::string>> destinations;
    for (const auto& x : d.destinations) destinations.emplace_back(x.code, x.name);
    const std::string id = values.contains("id") && values["id"].is_string() ? values["id"].get<std::string>() : "";
    Html h;
    h("<h1>{}</h1>", creating ? std::string("New mission") : "Edit " + id);
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">The mission was not saved: please correct the fields marked "
          "below.</p>");
        h.add(field_errors(errors, ""));
    }
    h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"version\" value=\"{}\">",
      creating ? std::string("/workspace/missions") : "/workspace/missions/" + id, ctx.session->csrf, version);
    h.add(text_field(errors, values, "id", "Id", id_hint(ctx, creating), true, !creating));
    h.add(text_field(errors, values, "name", "Name", "", true));
    h("<div class=\"field{}\"><label for=\"m-destination\">Destination</label>{}<select id=\"m-destination\" "
      "name=\"destination\">{}</select></div>",
      invalid(errors, "destination"), field_errors(errors, "destination"),
      options(destinations, destination, "Choose a destination"));
    h.add(text_field(errors, values, "target_body", "Target body", "optional, e.g. Phobos or 2000 SG344"));
    h.add(enum_field<model::MissionKind>(errors, values, "kind", "Kind"));
    h.add(enum_field<model::MissionType>(errors, values, "type", "Type"));
    h.add(text_field(errors, values, "launch", "Launch", "YYYY, YYYY-MM, YYYY-MM-DD, or a window START/END"));
    h.add(text_field(errors, values, "duration_days", "Duration [days]", "optional"));
    h.add(enum_field<model::MissionStatus>(errors, values, "status", "Status"));
    h.add(enum_field<model::Commitment>(errors, values, "commitment", "Commitment"));
    h("<fieldset class=\"field{}\"><legend>Partner agencies</legend>{}{}</fieldset>", invalid(errors, "partners"),
      field_errors(errors, "partners"), checkboxes("partners", agencies, string_set(values, "partners"), ctx.caller.agency));
    h.add(visibility_fields(ctx, errors, values));
    h("<fieldset class=\"field{}\"><legend>Objectives addressed</legend>{}{}</fieldset>", invalid(errors, "objectives"),
      field_errors(errors, "objectives"), checkboxes("objectives", objectives, string_set(values, "objectives"), ""));
    Html lists;
    for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
             {"capabilities_required", "Capabilities required"},
             {"capabilities_provided", "Capabilities provided"},
             {"precursors", "Precursor missions"}}) {
        json v = {{name, list_text(values, name)}};
        lists.add(text_field(errors, v, name, label, "ids separated by commas"));
    }
    h.add(lists);
    std::string description = values.contains("description") && values["description"].is_string()
                                  ? values["description"].get<std::string>()
                                  : "";
    h("<div class=\"field{}\"><label for=\"m-description\">Description</label>{}<textarea id=\"m-description\" "
      "name=\"description\">{}</textarea></div>",
      invalid(errors, "description"), field_errors(errors, "description"), description);
    h.add(text_field(errors, values, "source", "Source", "where the facts come from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create mission" : "Save changes");
    if (!creating) {
        h("<form method=\"post\" action=\"/workspace/missions/{}/delete\" class=\"card\"><input type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\"><button class=\"danger\" "
          "type=\"submit\">Delete this mission</button></form>",
          id, ctx.session->csrf, version);
    }
    send_page(ctx, status, creating ? "New mission" : "Edit " + id, h, std::nullopt);
}

void require_planner_page(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "Only an agency's planners edit its missions.");
    }
}

void new_mission(Context& ctx) {
    require_planner_page(ctx);
    mission_form(ctx, 200,
                 {{"id", model::id_prefix(ctx.caller.agency)}, {"kind", "robotic"}, {"status", "planned"},
                  {"commitment", "study"}, {"visibility", {{"scope", "partners"}}}},
                 {}, true, 0);
}

// The current mission for an edit: 404 unless the caller may read it, 403 unless they may write it.
model::Mission editable_mission(Context& ctx, const std::string& id) {
    require_planner_page(ctx);
    // NOTE: the snapshot first, so an absent id and a hidden one cost the same (as the API's writable_record).
    const auto data = ctx.app.snapshots.current(ctx.store);
    const auto* seen = data->mission(id);
    if (!seen || !can_read(ctx.caller, *seen)) throw not_found("mission", id);
    auto m = ctx.store.mission(id);
    if (!m || !can_read(ctx.caller, *m)) throw not_found("mission", id);
    if (!can_write(ctx.caller, *m)) {
        throw HttpError(Problem::forbidden, "Only planners of " + m->lead_agency + " edit this mission.");
    }
    return *m;
}

int form_version(const Context& ctx) {
    try {
        return std::stoi(ctx.form("version"));
    } catch (const std::exception&) {
        throw HttpError(Problem::bad_form, "The form lacks its version; reload the page.");
    }
}

void create_mission(Context& ctx) {
    require_planner_page(ctx);
    require_csrf(ctx);
    std::optional<std::string> number_error;
    auto values = mission_json_from_form(ctx, number_error);
    FieldErrors errors;
    if (number_error) errors["duration_days"].push_back(*number_error);
    if (errors.empty()) {
        try {
            auto m = model::mission_from_json(values);
            // NOTE: before the store looks for the id, so "taken" is only ever about the agency's own records.
            model::throw_if_any(model::validate_new_id(m.id, ctx.caller.agency));
            ctx.store.create_mission(m, actor_of(ctx.caller));
            return redirect(ctx, "/workspace#own");
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors["id"].push_back("this id is taken; choose another");
        }
    }
    mission_form(ctx, 422, values, errors, true, 0);
}

void edit_mission(Context& ctx) {
    const auto m = editable_mission(ctx, ctx.path_param("id"));
    // The form shows (and so sends back) only the references the planner may read; the store keeps the others.
    mission_form(ctx, 200, model::to_json(view_of(ctx.caller, m, *ctx.app.snapshots.current(ctx.store))), {}, false,
                 m.meta.version);
}

void update_mission(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = editable_mission(ctx, id);
    require_csrf(ctx);
    const int version = form_version(ctx);
    std::optional<std::string> number_error;
    auto values = mission_json_from_form(ctx, number_error);
    values["id"] = id;
    FieldErrors errors;
    if (number_error) errors["duration_days"].push_back(*number_error);
    if (errors.empty()) {
        try {
            ctx.store.update_mission(model::mission_from_json(values), version, actor_of(ctx.caller));
            return redirect(ctx, "/missions/" + id);
        } catch (const model::ValidationError& e) {
            errors = errors_of(e);
        } catch (const store::ConflictError&) {
            errors[""].push_back("Someone changed this mission (now version " + std::to_string(current.meta.version) +
                                 ") after you opened it. Your changes were not saved: open the mission again and "
                                 "reapply them.");
        }
    }
    mission_form(ctx, errors.count("") ? 409 : 422, values, errors, false, version);
}

void delete_mission(Context& ctx) {
    const auto& id = ctx.path_param("id");
    editable_mission(ctx, id);
    require_csrf(ctx);
    try {
        ctx.store.delete_mission(id, form_version(ctx), actor_of(ctx.caller));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale, "Someone changed this mission meanwhile; nothing was deleted.");
    }
    redirect(ctx, "/workspace#own");
}
}  // namespace

void add_mission_form_routes(App& app) {
    app.add(page("GET", "/workspace/missions/new", "New mission", new_mission));
    app.add(page("POST", "/workspace/missions", "Create a mission", create_mission));
    app.add(page("GET", "/workspace/missions/{id}", "Edit a mission", edit_mission));
    app.add(page("POST", "/workspace/missions/{id}", "Save a mission", update_mission));
    app.add(page("POST", "/workspace/missions/{id}/delete", "Delete a mission", delete_mission));
}

}  // namespace ger::server::detail
