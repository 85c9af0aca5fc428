// Human-accessible near-Earth asteroids: the newest complete NEA survey run (`ger survey --store`) as a public
// table people filter and sort (/asteroids, its CSV and JSON downloads, GET /api/v1/asteroids), a page per
// object with both round trips leg by leg and the outbound porkchop, and the status of a survey that is
// running (GET /api/v1/asteroids/survey). Survey runs come from the public catalogue: no access rule applies.
#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "analysis/analysis.hpp"
#include "analysis/asteroid_porkchop.hpp"
#include "model/planned_date.hpp"
#include "render/porkchop_svg.hpp"
#include "server/detail/asteroid_catalogue.hpp"
#include "server/detail/pages.hpp"
#include "server/html.hpp"
#include "server/http/url.hpp"

namespace ger::server::detail {
namespace {

using html::Html;
using nlohmann::json;
using Row = AsteroidCatalogue::Row;
using Survey = AsteroidCatalogue::Survey;

constexpr std::size_t page_rows = 100;      // rows per portal page
constexpr std::size_t api_default = 100;    // items per API page
constexpr std::size_t api_max = 1000;
constexpr std::size_t max_offset = 1000000;  // far past any catalogue; keeps offset + limit from wrapping

HttpError bad_query(const std::string& name, const std::string& message) {
    return HttpError(Problem::invalid_parameter, name + ": " + message, {{"query/" + name, message}});
}

const std::vector<std::string> sort_keys{"min_dv", "min_duration", "h", "launch", "viable_count", "designation"};

// The table's filters and order, from the query (the same for the page, its downloads and the API).
struct Selection {
    std::optional<double> max_dv, max_duration, min_h, max_h;
    std::optional<std::string> launch_from, launch_to;  // ISO days, inclusive
    std::optional<std::string> designation;             // a part of it, any case
    bool viable_only = true;
    std::string sort = "min_dv";
    bool descending = false;
};

std::optional<double> number(const Context& ctx, const std::string& name, double lo, double hi, const char* unit) {
    const auto text = ctx.query(name);
    if (!text) return std::nullopt;
    double value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) throw bad_query(name, "'" + *text + "' is not a number");
    if (value < lo || value > hi) throw bad_query(name, fmt::format("between {:g} and {:g} {}", lo, hi, unit));
    return value;
}

std::optional<std::string> day_bound(const Context& ctx, const std::string& name, bool last) {
    const auto text = ctx.query(name);
    if (!text) return std::nullopt;
    try {
        const auto d = model::parse_planned_date(*text);
        return analysis::format_day(last ? d.last_day() : d.first_day());
    } catch (const std::exception&) {
        throw bad_query(name, "'" + *text + "' is not a date like 2028, 2028-04 or 2028-04-20");
    }
}

Selection selection_of(const Context& ctx) {
    Selection s;
    s.max_dv = number(ctx, "max_dv", 0, 100, "km/s");
    s.max_duration = number(ctx, "max_duration", 0, 10000, "days");
    s.min_h = number(ctx, "min_h", -5, 40, "(absolute magnitude)");
    s.max_h = number(ctx, "max_h", -5, 40, "(absolute magnitude)");
    s.launch_from = day_bound(ctx, "launch_from", false);
    s.launch_to = day_bound(ctx, "launch_to", true);
    s.designation = ctx.query("designation");
    if (s.designation && s.designation->size() > 64) throw bad_query("designation", "at most 64 characters");
    if (const auto v = ctx.query("viable")) {
        if (*v != "yes" && *v != "all") throw bad_query("viable", "'" + *v + "' is not one of yes, all");
        s.viable_only = *v == "yes";
    }
    if (const auto v = ctx.query("sort")) {
        if (std::find(sort_keys.begin(), sort_keys.end(), *v) == sort_keys.end()) {
            throw bad_query("sort", "'" + *v + "' is not one of min_dv, min_duration, h, launch, viable_count, designation");
        }
        s.sort = *v;
    }
    if (const auto v = ctx.query("order")) {
        if (*v != "asc" && *v != "desc") throw bad_query("order", "'" + *v + "' is not one of asc, desc");
        s.descending = *v == "desc";
    }
    return s;
}

// Rows that pass, in the chosen order (the survey's presorted one; descending walks its valued part backwards);
// rows without the sorted value last, whatever the order.
std::vector<const Row*> select(const Survey& survey, const Selection& s) {
    const auto order_index = static_cast<std::size_t>(
        std::find(sort_keys.begin(), sort_keys.end(), s.sort) - sort_keys.begin());
    const auto& order = survey.ascending[order_index];
    const auto valued = survey.valued[order_index];
    const auto part = s.designation ? AsteroidCatalogue::key_of(*s.designation) : std::string();
    std::vector<const Row*> out;
    const auto consider = [&](const Row& r) {
        if (s.viable_only && r.viable_count == 0) return;
        if (s.max_dv && !(r.min_dv_km_s && *r.min_dv_km_s <= *s.max_dv)) return;
        if (s.max_duration && !(r.min_duration_days && *r.min_duration_days <= *s.max_duration)) return;
        if (s.min_h && !(r.h_mag && *r.h_mag >= *s.min_h)) return;
        if (s.max_h && !(r.h_mag && *r.h_mag <= *s.max_h)) return;
        if (s.launch_from && !(r.launch && *r.launch >= *s.launch_from)) return;
        if (s.launch_to && !(r.launch && *r.launch <= *s.launch_to)) return;
        if (s.designation && r.key.find(part) == std::string::npos) return;
        out.push_back(&r);
    };
    if (s.descending) {
        for (std::size_t i = valued; i-- > 0;) consider(survey.rows[order[i]]);
    } else {
        for (std::size_t i = 0; i < valued; ++i) consider(survey.rows[order[i]]);
    }
    for (std::size_t i = valued; i < order.size(); ++i) consider(survey.rows[order[i]]);
    return out;
}

json run_json(const store::SurveyRun& run) {
    auto criteria = json::parse(run.criteria, nullptr, false);
    if (criteria.is_discarded() || !criteria.is_object()) criteria = json::object();
    return {{"id", run.id},
            {"state", std::string(store::to_string(run.state))},
            {"started_at", model::format_timestamp(run.started_at)},
            {"updated_at", model::format_timestamp(run.updated_at)},
            {"finished_at", run.finished_at ? json(model::format_timestamp(*run.finished_at)) : json(nullptr)},
            {"catalogue", run.catalogue},
            {"device", run.device},
            {"planned", run.planned},
            {"done", run.done},
            {"legs_solved", run.legs_solved},
            {"message", run.message},
            {"criteria", criteria}};
}

// The stored round trip JSON of a row (`ger survey --format json`'s target object); null members stay null.
json detail_of(const Row& r) {
    auto d = json::parse(r.detail, nullptr, false);
    return d.is_discarded() || !d.is_object() ? json::object() : d;
}

// 6336230981 -> "6,336,230,981"
std::string grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string fixed(const std::optional<double>& v, int digits, const char* none = "—") {
    return v ? fmt::format("{:.{}f}", *v, digits) : std::string(none);
}

// The query string of `s` with `changes` applied ("" values removed), for links that keep the filters.
std::string query_with(const Context& ctx, const std::vector<std::pair<std::string, std::string>>& changes) {
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& [k, v] : ctx.req.query) {
        if (std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c.first == k; })) continue;
        if (!v.empty()) params.emplace_back(k, v);
    }
    for (const auto& c : changes) {
        if (!c.second.empty()) params.push_back(c);
    }
    std::string q;
    for (const auto& [k, v] : params) q += (q.empty() ? "?" : "&") + http::encode_component(k) + "=" + http::encode_component(v);
    return q;
}

