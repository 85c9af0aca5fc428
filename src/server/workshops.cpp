// Workshops and registrations taken from anonymous input, and the views of them (detail/workshops.hpp).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "model/json.hpp"
#include "model/validation.hpp"
#include "server/credentials.hpp"
#include "server/detail/rate_limits.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using nlohmann::json;

model::Timestamp now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "";
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

// A Host header we may write into a link: a name or address with an optional port, nothing else.
bool plain_host(std::string_view host) {
    return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
}

}  // namespace

model::Workshop workshop_of(Context& ctx, const std::string& id) {
    auto w = model::is_valid_slug(id) ? ctx.store.workshop(id) : std::nullopt;
    if (!w) throw not_found("workshop", id);
    return *w;
}

std::vector<std::string> public_attendees(Context& ctx, const model::Workshop& w) {
    std::vector<std::string> names;
    for (const auto& r : ctx.store.registrations(w.id)) {
        if (r.status == model::RegistrationStatus::confirmed && r.publish_name && !r.purged && !r.name.empty()) {
            names.push_back(r.name);
        }
    }
    return names;
}

std::string workshop_url(const Context& ctx, const std::string& id) {
    std::string origin = ctx.app.public_origin;
    if (origin.empty()) {
        const auto host = ctx.req.header("Host");
        origin = "http://" + (plain_host(host) ? host : std::string("localhost"));
    }
    return origin + "/workshops/" + id;
}

json workshop_view(Context& ctx, const model::Workshop& w) {
    auto view = model::workshop_json(w);
    const auto counts = ctx.store.registration_counts(w.id);
    view["counts"] = {{"confirmed", counts.confirmed},
                      {"waitlisted", counts.waitlisted},
                      {"seats_left", std::max<long long>(0, w.capacity - counts.confirmed)}};
    view["registration"] = model::registration_state(w, now());
    view["waitlist_rule"] = waitlist_rule;
    view["attendees"] = public_attendees(ctx, w);
    view["personal_data_purged"] = w.purged_at.has_value();
    view["created_at"] = model::format_timestamp(w.created_at);
    view["page"] = "/workshops/" + w.id;
    view["calendar"] = "/workshops/" + w.id + ".ics";
    return view;
}

void require_host(const Context& ctx, const model::Workshop& w, const std::string& what) {
    if (!can_host_workshop(ctx.caller, w.host_agency)) {
        throw HttpError(Problem::forbidden, "only the secretariat and planners of " + w.host_agency + " " + what);
    }
}

model::Workshop create_workshop(Context& ctx, const json& body) {
    std::vector<model::FieldError> errors;
    model::Workshop w;
    try {
        w = model::workshop_from_json(body);
    } catch (const model::ValidationError& e) {
        errors = e.errors();
    }
    // NOTE: who may host is decided before the record's own errors, so a planner learns nothing about the rules
    // for another agency's workshops; an agency that does not exist is a field error, not a refusal.
    const bool known_host = !w.host_agency.empty() && ctx.data().agency(w.host_agency) != nullptr;
    if (known_host && !can_host_workshop(ctx.caller, w.host_agency)) {
        throw HttpError(Problem::forbidden,
                        "only the secretariat and planners of " + w.host_agency + " create its workshops");
    }
    if (!ctx.caller.secretariat() && !ctx.caller.planner()) {
        throw HttpError(Problem::forbidden, "only the secretariat and agencies' planners create workshops");
    }
    if (!w.host_agency.empty() && !known_host) errors.push_back({"/host_agency", "'" + w.host_agency + "' is no agency"});
    if (errors.empty()) errors = model::workshop_errors(w);
    model::throw_if_any(errors);
    const auto stored = ctx.store.create_workshop(w, actor_of(ctx.caller));
    spdlog::info("workshop: created id={} host={} by={}", log_value(stored.id), log_value(stored.host_agency),
                 log_value(ctx.caller.user));
    return stored;
}

RegistrationReceipt register_for_workshop(Context& ctx, model::RegistrationRequest r) {
    r.name = trimmed(r.name);
    r.email = trimmed(r.email);
    r.affiliation = trimmed(r.affiliation);
    const auto w = workshop_of(ctx, r.workshop);
    model::throw_if_any(model::registration_errors(r));
    const auto state = model::registration_state(w, now());
    if (state != "open") {
        throw HttpError(Problem::registration_closed,
                        state == "closed" ? "registration for this workshop closed on " +
                                                model::format_day(w.registration_closes)
                                          : "registration for this workshop opens on " +
                                                model::format_day(w.registration_opens));
    }
    const auto source = submission_source(ctx, "registration");
    check_rate_limits(ctx, ctx.app.registration_limits, "registrations", [&](model::Timestamp since) {
        const auto c = ctx.store.count_recent_registrations(source, r.email, since);
        return RecentSubmissions{c.from_source, c.from_email};
    });
    RegistrationReceipt receipt;
    receipt.token = random_token(32);
    const auto result = ctx.store.register_for_workshop({r, digest(receipt.token), source});
    receipt.registration = result.registration;
    receipt.created = result.created;
    if (!result.created) receipt.token.clear();  // never hand a management token to whoever knows an email
    spdlog::info("workshop: registration id={} workshop={} status={} new={}", result.registration.id,
                 log_value(w.id), model::to_string(result.registration.status), result.created);
    return receipt;
}

model::Registration registration_of(Context& ctx, const std::string& token) {
    auto r = ctx.store.registration_by_token(digest(token));
    if (!r) throw not_found("registration", "");
    return *r;
}

json registration_view(Context& ctx, const model::Registration& r) {
    const auto w = ctx.store.workshop(r.workshop);
    return {{"workshop", r.workshop},
            {"workshop_title", w ? w->title : std::string()},
            {"status", model::to_string(r.status)},
            {"position", r.position},
            {"name", r.purged ? json(nullptr) : json(r.name)},
            {"affiliation", r.affiliation},
            {"publish_name", r.publish_name},
            {"registered_at", model::format_timestamp(r.created_at)},
            {"purged", r.purged},
            {"waitlist_rule", waitlist_rule}};
}

}  // namespace ger::server::detail
