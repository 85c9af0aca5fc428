// `ger porkchop`: a porkchop grid between two bodies, its minimum refined below the grid step, and the plot.
//   ger porkchop --from earth --to mars --depart 2033-03-01/2033-06-30 --arrive 2033-10-01/2034-04-01
//       [--step 1] [--tof 100/400] [--type 1|2|both] [--minimize c3|dv] [--parking-alt-km 200]
//       [--capture-alt-km 400] [--capture-e 0] [--threads N] [--svg F] [--png F] [--csv F] [--format json|table]
// --to / --from take a body name (sun, mercury, ..., neptune, or emb: the Earth-Moon barycentre, the departure
// point of the NASA/JPL mission-design handbooks, with the parking orbit about the Earth) or any name a
// registered resolver knows (astro/porkchop_body.hpp: the NEA survey plugs its catalogue in there); --to-elements / --from-elements give a small body's orbit directly.
// On a terminal, long grids print a progress line on stderr; Ctrl-C stops the grid cleanly (exit 130).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "astro/error.hpp"
#include "astro/porkchop.hpp"
#include "astro/porkchop_body.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "render/png.hpp"
#include "render/porkchop_svg.hpp"

namespace ger::cli {
namespace {

// 96 px per inch: the SVG is laid out in points, so a 960 x 720 pt chart becomes 1280 x 960 px.
constexpr double png_dpi = 96;
// A progress line is worth printing only for grids that take a noticeable time.
constexpr std::size_t progress_min_cells = 200'000;
constexpr auto progress_interval = std::chrono::milliseconds(100);

std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted.store(true); }

struct Options {
    std::string from = "earth", to = "mars";
    std::string from_elements, to_elements;
    std::string depart, arrive, tof;
    double step = 1.0;
    double parking_alt_km = 200, capture_alt_km = 400, capture_e = 0;
    std::string type = "both";
    std::string minimize = "c3";
    unsigned threads = 0;
    std::string svg, png, csv;
    std::string format = "table";
};

std::pair<std::string, std::string> split_range(const std::string& text, const char* option) {
    const auto slash = text.find('/');
    if (slash == std::string::npos || text.find('/', slash + 1) != std::string::npos) {
        throw CommandError(std::string(option) + " '" + text + "' must be FIRST/LAST, e.g. 2033-03-01/2033-06-30");
    }
    return {text.substr(0, slash), text.substr(slash + 1)};
}

double parse_number(const std::string& text, const char* option) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    throw CommandError(std::string(option) + " '" + text + "' is not a number");
}

std::string utc_date(astro::Instant t) { return astro::format_utc_iso8601(t, 0).substr(0, 10); }

nlohmann::json point_json(const astro::PorkchopPoint& p) {
    return {{"type", astro::transfer_type_name(p.type)},
            {"depart", utc_date(p.depart)},
            {"arrive", utc_date(p.arrive)},
            {"depart_utc", astro::format_utc_iso8601(p.depart, 0)},
            {"arrive_utc", astro::format_utc_iso8601(p.arrive, 0)},
            {"tof_days", p.tof_days},
            {"transfer_angle_deg", p.transfer_angle_deg},
            {"c3_km2_s2", p.c3_km2_s2},
            {"vinf_depart_km_s", std::sqrt(p.c3_km2_s2)},
            {"dla_deg", p.dla_deg},
            {"rla_deg", p.rla_deg},
            {"vinf_arrive_km_s", p.vinf_arr_km_s},
            {"dv_depart_km_s", p.dv_depart_km_s},
            {"dv_arrive_km_s", p.dv_arrive_km_s},
            {"dv_total_km_s", p.dv_total_km_s}};
}

