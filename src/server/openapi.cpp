// The OpenAPI 3.1 document, generated from the same route table the router dispatches on: a route cannot be
// served without being documented, nor documented without being served. Its schemas are JSON Schema 2020-12;
// tests/openapi/ lints the document with Redocly and validates real answers of every operation against it.
#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "ger/config.hpp"
#include "model/action_item.hpp"
#include "model/comment.hpp"
#include "model/enums.hpp"
#include "model/workshop.hpp"
#include "server/detail/app.hpp"
#include "server/detail/publisher.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

constexpr const char* slug_pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
constexpr const char* timestamp_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$";
constexpr const char* day_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
// model::PlannedDate ("2033", "2033-03", "2033-03-14") or a window of two ("2033-03/2033-06").
constexpr const char* planned_pattern = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
constexpr const char* window_pattern = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$";
constexpr const char* bearer_scheme = "bearerAuth";

// ---- schemas ----------------------------------------------------------------------------------------------

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json text(std::string description = "") {
    json s = {{"type", "string"}};
    if (!description.empty()) s["description"] = std::move(description);
    return s;
}
json pattern(const char* regex, std::string description = "") {
    json s = text(std::move(description));
    s["pattern"] = regex;
    return s;
}
json number_schema(std::string description) { return {{"type", "number"}, {"description", std::move(description)}}; }
json integer(int minimum) { return {{"type", "integer"}, {"minimum", minimum}}; }
json boolean() { return {{"type", "boolean"}}; }
json list(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json timestamp() {
    json s = pattern(timestamp_pattern, "UTC");
    s["format"] = "date-time";
    return s;
}
json day() {
    json s = pattern(day_pattern);
    s["format"] = "date";
    return s;
}
json one_of(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }
template <class E>
json enum_of() {
    return one_of({model::EnumNames<E>::values.begin(), model::EnumNames<E>::values.end()});
}

// `schema`, or null.
json nullable(json schema) {
    if (schema.contains("type") && !schema["type"].is_array()) schema["type"] = {schema["type"], "null"};
    if (schema.contains("enum")) schema["enum"].push_back(nullptr);
    return schema;
}

// An object of exactly `properties`, every one of which the server always sends.
json record(std::string description, json properties) {
    json required = json::array();
    for (const auto& [key, value] : properties.items()) required.push_back(key);
    return {{"type", "object"},
            {"description", std::move(description)},
            {"required", std::move(required)},
            {"additionalProperties", false},
            {"properties", std::move(properties)}};
}

// The server-kept fields of missions and capabilities: sent in every answer, ignored in a POST or PUT body.
json with_meta(json properties) {
    properties["version"] = {{"type", "integer"}, {"minimum", 1}, {"readOnly", true},
                             {"description", "the value of the record's ETag"}};
    properties["created_at"] = timestamp();
    properties["created_at"]["readOnly"] = true;
    properties["updated_at"] = timestamp();
    properties["updated_at"]["readOnly"] = true;
    properties["author"] = text("the user who made the last change");
    properties["author"]["readOnly"] = true;
    return properties;
}

// The body of a POST or PUT: the record's fields, `required` of them at least.
json input_of(const json& record_schema, std::vector<std::string> required, std::string description) {
    return {{"type", "object"},
            {"description", std::move(description)},
            {"required", std::move(required)},
            {"additionalProperties", false},
            {"properties", record_schema["properties"]}};
}

// A JSON merge patch (RFC 7396) of a record: any of its writable fields; null removes a field, which only a
// field the input does not require may be. An object is merged into the current one, not replaced.
json patch_of(const json& input) {
    const auto& required = input["required"];
    json properties = json::object();
    for (const auto& [key, value] : input["properties"].items()) {
        if (value.value("readOnly", false)) continue;
        json property = value;
        if (property.contains("$ref")) {
            property = {{"type", "object"}, {"description", "merged into the current value"}};
        }
        const bool must_stay = std::find(required.begin(), required.end(), key) != required.end();
        properties[key] = must_stay ? property : nullable(property);
    }
    return {{"type", "object"},
            {"description", "JSON merge patch (RFC 7396); the server-kept fields (version, created_at, updated_at, "
                            "author) are refused"},
            {"additionalProperties", false},
            {"properties", std::move(properties)}};
}

json visibility_schema() {
    return {{"type", "object"},
            {"description", "who may read the record: everyone, every partner agency, or the agencies listed (and "
                            "the owner)"},
            {"required", {"scope"}},
            {"additionalProperties", false},
            {"properties",
             {{"scope", enum_of<model::VisibilityScope>()},
              {"agencies", list(text("agency code"))}}}};
}

json problem_schema() {
    std::vector<std::string> types;
    for (const auto& t : problem_types()) types.push_back(std::string(problem_type_prefix) + std::string(t.slug));
    return {{"type", "object"},
            {"description", "RFC 9457 problem details; `type` is stable (urn:ger:problem:<slug>) and `title` is the "
                            "same for every instance of a type"},
            {"required", {"type", "title", "status", "detail", "instance"}},
            {"additionalProperties", false},
            {"properties",
             {{"type", one_of(types)},
              {"title", text()},
              {"status", {{"type", "integer"}, {"minimum", 100}, {"maximum", 599}}},
              {"detail", text("what went wrong with this request")},
              {"instance", text("the request's path")},
              {"errors", list(record("one field and what is wrong with it",
                                     {{"pointer", text("JSON pointer into the body, or query/<name>")},
                                      {"detail", text()}}))}}}};
}

json schemas() {
    json s = json::object();
    s["Visibility"] = visibility_schema();
    s["Agency"] = record("a partner agency", {{"code", text("e.g. ESA")},
                                              {"name", text()},
                                              {"country", text()},
                                              {"member_since", {{"type", "integer"}}},
                                              {"source", text()}});
    s["Destination"] = record("a destination of the roadmap", {{"code", text("e.g. Mars")},
                                                               {"name", text()},
                                                               {"order", {{"type", "integer"}}},
                                                               {"description", text()}});
    s["Goal"] = record("a common goal of the roadmap (the secretariat's)", {{"id", pattern(slug_pattern)},
                                                                            {"number", integer(1)},
                                                                            {"title", text()},
                                                                            {"description", text()},
                                                                            {"source", text()}});
    s["Objective"] = record("an objective under a goal (the secretariat's)", {{"id", pattern(slug_pattern)},
                                                                              {"goal_id", text()},
                                                                              {"title", text()},
                                                                              {"description", text()},
                                                                              {"verified", boolean()},
                                                                              {"source", text()}});
    s["Edition"] = record("a roadmap edition", {{"name", text("e.g. 2013")},
                                                {"title", text()},
                                                {"published", day()},
                                                {"signatories", list(text("agency code"))},
                                                {"scenario", text()},
                                                {"frozen", boolean()},
                                                {"source", text()}});
    s["Mission"] = record(
        "a mission; what the caller may not read is absent, never hinted at",
        with_meta({{"id", pattern(slug_pattern)},
                   {"name", text()},
                   {"lead_agency", text("the owner: an agency code")},
                   {"partners", list(text("agency code"))},
                   {"destination", text("destination code")},
                   {"target_body", nullable(text())},
                   {"kind", enum_of<model::MissionKind>()},
                   {"type", enum_of<model::MissionType>()},
                   {"launch", nullable(pattern(window_pattern, "a planned date or window, e.g. 2033-03/2033-06"))},
                   {"duration_days", nullable({{"type", "number"},
                                               {"exclusiveMinimum", 0},
                                               {"maximum", 36525},
                                               {"description", "[days], at most 100 years"}})},
                   {"status", enum_of<model::MissionStatus>()},
                   {"commitment", enum_of<model::Commitment>()},
                   {"objectives", list(text("objective id"))},
                   {"capabilities_required", list(text("capability id"))},
                   {"capabilities_provided", list(text("capability id"))},
                   {"precursors", list(text("mission id"))},
                   {"visibility", ref("Visibility")},
                   {"description", text()},
                   {"source", text()}}));
    s["Capability"] = record("a capability an agency provides",
                             with_meta({{"id", pattern(slug_pattern)},
                                        {"name", text()},
                                        {"provider", text("the owner: an agency code")},
                                        {"kind", enum_of<model::CapabilityKind>()},
                                        {"readiness", nullable(pattern(planned_pattern, "when it is ready"))},
                                        {"status", enum_of<model::CapabilityStatus>()},
                                        {"visibility", ref("Visibility")},
                                        {"description", text()},
                                        {"source", text()}}));
    const char* owned = "; the owner field defaults to the caller's agency and cannot be another; a PUT may leave "
                        "out the id (the URL's)";
    s["MissionInput"] = input_of(s["Mission"], {"id", "name", "destination", "kind", "type", "status", "commitment",
                                                "visibility"},
                                 std::string("a mission as a client writes it") + owned);
    s["CapabilityInput"] = input_of(s["Capability"], {"id", "name", "kind", "status", "visibility"},
                                    std::string("a capability as a client writes it") + owned);
    s["GoalInput"] = input_of(s["Goal"], {"id", "number", "title"}, "a goal as the secretariat writes it");
    s["ObjectiveInput"] = input_of(s["Objective"], {"id", "goal_id", "title"},
                                   "an objective as the secretariat writes it");
    for (const char* name : {"Mission", "Capability", "Goal", "Objective"}) {
        s[std::string(name) + "Patch"] = patch_of(s[std::string(name) + "Input"]);
    }
    const json change_fields = {{"id", integer(1)},
                                {"at", timestamp()},
                                {"actor", text("user name")},
                                {"agency", text("the acting agency's code; \"\" for the secretariat or the system")},
                                {"record_kind", text("mission, capability, goal, ...")},
                                {"record_id", text()},
                                {"action", one_of({"create", "update", "remove"})}};
    s["Change"] = record("one change to a record the caller may read", change_fields);
    json audit_fields = change_fields;
    audit_fields["before"] = text("the record's JSON before the change; \"\" for a creation");
    audit_fields["after"] = text("the record's JSON after the change; \"\" for a removal");
    audit_fields["note"] = text("why, when the system changed the record on its own (a reference removed because "
                                "the record it named was deleted); \"\" otherwise");
    s["AuditEntry"] = record("one audit entry: who changed what, when, and the record before and after",
                             audit_fields);
    s["Me"] = record("the caller", {{"user", text()},
                                    {"agency", text("\"\" for the secretariat")},
                                    {"role", one_of({std::string(store::to_string(store::Role::planner)),
                                                     std::string(store::to_string(store::Role::secretariat))})}});
    s["Health"] = record("liveness", {{"status", one_of({"ok"})}, {"change_id", integer(0)}});
    // Sent on PostgreSQL only (so not required): whether the server is told of every change right now.
    s["Health"]["properties"]["told_of_changes"] = boolean();
    s["Health"]["properties"]["told_of_changes"]["description"] =
        "PostgreSQL only: false while this server is not told of other servers' writes (its listening connection "
        "is down) and asks the database on every request instead";
    s["EditionFreeze"] = {{"type", "object"},
                          {"description", "an edition to freeze from the current public records; unset fields come "
                                          "from the listed edition of that name, or default (today, every agency)"},
                          {"required", {"name"}},
                          {"additionalProperties", false},
                          {"properties",
                           {{"name", pattern(slug_pattern, "e.g. 2026 or 2026-update")},
                            {"title", text()},
                            {"published", day()},
                            {"scenario", text()},
                            {"signatories", list(text("agency code"))}}}};
    s["EditionStatus"] = record("whether a frozen edition's files are generated",
                                {{"edition", text()},
                                 {"state", one_of({"queued", "rendering", "done", "failed", "missing"})},
                                 {"message", text("why it failed; \"\" otherwise")},
                                 {"artefacts", list(one_of(artefact_kinds))}});
    const json asteroid_fields = {
        {"designation", text("as the catalogue writes it, e.g. 2000 SG344")},
        {"h", nullable(number_schema("absolute magnitude"))},
        {"viable_count", integer(0)},
        {"min_dv_km_s", nullable(number_schema("least total dv of a viable round trip [km/s]"))},
        {"min_duration_days", nullable(number_schema("shortest viable round trip [days]"))},
        {"launch", nullable(day())}};
    s["Asteroid"] = record("one surveyed near-Earth asteroid of the newest complete survey run", asteroid_fields);
    s["RoundTrip"] = record("an Earth-asteroid-Earth round trip (0-rev Lambert legs; UTC launch day)",
                            {{"launch", day()},
                             {"duration_days", number_schema("[days]")},
                             {"out_days", number_schema("[days]")},
                             {"stay_days", number_schema("[days]")},
                             {"back_days", number_schema("[days]")},
                             {"c3_km2_s2", number_schema("launch C3 [km^2/s^2]")},
                             {"total_dv_km_s", number_schema("[km/s]")},
                             {"injection_dv_km_s", number_schema("from the parking orbit [km/s]")},
                             {"arrival_dv_km_s", number_schema("rendezvous [km/s]")},
                             {"departure_dv_km_s", number_schema("leaving the asteroid [km/s]")},
                             {"return_vinf_km_s", number_schema("at the Earth [km/s]")},
                             {"entry_speed_km_s", number_schema("at the entry interface [km/s]")}});
    auto detail_fields = asteroid_fields;
    detail_fields["min_dv"] = {{"oneOf", {{{"$ref", "#/components/schemas/RoundTrip"}}, {{"type", "null"}}}}};
    detail_fields["min_duration"] = detail_fields["min_dv"];
    detail_fields["run"] = integer(1);
    s["AsteroidDetail"] = record("one asteroid with its least-dv and shortest round trips", detail_fields);
    s["SurveyRun"] = record("a stored NEA survey run (ger survey --store)",
                            {{"id", integer(1)},
                             {"state", one_of({"running", "complete", "cancelled", "failed"})},
                             {"started_at", timestamp()},
                             {"updated_at", timestamp()},
                             {"finished_at", nullable(timestamp())},
                             {"catalogue", text()},
                             {"device", text("cpu or cuda")},
                             {"planned", integer(0)},
                             {"done", integer(0)},
                             {"legs_solved", integer(0)},
                             {"message", text("why it failed; \"\" otherwise")},
                             {"criteria", {{"type", "object"}, {"description", "the criteria the run used"}}}});
    const json run_or_null = {{"oneOf", {{{"$ref", "#/components/schemas/SurveyRun"}}, {{"type", "null"}}}}};
    s["SurveyStatus"] = record("the survey run the asteroid pages serve, and the newest one still running",
                               {{"served", run_or_null}, {"running", run_or_null}});
    s["FeasibilityStatus"] = record("how far the background launch-feasibility worker is (mission pages)",
                                    {{"enabled", boolean()},
                                     {"change_id", integer(0)},
                                     {"missions", integer(0)},
                                     {"computed", integer(0)},
                                     {"running", boolean()}});
    s["Disposition"] = record("what the next edition did with a comment",
                              {{"outcome", enum_of<model::DispositionOutcome>()},
                               {"reason", text("required for not-adopted and out-of-scope")},
                               {"records", list(text("a mission, goal or objective id it changed"))},
                               {"edition", text("the edition that addressed it; \"\" while none has")}});
    const json disposition_or_null = {{"oneOf", {ref("Disposition"), {{"type", "null"}}}}};
    const json nullable_text = nullable(text());
    s["CommentInput"] = {{"type", "object"},
                         {"description", "a public comment (plain text; no account needed)"},
                         {"required", {"name", "email", "text"}},
                         {"additionalProperties", false},
                         {"properties",
                          {{"name", text("at most 120 characters")},
                           {"email", text("shown to the secretariat only; at most 254 characters")},
                           {"text", text("plain text, line breaks kept, no HTML; at most 5000 characters")},
                           {"affiliation", nullable(text("at most 200 characters"))},
                           {"section", nullable(text("goals, scenario or a destination code"))},
                           {"mission", nullable(text("a public mission of the edition"))}}}};
    s["CommentReceipt"] = record("a comment received: keep the receipt to follow it (it is shown only once)",
                                 {{"id", integer(1)}, {"receipt", text()}, {"status", one_of({"pending"})}});
    s["CommentReceiptStatus"] = record(
        "one's own comment as its receipt shows it",
        {{"id", integer(1)},
         {"edition", text()},
         {"section", nullable_text},
         {"mission", nullable_text},
         {"name", nullable(text("null once erased"))},
         {"affiliation", text()},
         {"text", text()},
         {"submitted_at", timestamp()},
         {"status", one_of({"pending", "accepted", "answered", "addressed", "rejected", "hidden"})},
         {"public_reason", text("why it was rejected or hidden, as the secretariat published it")},
         {"response", text()},
         {"responded_at", nullable(timestamp())},
         {"disposition", disposition_or_null},
         {"addressed_in", nullable(text("the edition that addressed it"))},
         {"erased", boolean()}});
    s["PublicComment"] = record("an accepted comment with its response (never an email)",
                                {{"id", integer(1)},
                                 {"edition", text()},
                                 {"section", nullable_text},
                                 {"mission", nullable_text},
                                 {"name", nullable(text("null once the commenter's identity was erased"))},
                                 {"affiliation", text()},
                                 {"text", text()},
                                 {"submitted_at", timestamp()},
                                 {"response", text()},
                                 {"responded_at", nullable(timestamp())},
                                 {"disposition", disposition_or_null},
                                 {"similar_count", integer(0)}});
    s["ModeratedComment"] = record("a comment as the secretariat moderates it",
                                   {{"id", integer(1)},
                                    {"version", integer(1)},
                                    {"edition", text()},
                                    {"section", nullable_text},
                                    {"mission", nullable_text},
                                    {"name", text()},
                                    {"affiliation", text()},
                                    {"email", text()},
                                    {"text", text()},
                                    {"status", enum_of<model::CommentStatus>()},
                                    {"receipt_status", text("what the commenter's receipt shows")},
                                    {"reason", text("internal")},
                                    {"public_reason", text()},
                                    {"response", text()},
                                    {"responded_at", nullable(timestamp())},
                                    {"disposition", disposition_or_null},
                                    {"group", integer(1)},
                                    {"erased", boolean()},
                                    {"submitted_at", timestamp()},
                                    {"updated_at", timestamp()}});
    s["CommentModeration"] = {{"type", "object"},
                              {"description", "one moderation step; fields left out stay as they are"},
                              {"additionalProperties", false},
                              {"minProperties", 1},
                              {"properties",
                               {{"status", one_of({"accepted", "rejected", "hidden"})},
                                {"reason", text("internal: the secretariat's alone")},
                                {"public_reason", text("shown to the commenter")},
                                {"response", text("published with the comment")},
                                {"disposition", disposition_or_null},
                                {"erase_personal_data",
                                 {{"type", "boolean"},
                                  {"description", "true: erase the commenter's name, affiliation and email (the "
                                                  "text stays)"}}}}}};
    const json session_schema = record("one session of a workshop's agenda (UTC times)",
                                       {{"starts", timestamp()},
                                        {"ends", timestamp()},
                                        {"title", text()},
                                        {"speakers", list(text("a name, with the affiliation in brackets"))},
                                        {"description", text()}});
    s["AgendaSession"] = session_schema;
    json workshop_input = {{"type", "object"},
                           {"description", "a workshop: dates are the place's calendar days, session times UTC"},
                           {"required", {"id", "title", "host_agency", "starts", "ends", "place", "capacity",
                                         "registration_opens", "registration_closes"}},
                           {"additionalProperties", false},
                           {"properties",
                            {{"id", pattern(slug_pattern, "lower-case words joined by hyphens")},
                             {"title", text("at most 200 characters")},
                             {"host_agency", text("an agency code; its planners and the secretariat host it")},
                             {"starts", day()},
                             {"ends", day()},
                             {"place", text()},
                             {"capacity", integer(1)},
                             {"registration_opens", day()},
                             {"registration_closes", day()},
                             {"description", text()},
                             {"agenda", list(ref("AgendaSession"))},
                             {"source", text("where the facts come from")}}}};
    s["WorkshopInput"] = workshop_input;
    auto workshop_properties = workshop_input["properties"];
    workshop_properties["counts"] = record("active registrations", {{"confirmed", integer(0)},
                                                                    {"waitlisted", integer(0)},
                                                                    {"seats_left", integer(0)}});
    workshop_properties["registration"] = one_of({"open", "not-yet-open", "closed"});
    workshop_properties["waitlist_rule"] = text("how seats are given");
    workshop_properties["attendees"] = list(text("the name of a confirmed attendee who agreed to show it"));
    workshop_properties["personal_data_purged"] = boolean();
    workshop_properties["created_at"] = timestamp();
    workshop_properties["page"] = text("the portal page");
    workshop_properties["calendar"] = text("the agenda as iCalendar (RFC 5545)");
    s["Workshop"] = record("a workshop with its counts (never an email)", workshop_properties);
    s["RegistrationInput"] = {{"type", "object"},
                              {"description", "a registration for a workshop (no account needed)"},
                              {"required", {"name", "email"}},
                              {"additionalProperties", false},
                              {"properties",
                               {{"name", text("at most 120 characters")},
                                {"email", text("seen by the host only; one active registration per email")},
                                {"affiliation", nullable(text("at most 200 characters"))},
                                {"publish_name", {{"type", {"boolean", "null"}},
                                                  {"description", "show the name on the workshop's page"}}}}}};
    s["RegistrationReceipt"] = record(
        "a registration: 201 with its management token (shown once), or 200 for an email already registered",
        {{"status", enum_of<model::RegistrationStatus>()},
         {"position", integer(0)},
         {"manage_token", nullable(text("null when the email was already registered"))},
         {"note", text()}});
    s["RegistrationStatus"] = record("one's own registration, as its management token shows it",
                                     {{"workshop", text()},
                                      {"workshop_title", text()},
                                      {"status", enum_of<model::RegistrationStatus>()},
                                      {"position", integer(0)},
                                      {"name", nullable(text("null once purged"))},
                                      {"affiliation", text()},
                                      {"publish_name", boolean()},
                                      {"registered_at", timestamp()},
                                      {"purged", boolean()},
                                      {"waitlist_rule", text()}});
    s["Attendee"] = record("a registration as the host sees it",
                           {{"id", integer(1)},
                            {"status", enum_of<model::RegistrationStatus>()},
                            {"position", integer(0)},
                            {"name", text()},
                            {"email", text()},
                            {"affiliation", text()},
                            {"publish_name", boolean()},
                            {"purged", boolean()},
                            {"registered_at", timestamp()}});
    const json action_records = list(text("a mission or objective id, or comment:N"));
    const json action_fields = {{"title", text("at most 200 characters, plain text")},
                                {"description", nullable(text("plain text, at most 5,000 characters"))},
                                {"owner_agency", text("the agency code of who acts on it")},
                                {"status", enum_of<model::ActionStatus>()},
                                {"records", action_records}};
    s["ActionItemInput"] = {{"type", "object"},
                            {"description", "an action item a workshop agreed on; status defaults to open"},
                            {"required", {"title", "owner_agency"}},
                            {"additionalProperties", false},
                            {"properties", action_fields}};
    s["ActionItemChange"] = {{"type", "object"},
                             {"description", "a change to an action item; fields left out stay as they are"},
                             {"additionalProperties", false},
                             {"minProperties", 1},
                             {"properties", action_fields}};
    s["ActionItem"] = record("an action item from a workshop; `records` holds only those the caller may read",
                             {{"id", integer(1)},
                              {"version", integer(1)},
                              {"workshop", text("the workshop it came from")},
                              {"title", text()},
                              {"description", text()},
                              {"owner_agency", text()},
                              {"status", enum_of<model::ActionStatus>()},
                              {"records", action_records},
                              {"created_at", timestamp()},
                              {"updated_at", timestamp()}});
    json page_summary = {{"slug", text()},
                         {"title", text()},
                         {"revision", integer(1)},
                         {"editor", text("the page editor its footer names")},
                         {"updated_at", timestamp()},
                         {"page", text("the portal page")}};
    s["PageSummary"] = record("a content page at its newest revision", page_summary);
    auto content_page = page_summary;
    content_page["markdown"] = text("CommonMark; raw HTML is not rendered");
    content_page["html"] = text("the Markdown as the portal shows it");
    content_page["summary"] = text("what this revision changed");
    content_page["author"] = text("the account that saved it");
    s["PageContent"] = record("a content page at its newest revision, with its text", content_page);
    s["PageContentInput"] = {{"type", "object"},
                             {"description", "a new revision of a page"},
                             {"required", {"title", "markdown", "editor"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"title", text("at most 200 characters")},
                               {"markdown", text("CommonMark, at most 100,000 characters; raw HTML is not shown")},
                               {"editor", text("the page editor the footer names")},
                               {"summary", nullable(text("what changed, at most 300 characters"))}}}};
    s["PageRevision"] = record("one revision of a page, without its text",
                               {{"revision", integer(1)},
                                {"title", text()},
                                {"summary", text()},
                                {"author", text()},
                                {"editor", text()},
                                {"saved_at", timestamp()},
                                {"page", text("the revision on the portal")}});
    s["BenefitCategory"] = record("a category of the benefits of exploration: missions only as the caller may read",
                                  {{"code", text()},
                                   {"title", text()},
                                   {"summary", text()},
                                   {"goals", list(text("a common goal's id"))},
                                   {"objectives", list(text("an objective's id"))},
                                   {"missions", list(text("a mission's id"))},
                                   {"page", text("the portal page")}});
    s["Problem"] = problem_schema();
    s["OpenApiDocument"] = {{"type", "object"},
                            {"description", "this document (OpenAPI 3.1)"},
                            {"required", {"openapi", "info", "paths", "components"}},
                            {"properties", {{"openapi", pattern("^3\\.1\\.[0-9]+$")}}}};
    return s;
}

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string describe(const Route& route) { return route.method + " " + route.path; }

