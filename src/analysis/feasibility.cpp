// Launch feasibility (feasibility.hpp states the method and its limits).
#include "analysis/feasibility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "analysis/analysis.hpp"
#include "analysis/detail/mission_dates.hpp"
#include "astro/bodies.hpp"
#include "astro/error.hpp"
#include "astro/porkchop_body.hpp"
#include "model/enums.hpp"

namespace ger::analysis {
namespace {

using std::chrono::sys_days;
namespace astro = ger::astro;

// NOTE: the Moon's mean distance, IAU 2009 / NASA Moon fact sheet semi-major axis 384,400 km.
constexpr double moon_mean_distance_km = 384'400.0;
// ERFA's Earth states span 1900-2100 (ephemeris.hpp); keep clear of the ends.
constexpr int first_year_supported = 1901;
constexpr int last_year_supported = 2098;
// NOTE: the table under every grid: Earth costs 20 us per ERFA call, 3 calls per node with position-derivative
// tangents, so a 4-day step keeps a 40-year table near 0.2 s; Hermite error at this step stays far below the
// C3 resolution of the grid (tests/astro/ephemeris_test measures it).
constexpr double table_step_days = 4.0;
constexpr double table_margin_days = 20.0;

astro::Instant to_instant(sys_days day) { return astro::parse_utc_iso8601(format_day(day)); }

sys_days to_day(astro::Instant t) { return model::parse_planned_date(astro::format_utc_date(t)).first_day(); }

sys_days year_start(int y) { return sys_days{std::chrono::year{y} / 1 / 1}; }
sys_days year_end(int y) { return sys_days{std::chrono::year{y} / 12 / 31}; }

bool flown(const model::Mission& m) {
    using S = model::MissionStatus;
    return m.status == S::operating || m.status == S::completed || m.status == S::failed;
}

enum class TargetKind { mars, moon, nea };

std::optional<TargetKind> target_kind(const model::Mission& m) {
    if (m.destination == "Mars") return TargetKind::mars;
    if (m.destination == "Moon") return TargetKind::moon;
    if (m.destination == "NEA" && m.target_body && !m.target_body->empty()) return TargetKind::nea;
    return std::nullopt;
}

// The lowest C3 per departure day over the time-of-flight axis (both transfer types).
struct Profile {
    astro::PorkchopRequest request;
    std::vector<double> departure_days;  // TDB days since J2000
    std::vector<float> min_c3;           // NaN: no transfer
    std::vector<float> arrival_offset;   // [days] time of flight of the minimum
    std::vector<float> vinf_arr;         // [km/s] arrival v-infinity of the minimum
    std::vector<std::uint8_t> type;
};

Profile make_profile(const astro::PorkchopRequest& request, const astro::Ephemeris& ephemeris) {
    const auto grid = astro::compute_porkchop(request, ephemeris);
    Profile p;
    p.request = request;
    const std::size_t nd = grid.departure_count();
    const std::size_t ns = grid.second_count();
    p.min_c3.assign(nd, std::numeric_limits<float>::quiet_NaN());
    p.arrival_offset.assign(nd, 0.0f);
    p.vinf_arr.assign(nd, std::numeric_limits<float>::quiet_NaN());
    p.type.assign(nd, 0);
    for (std::size_t i = 0; i < nd; ++i) p.departure_days.push_back(grid.departure(i).days_since_j2000());
    for (const auto t : astro::transfer_types) {
        if (!grid.has(t)) continue;
        const auto cells = grid.cells(t);
        const auto c3 = cells.c3_km2_s2;
        for (std::size_t i = 0; i < nd; ++i) {
            for (std::size_t j = 0; j < ns; ++j) {
                const float v = c3[i * ns + j];
                if (std::isnan(v)) continue;
                if (std::isnan(p.min_c3[i]) || v < p.min_c3[i]) {
                    p.min_c3[i] = v;
                    p.arrival_offset[i] = static_cast<float>(grid.tof_days(i, j));
                    p.vinf_arr[i] = cells.vinf_arr_km_s[i * ns + j];
                    p.type[i] = static_cast<std::uint8_t>(t);
                }
            }
        }
    }
    return p;
}

std::vector<LaunchOpportunity> windows(const Profile& p, double limit) {
    std::vector<LaunchOpportunity> out;
    std::size_t i = 0;
    const std::size_t n = p.min_c3.size();
    const auto day_of = [&](double tdb_days) { return to_day(astro::Instant::from_days_since_j2000(tdb_days)); };
    while (i < n) {
        if (std::isnan(p.min_c3[i]) || p.min_c3[i] > limit) {
            ++i;
            continue;
        }
        std::size_t best = i;
        std::size_t end = i;
        while (end < n && !std::isnan(p.min_c3[end]) && p.min_c3[end] <= limit) {
            if (p.min_c3[end] < p.min_c3[best]) best = end;
            ++end;
        }
        LaunchOpportunity w;
        w.first_departure = day_of(p.departure_days[i]);
        w.last_departure = day_of(p.departure_days[end - 1]);
        w.best_departure = day_of(p.departure_days[best]);
        w.best_arrival = day_of(p.departure_days[best] + p.arrival_offset[best]);
        w.best_c3_km2_s2 = p.min_c3[best];
        w.best_vinf_arr_km_s = p.vinf_arr[best];
        w.transfer_type = astro::transfer_type_name(static_cast<astro::TransferType>(p.type[best]));
        out.push_back(w);
        i = end;
    }
    return out;
}

std::string c3_text(double c3) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << c3;
    return s.str();
}

TargetResolver resolver_of(const FeasibilityOptions& options) {
    if (options.resolve_target) return options.resolve_target;
    return [](std::string_view name) -> std::optional<astro::TransferBody> {
        try {
            return astro::resolve_transfer_body(name);
        } catch (const astro::AstroError&) {
            return std::nullopt;
        }
    };
}

}  // namespace