void write_csv(const std::string& path, const astro::PorkchopGrid& g) {
    std::ofstream out(path);
    if (!out) throw CommandError("cannot write " + path);
    out << "depart_utc,arrive_utc,tof_days,type,c3_km2_s2,vinf_dep_x_km_s,vinf_dep_y_km_s,vinf_dep_z_km_s,dla_deg,"
           "vinf_arr_km_s,dv_total_km_s\r\n";
    std::vector<std::string> dep(g.departure_count());
    for (std::size_t i = 0; i < dep.size(); ++i) dep[i] = astro::format_utc_iso8601(g.departure(i), 0);
    char buf[256];
    for (auto t : astro::transfer_types) {
        if (!g.has(t)) continue;
        const auto c = g.cells(t);
        for (std::size_t i = 0; i < g.departure_count(); ++i) {
            for (std::size_t j = 0; j < g.second_count(); ++j) {
                const std::size_t k = i * g.second_count() + j;
                if (std::isnan(c.c3_km2_s2[k])) continue;
                std::snprintf(buf, sizeof buf, ",%.4f,%s,%.7g,%.7g,%.7g,%.7g,%.5f,%.7g,%.7g\r\n", g.tof_days(i, j),
                              std::string(astro::transfer_type_name(t)).c_str(), c.c3_km2_s2[k],
                              c.vinf_dep_x_km_s[k], c.vinf_dep_y_km_s[k], c.vinf_dep_z_km_s[k], c.dla_deg[k],
                              c.vinf_arr_km_s[k], c.dv_total_km_s[k]);
                out << dep[i] << ',' << astro::format_utc_iso8601(g.arrival(i, j), 0) << buf;
            }
        }
    }
    if (!out) throw CommandError("cannot write " + path);
}

