// Workspace forms for the records other than missions: an agency's capabilities (its planners'), and the
// roadmap's goals and objectives (the secretariat's). Each form shows validation errors next to their field and
// carries the session's CSRF token; a stale form (the record changed since it was opened) saves nothing.
#include <algorithm>

#include "model/validation.hpp"
#include "server/detail/pages.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

store::Actor actor_of(const Context& ctx) { return server::actor_of(ctx.caller); }

void form_header(Html& h, const std::string& title, const FieldErrors& errors, const std::string& what) {
    h("<h1>{}</h1>", title);
    if (!errors.empty()) {
        h("<p class=\"error-summary\" role=\"alert\">The {} was not saved: please correct the fields marked below."
          "</p>",
          what);
        h.add(field_errors(errors, ""));
    }
}

Html textarea_field(const FieldErrors& errors, const json& values, const std::string& name, const std::string& label) {
    const std::string value = values.contains(name) && values[name].is_string() ? values[name].get<std::string>() : "";
    Html h;
    return h("<div class=\"field{}\"><label for=\"m-{}\">{}</label>{}<textarea id=\"m-{}\" name=\"{}\">{}</textarea>"
             "</div>",
             invalid(errors, name), name, label, field_errors(errors, name), name, name, value);
}

Html delete_form(const Context& ctx, const std::string& action, const std::string& hidden_name,
                 const std::string& hidden_value, const std::string& label) {
    Html h;
    return h("<form method=\"post\" action=\"{}\" class=\"card\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
             "<input type=\"hidden\" name=\"{}\" value=\"{}\"><button class=\"danger\" type=\"submit\">{}</button>"
             "</form>",
             action, ctx.session->csrf, hidden_name, hidden_value, label);
}

// ---- capabilities (the owning agency's planners) ----------------------------------------------------------

void require_planner_page(Context& ctx) {
    require_session(ctx);
    if (!ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "Only an agency's planners edit its capabilities.");
    }
}

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
    const std::string id = values.contains("id") && values["id"].is_string() ? values["id"].get<std::string>() : "";
    Html h;
    form_header(h, creating ? std::string("New capability") : "Edit capability " + id, errors, "capability");
    h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"version\" value=\"{}\">",
      creating ? std::string("/workspace/capabilities") : "/workspace/capabilities/" + id, ctx.session->csrf, version);
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

// 404 unless the caller may read it, 403 unless they may write it.
model::Capability editable_capability(Context& ctx, const std::string& id) {
    require_planner_page(ctx);
    // NOTE: the snapshot first, so an absent id and a hidden one cost the same (as the API's writable_record).
    const auto data = ctx.app.snapshots.current(ctx.store);
    const auto* seen = data->capability(id);
    if (!seen || !can_read(ctx.caller, *seen)) throw not_found("capability", id);
    auto c = ctx.store.capability(id);
    if (!c || !can_read(ctx.caller, *c)) throw not_found("capability", id);
    if (!can_write(ctx.caller, *c)) {
        throw HttpError(Problem::forbidden, "Only planners of " + c->provider + " edit this capability.");
    }
    return *c;
}

int form_int(const Context& ctx, const std::string& name) {
    try {
        return std::stoi(ctx.form(name));
    } catch (const std::exception&) {
        throw HttpError(Problem::bad_form, "The form lacks its " + name + "; reload the page.");
    }
}

void new_capability(Context& ctx) {
    require_planner_page(ctx);
    capability_form(ctx, 200,
                    {{"id", model::id_prefix(ctx.caller.agency)}, {"kind", "other"}, {"status", "development"},
                     {"visibility", {{"scope", "partners"}}}},
                    {}, true, 0);
}

void create_capability(Context& ctx) {
    require_planner_page(ctx);
    require_csrf(ctx);
    const auto values = capability_json_from_form(ctx);
    FieldErrors errors;
    try {
        const auto capability = model::capability_from_json(values);
        // NOTE: before the store looks for the id, so "taken" is only ever about the agency's own records.
        model::throw_if_any(model::validate_new_id(capability.id, ctx.caller.agency));
        ctx.store.create_capability(capability, actor_of(ctx));
        return redirect(ctx, "/workspace#capabilities");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors["id"].push_back("this id is taken; choose another");
    }
    capability_form(ctx, 422, values, errors, true, 0);
}

void edit_capability(Context& ctx) {
    const auto c = editable_capability(ctx, ctx.path_param("id"));
    capability_form(ctx, 200, model::to_json(c), {}, false, c.meta.version);
}