C3Limits C3Limits::defaults() {
    using T = model::MissionType;
    C3Limits l;
    l.set(T::orbiter, 20.0);
    l.set(T::lander, 18.0);
    l.set(T::rover, 18.0);
    l.set(T::sample_return, 16.0);
    l.set(T::flyby, 30.0);
    l.set(T::crewed, 12.0);
    l.set(T::station, 12.0);
    l.set(T::impactor, 30.0);
    l.set(T::relay, 20.0);
    l.set(T::other, 20.0);
    return l;
}

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::feasible: return "feasible";
        case Verdict::infeasible: return "infeasible";
        case Verdict::unknown_target: return "unknown-target";
        case Verdict::out_of_range: return "out-of-range";
    }
    return "?";
}

bool feasibility_applies(const model::Mission& m, const FeasibilityOptions& options) {
    if (!m.launch || m.status == model::MissionStatus::cancelled) return false;
    if (!options.include_flown && flown(m)) return false;
    return target_kind(m).has_value();
}

std::string feasibility_key(const model::Mission& m, const FeasibilityOptions& o) {
    std::ostringstream key;
    key.precision(17);
    key << (m.launch ? m.launch->to_string() : "") << '|' << m.destination << '|' << m.target_body.value_or("")
        << '|' << model::to_string(m.type) << '|' << o.c3_limits.of(m.type) << '|' << o.depart_step_days << '|'
        << o.tof_step_days << '|' << o.mars_tof_min_days << '|' << o.mars_tof_max_days << '|'
        << o.nea_tof_min_days << '|' << o.nea_tof_max_days << '|' << o.search_years << '|' << o.parking_alt_km;
    return key.str();
}