std::shared_ptr<const Survey> survey_of(Context& ctx) { return ctx.app.asteroids->current(ctx.store); }

Html criteria_box(const Survey& survey) {
    const auto& c = survey.criteria;
    const auto num = [&](const char* key, const char* unit) {
        return c.contains(key) && c[key].is_number() ? fmt::format("{:g} {}", c[key].get<double>(), unit) : std::string("—");
    };
    const auto str = [&](const char* key) {
        return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : std::string("—");
    };
    Html h;
    h("<aside class=\"card criteria\" aria-labelledby=\"criteria\"><h2 id=\"criteria\">Criteria of this survey</h2>"
      "<dl class=\"facts\"><dt>Launches</dt><dd>{} to {}, one every {}</dd><dt>Round trip</dt><dd>at most {}, at least {} "
      "at the asteroid</dd><dt>Launch C3</dt><dd>at most {}</dd><dt>Total Δv</dt><dd>at most {} (injection from a "
      "{} circular orbit, arrival, departure)</dd><dt>Earth entry</dt><dd>at most {} at {}</dd><dt>H</dt><dd>{}</dd>"
      "<dt>Catalogue</dt><dd>{}</dd><dt>Model</dt><dd>{}</dd><dt>Run</dt><dd>{}, {} objects surveyed, {} with a "
      "viable round trip</dd></dl></aside>",
      str("launch_from"), str("launch_to"), num("launch_step_days", "day(s)"), num("max_duration_days", "days"),
      num("min_stay_days", "days"), num("max_c3_km2_s2", "km²/s²"), num("max_total_dv_km_s", "km/s"),
      num("parking_alt_km", "km"), num("max_entry_speed_km_s", "km/s"), num("entry_alt_km", "km"),
      c.contains("max_h") && c["max_h"].is_number() ? fmt::format("at most {:g}", c["max_h"].get<double>())
                                                    : std::string("any"),
      survey.run.catalogue, str("model"),
      survey.run.finished_at ? when_text(*survey.run.finished_at) : when_text(survey.run.updated_at),
      survey.rows.size(), survey.viable);
    return h;
}

