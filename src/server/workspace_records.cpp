// Workspace forms for the records other than missions: an agency's capabilities (its planners'), and the
// roadmap's goals and objectives (the secretariat's), through the shared flow of the record forms
// (detail/record_forms.hpp).
#include <algorithm>

#include "model/validation.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/record_forms.hpp"

namespace ger::server::detail {

using html::Html;
using nlohmann::json;

namespace {

// ---- capabilities (the owning agency's planners) ----------------------------------------------------------

json capability_json_from_form(const Context& ctx) {
    const auto readiness = ctx.form("readiness");
    return {{"id", ctx.form("id")},
            {"name", ctx.form("name")},
            {"provider", ctx.caller.agency},
            {"kind", ctx.form("kind")},
            {"readiness", readiness.empty() ? json(nullptr) : json(readiness)},
            {"status", ctx.form("status")},
            {"visibility", {{"scope", ctx.form("visibility_scope")}, {"agencies", ctx.form_all("visibility_agencies")}}},
            {"description", ctx.form("description")},
            {"source", ctx.form("source")}};
}

void capability_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                     int version) {
    const auto id = string_of(values, "id");
    Html h;
    form_header(h, creating ? std::string("New capability") : "Edit capability " + id, errors, "capability");
    h.add(form_start(ctx, creating ? std::string("/workspace/capabilities") : "/workspace/capabilities/" + id,
                     "version", std::to_string(version)));
    h.add(text_field(errors, values, "id", "Id", id_hint(ctx, creating), true, !creating));
    h.add(text_field(errors, values, "name", "Name", "", true));
    h.add(enum_field<model::CapabilityKind>(errors, values, "kind", "Kind"));
    h.add(enum_field<model::CapabilityStatus>(errors, values, "status", "Status"));
    h.add(text_field(errors, values, "readiness", "Readiness", "when it is first ready: YYYY, YYYY-MM or YYYY-MM-DD"));
    h.add(visibility_fields(ctx, errors, values));
    h.add(textarea_field(errors, values, "description", "Description"));
    h.add(text_field(errors, values, "source", "Source", "where the facts come from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create capability" : "Save changes");
    if (!creating) {
        h.add(delete_form(ctx, "/workspace/capabilities/" + id + "/delete", "version", std::to_string(version),
                          "Delete this capability"));
    }
    send_page(ctx, status, creating ? "New capability" : "Edit " + id, h, std::nullopt);
}

// ---- goals and objectives (the secretariat) -----------------------------------------------------------------

void require_secretariat_page(Context& ctx) {
    require_session(ctx);
    if (!can_manage_roadmap(ctx.caller)) {
        throw HttpError(Problem::forbidden, "Only the secretariat manages goals and objectives.");
    }
}

void roadmap_records_page(Context& ctx) {
    require_secretariat_page(ctx);
    const auto& d = ctx.data().dataset();
    Html h;
    h("<h1>Goals and objectives</h1><p class=\"lead\">The common goals the agencies share and the objectives under "
      "each. Missions name the objectives they address; an objective that missions address cannot be deleted.</p>"
      "<p><a class=\"button\" href=\"/workspace/goals/new\">New goal</a> <a class=\"button\" "
      "href=\"/workspace/objectives/new\">New objective</a></p>");
    for (const auto& g : d.goals) {
        h("<section class=\"card\"><h2>{}. <a href=\"/workspace/goals/{}\">{}</a></h2><p>{}</p><ul>", g.number, g.id,
          g.title, g.description);
        std::size_t count = 0;
        for (const auto& o : d.objectives) {
            if (o.goal_id != g.id) continue;
            const auto addressed = std::count_if(d.missions.begin(), d.missions.end(), [&o](const model::Mission& m) {
                return std::find(m.objectives.begin(), m.objectives.end(), o.id) != m.objectives.end();
            });
            h("<li><a href=\"/workspace/objectives/{}\">{}</a> ({}; {} missions){}</li>", o.id, o.title, o.id,
              static_cast<long long>(addressed), o.verified ? std::string() : std::string(" (paraphrased)"));
            ++count;
        }
        if (count == 0) h("<li>No objectives yet.</li>");
        h("</ul></section>");
    }
    send_page(ctx, 200, "Goals and objectives", h, std::nullopt);
}

void goal_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
               const std::string& expected) {
    const auto id = string_of(values, "id");
    Html h;
    form_header(h, creating ? std::string("New goal") : "Edit goal " + id, errors, "goal");
    h.add(form_start(ctx, creating ? std::string("/workspace/goals") : "/workspace/goals/" + id, "expected", expected));
    h.add(text_field(errors, values, "id", "Id", "lowercase letters, digits and dashes; never changes", true, !creating));
    h.add(text_field(errors, values, "number", "Number", "its place in the roadmap's list of goals (1, 2, ...)", true));
    h.add(text_field(errors, values, "title", "Title", "", true));
    h.add(textarea_field(errors, values, "description", "Description"));
    h.add(text_field(errors, values, "source", "Source", "where the wording comes from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create goal" : "Save changes");
    if (!creating) h.add(delete_form(ctx, "/workspace/goals/" + id + "/delete", "expected", expected, "Delete this goal"));
    send_page(ctx, status, creating ? "New goal" : "Edit goal " + id, h, std::nullopt);
}

// The goal form as JSON; a number that is not one stays text, so goal_from_json reports it at /number.
json goal_json_from_form(const Context& ctx) {
    json number = ctx.form("number");
    try {
        std::size_t used = 0;
        const auto text = ctx.form("number");
        const int n = std::stoi(text, &used);
        if (used == text.size()) number = n;
    } catch (const std::exception&) {
        // left as text: reported as a type error next to the field
    }
    return {{"id", ctx.form("id")},
            {"number", number},
            {"title", ctx.form("title")},
            {"description", ctx.form("description")},
            {"source", ctx.form("source")}};
}

void objective_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                    const std::string& expected) {
    const auto id = string_of(values, "id");
    std::vector<std::pair<std::string, std::string>> goals;
    for (const auto& g : ctx.data().dataset().goals) goals.emplace_back(g.id, std::to_string(g.number) + ". " + g.title);
    std::optional<std::string> goal;
    if (values.contains("goal_id") && values["goal_id"].is_string()) goal = values["goal_id"].get<std::string>();
    const bool verified = values.contains("verified") && values["verified"].is_boolean() && values["verified"].get<bool>();
    Html h;
    form_header(h, creating ? std::string("New objective") : "Edit objective " + id, errors, "objective");
    h.add(form_start(ctx, creating ? std::string("/workspace/objectives") : "/workspace/objectives/" + id, "expected",
                     expected));
    h.add(text_field(errors, values, "id", "Id", "lowercase letters, digits and dashes; never changes", true, !creating));
    h("<div class=\"field{}\"><label for=\"m-goal_id\">Goal</label>{}<select id=\"m-goal_id\" name=\"goal_id\">{}"
      "</select></div>",
      invalid(errors, "goal_id"), field_errors(errors, "goal_id"), options(goals, goal, "Choose a goal"));
    h.add(text_field(errors, values, "title", "Title", "", true));
    h.add(textarea_field(errors, values, "description", "Description"));
    if (verified) {
        h("<div class=\"field\"><label><input type=\"checkbox\" name=\"verified\" value=\"1\" checked> Wording verified "
          "against the published roadmap</label></div>");
    } else {
        h("<div class=\"field\"><label><input type=\"checkbox\" name=\"verified\" value=\"1\"> Wording verified "
          "against the published roadmap</label></div>");
    }
    h.add(text_field(errors, values, "source", "Source", "where the wording comes from"));
    h("<button type=\"submit\">{}</button></form>", creating ? "Create objective" : "Save changes");
    if (!creating) {
        h.add(delete_form(ctx, "/workspace/objectives/" + id + "/delete", "expected", expected,
                          "Delete this objective"));
    }
    send_page(ctx, status, creating ? "New objective" : "Edit objective " + id, h, std::nullopt);
}

json objective_json_from_form(const Context& ctx) {
    return {{"id", ctx.form("id")},
            {"goal_id", ctx.form("goal_id")},
            {"title", ctx.form("title")},
            {"description", ctx.form("description")},
            {"verified", !ctx.form("verified").empty()},
            {"source", ctx.form("source")}};
}

const char* stale_message = "Someone changed this record after you opened it. Your changes were not saved: open it "
                            "again and reapply them.";

}  // namespace