// Adds "<Item>Page" (offset) and "<Item>FeedPage" (keyset) schemas that routes name, and checks that every name
// a route gives is a schema: a typo fails here (and in the tests), not in a client.
void add_pages(json& s, const App& app) {
    for (const auto& route : app.routes()) {
        if (route.audience == Audience::page) continue;
        for (const auto* name : {&route.request_schema, &route.response_schema}) {
            if (name->empty() || s.contains(*name)) continue;
            const bool feed = ends_with(*name, "FeedPage");
            const bool page = ends_with(*name, "Page");
            const std::string item = name->substr(0, name->size() - (feed ? 8 : page ? 4 : 0));
            if (!page || item.empty() || !s.contains(item)) {
                throw std::logic_error(describe(route) + ": schema '" + *name + "' is neither in openapi.cpp nor "
                                       "a page of one ('<Item>Page' for offset pages, '<Item>FeedPage' for keyset "
                                       "pages)");
            }
            const json next = nullable(text("the URL of the next page; null on the last"));
            if (feed) {
                s[*name] = record("a keyset page of " + item + " records, newest first",
                                  {{"items", list(ref(item))}, {"limit", integer(0)}, {"next", next}});
            } else {
                s[*name] = record("an offset page of " + item + " records; `total` counts only those the caller "
                                  "may read",
                                  {{"items", list(ref(item))},
                                   {"total", integer(0)},
                                   {"limit", integer(0)},
                                   {"offset", integer(0)},
                                   {"next", next}});
            }
        }
    }
}