void update_capability(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = editable_capability(ctx, id);
    require_csrf(ctx);
    const int version = form_int(ctx, "version");
    auto values = capability_json_from_form(ctx);
    values["id"] = id;
    FieldErrors errors;
    try {
        ctx.store.update_capability(model::capability_from_json(values), version, actor_of(ctx));
        return redirect(ctx, "/workspace#capabilities");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors[""].push_back("Someone changed this capability (now version " + std::to_string(current.meta.version) +
                             ") after you opened it. Your changes were not saved: open it again and reapply them.");
    }
    capability_form(ctx, errors.count("") ? 409 : 422, values, errors, false, version);
}

void delete_capability(Context& ctx) {
    const auto& id = ctx.path_param("id");
    editable_capability(ctx, id);
    require_csrf(ctx);
    try {
        ctx.store.delete_capability(id, form_int(ctx, "version"), actor_of(ctx));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale, "Someone changed this capability meanwhile; nothing was deleted.");
    }
    redirect(ctx, "/workspace#capabilities");
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
    const auto& d = ctx.data().data;
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

template <class Record>
std::optional<Record> find_record(const std::vector<Record>& records, const std::string& id) {
    for (const auto& r : records) {
        if (r.id == id) return r;
    }
    return std::nullopt;
}

void goal_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
               const std::string& expected) {
    const std::string id = values.contains("id") && values["id"].is_string() ? values["id"].get<std::string>() : "";
    Html h;
    form_header(h, creating ? std::string("New goal") : "Edit goal " + id, errors, "goal");
    h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"expected\" value=\"{}\">",
      creating ? std::string("/workspace/goals") : "/workspace/goals/" + id, ctx.session->csrf, expected);
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

void new_goal(Context& ctx) {
    require_secretariat_page(ctx);
    goal_form(ctx, 200, {{"number", static_cast<int>(ctx.data().data.goals.size()) + 1}}, {}, true, "");
}

void create_goal(Context& ctx) {
    require_secretariat_page(ctx);
    require_csrf(ctx);
    const auto values = goal_json_from_form(ctx);
    FieldErrors errors;
    try {
        ctx.store.create_goal(model::goal_from_json(values), actor_of(ctx));
        return redirect(ctx, "/workspace/roadmap");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors["id"].push_back("this id is taken; choose another");
    }
    goal_form(ctx, 422, values, errors, true, "");
}

model::Goal stored_goal(Context& ctx, const std::string& id) {
    require_secretariat_page(ctx);
    auto g = find_record(ctx.store.goals(), id);
    if (!g) throw not_found("goal", id);
    return *g;
}

void edit_goal(Context& ctx) {
    const auto g = stored_goal(ctx, ctx.path_param("id"));
    goal_form(ctx, 200, model::to_json(g), {}, false, content_etag(model::to_json(g)));
}

const char* stale_message = "Someone changed this record after you opened it. Your changes were not saved: open it "
                            "again and reapply them.";

void update_goal(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = stored_goal(ctx, id);
    require_csrf(ctx);
    const auto expected = ctx.form("expected");
    auto values = goal_json_from_form(ctx);
    values["id"] = id;
    FieldErrors errors;
    try {
        if (expected != content_etag(model::to_json(current))) throw store::ConflictError("goal", id, 1, -1);
        ctx.store.update_goal(model::goal_from_json(values), current, actor_of(ctx));
        return redirect(ctx, "/workspace/roadmap");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors[""].push_back(stale_message);
    }
    goal_form(ctx, errors.count("") ? 409 : 422, values, errors, false, expected);
}

void delete_goal(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = stored_goal(ctx, id);
    require_csrf(ctx);
    try {
        if (ctx.form("expected") != content_etag(model::to_json(current))) {
            throw store::ConflictError("goal", id, 1, -1);
        }
        ctx.store.delete_goal(id, current, actor_of(ctx));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale, "Someone changed this goal meanwhile; nothing was deleted.");
    }
    redirect(ctx, "/workspace/roadmap");
}