void run(const Options& o) {
    astro::PorkchopRequest q;
    try {
        q.from = o.from_elements.empty() ? astro::resolve_transfer_body(o.from)
                                         : astro::TransferBody(astro::parse_small_body_elements(o.from_elements, "origin"));
        q.to = o.to_elements.empty() ? astro::resolve_transfer_body(o.to)
                                     : astro::TransferBody(astro::parse_small_body_elements(o.to_elements, "target"));
        const auto [d0, d1] = split_range(o.depart, "--depart");
        q.depart_first = astro::parse_utc_iso8601(d0);
        q.depart_last = astro::parse_utc_iso8601(d1);
        if (!o.tof.empty()) {
            const auto [t0, t1] = split_range(o.tof, "--tof");
            q.axis = astro::PorkchopAxis::time_of_flight;
            q.tof_first_days = parse_number(t0, "--tof");
            q.tof_last_days = parse_number(t1, "--tof");
        } else {
            const auto [a0, a1] = split_range(o.arrive, "--arrive");
            q.arrive_first = astro::parse_utc_iso8601(a0);
            q.arrive_last = astro::parse_utc_iso8601(a1);
        }
    } catch (const astro::AstroError& e) {
        throw CommandError(e.what());
    }
    q.depart_step_days = q.second_step_days = o.step;
    q.parking_alt_km = o.parking_alt_km;
    q.capture = {o.capture_alt_km, o.capture_e};
    q.type1 = o.type != "2";
    q.type2 = o.type != "1";
    q.threads = o.threads;

    // Progress and Ctrl-C.
    astro::PorkchopControl control;
    control.cancel = &g_interrupted;
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    std::mutex progress_mutex;
    auto last = std::chrono::steady_clock::now();
    bool printed = false;
    if (tty) {
        control.progress = [&](std::size_t done, std::size_t total) {
            if (total < progress_min_cells) return;
            const std::lock_guard lock(progress_mutex);
            const auto now = std::chrono::steady_clock::now();
            if (now - last < progress_interval && done < total) return;
            last = now;
            std::fprintf(stderr, "\rporkchop: %3.0f%% of %zu cells", 100.0 * static_cast<double>(done) / static_cast<double>(total), total);
            printed = true;
        };
    }
    g_interrupted.store(false);
    auto* previous = std::signal(SIGINT, on_sigint);
    const astro::ErfaEphemeris eph;
    const auto started = std::chrono::steady_clock::now();
    std::optional<astro::PorkchopGrid> grid;
    try {
        grid.emplace(astro::compute_porkchop(q, eph, control));
    } catch (const astro::PorkchopCancelled&) {
        std::signal(SIGINT, previous);
        if (printed) std::fputs("\n", stderr);
        std::fputs("ger porkchop: interrupted\n", stderr);
        std::exit(130);
    } catch (const astro::AstroError& e) {
        std::signal(SIGINT, previous);
        if (printed) std::fputs("\n", stderr);
        throw CommandError(e.what());
    }
    std::signal(SIGINT, previous);
    if (printed) std::fputs("\n", stderr);
    const double grid_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const auto objective = o.minimize == "dv" ? astro::PorkchopObjective::total_dv : astro::PorkchopObjective::c3;
    const auto best = astro::porkchop_minimum(*grid, eph, objective);
    nlohmann::json by_type = nlohmann::json::object();
    for (auto t : astro::transfer_types) {
        if (!grid->has(t)) continue;
        if (const auto m = astro::porkchop_minimum(*grid, eph, objective, t)) {
            by_type[std::string(astro::transfer_type_name(t))] = point_json(m->refined);
        }
    }

    if (!o.svg.empty() || !o.png.empty()) {
        render::PorkchopSvgOptions so;
        if (best) so.minimum = best->refined;
        const std::string svg = render::porkchop_svg(*grid, so);
        if (!o.svg.empty()) {
            std::ofstream f(o.svg);
            f << svg;
            if (!f) throw CommandError("cannot write " + o.svg);
        }
        if (!o.png.empty()) render::svg_to_png(svg, o.png, png_dpi);
    }
    if (!o.csv.empty()) write_csv(o.csv, *grid);

    nlohmann::json j;
    j["from"] = astro::transfer_body_name(q.from);
    j["to"] = astro::transfer_body_name(q.to);
    j["objective"] = o.minimize == "dv" ? "dv_total" : "c3";
    j["step"] = o.step;
    j["grid"] = {{"departures", grid->departure_count()},
                 {"arrivals", grid->second_count()},
                 {"cells", grid->cell_count()},
                 {"axis", q.axis == astro::PorkchopAxis::arrival_date ? "arrival_date" : "time_of_flight"},
                 {"depart_first", utc_date(grid->departure(0))},
                 {"depart_last", utc_date(grid->departure(grid->departure_count() - 1))},
                 {"step_days", o.step},
                 {"types", q.type1 && q.type2 ? nlohmann::json{"I", "II"} : nlohmann::json{q.type1 ? "I" : "II"}},
                 {"seconds", grid_s}};
    j["parking_alt_km"] = q.parking_alt_km;
    j["capture"] = {{"periapsis_alt_km", q.capture.periapsis_alt_km}, {"eccentricity", q.capture.eccentricity}};
    if (best) {
        j["minimum"] = point_json(best->refined);
        j["grid_minimum"] = point_json(best->grid);
        j["minimum"]["refine_evaluations"] = best->evaluations;
    } else {
        j["minimum"] = nullptr;
    }
    j["minimum_by_type"] = by_type;

    if (o.format == "json") {
        std::cout << j.dump(2) << '\n';
        return;
    }
    Table t{{"quantity", "value"}, {}};
    auto row = [&](const std::string& k, const std::string& v) { t.rows.push_back({k, v}); };
    char buf[64];
    auto num = [&](double v, const char* f) {
        std::snprintf(buf, sizeof buf, f, v);
        return std::string(buf);
    };
    row("transfer", j["from"].get<std::string>() + " -> " + j["to"].get<std::string>());
    row("grid", std::to_string(grid->departure_count()) + " x " + std::to_string(grid->second_count()) + " = " +
                    std::to_string(grid->cell_count()) + " cells, step " + num(o.step, "%g") + " d, " +
                    num(grid_s, "%.3f") + " s");
    if (best) {
        const auto& p = best->refined;
        row("minimum type", std::string(astro::transfer_type_name(p.type)));
        row("depart (UTC)", astro::format_utc_iso8601(p.depart, 0));
        row("arrive (UTC)", astro::format_utc_iso8601(p.arrive, 0));
        row("time of flight", num(p.tof_days, "%.2f") + " d");
        row("C3", num(p.c3_km2_s2, "%.3f") + " km2/s2");
        row("DLA / RLA", num(p.dla_deg, "%.2f") + " / " + num(p.rla_deg, "%.2f") + " deg");
        row("arrival v-inf", num(p.vinf_arr_km_s, "%.3f") + " km/s");
        row("delta-v total", num(p.dv_total_km_s, "%.3f") + " km/s (" + num(p.dv_depart_km_s, "%.3f") + " + " +
                                 num(p.dv_arrive_km_s, "%.3f") + ")");
        row("grid-cell minimum", num(objective == astro::PorkchopObjective::c3 ? best->grid.c3_km2_s2
                                                                                : best->grid.dv_total_km_s,
                                     "%.3f") +
                                     " at " + utc_date(best->grid.depart) + " / " + utc_date(best->grid.arrive));
    } else {
        row("minimum", "none: no cell has a transfer");
    }
    print_table(std::cout, t);
}