// ---- operations -------------------------------------------------------------------------------------------

bool has_body(const Route& r) { return !r.request_schema.empty(); }
bool takes_if_match(const Route& r) {
    return !r.unconditional && (r.method == "PUT" || r.method == "PATCH" || r.method == "DELETE");
}
bool has_path_params(const Route& r) {
    return std::any_of(r.segments.begin(), r.segments.end(), [](const auto& s) { return s.front() == '{'; });
}

enum class Answers { operation, fallback, never };

// Whether `problem` can answer an operation shaped like `r` (when its status is documented there), only as the
// `default` answer every operation has (transport limits, server faults), or never (portal and routing).
Answers answers(Problem problem, const Route& r) {
    using enum Problem;
    const auto when = [](bool yes) { return yes ? Answers::operation : Answers::never; };
    switch (problem) {
        case invalid_encoding:
        case unknown_parameter:
        case invalid_token:
        case forbidden: return Answers::operation;
        case invalid_parameter: return when(!r.query.empty());
        case malformed_json:
        case body_too_large:
        case unsupported_media_type:
        case validation: return when(has_body(r));
        case invalid_if_match:
        case stale_etag:
        case precondition_required: return when(takes_if_match(r));
        case unauthorized: return when(r.requires_caller);
        case not_found: return when(has_path_params(r));
        case already_exists:
        case already_frozen: return when(r.method == "POST");
        case in_use: return when(r.method == "DELETE" || r.method == "PUT" || r.method == "PATCH");
        case registration_closed: return when(r.method == "POST" && ends_with(r.path, "/registrations"));
        // Rate limits that an operation applies on its own (public comments) are its answers; the others (the
        // transport's) are everyone's default.
        case too_many_requests:
            return std::find(r.statuses.begin(), r.statuses.end(), 429) != r.statuses.end() ? Answers::operation
                                                                                            : Answers::fallback;
        case bad_request:
        case request_timeout:
        case uri_too_long:
        case headers_too_large:
        case internal:
        case store_unavailable: return Answers::fallback;
        case bad_form:
        case csrf:
        case no_route:
        case method_not_allowed:
        case stale:
        case being_generated:
        case login_required: return Answers::never;
    }
    return Answers::never;
}