Html running_note(Context& ctx) {
    Html h;
    const auto running = ctx.store.latest_survey_run(store::SurveyRunState::running);
    if (!running) return h;
    h("<p class=\"notice\" role=\"status\">A survey is running: {} of {} objects ({}%), last report {}. Its status: "
      "<a href=\"/api/v1/asteroids/survey\">/api/v1/asteroids/survey</a>.</p>",
      running->done, running->planned,
      running->planned > 0 ? fmt::format("{:.0f}", 100.0 * static_cast<double>(running->done) / static_cast<double>(running->planned))
                           : std::string("0"),
      when_text(running->updated_at));
    return h;
}

Html field(const Context& ctx, const char* name, const char* label, const char* hint) {
    Html h;
    h("<div><label for=\"a-{}\">{}</label><input id=\"a-{}\" name=\"{}\" value=\"{}\" size=\"10\" "
      "aria-describedby=\"a-{}-hint\"><small id=\"a-{}-hint\">{}</small></div>",
      name, label, name, name, ctx.query(name).value_or(""), name, name, hint);
    return h;
}

Html sort_header(const Context& ctx, const Selection& s, const std::string& key, const char* label) {
    Html h;
    const bool current = s.sort == key;
    const std::string next_order = current && !s.descending ? "desc" : "asc";
    h("<th scope=\"col\"{}><a href=\"/asteroids{}\">{}{}</a></th>",
      current ? Html()(" aria-sort=\"{}\"", s.descending ? "descending" : "ascending") : Html(),
      query_with(ctx, {{"sort", key}, {"order", next_order}, {"offset", ""}}), label,
      current ? (s.descending ? " ▼" : " ▲") : "");
    return h;
}

std::size_t size_query(const Context& ctx, const std::string& name, std::size_t fallback, std::size_t lo, std::size_t hi) {
    const auto text = ctx.query(name);
    if (!text) return fallback;
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) throw bad_query(name, "'" + *text + "' is not a whole number");
    if (value < lo || value > hi) throw bad_query(name, "between " + std::to_string(lo) + " and " + std::to_string(hi));
    return value;
}