template <>
struct RecordForm<model::Capability> {
    using Stamp = VersionStamp<model::Capability>;
    static constexpr const char* listing = "/workspace#capabilities";
    static std::string saved(const std::string&) { return listing; }
    static void require(Context& ctx) {
        require_session(ctx);
        if (!ctx.caller.planner()) {
            throw HttpError(Problem::forbidden, "Only an agency's planners edit its capabilities.");
        }
    }
    static json blank(const Context& ctx) {
        return {{"id", model::id_prefix(ctx.caller.agency)}, {"kind", "other"}, {"status", "development"},
                {"visibility", {{"scope", "partners"}}}};
    }
    static json shown(Context&, const model::Capability& c) { return model::to_json(c); }
    static json read(const Context& ctx, FieldErrors&) { return capability_json_from_form(ctx); }
    static std::string stale(const model::Capability& current) {
        return "Someone changed this capability (now version " + std::to_string(current.meta.version) +
               ") after you opened it. Your changes were not saved: open it again and reapply them.";
    }
    static void show(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                     int version) {
        capability_form(ctx, status, values, errors, creating, version);
    }
};

template <>
struct RecordForm<model::Goal> {
    using Stamp = ContentStamp<model::Goal>;
    static constexpr const char* listing = "/workspace/roadmap";
    static std::string saved(const std::string&) { return listing; }
    static void require(Context& ctx) { require_secretariat_page(ctx); }
    static json blank(const Context& ctx) { return {{"number", static_cast<int>(ctx.data().dataset().goals.size()) + 1}}; }
    static json shown(Context&, const model::Goal& g) { return model::to_json(g); }
    static json read(const Context& ctx, FieldErrors&) { return goal_json_from_form(ctx); }
    static std::string stale(const model::Goal&) { return stale_message; }
    static void show(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                     const std::string& expected) {
        goal_form(ctx, status, values, errors, creating, expected);
    }
};

template <>
struct RecordForm<model::Objective> {
    using Stamp = ContentStamp<model::Objective>;
    static constexpr const char* listing = "/workspace/roadmap";
    static std::string saved(const std::string&) { return listing; }
    static void require(Context& ctx) { require_secretariat_page(ctx); }
    static json blank(const Context&) { return json::object(); }
    static json shown(Context&, const model::Objective& o) { return model::to_json(o); }
    static json read(const Context& ctx, FieldErrors&) { return objective_json_from_form(ctx); }
    static std::string stale(const model::Objective&) { return stale_message; }
    static void show(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                     const std::string& expected) {
        objective_form(ctx, status, values, errors, creating, expected);
    }
};

void add_workspace_record_routes(App& app) {
    add_record_form_routes<model::Capability>(app, "/workspace/capabilities", "a capability");
    app.add(page("GET", "/workspace/roadmap", "Goals and objectives", roadmap_records_page));
    add_record_form_routes<model::Goal>(app, "/workspace/goals", "a goal");
    add_record_form_routes<model::Objective>(app, "/workspace/objectives", "an objective");
}

}  // namespace ger::server::detail