// The route's documented statuses and those every route of its shape can give.
std::set<int> statuses_of(const Route& r) {
    std::set<int> out(r.statuses.begin(), r.statuses.end());
    out.insert({400, 401});
    if (has_body(r)) out.insert({400, 413, 415, 422});
    if (takes_if_match(r)) out.insert({400, 412, 428});
    return out;
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted: the work goes on in the background";
        case 204: return "No Content";
        case 400: return "Bad request: a query parameter, the body's JSON, the encoding or If-Match";
        case 401: return "No bearer token where one is needed, or one that is unknown or revoked";
        case 403: return "Authenticated, but not allowed (another agency's record, or not the secretariat)";
        case 404: return "No such record, or one the caller may not read (indistinguishable)";
        case 409: return "Conflict with the stored records";
        case 412: return "If-Match names a version that is no longer current: nothing was written";
        case 413: return "Body too large";
        case 415: return "Body is not of the media type the operation takes";
        case 422: return "The record breaks a rule; `errors` lists each field (JSON pointer) and why";
        case 428: return "If-Match is required";
        default: return "See the problem document";
    }
}

std::string type_list(const std::vector<const ProblemType*>& types) {
    std::string out;
    for (const auto* t : types) {
        out += out.empty() ? "" : ", ";
        out += "`" + std::string(problem_type_prefix) + std::string(t->slug) + "` (" + std::string(t->title) + ")";
    }
    return out;
}