std::vector<Feasibility> check_feasibility(const model::Dataset& data, const FeasibilityOptions& options,
                                           FeasibilityCache* cache) {
    if (!(options.depart_step_days > 0) || !(options.tof_step_days > 0)) {
        throw std::invalid_argument("feasibility grid steps must be positive");
    }
    struct Candidate {
        const model::Mission* mission;
        TargetKind kind;
        std::string key;
        std::size_t slot;  // index into results
    };
    std::vector<Feasibility> results;
    std::vector<Candidate> todo;
    for (const auto& m : data.missions) {
        if (!feasibility_applies(m, options)) continue;
        const auto kind = target_kind(m);
        Feasibility f;
        f.mission = m.id;
        f.destination = m.destination;
        f.target = *kind == TargetKind::mars ? "Mars" : *kind == TargetKind::moon ? "Moon" : *m.target_body;
        f.type = m.type;
        f.period_first = m.launch->earliest();
        f.period_last = m.launch->latest();
        f.c3_limit_km2_s2 = options.c3_limits.of(m.type);
        std::string key = feasibility_key(m, options);
        if (cache) {
            const auto it = cache->m_entries.find(m.id);
            if (it != cache->m_entries.end() && it->second.key == key) {
                ++cache->m_hits;
                results.push_back(it->second.result);
                results.back().from_cache = true;
                continue;
            }
            ++cache->m_misses;
        }
        todo.push_back({&m, *kind, std::move(key), results.size()});
        results.push_back(std::move(f));
    }

    // Targets: Mars, the Moon (analytic) and each named asteroid, resolved once.
    const TargetResolver resolve = resolver_of(options);
    std::map<std::string, std::vector<const Candidate*>> groups;  // target name -> candidates needing a grid
    std::map<std::string, astro::TransferBody> bodies;
    const astro::ErfaEphemeris erfa;
    const double mu_earth = astro::gm_km3_s2(astro::Body::earth);
    const double r_park = astro::equatorial_radius_km(astro::Body::earth) + options.parking_alt_km;
    for (const auto& c : todo) {
        auto& f = results[c.slot];
        const int y0 = detail::year_of(f.period_first);
        const int y1 = detail::year_of(f.period_last);
        if (y0 < first_year_supported || y1 > last_year_supported) {
            f.verdict = Verdict::out_of_range;
            f.message = "launch period outside " + std::to_string(first_year_supported) + "-" +
                        std::to_string(last_year_supported) + ", the span of the Earth ephemeris";
            continue;
        }
        if (c.kind == TargetKind::moon) {
            // Hohmann-like transfer from the parking orbit to the Moon's mean distance.
            const double a = 0.5 * (r_park + moon_mean_distance_km);
            const double c3 = -mu_earth / a;
            const double transfer_days = M_PI * std::sqrt(a * a * a / mu_earth) / 86400.0;
            f.min_c3_in_period = c3;
            if (c3 <= f.c3_limit_km2_s2) {
                f.verdict = Verdict::feasible;
                f.in_period = LaunchOpportunity{f.period_first, f.period_last, f.period_first,
                                                f.period_first + std::chrono::days{static_cast<long>(std::ceil(transfer_days))},
                                                c3, "TLI", std::nullopt};
                f.message = "translunar injection (C3 " + c3_text(c3) + ") is available every month";
            } else {
                f.verdict = Verdict::infeasible;
                f.message = "translunar injection needs C3 " + c3_text(c3) + ", above the limit " +
                            c3_text(f.c3_limit_km2_s2);
            }
            continue;
        }
        const std::string name = c.kind == TargetKind::mars ? "mars" : f.target;
        if (!bodies.contains(name)) {
            const auto body = c.kind == TargetKind::mars ? std::optional<astro::TransferBody>(astro::Body::mars)
                                                         : resolve(name);
            if (!body) {
                f.verdict = Verdict::unknown_target;
                f.message = "target '" + f.target + "' has no known orbit (load a catalogue that names it)";
                continue;
            }
            bodies.emplace(name, *body);
        }
        groups[name].push_back(&c);
    }
    if (groups.empty()) {
        if (cache) {
            for (const auto& c : todo) cache->m_entries[c.mission->id] = {c.key, results[c.slot]};
        }
        return results;
    }

    // One table of Earth and Mars under every grid.
    double first_needed = std::numeric_limits<double>::max();
    double last_needed = std::numeric_limits<double>::lowest();
    const double tof_max = std::max(options.mars_tof_max_days, options.nea_tof_max_days);
    const auto clamp_day = [](sys_days d) {
        return std::clamp(d, year_start(first_year_supported), year_end(last_year_supported));
    };
    std::map<std::string, std::pair<sys_days, sys_days>> spans;  // target -> profile departures
    for (const auto& [name, members] : groups) {
        sys_days lo = results[members.front()->slot].period_first;
        sys_days hi = results[members.front()->slot].period_last;
        for (const auto* c : members) {
            lo = std::min(lo, results[c->slot].period_first);
            hi = std::max(hi, results[c->slot].period_last);
        }
        const auto years = std::chrono::days{365 * options.search_years + options.search_years / 4};
        lo = clamp_day(lo - years);
        hi = clamp_day(hi + years);
        spans[name] = {lo, hi};
        first_needed = std::min(first_needed, to_instant(lo).days_since_j2000());
        last_needed = std::max(last_needed, to_instant(hi).days_since_j2000() + tof_max);
    }
    const std::array<astro::Body, 2> tabulated{astro::Body::earth, astro::Body::mars};
    const astro::TabulatedEphemeris table(erfa, tabulated, first_needed - table_margin_days,
                                          last_needed + table_margin_days, table_step_days);

    for (const auto& [name, members] : groups) {
        const bool mars = name == "mars";
        astro::PorkchopRequest request;
        request.from = astro::Body::earth;
        request.to = bodies.at(name);
        request.axis = astro::PorkchopAxis::time_of_flight;
        request.depart_step_days = options.depart_step_days;
        request.second_step_days = options.tof_step_days;
        request.tof_first_days = mars ? options.mars_tof_min_days : options.nea_tof_min_days;
        request.tof_last_days = mars ? options.mars_tof_max_days : options.nea_tof_max_days;
        request.parking_alt_km = options.parking_alt_km;
        request.threads = options.threads;
        request.depart_first = to_instant(spans[name].first);
        request.depart_last = to_instant(spans[name].second);
        std::optional<Profile> profile;
        std::string profile_error;
        try {
            profile = make_profile(request, table);
        } catch (const astro::AstroError& e) {
            profile_error = e.what();
        }
        for (const auto* c : members) {
            auto& f = results[c->slot];
            if (!profile) {
                f.verdict = Verdict::out_of_range;
                f.message = profile_error;
                continue;
            }
            // The period itself, on its own grid, refined below the grid step.
            auto local = request;
            local.depart_first = to_instant(f.period_first);
            local.depart_last = to_instant(f.period_last);
            local.depart_step_days = std::min(options.depart_step_days,
                                              std::max(1.0, static_cast<double>((f.period_last - f.period_first).count())));
            std::optional<astro::PorkchopMinimum> best;
            try {
                const auto grid = astro::compute_porkchop(local, table);
                best = astro::porkchop_minimum(grid, table, astro::PorkchopObjective::c3);
            } catch (const astro::AstroError& e) {
                f.verdict = Verdict::out_of_range;
                f.message = e.what();
                continue;
            }
            const auto all = windows(*profile, f.c3_limit_km2_s2);
            if (best) f.min_c3_in_period = best->refined.c3_km2_s2;
            if (best && best->refined.c3_km2_s2 <= f.c3_limit_km2_s2) {
                f.verdict = Verdict::feasible;
                LaunchOpportunity o;
                o.best_departure = to_day(best->refined.depart);
                o.best_arrival = to_day(best->refined.arrive);
                o.best_c3_km2_s2 = best->refined.c3_km2_s2;
                o.best_vinf_arr_km_s = best->refined.vinf_arr_km_s;
                o.transfer_type = astro::transfer_type_name(best->refined.type);
                o.first_departure = o.last_departure = o.best_departure;
                for (const auto& w : all) {  // the window around it, clipped to the period
                    if (w.last_departure < f.period_first || w.first_departure > f.period_last) continue;
                    o.first_departure = std::max(std::min(o.first_departure, w.first_departure), f.period_first);
                    o.last_departure = std::min(std::max(o.last_departure, w.last_departure), f.period_last);
                }
                f.in_period = o;
                f.message = "launch " + format_day(o.best_departure) + " (Type " + o.transfer_type + ", C3 " +
                            c3_text(o.best_c3_km2_s2) + " <= " + c3_text(f.c3_limit_km2_s2) + ")";
                continue;
            }
            f.verdict = Verdict::infeasible;
            for (const auto& w : all) {
                if (w.last_departure < f.period_first) f.before = w;
                if (w.first_departure > f.period_last && !f.after) f.after = w;
            }
            f.message = "no launch to " + f.target + " between " + format_day(f.period_first) + " and " +
                        format_day(f.period_last) + " within C3 " + c3_text(f.c3_limit_km2_s2) +
                        (f.min_c3_in_period ? " (lowest " + c3_text(*f.min_c3_in_period) + ")" : std::string());
            if (f.before) f.message += "; nearest before: " + format_day(f.before->best_departure);
            if (f.after) f.message += "; nearest after: " + format_day(f.after->best_departure);
        }
    }
    if (cache) {
        for (const auto& c : todo) cache->m_entries[c.mission->id] = {c.key, results[c.slot]};
    }
    return results;
}