void asteroids_page(Context& ctx) {
    const auto survey = survey_of(ctx);
    const auto s = selection_of(ctx);
    Html h;
    h("<h1>Human-accessible near-Earth asteroids</h1><p class=\"lead\">Round trips from the Earth to each catalogued "
      "near-Earth asteroid and back, under criteria in the manner of NASA's NHATS: the launch energy, the total Δv, "
      "the mission's length and the speed of Earth entry. The table ranks the objects by their least total Δv.</p>");
    h.add(running_note(ctx));
    if (!survey) {
        h("<p>No survey is stored yet. On the server: <code>ger survey --store --db DATABASE</code> (the whole "
          "catalogue, about 20 minutes on 2 cores), or <code>--shard 0/100</code> for a part of it.</p>");
        ctx.res.set_header("Cache-Control", "no-store");
        return send_page(ctx, 200, "Human-accessible asteroids", h, std::nullopt);
    }
    const auto rows = select(*survey, s);
    const std::size_t offset = size_query(ctx, "offset", 0, 0, max_offset);
    h("<div class=\"asteroids\"><div><form class=\"filters\" method=\"get\" action=\"/asteroids\" role=\"search\">{}{}{}{}"
      "{}{}{}<div><label for=\"a-viable\">Objects</label><select id=\"a-viable\" name=\"viable\">"
      "<option value=\"yes\"{}>with a viable round trip</option><option value=\"all\"{}>every surveyed object</option>"
      "</select></div><input type=\"hidden\" name=\"sort\" value=\"{}\"><input type=\"hidden\" name=\"order\" "
      "value=\"{}\"><div><button type=\"submit\">Filter</button> <a href=\"/asteroids\">Clear</a></div></form>",
      field(ctx, "designation", "Designation", "a part of it"), field(ctx, "max_dv", "Total Δv at most", "km/s"),
      field(ctx, "max_duration", "Round trip at most", "days"), field(ctx, "min_h", "H from", "magnitude"),
      field(ctx, "max_h", "H to", "smaller H: larger object"), field(ctx, "launch_from", "Launch from", "2028 or 2028-04-20"),
      field(ctx, "launch_to", "Launch to", "inclusive"), s.viable_only ? " selected" : "", s.viable_only ? "" : " selected",
      s.sort, s.descending ? "desc" : "asc");
    h("<p>{} of {} objects match. Download them: <a href=\"/asteroids.csv{}\">CSV</a>, <a href=\"/asteroids.json{}\">"
      "JSON</a>.</p>",
      rows.size(), survey->rows.size(), query_with(ctx, {{"offset", ""}}), query_with(ctx, {{"offset", ""}}));
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Asteroids\"><table><thead><tr>"
      "<th scope=\"col\">Rank</th>");
    h.add(sort_header(ctx, s, "designation", "Designation"));
    h.add(sort_header(ctx, s, "h", "H"));
    h.add(sort_header(ctx, s, "min_dv", "Least Δv [km/s]"));
    h.add(sort_header(ctx, s, "min_duration", "Shortest round trip [days]"));
    h.add(sort_header(ctx, s, "launch", "Launch (least Δv)"));
    h.add(sort_header(ctx, s, "viable_count", "Viable round trips"));
    h("</tr></thead><tbody>");
    for (std::size_t i = offset; i < rows.size() && i < offset + page_rows; ++i) {
        const auto& r = *rows[i];
        h("<tr><td>{}</td><td><a href=\"/asteroids/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td></tr>",
          i + 1, http::encode_component(r.designation), r.designation, fixed(r.h_mag, 1), fixed(r.min_dv_km_s, 3),
          fixed(r.min_duration_days, 0), r.launch.value_or("—"), grouped(r.viable_count));
    }
    h("</tbody></table></div>");
    if (rows.size() > page_rows) {
        h("<nav aria-label=\"Pages of the table\"><p>Rows {} to {}.", std::min(offset + 1, rows.size()),
          std::min(offset + page_rows, rows.size()));
        if (offset > 0) {
            h(" <a href=\"/asteroids{}\">Previous</a>",
              query_with(ctx, {{"offset", std::to_string(offset > page_rows ? offset - page_rows : 0)}}));
        }
        if (offset + page_rows < rows.size()) {
            h(" <a href=\"/asteroids{}\">Next</a>", query_with(ctx, {{"offset", std::to_string(offset + page_rows)}}));
        }
        h("</p></nav>");
    }
    h("</div>");
    h.add(criteria_box(*survey));
    h("</div>");
    send_page(ctx, 200, "Human-accessible asteroids", h, LastUpdate{survey->run.updated_at, "ger survey"});
}

void asteroids_csv(Context& ctx) {
    const auto survey = survey_of(ctx);
    if (!survey) throw not_found("survey run", "latest");
    const auto s = selection_of(ctx);
    std::string out = "rank,designation,h,min_dv_km_s,min_duration_days,launch,viable_count\r\n";
    std::size_t rank = 0;
    for (const auto* r : select(*survey, s)) {
        // NOTE: designations hold letters, digits, spaces and parentheses; quoted anyway, quotes doubled.
        std::string quoted = "\"";
        for (const char c : r->designation) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += '"';
        out += fmt::format("{},{},{},{},{},{},{}\r\n", ++rank, quoted, fixed(r->h_mag, 1, ""),
                           fixed(r->min_dv_km_s, 4, ""), fixed(r->min_duration_days, 0, ""), r->launch.value_or(""),
                           r->viable_count);
    }
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"ger-asteroids-run-" +
                                                  std::to_string(survey->run.id) + ".csv\"");
    ctx.res.set_content(std::move(out), "text/csv; charset=utf-8");
}