json problem_content(json schema) { return {{"application/problem+json", {{"schema", std::move(schema)}}}}; }

json error_response(const Route& route, int status) {
    std::vector<const ProblemType*> types;
    for (const auto& t : problem_types()) {
        if (t.status == status && answers(t.problem, route) == Answers::operation) types.push_back(&t);
    }
    if (types.empty()) {
        throw std::logic_error(describe(route) + " documents " + std::to_string(status) +
                               " but no problem type (problem.hpp) answers it there");
    }
    json names = json::array();
    for (const auto* t : types) names.push_back(std::string(problem_type_prefix) + std::string(t->slug));
    const json narrowed = {{"properties", {{"status", {{"const", status}}}, {"type", {{"enum", names}}}}}};
    return {{"description", std::string(reason(status)) + ". Problem types: " + type_list(types) + "."},
            {"content", problem_content({{"allOf", {ref("Problem"), narrowed}}})}};
}

json default_response() {
    std::vector<const ProblemType*> types;
    for (const auto& t : problem_types()) {
        if (answers(t.problem, Route{}) == Answers::fallback) types.push_back(&t);
    }
    return {{"description", "Any other problem, from the transport's limits or the server: " + type_list(types) + "."},
            {"content", problem_content(ref("Problem"))}};
}

const std::set<std::string> versioned{"Mission", "Capability", "Goal", "Objective"};