void objective_form(Context& ctx, int status, const json& values, const FieldErrors& errors, bool creating,
                    const std::string& expected) {
    const std::string id = values.contains("id") && values["id"].is_string() ? values["id"].get<std::string>() : "";
    std::vector<std::pair<std::string, std::string>> goals;
    for (const auto& g : ctx.data().data.goals) goals.emplace_back(g.id, std::to_string(g.number) + ". " + g.title);
    std::optional<std::string> goal;
    if (values.contains("goal_id") && values["goal_id"].is_string()) goal = values["goal_id"].get<std::string>();
    const bool verified = values.contains("verified") && values["verified"].is_boolean() && values["verified"].get<bool>();
    Html h;
    form_header(h, creating ? std::string("New objective") : "Edit objective " + id, errors, "objective");
    h("<form method=\"post\" action=\"{}\" class=\"card\" novalidate><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<input type=\"hidden\" name=\"expected\" value=\"{}\">",
      creating ? std::string("/workspace/objectives") : "/workspace/objectives/" + id, ctx.session->csrf, expected);
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

void new_objective(Context& ctx) {
    require_secretariat_page(ctx);
    objective_form(ctx, 200, json::object(), {}, true, "");
}

void create_objective(Context& ctx) {
    require_secretariat_page(ctx);
    require_csrf(ctx);
    const auto values = objective_json_from_form(ctx);
    FieldErrors errors;
    try {
        ctx.store.create_objective(model::objective_from_json(values), actor_of(ctx));
        return redirect(ctx, "/workspace/roadmap");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors["id"].push_back("this id is taken; choose another");
    }
    objective_form(ctx, 422, values, errors, true, "");
}

model::Objective stored_objective(Context& ctx, const std::string& id) {
    require_secretariat_page(ctx);
    auto o = find_record(ctx.store.objectives(), id);
    if (!o) throw not_found("objective", id);
    return *o;
}

void edit_objective(Context& ctx) {
    const auto o = stored_objective(ctx, ctx.path_param("id"));
    objective_form(ctx, 200, model::to_json(o), {}, false, content_etag(model::to_json(o)));
}

void update_objective(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = stored_objective(ctx, id);
    require_csrf(ctx);
    const auto expected = ctx.form("expected");
    auto values = objective_json_from_form(ctx);
    values["id"] = id;
    FieldErrors errors;
    try {
        if (expected != content_etag(model::to_json(current))) throw store::ConflictError("objective", id, 1, -1);
        ctx.store.update_objective(model::objective_from_json(values), current, actor_of(ctx));
        return redirect(ctx, "/workspace/roadmap");
    } catch (const model::ValidationError& e) {
        errors = errors_of(e);
    } catch (const store::ConflictError&) {
        errors[""].push_back(stale_message);
    }
    objective_form(ctx, errors.count("") ? 409 : 422, values, errors, false, expected);
}

void delete_objective(Context& ctx) {
    const auto& id = ctx.path_param("id");
    const auto current = stored_objective(ctx, id);
    require_csrf(ctx);
    try {
        if (ctx.form("expected") != content_etag(model::to_json(current))) {
            throw store::ConflictError("objective", id, 1, -1);
        }
        ctx.store.delete_objective(id, current, actor_of(ctx));
    } catch (const store::ConflictError&) {
        throw HttpError(Problem::stale, "Someone changed this objective meanwhile; nothing was deleted.");
    }
    redirect(ctx, "/workspace/roadmap");
}

}  // namespace

void add_workspace_record_routes(App& app) {
    app.add(page("GET", "/workspace/capabilities/new", "New capability", new_capability));
    app.add(page("POST", "/workspace/capabilities", "Create a capability", create_capability));
    app.add(page("GET", "/workspace/capabilities/{id}", "Edit a capability", edit_capability));
    app.add(page("POST", "/workspace/capabilities/{id}", "Save a capability", update_capability));
    app.add(page("POST", "/workspace/capabilities/{id}/delete", "Delete a capability", delete_capability));
    app.add(page("GET", "/workspace/roadmap", "Goals and objectives", roadmap_records_page));
    app.add(page("GET", "/workspace/goals/new", "New goal", new_goal));
    app.add(page("POST", "/workspace/goals", "Create a goal", create_goal));
    app.add(page("GET", "/workspace/goals/{id}", "Edit a goal", edit_goal));
    app.add(page("POST", "/workspace/goals/{id}", "Save a goal", update_goal));
    app.add(page("POST", "/workspace/goals/{id}/delete", "Delete a goal", delete_goal));
    app.add(page("GET", "/workspace/objectives/new", "New objective", new_objective));
    app.add(page("POST", "/workspace/objectives", "Create an objective", create_objective));
    app.add(page("GET", "/workspace/objectives/{id}", "Edit an objective", edit_objective));
    app.add(page("POST", "/workspace/objectives/{id}", "Save an objective", update_objective));
    app.add(page("POST", "/workspace/objectives/{id}/delete", "Delete an objective", delete_objective));
}

}  // namespace ger::server::detail
