// The OpenAPI 3 document, generated from the same route table the router dispatches on: a route cannot be
// served without being documented, nor documented without being served.
#include "ger/config.hpp"
#include "server/detail/app.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 400: return "Bad request (malformed JSON, a bad query parameter or If-Match)";
        case 401: return "No or invalid bearer token";
        case 403: return "Authenticated, but not allowed (another agency's record, or the secretariat)";
        case 404: return "No such record, or one the caller may not read (indistinguishable)";
        case 409: return "Conflict (id taken, or the record is still referenced)";
        case 412: return "If-Match names a version that is no longer current: nothing was written";
        case 413: return "Body too large";
        case 415: return "Body is not JSON";
        case 422: return "The record breaks a rule; `errors` lists each field (JSON pointer) and why";
        case 428: return "If-Match is required";
        default: return "See the problem document";
    }
}

json visibility_schema() {
    return {{"type", "object"},
            {"required", {"scope"}},
            {"additionalProperties", false},
            {"properties",
             {{"scope", {{"type", "string"}, {"enum", {"public", "partners", "agencies"}}}},
              {"agencies", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
}

json string_list() { return {{"type", "array"}, {"items", {{"type", "string"}}}}; }

json meta_properties(json properties) {
    properties["version"] = {{"type", "integer"}, {"readOnly", true}, {"description", "the ETag's value"}};
    properties["created_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
    properties["updated_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
    properties["author"] = {{"type", "string"}, {"readOnly", true}};
    return properties;
}

json schemas() {
    const json str = {{"type", "string"}};
    const json nullable_str = {{"type", "string"}, {"nullable", true}};
    json mission = {
        {"type", "object"},
        {"required", {"id", "name", "destination", "kind", "type", "status", "commitment"}},
        {"additionalProperties", false},
        {"properties",
         meta_properties({{"id", {{"type", "string"}, {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"}}},
                          {"name", str},
                          {"lead_agency", {{"type", "string"}, {"description", "the owner; the caller's agency"}}},
                          {"partners", string_list()},
                          {"destination", str},
                          {"target_body", nullable_str},
                          {"kind", str},
                          {"type", str},
                          {"launch", {{"type", "string"}, {"nullable", true}, {"example", "2033-03/2033-06"}}},
                          {"duration_days", {{"type", "number"}, {"nullable", true}}},
                          {"status", str},
                          {"commitment", str},
                          {"objectives", string_list()},
                          {"capabilities_required", string_list()},
                          {"capabilities_provided", string_list()},
                          {"precursors", string_list()},
                          {"visibility", {{"$ref", "#/components/schemas/Visibility"}}},
                          {"description", str},
                          {"source", str}})}};
    json capability = {{"type", "object"},
                       {"required", {"id", "name", "kind", "status"}},
                       {"additionalProperties", false},
                       {"properties", meta_properties({{"id", str},
                                                       {"name", str},
                                                       {"provider", str},
                                                       {"kind", str},
                                                       {"readiness", nullable_str},
                                                       {"status", str},
                                                       {"visibility", {{"$ref", "#/components/schemas/Visibility"}}},
                                                       {"description", str},
                                                       {"source", str}})}};
    json problem = {{"type", "object"},
                    {"description", "RFC 9457 problem details; `type` is stable (urn:ger:problem:<slug>)"},
                    {"properties",
                     {{"type", str},
                      {"title", str},
                      {"status", {{"type", "integer"}}},
                      {"detail", str},
                      {"instance", str},
                      {"errors",
                       {{"type", "array"},
                        {"items", {{"type", "object"}, {"properties", {{"pointer", str}, {"detail", str}}}}}}}}}};
    json page = {{"type", "object"},
                 {"properties",
                  {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                   {"total", {{"type", "integer"}}},
                   {"limit", {{"type", "integer"}}},
                   {"offset", {{"type", "integer"}}},
                   {"next", nullable_str}}}};
    json goal = {{"type", "object"},
                 {"required", {"id", "number", "title"}},
                 {"additionalProperties", false},
                 {"properties",
                  {{"id", {{"type", "string"}, {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"}}},
                   {"number", {{"type", "integer"}, {"minimum", 1}}},
                   {"title", str},
                   {"description", str},
                   {"source", str}}}};
    json objective = {{"type", "object"},
                      {"required", {"id", "goal_id", "title"}},
                      {"additionalProperties", false},
                      {"properties",
                       {{"id", {{"type", "string"}, {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"}}},
                        {"goal_id", str},
                        {"title", str},
                        {"description", str},
                        {"verified", {{"type", "boolean"}}},
                        {"source", str}}}};
    json freeze = {{"type", "object"},
                   {"required", {"name"}},
                   {"additionalProperties", false},
                   {"properties",
                    {{"name", {{"type", "string"}, {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"}}},
                     {"title", str},
                     {"published", {{"type", "string"}, {"format", "date"}}},
                     {"scenario", str},
                     {"signatories", string_list()}}}};
    json edition_status = {{"type", "object"},
                           {"properties",
                            {{"edition", str},
                             {"state", {{"type", "string"}, {"enum", {"queued", "rendering", "done", "failed",
                                                                      "missing"}}}},
                             {"message", str},
                             {"artefacts", string_list()}}}};
    return {{"Mission", mission},
            {"Goal", goal},
            {"Objective", objective},
            {"EditionFreeze", freeze},
            {"EditionStatus", edition_status},
            {"Capability", capability},
            {"Visibility", visibility_schema()},
            {"MergePatch", {{"type", "object"}, {"description", "JSON merge patch (RFC 7396) of the record"}}},
            {"Problem", problem},
            {"Page", page},
            {"Object", {{"type", "object"}}}};
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

nlohmann::json openapi_document(const App& app) {
    json paths = json::object();
    for (const auto& route : app.routes()) {
        if (route.audience == Audience::page) continue;
        json op = {{"summary", route.summary}, {"operationId", lower(route.method) + route.path}};
        json parameters = json::array();
        for (const auto& segment : route.segments) {
            if (segment.size() > 2 && segment.front() == '{') {
                parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "string"}}}});
            }
        }
        for (const auto& q : route.query) {
            json schema = {{"type", q.type}};
            if (!q.values.empty()) schema["enum"] = q.values;
            parameters.push_back({{"name", q.name}, {"in", "query"}, {"description", q.description}, {"schema", schema}});
        }
        if (route.method == "PUT" || route.method == "PATCH" || route.method == "DELETE") {
            parameters.push_back({{"name", "If-Match"},
                                  {"in", "header"},
                                  {"required", true},
                                  {"description", "the ETag of the version the change is based on"},
                                  {"schema", {{"type", "string"}}}});
        }
        if (!parameters.empty()) op["parameters"] = parameters;
        if (!route.request_schema.empty()) {
            const std::string type = route.method == "PATCH" ? "application/merge-patch+json" : "application/json";
            op["requestBody"] = {
                {"required", true},
                {"content", {{type, {{"schema", {{"$ref", "#/components/schemas/" + route.request_schema}}}}}}}};
        }
        json responses = json::object();
        for (int status : route.statuses) {
            json response = {{"description", reason(status)}};
            if (status >= 400) {
                response["content"] = {
                    {"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}};
            } else if (status != 204 && !route.response_schema.empty()) {
                response["content"] = {
                    {"application/json", {{"schema", {{"$ref", "#/components/schemas/" + route.response_schema}}}}}};
            }
            if ((status == 200 || status == 201) && (route.response_schema == "Mission" ||
                                                     route.response_schema == "Capability" ||
                                                     route.response_schema == "Goal" ||
                                                     route.response_schema == "Objective")) {
                response["headers"] = {{"ETag", {{"schema", {{"type", "string"}}}}}};
            }
            responses[std::to_string(status)] = response;
        }
        op["responses"] = responses;
        if (route.requires_caller) op["security"] = json::array({{{"bearer", json::array()}}});
        paths[route.path][lower(route.method)] = op;
    }
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "ger: Global Exploration Roadmap API"},
              {"version", config::version},
              {"description",
               "Agencies share missions and capabilities; each record's visibility decides who reads it. "
               "Records a caller may not read answer 404 and are absent from lists."}}},
            {"servers", json::array({{{"url", "/"}}})},
            {"paths", paths},
            {"components",
             {{"schemas", schemas()},
              {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace ger::server::detail