json success_response(const Route& route, int status) {
    json response = {{"description", reason(status)}};
    if (status != 204 && !route.response_schema.empty()) {
        response["content"] = {{"application/json", {{"schema", ref(route.response_schema)}}}};
    }
    json headers = json::object();
    if ((status == 200 || status == 201) && versioned.contains(route.response_schema)) {
        headers["ETag"] = {{"description", "the record's version; send it as If-Match to change the record"},
                           {"schema", text()}};
    }
    if (status == 201 || status == 202) {
        headers["Location"] = {{"description", status == 201 ? "the new record" : "where to follow the work"},
                               {"schema", text()}};
    }
    if (!headers.empty()) response["headers"] = headers;
    return response;
}

std::string capitalised(std::string word) {
    std::string out;
    bool start = true;
    for (char c : word) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            start = true;
            continue;
        }
        out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        start = false;
    }
    return out;
}

std::string singular(const std::string& plural) {
    if (ends_with(plural, "ies")) return plural.substr(0, plural.size() - 3) + "y";
    if (ends_with(plural, "s")) return plural.substr(0, plural.size() - 1);
    return plural;
}

// listMissions, createMission, getMission, replaceMission, updateMission, deleteMission, getEditionStatus,
// getMe: a verb from the method and the resource names of the path (after /api/v1), unless the route names it.
std::string operation_id(const Route& route) {
    if (!route.operation_id.empty()) return route.operation_id;
    std::vector<std::string> names = route.segments;
    if (names.size() >= 2 && names[0] == "api" && names[1] == "v1") names.erase(names.begin(), names.begin() + 2);
    std::string resource;
    bool item = false;  // the path names one record ({id} last, or a sub-resource of one)
    for (std::size_t i = 0; i < names.size(); ++i) {
        const bool param = names[i].front() == '{';
        const bool next_is_param = i + 1 < names.size() && names[i + 1].front() == '{';
        if (param) {
            item = true;
        } else {
            resource += capitalised(next_is_param ? singular(names[i]) : names[i]);
        }
    }
    const bool page = ends_with(route.response_schema, "Page");
    if (route.method == "GET") return (page ? "list" : "get") + resource;
    if (route.method == "POST") return "create" + (item ? resource : singular(resource));
    if (route.method == "PUT") return "replace" + resource;
    if (route.method == "PATCH") return "update" + resource;
    if (route.method == "DELETE") return "delete" + resource;
    return capitalised(route.method) + resource;
}

