// The OpenAPI document's own rules, on the document the server's route table generates: operationIds that
// generated clients can use, declared security, error answers typed by the problem table, lists typed by their
// items, references that resolve; and the generator refusing a route it could not document. Real answers are
// validated against the document by tests/openapi/validate.py, Redocly's lint by tests/openapi/lint.sh.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include "server/detail/app.hpp"
#include "server/problem.hpp"

namespace {

using nlohmann::json;
using ger::server::detail::App;
using ger::server::detail::Audience;
using ger::server::detail::openapi_document;
using ger::server::detail::Route;

const json& document() {
    static const json doc = openapi_document(App{});
    return doc;
}

// (METHOD path, operation) of every operation.
std::vector<std::pair<std::string, json>> operations(const json& doc) {
    std::vector<std::pair<std::string, json>> out;
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, op] : item.items()) out.emplace_back(method + " " + path, op);
    }
    return out;
}

const json& resolve(const json& doc, const std::string& ref) {
    EXPECT_EQ(ref.rfind("#/", 0), 0u) << ref;
    return doc.at(json::json_pointer(ref.substr(1)));
}

void collect_refs(const json& node, std::vector<std::string>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) out.push_back(value.get<std::string>());
            collect_refs(value, out);
        }
    } else if (node.is_array()) {
        for (const auto& value : node) collect_refs(value, out);
    }
}

Route route(std::string method, std::string path, std::string response_schema, std::string operation_id = "") {
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.summary = "a test route";
    r.handler = [](ger::server::detail::Context&) {};
    r.response_schema = std::move(response_schema);
    r.statuses = {200};
    r.operation_id = std::move(operation_id);
    return r;
}

TEST(OpenApi, IsVersion31) { EXPECT_EQ(document()["openapi"], "3.1.0"); }

TEST(OpenApi, OperationIdsAreUniqueUrlSafeIdentifiers) {
    const std::regex identifier("^[a-zA-Z][a-zA-Z0-9]*$");
    std::set<std::string> seen;
    for (const auto& [where, op] : operations(document())) {
        const auto id = op.value("operationId", "");
        EXPECT_TRUE(std::regex_match(id, identifier)) << where << ": '" << id << "'";
        EXPECT_TRUE(seen.insert(id).second) << where << ": '" << id << "' twice";
    }
    EXPECT_GT(seen.size(), 30u);
}

TEST(OpenApi, OperationIdsReadAsTheirVerbAndResource) {
    std::map<std::string, std::string> ids;
    for (const auto& [where, op] : operations(document())) ids[where] = op["operationId"];
    EXPECT_EQ(ids["get /api/v1/missions"], "listMissions");
    EXPECT_EQ(ids["post /api/v1/missions"], "createMission");
    EXPECT_EQ(ids["get /api/v1/missions/{id}"], "getMission");
    EXPECT_EQ(ids["put /api/v1/missions/{id}"], "replaceMission");
    EXPECT_EQ(ids["patch /api/v1/missions/{id}"], "updateMission");
    EXPECT_EQ(ids["delete /api/v1/missions/{id}"], "deleteMission");
    EXPECT_EQ(ids["get /api/v1/capabilities/{id}"], "getCapability");
    EXPECT_EQ(ids["get /api/v1/agencies"], "listAgencies");
    EXPECT_EQ(ids["get /api/v1/agencies/{code}"], "getAgency");
    EXPECT_EQ(ids["get /api/v1/editions/{name}/status"], "getEditionStatus");
    EXPECT_EQ(ids["post /api/v1/editions"], "freezeEdition");
    EXPECT_EQ(ids["get /healthz"], "getHealth");
}

TEST(OpenApi, OperationsDeclareTheirSecurity) {
    const auto& doc = document();
    const auto& scheme = doc["components"]["securitySchemes"]["bearerAuth"];
    EXPECT_EQ(scheme["type"], "http");
    EXPECT_EQ(scheme["scheme"], "bearer");
    const json bearer = {{"bearerAuth", json::array()}};
    for (const auto& [where, op] : operations(doc)) {
        ASSERT_TRUE(op.contains("security")) << where;
        const auto& security = op["security"];
        // A token is required exactly where an anonymous caller gets "unauthorized".
        const auto& types = op["responses"]["401"]["content"]["application/problem+json"]["schema"]["allOf"][1]
                              ["properties"]["type"]["enum"];
        const bool required = std::find(types.begin(), types.end(), "urn:ger:problem:unauthorized") != types.end();
        if (required) {
            EXPECT_EQ(security, json::array({bearer})) << where;
        } else {
            EXPECT_EQ(security, json::array({json::object(), bearer})) << where;
        }
    }
}