// The items of rows[offset, offset + limit) as a JSON array, from each row's serialized form.
std::string items_json(const std::vector<const Row*>& rows, std::size_t offset, std::size_t limit) {
    std::string out = "[";
    for (std::size_t i = offset; i < rows.size() && i < offset + limit; ++i) {
        if (out.size() > 1) out += ',';
        out += rows[i]->item_json;
    }
    return out + "]";
}

void asteroids_json(Context& ctx) {
    const auto survey = survey_of(ctx);
    if (!survey) throw not_found("survey run", "latest");
    const auto rows = select(*survey, selection_of(ctx));
    std::string body = "{\"run\":" + run_json(survey->run).dump() + ",\"total\":" + std::to_string(rows.size()) +
                       ",\"items\":" + items_json(rows, 0, rows.size()) + "}";
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"ger-asteroids-run-" +
                                                  std::to_string(survey->run.id) + ".json\"");
    ctx.res.set_content(std::move(body), "application/json");
}

void list_asteroids(Context& ctx) {
    const auto s = selection_of(ctx);
    const auto limit = size_query(ctx, "limit", api_default, 1, api_max);
    const auto offset = size_query(ctx, "offset", 0, 0, max_offset);
    const auto survey = survey_of(ctx);
    std::vector<const Row*> rows;
    if (survey) rows = select(*survey, s);
    json next = nullptr;
    if (offset + limit < rows.size()) next = ctx.req.path + query_with(ctx, {{"offset", std::to_string(offset + limit)}});
    std::string body = "{\"items\":" + items_json(rows, offset, limit) + ",\"limit\":" + std::to_string(limit) +
                       ",\"next\":" + next.dump() + ",\"offset\":" + std::to_string(offset) +
                       ",\"total\":" + std::to_string(rows.size()) + "}";
    ctx.res.set_content(std::move(body), "application/json");
}

json round_trip_of(const json& detail, const char* which) {
    return detail.contains(which) && detail[which].is_object() ? detail[which] : json(nullptr);
}

void get_asteroid(Context& ctx) {
    const auto& designation = ctx.path_param("designation");
    const auto survey = survey_of(ctx);
    const Row* r = survey ? survey->find(designation) : nullptr;
    if (!r) throw not_found("asteroid", designation);
    const auto d = detail_of(*r);
    auto body = json::parse(r->item_json);
    body["min_dv"] = round_trip_of(d, "min_dv");
    body["min_duration"] = round_trip_of(d, "min_duration");
    body["run"] = survey->run.id;
    ctx.res.set_content(body.dump(), "application/json");
}

void survey_status(Context& ctx) {
    const auto complete = ctx.store.latest_survey_run(store::SurveyRunState::complete);
    const auto running = ctx.store.latest_survey_run(store::SurveyRunState::running);
    json body{{"served", complete ? run_json(*complete) : json(nullptr)},
              {"running", running ? run_json(*running) : json(nullptr)}};
    ctx.res.set_content(body.dump(), "application/json");
}