bool url_safe_identifier(const std::string& id) {
    return !id.empty() && std::isalpha(static_cast<unsigned char>(id.front())) &&
           std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

json parameters_of(const Route& route) {
    json parameters = json::array();
    for (const auto& segment : route.segments) {
        if (segment.size() > 2 && segment.front() == '{') {
            parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", text()}});
        }
    }
    for (const auto& q : route.query) {
        json schema = {{"type", q.type}};
        if (!q.values.empty()) schema["enum"] = q.values;
        parameters.push_back({{"name", q.name}, {"in", "query"}, {"description", q.description}, {"schema", schema}});
    }
    if (takes_if_match(route)) {
        parameters.push_back({{"name", "If-Match"},
                              {"in", "header"},
                              {"required", true},
                              {"description", "the ETag of the version the change is based on"},
                              {"schema", text()}});
    }
    return parameters;
}

json operation(const Route& route) {
    json op = {{"summary", route.summary}, {"operationId", operation_id(route)}};
    if (auto parameters = parameters_of(route); !parameters.empty()) op["parameters"] = std::move(parameters);
    if (has_body(route)) {
        const json schema = {{"schema", ref(route.request_schema)}};
        json content = json::object();
        if (route.method == "PATCH") content["application/merge-patch+json"] = schema;
        content["application/json"] = schema;
        op["requestBody"] = {{"required", true}, {"content", content}};
    }
    json responses = json::object();
    for (int status : statuses_of(route)) {
        responses[std::to_string(status)] =
            status >= 400 ? error_response(route, status) : success_response(route, status);
    }
    responses["default"] = default_response();
    op["responses"] = std::move(responses);
    const json bearer = {{bearer_scheme, json::array()}};
    // NOTE: public reads take a token too (a caller sees more with one), hence the empty alternative.
    op["security"] = route.requires_caller ? json::array({bearer}) : json::array({json::object(), bearer});
    return op;
}

}  // namespace

