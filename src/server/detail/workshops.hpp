// Workshops and their registrations, shared by the API (workshops_api.cpp) and the portal (workshop_pages.cpp):
// the public view of a workshop (never an email), taking a registration from anonymous input (checks, the
// window, rate limits, a management token given once), the registrant's own view through that token, and the
// host's rights (access.hpp: can_host_workshop).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/workshop.hpp"
#include "server/detail/app.hpp"

namespace ger::server::detail {

// How the waiting list works, as the pages and the API describe it.
inline constexpr const char* waitlist_rule =
    "Seats are given first come, first served. When the workshop is full, new registrations join the waiting list "
    "in the order they arrive; when a confirmed attendee cancels, the first person on the waiting list gets the "
    "seat and is told by email.";

// 404 for an unknown id (the same answer as for any unknown record).
model::Workshop workshop_of(Context& ctx, const std::string& id);

// {"id", ..., "agenda", "counts": {"confirmed", "waitlisted", "seats_left"}, "registration": "open" | "not-yet-open"
// | "closed", "waitlist_rule", "attendees": [names that consented], "personal_data_purged", "calendar", "page"}.
nlohmann::json workshop_view(Context& ctx, const model::Workshop& workshop);
// The names of confirmed attendees who agreed to have them shown (in registration order).
std::vector<std::string> public_attendees(Context& ctx, const model::Workshop& workshop);

// 403 unless the caller hosts the workshop (its agency's planners, the secretariat).
void require_host(const Context& ctx, const model::Workshop& workshop, const std::string& what);

// A workshop from its JSON body, checked: 422 naming each bad field (the host agency must exist), 403 when the
// caller may not host for that agency. Stores it (409 when the id is taken).
model::Workshop create_workshop(Context& ctx, const nlohmann::json& body);

struct RegistrationReceipt {
    model::Registration registration;
    bool created = false;
    std::string token;  // given to the registrant once, only when created; only its digest is stored
};

// Checks the request (422 naming each bad field, 404 for an unknown workshop, 409 registration-closed outside
// the window), the rate limits (429), then registers. Nothing is stored when any check fails.
RegistrationReceipt register_for_workshop(Context& ctx, model::RegistrationRequest request);

// The registration a token belongs to; 404 for an unknown token.
model::Registration registration_of(Context& ctx, const std::string& token);
// What the token's holder sees: the workshop, their name and affiliation, status and position (no email).
nlohmann::json registration_view(Context& ctx, const model::Registration& registration);

// The URL of a workshop's page: the public URL's origin when configured, else this server's Host.
std::string workshop_url(const Context& ctx, const std::string& id);

void add_workshop_api_routes(App& app);
void add_workshop_page_routes(App& app);
void add_workshop_form_routes(App& app);  // workshop_forms.cpp: /workspace/workshops/new

}  // namespace ger::server::detail
