// The workshops API: creating a workshop (the secretariat, or planners of its host agency), the public list and
// record with counts and consenting names (never an email), anonymous registration with a management token, the
// registrant's own view and cancellation by that token, and the host's attendee list (detail/workshops.hpp).
#include <set>

#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/api_kit.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

void create(Context& ctx) {
    require_json_body(ctx, false);
    const auto body = parse_body(ctx);
    const auto stored = create_workshop(ctx, body);
    ctx.res.set_header("Location", "/api/v1/workshops/" + stored.id);
    send_json(ctx, workshop_view(ctx, stored), 201);
}

void list(Context& ctx) {
    std::vector<json> items;
    for (const auto& w : ctx.store.workshops()) items.push_back(workshop_view(ctx, w));
    send_item_page(ctx, std::move(items));
}

void get_one(Context& ctx) {
    send_json(ctx, workshop_view(ctx, workshop_of(ctx, ctx.path_param("id"))));
}

// The registration in a JSON body: name, email, affiliation (strings), publish_name (a boolean).
model::RegistrationRequest request_from(const Context& ctx, const json& body) {
    std::vector<model::FieldError> errors;
    model::RegistrationRequest r;
    r.workshop = ctx.path_param("id");
    const std::set<std::string> texts{"name", "email", "affiliation"};
    for (const auto& [key, value] : body.items()) {
        if (key == "publish_name") {
            if (value.is_boolean()) {
                r.publish_name = value.get<bool>();
            } else if (!value.is_null()) {
                errors.push_back({"/publish_name", "must be true or false"});
            }
        } else if (!texts.contains(key)) {
            errors.push_back({"/" + key, "unknown field (allowed: name, email, affiliation, publish_name)"});
        } else if (value.is_string()) {
            (key == "name" ? r.name : key == "email" ? r.email : r.affiliation) = value.get<std::string>();
        } else if (!value.is_null()) {
            errors.push_back({"/" + key, "must be a string"});
        }
    }
    model::throw_if_any(errors);
    return r;
}

void register_one(Context& ctx) {
    workshop_of(ctx, ctx.path_param("id"));  // 404 before the body's checks
    require_json_body(ctx, false);
    const auto body = parse_body(ctx);
    const auto receipt = register_for_workshop(ctx, request_from(ctx, body));
    ctx.res.set_header("Cache-Control", "no-store");
    json answer{{"status", model::to_string(receipt.registration.status)},
                {"position", receipt.registration.position},
                {"manage_token", receipt.created ? json(receipt.token) : json(nullptr)}};
    if (!receipt.created) {
        answer["note"] = "this email address is already registered; its owner was sent a message";
        send_json(ctx, answer, 200);
        return;
    }
    answer["note"] = "keep the manage_token: it is shown only once and is the only way to see or cancel this "
                     "registration";
    ctx.res.set_header("Location", "/api/v1/registrations/" + receipt.token);
    send_json(ctx, answer, 201);
}

void get_registration(Context& ctx) {
    const auto r = registration_of(ctx, ctx.path_param("token"));
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, registration_view(ctx, r));
}

void cancel(Context& ctx) {
    registration_of(ctx, ctx.path_param("token"));
    const auto result = ctx.store.cancel_registration(digest(ctx.path_param("token")), {"registrant", "", {}});
    if (result.promoted) {
        spdlog::info("workshop: registration id={} promoted from the waiting list", result.promoted->id);
    }
    ctx.res.set_header("Cache-Control", "no-store");
    send_json(ctx, registration_view(ctx, result.cancelled));
}

void attendees(Context& ctx) {
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    require_host(ctx, w, "read its attendees");
    std::vector<json> items;
    for (const auto& r : ctx.store.registrations(w.id)) {
        items.push_back({{"id", r.id},
                         {"status", model::to_string(r.status)},
                         {"position", r.position},
                         {"name", r.name},
                         {"email", r.email},
                         {"affiliation", r.affiliation},
                         {"publish_name", r.publish_name},
                         {"purged", r.purged},
                         {"registered_at", model::format_timestamp(r.created_at)}});
    }
    ctx.res.set_header("Cache-Control", "no-store");
    send_item_page(ctx, std::move(items));
}

const std::vector<QueryParam> page_params{{"limit", "page size (default 100, at most 500)", "integer", {}},
                                          {"offset", "items to skip", "integer", {}}};

}  // namespace

void add_workshop_api_routes(App& app) {
    app.add({"POST", "/api/v1/workshops",
             "Create a workshop (the secretariat, or planners of its host agency; audited)", Audience::api, create, {},
             "WorkshopInput", "Workshop", {201, 403, 409, 413, 415, 422}, false, true});
    app.add({"GET", "/api/v1/workshops", "Workshops, newest first, with their counts (public)", Audience::api, list,
             page_params, "", "WorkshopPage", {200, 400}});
    app.add({"GET", "/api/v1/workshops/{id}",
             "One workshop: agenda, counts, the names attendees agreed to show (public; never an email)",
             Audience::api, get_one, {}, "", "Workshop", {200, 404}});
    app.add({"POST", "/api/v1/workshops/{id}/registrations",
             "Register for a workshop (no account): 201 with a management token shown once; the same email again "
             "answers 200 with its registration and no token",
             Audience::api, register_one, {}, "RegistrationInput", "RegistrationReceipt",
             {200, 201, 404, 409, 413, 415, 422, 429}});
    app.add({"GET", "/api/v1/workshops/{id}/attendees",
             "The attendee list with emails (the secretariat, or planners of the host agency)", Audience::api,
             attendees, page_params, "", "AttendeePage", {200, 400, 403, 404}, false, true});
    app.add({"GET", "/api/v1/registrations/{token}", "One's own registration, by its management token",
             Audience::api, get_registration, {}, "", "RegistrationStatus", {200, 404}});
    Route cancel_route{"DELETE", "/api/v1/registrations/{token}",
                       "Cancel one's registration; the first on the waiting list gets the seat", Audience::api, cancel,
                       {}, "", "RegistrationStatus", {200, 404}};
    cancel_route.unconditional = true;
    app.add(std::move(cancel_route));
}

}  // namespace ger::server::detail