nlohmann::json openapi_document(const App& app) {
    json components = schemas();
    add_pages(components, app);
    json paths = json::object();
    std::set<std::string> operation_ids;
    for (const auto& route : app.routes()) {
        if (route.audience == Audience::page) continue;
        json op = operation(route);
        const auto id = op["operationId"].get<std::string>();
        if (!url_safe_identifier(id) || !operation_ids.insert(id).second) {
            throw std::logic_error(describe(route) + ": operationId '" + id + "' is not a unique identifier; name "
                                   "one in the route (Route::operation_id)");
        }
        paths[route.path][lower(route.method)] = std::move(op);
    }
    return {{"openapi", "3.1.0"},
            {"info",
             {{"title", "ger: Global Exploration Roadmap API"},
              {"version", config::version},
              {"description",
               "Agencies share missions and capabilities; each record's visibility decides who reads it. "
               "Records a caller may not read answer 404 and are absent from lists. Errors are RFC 9457 problem "
               "documents (application/problem+json) whose `type` is stable."}}},
            {"servers", json::array({{{"url", "/"}}})},
            {"paths", std::move(paths)},
            {"components",
             {{"schemas", std::move(components)},
              {"securitySchemes",
               {{bearer_scheme,
                 {{"type", "http"},
                  {"scheme", "bearer"},
                  {"description", "an API token: `ger token create --user NAME`, or the portal's workspace"}}}}}}}};
}

}  // namespace ger::server::detail