// One round trip, leg by leg, with each event's date.
Html round_trip_table(const json& t, const std::string& caption) {
    Html h;
    if (!t.is_object()) return h("<p>None within the criteria.</p>");
    const auto num = [&](const char* key) { return t.contains(key) && t[key].is_number() ? t[key].get<double>() : NAN; };
    std::chrono::sys_days launch{};
    try {
        launch = model::parse_planned_date(t.value("launch", "")).first_day();
    } catch (const std::exception&) {
        return h("<p>This round trip's dates could not be read.</p>");
    }
    const auto day_after = [&](double days) {
        return analysis::format_day(launch + std::chrono::days{static_cast<long>(std::lround(days))});
    };
    const double out = num("out_days"), stay = num("stay_days"), back = num("back_days");
    h("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table><caption>{}</caption><thead><tr>"
      "<th scope=\"col\">Leg</th><th scope=\"col\">Date (UTC)</th><th scope=\"col\">Days</th>"
      "<th scope=\"col\">Δv [km/s]</th><th scope=\"col\">Other</th></tr></thead><tbody>",
      caption, caption);
    h("<tr><th scope=\"row\">Launch from a parking orbit</th><td>{}</td><td></td><td>{}</td><td>C3 {} km²/s²</td></tr>",
      analysis::format_day(launch), fmt::format("{:.3f}", num("injection_dv_km_s")), fmt::format("{:.2f}", num("c3_km2_s2")));
    h("<tr><th scope=\"row\">Outbound</th><td></td><td>{}</td><td></td><td></td></tr>", fmt::format("{:.0f}", out));
    h("<tr><th scope=\"row\">Arrival (rendezvous)</th><td>{}</td><td></td><td>{}</td><td></td></tr>", day_after(out),
      fmt::format("{:.3f}", num("arrival_dv_km_s")));
    h("<tr><th scope=\"row\">Stay</th><td></td><td>{}</td><td></td><td></td></tr>", fmt::format("{:.0f}", stay));
    h("<tr><th scope=\"row\">Departure</th><td>{}</td><td></td><td>{}</td><td></td></tr>", day_after(out + stay),
      fmt::format("{:.3f}", num("departure_dv_km_s")));
    h("<tr><th scope=\"row\">Return</th><td></td><td>{}</td><td></td><td></td></tr>", fmt::format("{:.0f}", back));
    h("<tr><th scope=\"row\">Earth entry</th><td>{}</td><td></td><td></td><td>v∞ {} km/s, entry {} km/s</td></tr>",
      day_after(out + stay + back), fmt::format("{:.2f}", num("return_vinf_km_s")), fmt::format("{:.2f}", num("entry_speed_km_s")));
    h("<tr><th scope=\"row\">Whole mission</th><td></td><td>{}</td><td>{}</td><td></td></tr></tbody></table></div>",
      fmt::format("{:.0f}", num("duration_days")), fmt::format("{:.3f}", num("total_dv_km_s")));
    return h;
}

void asteroid_page(Context& ctx) {
    const auto& designation = ctx.path_param("designation");
    const auto survey = survey_of(ctx);
    const Row* r = survey ? survey->find(designation) : nullptr;
    if (!r) throw not_found("asteroid", designation);
    const auto d = detail_of(*r);
    Html h;
    h("<h1>{}</h1><dl class=\"facts\"><dt>Absolute magnitude H</dt><dd>{}</dd><dt>Viable round trips</dt><dd>{}</dd>"
      "<dt>Least total Δv</dt><dd>{} km/s</dd><dt>Shortest round trip</dt><dd>{} days</dd><dt>Survey</dt>"
      "<dd>run {} of {} (<a href=\"/asteroids\">the table and its criteria</a>)</dd></dl>",
      r->designation, fixed(r->h_mag, 1), grouped(r->viable_count), fixed(r->min_dv_km_s, 3), fixed(r->min_duration_days, 0),
      survey->run.id, survey->run.finished_at ? when_text(*survey->run.finished_at) : when_text(survey->run.updated_at));
    h("<h2>The least-Δv round trip</h2>");
    h.add(round_trip_table(round_trip_of(d, "min_dv"), "Least-Δv round trip of " + r->designation));
    h("<h2>The shortest round trip</h2>");
    h.add(round_trip_table(round_trip_of(d, "min_duration"), "Shortest round trip of " + r->designation));
    if (r->min_dv_km_s) {
        h("<h2>The outbound leg</h2><figure class=\"chart\"><img src=\"/asteroids/{}/outbound.svg\" alt=\"Porkchop "
          "plot of Earth to {} departures around the least-Δv launch: departure C3 and arrival v-infinity over "
          "departure date and time of flight.\"><figcaption>Earth to {}: launch C3 (solid) and arrival v∞ (dashed; "
          "the rendezvous burn) around the least-Δv launch; Earth from ERFA, the asteroid on its catalogue "
          "orbit.</figcaption></figure>",
          http::encode_component(r->designation), r->designation, r->designation);
    }
    send_page(ctx, 200, r->designation, h, LastUpdate{survey->run.updated_at, "ger survey"});
}

