// The workspace's mission forms: a planner creates, edits and deletes their agency's missions, through the
// shared flow of the record forms (detail/record_forms.hpp).
#include "model/json.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/record_forms.hpp"
#include "server/html.hpp"
#include "server/views.hpp"

namespace ger::server::detail {

using html::Html;
using nlohmann::json;

namespace {

// The form's fields as the JSON the model reads; a duration_days that is not a number is an error of its own.
json mission_json_from_form(const Context& ctx, FieldErrors& errors) {
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
            errors["duration_days"].push_back("'" + text + "' is not a number of days");
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
    const auto& d = ctx.data().dataset();
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
    const auto id = string_of(values, "id");
    Html h;
    form_header(h, creating ? std::string("New mission") : "Edit " + id, errors, "mission");
    h.add(form_start(ctx, creating ? std::string("/workspace/missions") : "/workspace/missions/" + id, "version",
                     std::to_string(version)));
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
    for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
             {"capabilities_required", "Capabilities required"},
             {"capabilities_provided", "Capabilities provided"},
             {"precursors", "Precursor missions"}}) {
        json v = {{name, list_text(values, name)}};
        h.add(text_field(errors, v, name, label, "ids separated by commas"));
    }
    h.add(textarea_field(errors, values, "description", "Description"));
    h.add(text_field(errors, values, "source", "Source", "where the facts come from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create mission" : "Save changes");
    if (!creating) {
        h.add(delete_form(ctx, "/workspace/missions/" + id + "/delete", "version", std::to_string(version),
                          "Delete this mission"));
    }
    send_page(ctx, status, creating ? "New mission" : "Edit " + id, h, std::nullopt);
}

}  // namespace

template <>
struct RecordForm<model::Mission> {
    using Stamp = VersionStamp<model::Mission>;
    static constexpr const char* listing = "/workspace#own";
    static std::string saved(const std::string& id) { return "/missions/" + id; }
    static void require(Context& ctx) {
        require_session(ctx);
        if (!ctx.caller.planner()) throw HttpError(Problem::forbidden, "Only an agency's planners edit its missions.");
    }
    static json blank(const Context& ctx) {
        return {{"id", model::id_prefix(ctx.caller.agency)}, {"kind", "robotic"}, {"status", "planned"},
                {"commitment", "study"}, {"visibility", {{"scope", "partners"}}}};
    }
    // The form shows (and so sends back) only the references the planner may read; the store keeps the others.
    static json shown(Context& ctx, const model::Mission& m) {
        return model::to_json(view_of(ctx.caller, m, *ctx.app.snapshots.current(ctx.store)));
    }
    static json read(const Context& ctx, FieldErrors& errors) { return mission_json_from_form(ctx, errors); }
    static std::string stale(const model::Mission& current) {
        return "Someone changed this mission (now version " + std::to_string(current.meta.version) +
               ") after you opened it. Your changes were not saved: open the mission again and reapply them.";
    }
    static void show(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                     int version) {
        mission_form(ctx, status, values, errors, creating, version);
    }
};

void add_mission_form_routes(App& app) {
    add_record_form_routes<model::Mission>(app, "/workspace/missions", "a mission");
}

}  // namespace ger::server::detail
