// The portal's workshop pages: the list, one workshop (details, agenda, counts, the names attendees agreed to
// show, the waiting-list rule and the registration form with its trap field), its agenda as iCalendar
// (/workshops/{id}.ics), the host's attendee list (CSV), and the registrant's page where they follow and cancel
// their registration.
#include <spdlog/spdlog.h>

#include "model/action_item.hpp"
#include "model/json.hpp"
#include "model/validation.hpp"
#include "render/workshop_files.hpp"
#include "server/credentials.hpp"
#include "server/detail/action_items.hpp"
#include "server/detail/pages.hpp"
#include "server/detail/workshops.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;

constexpr std::string_view calendar_suffix = ".ics";

model::Timestamp now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string days_text(const model::Workshop& w) {
    const auto first = model::format_day(w.starts);
    const auto last = model::format_day(w.ends);
    return first == last ? first : first + " to " + last;
}

std::string state_text(const model::Workshop& w) {
    const auto state = model::registration_state(w, now());
    if (state == "open") return "Registration open until " + model::format_day(w.registration_closes) + " (UTC)";
    if (state == "not-yet-open") return "Registration opens on " + model::format_day(w.registration_opens);
    return "Registration closed";
}

std::string seats_text(long long confirmed, long long waitlisted, int capacity) {
    std::string text = std::to_string(confirmed) + " of " + std::to_string(capacity) + " seats taken";
    if (waitlisted > 0) text += ", " + std::to_string(waitlisted) + " on the waiting list";
    return text;
}

void list_page(Context& ctx) {
    Html h;
    h("<h1>Workshops</h1><p>Workshops the forum's agencies hold with the space community on the roadmap. No account "
      "is needed to register.</p>");
    if (ctx.session && (ctx.caller.secretariat() || ctx.caller.planner())) {
        h("<p class=\"page-tools\"><a href=\"/workspace/workshops/new\">Create a workshop</a></p>");
    }
    const auto workshops = ctx.store.workshops();
    if (workshops.empty()) h("<p>No workshop is planned.</p>");
    h("<ul class=\"workshops\">");
    for (const auto& w : workshops) {
        const auto c = ctx.store.registration_counts(w.id);
        h("<li><a href=\"/workshops/{}\">{}</a><br>{} · {} · hosted by {}<br>{} · {}</li>", w.id, w.title,
          days_text(w), w.place, w.host_agency, state_text(w), seats_text(c.confirmed, c.waitlisted, w.capacity));
    }
    h("</ul>");
    send_page(ctx, 200, "Workshops", h, std::nullopt);
}

Html agenda_html(const model::Workshop& w) {
    Html h;
    if (w.agenda.empty()) return h;
    h("<section aria-labelledby=\"agenda-heading\"><h2 id=\"agenda-heading\">Agenda</h2><p>Times are UTC. "
      "<a href=\"/workshops/{}.ics\">Add the agenda to your calendar</a> (iCalendar).</p><table><thead><tr>"
      "<th scope=\"col\">Starts</th><th scope=\"col\">Ends</th><th scope=\"col\">Session</th>"
      "<th scope=\"col\">Speakers</th></tr></thead><tbody>",
      w.id);
    for (const auto& s : w.agenda) {
        h("<tr><td><time datetime=\"{}\">{}</time></td><td><time datetime=\"{}\">{}</time></td><td><strong>{}</strong>",
          model::format_timestamp(s.starts), when_text(s.starts), model::format_timestamp(s.ends), when_text(s.ends),
          s.title);
        if (!s.description.empty()) h("<br>{}", s.description);
        h("</td><td>{}</td></tr>", s.speakers.empty() ? std::string() : joined(s.speakers));
    }
    return h("</tbody></table></section>");
}

Html registration_form(const model::Workshop& w, const json& values, const FieldErrors& errors) {
    Html h;
    h("<section class=\"card\" aria-labelledby=\"form-heading\"><h2 id=\"form-heading\">Register</h2>"
      "<p>No account is needed. Your email is seen only by the host ({} and the forum's secretariat) and is used "
      "to tell you of a change. Names, emails and affiliations are deleted some weeks after the workshop.</p>",
      w.host_agency);
    if (errors.count("")) h("<p class=\"error-summary\" role=\"alert\">{}</p>", joined(errors.at("")));
    if (!errors.empty() && !errors.count("")) {
        h("<p class=\"error-summary\" role=\"alert\">You are not registered yet: correct the fields marked below.</p>");
    }
    h("<form method=\"post\" action=\"/workshops/{}/registrations\">", w.id);
    h.add(text_field(errors, values, "name", "Your name", "At most 120 characters.", true));
    h.add(text_field(errors, values, "email", "Email", "Seen by the host only.", true));
    h.add(text_field(errors, values, "affiliation", "Affiliation (optional)", "Your organisation."));
    const bool consent = values.contains("publish_name") && values["publish_name"] == "yes";
    h("<div class=\"field\"><input type=\"checkbox\" id=\"m-publish_name\" name=\"publish_name\" value=\"yes\"{}>"
      " <label for=\"m-publish_name\">Show my name on this page among the attendees</label></div>",
      consent ? Html::from_escaped(" checked") : Html());
    h.add(trap_field_html());
    return h("<button type=\"submit\">Register</button></form></section>");
}