const CommandRegistrar registrar{75, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* c = app.add_subcommand("porkchop", "porkchop grid (C3, DLA, arrival v-infinity, delta-v) and its minimum");
    const std::string bodies = "body: " + astro::body_names_list() +
                               " (emb: the Earth-Moon barycentre, the handbooks' departure point; parking or capture "
                               "orbit about the Earth), or a resolver's name";
    c->add_option("--from", o->from, "departure " + bodies + " (default earth)");
    c->add_option("--to", o->to, "arrival " + bodies + " (default mars)");
    c->add_option("--from-elements", o->from_elements, "departure small body: a_au,e,i_deg,raan_deg,argp_deg,M_deg,epoch_iso");
    c->add_option("--to-elements", o->to_elements, "arrival small body: a_au,e,i_deg,raan_deg,argp_deg,M_deg,epoch_iso");
    c->add_option("--depart", o->depart, "departure dates FIRST/LAST (UTC)")->required();
    auto* arrive = c->add_option("--arrive", o->arrive, "arrival dates FIRST/LAST (UTC)");
    auto* tof = c->add_option("--tof", o->tof, "times of flight FIRST/LAST [days] instead of --arrive");
    arrive->excludes(tof);
    c->add_option("--step", o->step, "grid step [days] on both axes (default 1)")->check(CLI::PositiveNumber);
    c->add_option("--parking-alt-km", o->parking_alt_km, "circular parking orbit altitude [km] (default 200)");
    c->add_option("--capture-alt-km", o->capture_alt_km, "capture orbit periapsis altitude [km] (default 400)");
    c->add_option("--capture-e", o->capture_e, "capture orbit eccentricity (default 0: circular)");
    c->add_option("--type", o->type,
                  "transfer types (prograde arcs; I: transfer angle < 180 deg, II: > 180 deg): 1, 2 or both")
        ->check(CLI::IsMember({"1", "2", "both"}));
    c->add_option("--minimize", o->minimize, "c3 or dv (total delta-v)")->check(CLI::IsMember({"c3", "dv"}));
    c->add_option("--threads", o->threads, "worker threads (default: all cores)");
    c->add_option("--svg", o->svg, "write the porkchop plot as SVG");
    c->add_option("--png", o->png, "write the porkchop plot as PNG");
    c->add_option("--csv", o->csv, "write every cell as CSV");
    c->add_option("--format", o->format, "json or table (default table)")->check(CLI::IsMember({"json", "table"}));
    c->callback([o, arrive, tof] {
        if (arrive->count() == 0 && tof->count() == 0) throw CommandError("give --arrive FIRST/LAST or --tof FIRST/LAST");
        run(*o);
    });
}};

}  // namespace
}  // namespace ger::cli