void asteroid_porkchop(Context& ctx) {
    const auto& designation = ctx.path_param("designation");
    const auto survey = survey_of(ctx);
    const Row* r = survey ? survey->find(designation) : nullptr;
    if (!r || !r->launch) throw not_found("asteroid", designation);
    auto& catalogue = *ctx.app.asteroids;
    auto svg = catalogue.porkchop(survey->run.id, r->designation);
    if (!svg) {
        std::unique_lock drawing(catalogue.drawing, std::try_to_lock);
        if (!drawing.owns_lock()) {
            HttpError e(Problem::being_generated, "Another porkchop is being drawn; try again in a second.");
            e.headers.emplace_back("Retry-After", "1");
            throw e;
        }
        const auto d = detail_of(*r);
        const auto trip = round_trip_of(d, "min_dv");
        const double out = trip.is_object() && trip.contains("out_days") && trip["out_days"].is_number()
                               ? trip["out_days"].get<double>()
                               : 180.0;
        const auto& c = survey->criteria;
        const double parking = c.contains("parking_alt_km") && c["parking_alt_km"].is_number()
                                   ? c["parking_alt_km"].get<double>()
                                   : 400.0;
        const auto window = analysis::outbound_porkchop(r->designation, model::parse_planned_date(*r->launch).first_day(),
                                                        out, parking);
        if (!window) throw not_found("orbit of asteroid", designation);
        render::PorkchopSvgOptions options;
        options.title = "Earth to " + r->designation + ": " + window->window;
        if (window->minimum) options.minimum = window->minimum->refined;
        svg = render::porkchop_svg(window->grid, options);
        catalogue.remember_porkchop(survey->run.id, r->designation, *svg);
    }
    ctx.res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.res.set_content(std::move(*svg), "image/svg+xml");
}

std::vector<QueryParam> selection_params() {
    return {{"designation", "a part of the designation, any case (at most 64 characters)", "string", {}},
            {"max_dv", "least total dv at most this [km/s], 0-100", "number", {}},
            {"max_duration", "shortest round trip at most this [days], 0-10000", "number", {}},
            {"min_h", "absolute magnitude H at least this, -5-40", "number", {}},
            {"max_h", "absolute magnitude H at most this, -5-40", "number", {}},
            {"launch_from", "least-dv launch on or after this day (2028, 2028-04, 2028-04-20)", "string", {}},
            {"launch_to", "least-dv launch on or before this day (inclusive)", "string", {}},
            {"viable", "yes (default): objects with a viable round trip; all: every surveyed object", "string",
             {"yes", "all"}},
            {"sort", "the order (default min_dv); rows without the value last", "string", sort_keys},
            {"order", "asc (default) or desc", "string", {"asc", "desc"}}};
}

}  // namespace

void add_asteroid_routes(App& app) {
    app.add(page("GET", "/asteroids", "Human-accessible near-Earth asteroids", asteroids_page));
    app.add(page("GET", "/asteroids.csv", "The asteroid table as CSV", asteroids_csv));
    app.add(page("GET", "/asteroids.json", "The asteroid table as JSON", asteroids_json));
    app.add(page("GET", "/asteroids/{designation}", "One asteroid's round trips", asteroid_page));
    app.add(page("GET", "/asteroids/{designation}/outbound.svg", "One asteroid's outbound porkchop", asteroid_porkchop));
    auto params = selection_params();
    params.push_back({"limit", "page size (default 100, 1-1000)", "integer", {}});
    params.push_back({"offset", "records to skip", "integer", {}});
    Route list{"GET", "/api/v1/asteroids", "The newest complete survey's asteroids, filtered and sorted", Audience::api,
               list_asteroids, params, "", "AsteroidPage", {200, 400}, false};
    list.operation_id = "listAsteroids";
    app.add(std::move(list));
    Route status{"GET", "/api/v1/asteroids/survey", "The survey run served, and the one running (progress)",
                 Audience::api, survey_status, {}, "", "SurveyStatus", {200}, false};
    status.operation_id = "getSurveyStatus";
    app.add(std::move(status));
    Route one{"GET", "/api/v1/asteroids/{designation}", "One asteroid's round trips in the newest complete survey",
              Audience::api, get_asteroid, {}, "", "AsteroidDetail", {200, 404}, false};
    one.operation_id = "getAsteroid";
    app.add(std::move(one));
}

}  // namespace ger::server::detail