// The workshop's action items; its hosts also get a form per item to move it on and one to add an item.
Html action_items_section(Context& ctx, const model::Workshop& w) {
    const auto items = ctx.store.action_items(w.id);
    Html h;
    h("<section aria-labelledby=\"actions-heading\"><h2 id=\"actions-heading\">Action items</h2>");
    if (items.empty()) h("<p>No action items yet.</p>");
    if (!items.empty()) h.add(action_items_html(ctx, items, false));
    if (ctx.session && can_host_workshop(ctx.caller, w.host_agency)) h.add(action_item_forms(w, items));
    return h("</section>");
}

void workshop_page_with(Context& ctx, const model::Workshop& w, int status, const json& values,
                        const FieldErrors& errors) {
    const auto c = ctx.store.registration_counts(w.id);
    const auto names = public_attendees(ctx, w);
    Html h;
    h("<p><a href=\"/workshops\">Workshops</a></p><h1>{}</h1>", w.title);
    h("<dl class=\"facts\"><dt>When</dt><dd>{}</dd><dt>Where</dt><dd>{}</dd><dt>Host</dt><dd><a href=\"/agencies/{}\">"
      "{}</a></dd><dt>Seats</dt><dd>{}</dd><dt>Registration</dt><dd>{} (opens {}, closes {})</dd></dl>",
      days_text(w), w.place, w.host_agency, w.host_agency, seats_text(c.confirmed, c.waitlisted, w.capacity),
      state_text(w), model::format_day(w.registration_opens), model::format_day(w.registration_closes));
    if (!w.description.empty()) h("<p class=\"text\">{}</p>", w.description);
    h.add(agenda_html(w));
    h("<section aria-labelledby=\"attendees-heading\"><h2 id=\"attendees-heading\">Attendees</h2>");
    if (w.purged_at) {
        h("<p>The attendees' personal data was deleted after the workshop; {} attended.</p>", c.confirmed);
    } else if (names.empty()) {
        h("<p>No attendee has chosen to show their name yet.</p>");
    } else {
        h("<p>Confirmed attendees who chose to show their name:</p><ul>");
        for (const auto& n : names) h("<li>{}</li>", n);
        h("</ul>");
    }
    h("</section>");
    h.add(action_items_section(ctx, w));
    h("<section aria-labelledby=\"rule-heading\"><h2 id=\"rule-heading\">The waiting list</h2><p>{}</p>"
      "</section>",
      waitlist_rule);
    if (can_host_workshop(ctx.caller, w.host_agency)) {
        h("<p><a href=\"/workshops/{}/attendees.csv\">Download the attendee list</a> (CSV, with emails: for the host "
          "only).</p>",
          w.id);
    }
    if (model::registration_state(w, now()) == "open") h.add(registration_form(w, values, errors));
    if (!w.source.empty()) h("<p class=\"hint\">Source: {}</p>", w.source);
    send_page(ctx, status, w.title, h, LastUpdate{w.created_at, w.created_by});
}

void calendar(Context& ctx, const std::string& id) {
    const auto w = workshop_of(ctx, id);
    const auto url = workshop_url(ctx, w.id);
    const auto scheme_end = url.find("://");
    const auto host_end = url.find('/', scheme_end + 3);
    const auto domain = url.substr(scheme_end + 3, host_end - scheme_end - 3);
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + w.id + ".ics\"");
    ctx.res.set_content(render::workshop_calendar(w, url, domain), "text/calendar; charset=utf-8");
}

void workshop_page(Context& ctx) {
    const auto& id = ctx.path_param("id");
    if (id.size() > calendar_suffix.size() && id.ends_with(calendar_suffix)) {
        calendar(ctx, id.substr(0, id.size() - calendar_suffix.size()));
        return;
    }
    workshop_page_with(ctx, workshop_of(ctx, id), 200, json::object(), {});
}