std::optional<WindowPorkchop> window_porkchop(const Feasibility& f, const FeasibilityOptions& options) {
    if (f.target == "Moon" || f.verdict == Verdict::unknown_target || f.verdict == Verdict::out_of_range) {
        return std::nullopt;
    }
    const std::optional<LaunchOpportunity>& shown = f.in_period ? f.in_period : f.after ? f.after : f.before;
    if (!shown) return std::nullopt;
    const bool mars = f.target == "Mars";
    const auto body = mars ? std::optional<astro::TransferBody>(astro::Body::mars) : resolver_of(options)(f.target);
    if (!body) return std::nullopt;
    constexpr std::chrono::days margin{30};
    constexpr double departures = 200, flights = 150;  // cells along each axis, about
    astro::PorkchopRequest request;
    request.from = astro::Body::earth;
    request.to = *body;
    request.axis = astro::PorkchopAxis::time_of_flight;
    const auto first = std::max(shown->first_departure - margin, year_start(first_year_supported));
    const auto last = std::min(shown->last_departure + margin, year_end(last_year_supported));
    request.depart_first = to_instant(first);
    request.depart_last = to_instant(last);
    request.depart_step_days = std::max(1.0, static_cast<double>((last - first).count()) / departures);
    request.tof_first_days = mars ? options.mars_tof_min_days : options.nea_tof_min_days;
    request.tof_last_days = mars ? options.mars_tof_max_days : options.nea_tof_max_days;
    request.second_step_days = std::max(1.0, (request.tof_last_days - request.tof_first_days) / flights);
    request.parking_alt_km = options.parking_alt_km;
    request.threads = options.threads;
    const astro::ErfaEphemeris erfa;
    auto grid = astro::compute_porkchop(request, erfa);
    auto minimum = astro::porkchop_minimum(grid, erfa, astro::PorkchopObjective::c3);
    return WindowPorkchop{std::move(grid), std::move(minimum),
                          f.in_period ? "in the period" : f.after ? "nearest after the period" : "nearest before the period"};
}