TEST(OpenApi, ErrorAnswersNameTheProblemTypesOfTheirStatus) {
    const auto& doc = document();
    for (const auto& [where, op] : operations(doc)) {
        bool client_error = false;
        for (const auto& [status, response] : op["responses"].items()) {
            if (status == "default") {
                EXPECT_EQ(response["content"]["application/problem+json"]["schema"]["$ref"],
                          "#/components/schemas/Problem")
                    << where;
                continue;
            }
            const int code = std::stoi(status);
            if (code < 400) continue;
            client_error = client_error || code < 500;
            const auto& schema = response["content"]["application/problem+json"]["schema"];
            ASSERT_EQ(schema["allOf"][0]["$ref"], "#/components/schemas/Problem") << where << " " << status;
            EXPECT_EQ(schema["allOf"][1]["properties"]["status"]["const"], code) << where << " " << status;
            const auto& types = schema["allOf"][1]["properties"]["type"]["enum"];
            ASSERT_FALSE(types.empty()) << where << " " << status;
            for (const auto& type : types) {
                const auto slug = type.get<std::string>().substr(ger::server::problem_type_prefix.size());
                const auto table = ger::server::problem_types();
                const auto row =
                    std::find_if(table.begin(), table.end(), [&](const auto& t) { return t.slug == slug; });
                ASSERT_NE(row, table.end()) << where << " " << status << ": " << type;
                EXPECT_EQ(row->status, code) << where << ": " << type;
                EXPECT_NE(response["description"].get<std::string>().find(type.get<std::string>()), std::string::npos)
                    << where << " " << status << ": the description names " << type;
            }
        }
        EXPECT_TRUE(client_error) << where;
    }
}

TEST(OpenApi, ListsArePagesOfTheirItems) {
    const auto& doc = document();
    int pages = 0;
    for (const auto& [where, op] : operations(doc)) {
        const auto& ok = op["responses"]["200"];
        if (!ok.contains("content")) continue;
        const auto ref = ok["content"]["application/json"]["schema"]["$ref"].get<std::string>();
        if (ref.size() < 4 || ref.substr(ref.size() - 4) != "Page") continue;
        ++pages;
        const auto& page = resolve(doc, ref);
        const auto& items = page["properties"]["items"];
        EXPECT_EQ(items["type"], "array") << where;
        const auto item_ref = items["items"]["$ref"].get<std::string>();
        EXPECT_NE(item_ref, "") << where;
        EXPECT_TRUE(resolve(doc, item_ref).contains("properties")) << where << ": " << item_ref;
        for (const char* field : {"items", "limit", "next"}) {
            EXPECT_NE(std::find(page["required"].begin(), page["required"].end(), field), page["required"].end())
                << where << ": " << field;
        }
    }
    EXPECT_GE(pages, 9);
    EXPECT_EQ(doc["components"]["schemas"]["MissionPage"]["properties"]["items"]["items"]["$ref"],
              "#/components/schemas/Mission");
}

TEST(OpenApi, EveryReferenceResolves) {
    const auto& doc = document();
    std::vector<std::string> refs;
    collect_refs(doc, refs);
    EXPECT_FALSE(refs.empty());
    for (const auto& ref : refs) EXPECT_NO_THROW(resolve(doc, ref)) << ref;
}

TEST(OpenApi, WritesRequireVisibility) {
    const auto& schemas = document()["components"]["schemas"];
    for (const char* name : {"MissionInput", "CapabilityInput"}) {
        const auto& required = schemas[name]["required"];
        EXPECT_NE(std::find(required.begin(), required.end(), "visibility"), required.end()) << name;
    }
    for (const char* name : {"MissionPatch", "CapabilityPatch"}) {
        // null would remove it: refused.
        EXPECT_EQ(schemas[name]["properties"]["visibility"]["type"], "object") << name;
    }
}

TEST(OpenApi, KeysetPagesComeFromTheRouteSchemaName) {
    App app;
    app.add(route("GET", "/api/v1/test-feed", "ChangeFeedPage"));
    const auto doc = openapi_document(app);
    const auto& page = doc["components"]["schemas"]["ChangeFeedPage"];
    EXPECT_EQ(page["properties"]["items"]["items"]["$ref"], "#/components/schemas/Change");
    EXPECT_FALSE(page["properties"].contains("total"));
    EXPECT_FALSE(page["properties"].contains("offset"));
    EXPECT_EQ(doc["paths"]["/api/v1/test-feed"]["get"]["operationId"], "listTestFeed");
}

TEST(OpenApi, RefusesARouteItCannotDocument) {
    {
        App app;  // a page of no known record
        app.add(route("GET", "/api/v1/test-feed", "FeedPage"));
        EXPECT_THROW(openapi_document(app), std::logic_error);
    }
    {
        App app;  // a schema nobody wrote
        app.add(route("GET", "/api/v1/test-thing", "Thing"));
        EXPECT_THROW(openapi_document(app), std::logic_error);
    }
    {
        App app;  // an operationId taken
        app.add(route("GET", "/api/v1/test-missions", "MissionPage", "listMissions"));
        EXPECT_THROW(openapi_document(app), std::logic_error);
    }
    {
        App app;  // not an identifier
        app.add(route("GET", "/api/v1/test-thing", "Mission", "get-thing"));
        EXPECT_THROW(openapi_document(app), std::logic_error);
    }
}

TEST(OpenApi, PortalPagesAreNotOperations) {
    const auto& doc = document();
    const App app;
    for (const auto& r : app.routes()) {
        const bool listed = doc["paths"].contains(r.path) && doc["paths"][r.path].contains([&] {
            std::string m = r.method;
            std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
            return m;
        }());
        EXPECT_EQ(listed, r.audience != Audience::page) << r.method << " " << r.path;
    }
}

}  // namespace