void post_registration(Context& ctx) {
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    json values = json::object();
    for (const char* key : {"name", "email", "affiliation", "publish_name"}) values[key] = ctx.form(key);
    if (!ctx.form(trap_field).empty()) {
        // NOTE: the page a person gets for an email already registered: a bot learns nothing, nothing is stored.
        spdlog::warn("security: registration-trap client={}", log_value(ctx.req.client_addr));
        Html h;
        h("<h1>Thank you</h1><p>Your registration was received. If this email address was already registered, "
          "its owner was sent a message.</p>");
        send_page(ctx, 200, "Registration received", h, std::nullopt);
        return;
    }
    model::RegistrationRequest r{w.id, ctx.form("name"), ctx.form("email"), ctx.form("affiliation"),
                                 ctx.form("publish_name") == "yes"};
    try {
        const auto receipt = register_for_workshop(ctx, std::move(r));
        if (!receipt.created) {
            Html h;
            h("<h1>Already registered</h1><p>This email address is already registered for {}. We sent a message to "
              "it; use the address you were given when you registered to see or cancel that registration.</p>"
              "<p><a href=\"/workshops/{}\">Back to the workshop</a></p>",
              w.title, w.id);
            send_page(ctx, 200, "Already registered", h, std::nullopt);
            return;
        }
        redirect(ctx, "/registrations/" + receipt.token);
    } catch (const model::ValidationError& e) {
        workshop_page_with(ctx, w, 422, values, errors_of(e));
    }
}

void attendees_csv(Context& ctx) {
    require_session(ctx);
    const auto w = workshop_of(ctx, ctx.path_param("id"));
    require_host(ctx, w, "download its attendees");
    spdlog::info("workshop: attendees exported workshop={} by={}", log_value(w.id), log_value(ctx.caller.user));
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + w.id + "-attendees.csv\"");
    ctx.res.set_content(render::attendees_csv(ctx.store.registrations(w.id)), "text/csv; charset=utf-8");
}

std::string registration_text(const model::Registration& r) {
    switch (r.status) {
        case model::RegistrationStatus::confirmed: return "Confirmed: you have a seat.";
        case model::RegistrationStatus::waitlisted:
            return "On the waiting list: you are number " + std::to_string(r.position) + ".";
        case model::RegistrationStatus::cancelled: return "Cancelled.";
    }
    return "";
}

void registration_page(Context& ctx) {
    const auto& token = ctx.path_param("token");
    const auto r = registration_of(ctx, token);
    const auto w = ctx.store.workshop(r.workshop);
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Referrer-Policy", "no-referrer");
    Html h;
    h("<h1>Your registration</h1><p class=\"notice\" role=\"status\"><strong>{}</strong></p>", registration_text(r));
    h("<p>Keep this page's address: it is the only way to see or cancel your registration, and nobody else has "
      "it.</p>");
    h("<dl class=\"facts\"><dt>Workshop</dt><dd><a href=\"/workshops/{}\">{}</a></dd>", r.workshop,
      w ? w->title : r.workshop);
    if (w) h("<dt>When</dt><dd>{}</dd><dt>Where</dt><dd>{}</dd>", days_text(*w), w->place);
    h("<dt>Name</dt><dd>{}</dd><dt>Name shown to the public</dt><dd>{}</dd><dt>Registered</dt><dd>{}</dd></dl>",
      r.purged ? std::string("deleted after the workshop") : r.name, r.publish_name ? "yes" : "no",
      when_text(r.created_at));
    h("<p>{}</p>", waitlist_rule);
    if (r.status != model::RegistrationStatus::cancelled) {
        h("<form method=\"post\" action=\"/registrations/{}/cancel\"><button type=\"submit\">Cancel my registration"
          "</button></form>",
          token);
    }
    send_page(ctx, 200, "Your registration", h, std::nullopt);
}

void cancel_page(Context& ctx) {
    const auto& token = ctx.path_param("token");
    registration_of(ctx, token);
    const auto result = ctx.store.cancel_registration(digest(token), {"registrant", "", {}});
    if (result.promoted) {
        spdlog::info("workshop: registration id={} promoted from the waiting list", result.promoted->id);
    }
    redirect(ctx, "/registrations/" + token);
}

}  // namespace

void add_workshop_page_routes(App& app) {
    app.add(page("GET", "/workshops", "Workshops", list_page));
    app.add(page("GET", "/workshops/{id}", "One workshop and its registration form; /workshops/{id}.ics its agenda",
                 workshop_page));
    app.add(page("POST", "/workshops/{id}/registrations", "Register for a workshop", post_registration));
    app.add(page("GET", "/workshops/{id}/attendees.csv", "The attendee list (the host)", attendees_csv));
    app.add(page("GET", "/registrations/{token}", "One's registration", registration_page));
    app.add(page("POST", "/registrations/{token}/cancel", "Cancel one's registration", cancel_page));
}

}  // namespace ger::server::detail