nlohmann::json to_json(const Feasibility& f) {
    using nlohmann::json;
    const auto opportunity = [](const std::optional<LaunchOpportunity>& o) -> json {
        if (!o) return nullptr;
        return {{"first_departure", format_day(o->first_departure)}, {"last_departure", format_day(o->last_departure)},
                {"best_departure", format_day(o->best_departure)}, {"best_arrival", format_day(o->best_arrival)},
                {"best_c3_km2_s2", o->best_c3_km2_s2}, {"transfer_type", o->transfer_type},
                {"best_vinf_arr_km_s", o->best_vinf_arr_km_s ? json(*o->best_vinf_arr_km_s) : json(nullptr)}};
    };
    return {{"mission", f.mission},
            {"destination", f.destination},
            {"target", f.target},
            {"type", model::to_string(f.type)},
            {"period_first", format_day(f.period_first)},
            {"period_last", format_day(f.period_last)},
            {"c3_limit_km2_s2", f.c3_limit_km2_s2},
            {"verdict", to_string(f.verdict)},
            {"min_c3_in_period_km2_s2", f.min_c3_in_period ? json(*f.min_c3_in_period) : json(nullptr)},
            {"in_period", opportunity(f.in_period)},
            {"nearest_before", opportunity(f.before)},
            {"nearest_after", opportunity(f.after)},
            {"message", f.message},
            {"cached", f.from_cache}};
}

namespace {

sys_days day_field(const nlohmann::json& j, const char* field) {
    if (!j.contains(field) || !j[field].is_string()) throw std::invalid_argument(std::string("feasibility: ") + field + " missing");
    try {
        return model::parse_planned_date(j[field].get<std::string>()).first_day();
    } catch (const std::exception&) {
        throw std::invalid_argument(std::string("feasibility: ") + field + " is not a day");
    }
}

std::optional<double> optional_number(const nlohmann::json& j, const char* field) {
    if (!j.contains(field) || j[field].is_null()) return std::nullopt;
    if (!j[field].is_number()) throw std::invalid_argument(std::string("feasibility: ") + field + " is not a number");
    return j[field].get<double>();
}

std::optional<LaunchOpportunity> opportunity_from_json(const nlohmann::json& j, const char* field) {
    if (!j.contains(field) || j[field].is_null()) return std::nullopt;
    const auto& o = j[field];
    LaunchOpportunity out;
    out.first_departure = day_field(o, "first_departure");
    out.last_departure = day_field(o, "last_departure");
    out.best_departure = day_field(o, "best_departure");
    out.best_arrival = day_field(o, "best_arrival");
    out.best_c3_km2_s2 = optional_number(o, "best_c3_km2_s2").value_or(0);
    out.transfer_type = o.value("transfer_type", "");
    out.best_vinf_arr_km_s = optional_number(o, "best_vinf_arr_km_s");
    return out;
}

}  // namespace

Feasibility feasibility_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw std::invalid_argument("feasibility: not an object");
    Feasibility f;
    f.mission = j.value("mission", "");
    f.destination = j.value("destination", "");
    f.target = j.value("target", "");
    const auto type = model::parse_enum<model::MissionType>(j.value("type", ""));
    if (!type) throw std::invalid_argument("feasibility: type is not a mission type");
    f.type = *type;
    f.period_first = day_field(j, "period_first");
    f.period_last = day_field(j, "period_last");
    f.c3_limit_km2_s2 = optional_number(j, "c3_limit_km2_s2").value_or(0);
    const auto verdict = j.value("verdict", "");
    bool known = false;
    for (const auto v : {Verdict::feasible, Verdict::infeasible, Verdict::unknown_target, Verdict::out_of_range}) {
        if (to_string(v) == verdict) {
            f.verdict = v;
            known = true;
        }
    }
    if (!known) throw std::invalid_argument("feasibility: verdict '" + verdict + "' is not one of the verdicts");
    f.min_c3_in_period = optional_number(j, "min_c3_in_period_km2_s2");
    f.in_period = opportunity_from_json(j, "in_period");
    f.before = opportunity_from_json(j, "nearest_before");
    f.after = opportunity_from_json(j, "nearest_after");
    f.message = j.value("message", "");
    f.from_cache = j.value("cached", false);
    return f;
}

nlohmann::json to_json(const std::vector<Feasibility>& results) {
    auto out = nlohmann::json::array();
    for (const auto& f : results) out.push_back(to_json(f));
    return out;
}

}  // namespace ger::analysis
