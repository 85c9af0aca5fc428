// `ger survey`: human-accessible NEA round trips (Earth -> asteroid -> Earth) under NHATS-style criteria, for a
// few targets or the whole catalogue, on all cores, a shard of the catalogue (--shard i/n), or MPI ranks
// (--mpi, when built with GER_WITH_MPI). Output: a ranked table, JSON or CSV, to stdout or --out FILE (written
// whole: a temporary file renamed into place). Ctrl-C stops after the objects in progress and writes the
// partial result marked "complete": false. --store also keeps the run in the database for the portal
// (/asteroids): its progress while it runs, then every surveyed object. A progress line with rate and ETA goes to stderr on a terminal.
// --device cuda|cpu|auto: where the leg grids are solved (auto: a CUDA device when the build has CUDA and one is
// present, else the CPU); the results are the same either way.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>

#include "astro/error.hpp"
#include "astro/simd.hpp"
#include "astro/survey.hpp"
#include "cli/shard.hpp"
#include "cli/cmd_catalog.hpp"
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "ger/config.hpp"

#if GER_WITH_MPI
#include <mpi.h>
#endif

namespace ger::cli {
namespace {

std::atomic<bool> g_interrupted{false};
void survey_on_sigint(int) { g_interrupted.store(true); }

struct Options {
    std::string catalog;  // "": the bundled one
    std::string input_format = "auto";
    bool strict = false;
    std::vector<std::string> targets;
    std::string launch_from = "2025-01-01", launch_to = "2045-12-31";
    astro::SurveyCriteria criteria;
    double h_max = NAN;
    unsigned threads = 0;
    Format format = Format::table;
    std::string out;
    std::string shard;
    bool mpi = false;
    bool no_prune = false;
    std::string device = "auto";
    bool all = false;
    std::size_t limit = 50;
    bool store = false;  // also keep the run in the database for the portal (every surveyed object)
    std::string db;
};

nlohmann::json trip_json(const astro::RoundTrip& t) {
    return {{"total_dv_km_s", t.total_dv_km_s},
            {"launch", astro::format_utc_date(t.launch)},
            {"duration_days", t.duration_days},
            {"out_days", t.out_days},
            {"stay_days", t.stay_days},
            {"back_days", t.back_days},
            {"c3_km2_s2", t.c3_km2_s2},
            {"injection_dv_km_s", t.injection_dv_km_s},
            {"arrival_dv_km_s", t.arrival_dv_km_s},
            {"departure_dv_km_s", t.departure_dv_km_s},
            {"return_vinf_km_s", t.return_vinf_km_s},
            {"entry_speed_km_s", t.entry_speed_km_s}};
}

nlohmann::json target_json(const astro::TargetResult& r) {
    nlohmann::json j{{"designation", r.designation},
                     {"catalog_index", r.index},
                     {"h", std::isfinite(r.h_mag) ? nlohmann::json(r.h_mag) : nlohmann::json(nullptr)},
                     {"viable_count", r.viable_count},
                     {"pruned", r.pruned},
                     {"dv_lower_bound_km_s", std::isfinite(r.dv_lower_bound_km_s) ? nlohmann::json(r.dv_lower_bound_km_s)
                                                                                 : nlohmann::json(nullptr)},
                     {"min_dv", r.min_dv ? trip_json(*r.min_dv) : nlohmann::json(nullptr)},
                     {"min_duration", r.min_duration ? trip_json(*r.min_duration) : nlohmann::json(nullptr)}};
    return j;
}

// A run kept in the database as it goes: begun before the first object, progress every few seconds (from the
// survey's worker threads, hence the lock), every surveyed object's row at the end, then its final state. The
// portal serves the newest complete run and shows a running one's progress.
class StoredRun {
public:
    StoredRun(const std::string& db, const nlohmann::json& criteria, std::string device, std::size_t planned)
        : m_store(open_database(db)) {
        store::SurveyRun run;
        run.criteria = criteria.dump();
        run.catalogue = criteria["catalog"].get<std::string>();
        run.device = std::move(device);
        run.planned = static_cast<long long>(planned);
        m_id = m_store->begin_survey_run(run);
    }
    long long id() const { return m_id; }
    void progress(std::size_t done, std::uint64_t legs) {
        const std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::seconds(2)) return;
        m_last = now;
        m_store->report_survey_progress(m_id, static_cast<long long>(done), static_cast<long long>(legs));
    }
    void finish(const astro::SurveyRun& result) {
        const std::lock_guard lock(m_mutex);
        m_store->report_survey_progress(m_id, static_cast<long long>(result.results.size()),
                                        static_cast<long long>(result.legs_solved));
        std::vector<store::SurveyTarget> batch;
        constexpr std::size_t batch_size = 1000;  // one transaction each: a whole catalogue is ~20 of them
        for (const auto& r : result.results) {
            store::SurveyTarget t;
            t.designation = r.designation;
            if (std::isfinite(r.h_mag)) t.h_mag = r.h_mag;
            t.viable_count = static_cast<long long>(r.viable_count);
            if (r.min_dv) {
                t.min_dv_km_s = r.min_dv->total_dv_km_s;
                t.min_dv_launch = astro::format_utc_date(r.min_dv->launch);
            }
            if (r.min_duration) t.min_duration_days = r.min_duration->duration_days;
            t.detail = target_json(r).dump();
            batch.push_back(std::move(t));
            if (batch.size() == batch_size) {
                m_store->add_survey_targets(m_id, batch);
                batch.clear();
            }
        }
        if (!batch.empty()) m_store->add_survey_targets(m_id, batch);
        m_store->end_survey_run(m_id, result.complete ? store::SurveyRunState::complete : store::SurveyRunState::cancelled,
                                result.complete ? "" : "interrupted");
        m_ended = true;
    }
    ~StoredRun() {
        if (m_ended) return;
        try {
            m_store->end_survey_run(m_id, store::SurveyRunState::failed, "the survey stopped with an error");
        } catch (const std::exception&) {
            // the database itself failed: the run stays "running" there, and its updated_at says since when
        }
    }

private:
    std::unique_ptr<store::Store> m_store;
    long long m_id = 0;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
    bool m_ended = false;
};

// Ranked: viable targets by min total dv, then catalogue order.
void rank_targets(std::vector<nlohmann::json>& targets) {
    const auto key = [](const nlohmann::json& t) {
        return t["min_dv"].is_null() ? INFINITY : t["min_dv"]["total_dv_km_s"].get<double>();
    };
    std::stable_sort(targets.begin(), targets.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
        const double ka = key(a), kb = key(b);
        if (ka != kb) return ka < kb;
        return a["catalog_index"].get<std::size_t>() < b["catalog_index"].get<std::size_t>();
    });
}

nlohmann::json criteria_json(const Options& o) {
    const auto& c = o.criteria;
    return {{"catalog", o.catalog.empty() ? std::string("NEA.txt") : std::filesystem::path(o.catalog).filename().string()},
            {"launch_from", o.launch_from},
            {"launch_to", o.launch_to},
            {"launch_step_days", c.launch_step_days},
            {"tof_step_days", c.tof_step_days},
            {"max_duration_days", c.max_duration_days},
            {"min_stay_days", c.min_stay_days},
            {"max_c3_km2_s2", c.max_c3_km2_s2},
            {"max_total_dv_km_s", c.max_total_dv_km_s},
            {"max_entry_speed_km_s", c.max_entry_speed_km_s},
            {"parking_alt_km", c.parking_alt_km},
            {"entry_alt_km", c.entry_alt_km},
            {"max_h", c.max_h ? nlohmann::json(*c.max_h) : nlohmann::json(nullptr)},
            {"model", "0-rev prograde Lambert legs, Sun two-body; Earth eraEpv00 tabulated; asteroids Keplerian"}};
}

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(digits);
    s << v;
    return s.str();
}

std::string trip_cells(const nlohmann::json& t) {
    return t["launch"].get<std::string>() + " " + fixed(t["out_days"], 0) + "/" + fixed(t["stay_days"], 0) + "/" +
           fixed(t["back_days"], 0);
}

void write_output(const Options& o, const nlohmann::json& doc) {
    std::ostringstream out;
    const auto& targets = doc["targets"];
    if (o.format == Format::json) {
        out << doc.dump(2) << '\n';
    } else {
        Table table{{"rank", "designation", "H", "min_dv_km_s", "launch out/stay/back", "C3", "entry_km_s", "min_dur_days",
                     "dv_at_min_dur", "launch out/stay/back", "viable"},
                    {}};
        std::size_t n = 0;
        for (const auto& t : targets) {
            if (o.format == Format::table && n >= o.limit && o.limit != 0) break;
            ++n;
            std::vector<std::string> row{std::to_string(n), t["designation"], t["h"].is_null() ? "" : fixed(t["h"], 1)};
            if (t["min_dv"].is_null()) {
                row.insert(row.end(), {"", "", "", "", "", "", ""});
            } else {
                const auto& a = t["min_dv"];
                const auto& b = t["min_duration"];
                row.insert(row.end(), {fixed(a["total_dv_km_s"], 3), trip_cells(a), fixed(a["c3_km2_s2"], 2),
                                       fixed(a["entry_speed_km_s"], 2), fixed(b["duration_days"], 0),
                                       fixed(b["total_dv_km_s"], 3), trip_cells(b)});
            }
            row.push_back(std::to_string(t["viable_count"].get<std::uint64_t>()));
            table.rows.push_back(std::move(row));
        }
        if (o.format == Format::csv) {
            print_csv(out, table);
        } else {
            print_table(out, table);
            out << doc["summary"]["viable"] << " of " << doc["summary"]["surveyed"] << " objects surveyed have viable round trips ("
                << doc["summary"]["pruned"] << " pruned by the bound)" << (doc["complete"].get<bool>() ? "" : "; INCOMPLETE (interrupted)")
                << '\n';
        }
    }
    if (o.out.empty()) {
        std::cout << out.str() << std::flush;
        return;
    }
    const auto tmp = o.out + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw CommandError("cannot write " + tmp);
        f << out.str();
        if (!f.flush()) throw CommandError("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, o.out);
}

#if GER_WITH_MPI
// Gathers each rank's serialized target list on rank 0.
std::vector<std::string> gather_strings(const std::string& mine, int rank, int size) {
    int len = static_cast<int>(mine.size());
    std::vector<int> lens(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
    MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::string all;
    if (rank == 0) {
        int total = 0;
        for (int r = 0; r < size; ++r) {
            displs[static_cast<std::size_t>(r)] = total;
            total += lens[static_cast<std::size_t>(r)];
        }
        all.resize(static_cast<std::size_t>(total));
    }
    MPI_Gatherv(mine.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
    std::vector<std::string> out;
    if (rank == 0) {
        for (int r = 0; r < size; ++r) {
            out.push_back(all.substr(static_cast<std::size_t>(displs[static_cast<std::size_t>(r)]),
                                     static_cast<std::size_t>(lens[static_cast<std::size_t>(r)])));
        }
    }
    return out;
}
#endif

void run(Options o) {
    auto& c = o.criteria;
    try {
        c.launch_first = astro::parse_utc_iso8601(o.launch_from);
        c.launch_last = astro::parse_utc_iso8601(o.launch_to);
    } catch (const astro::AstroError& e) {
        throw CommandError(std::string("--launch-from/--launch-to: ") + e.what());
    }
    if (std::isfinite(o.h_max)) c.max_h = o.h_max;
    int rank = 0, size = 1;
    if (o.mpi) {
#if GER_WITH_MPI
        MPI_Init(nullptr, nullptr);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        if (!o.shard.empty()) throw CommandError("--mpi and --shard cannot be combined");
#else
        throw CommandError("--mpi: this ger was built without MPI (configure with -DGER_WITH_MPI=ON)");
#endif
    }
    // Resolved before any work so `--device cuda` without a usable GPU fails at once with the reason.
    astro::SurveyDevice device = o.device == "cuda" ? astro::SurveyDevice::cuda
                                 : o.device == "cpu" ? astro::SurveyDevice::cpu
                                                     : astro::SurveyDevice::automatic;
    try {
        device = astro::resolve_survey_device(device);
    } catch (const astro::AstroError& e) {
        throw CommandError(std::string("--") + e.what());
    }
    const auto cat = load_catalog_file(o.catalog, o.input_format, o.strict, "survey");
    const astro::ErfaEphemeris eph;
    std::unique_ptr<astro::SurveyGrid> grid;
    try {
        grid = std::make_unique<astro::SurveyGrid>(c, eph);
    } catch (const astro::AstroError& e) {
        throw CommandError(e.what());
    }
    std::vector<std::size_t> indices;
    if (!o.targets.empty()) {
        for (const auto& t : o.targets) {
            bool hit = false;
            for (std::size_t k = 0; k < cat.objects.size() && !hit; ++k) {
                if (astro::matches_designation(cat.objects[k], t)) {
                    indices.push_back(k);
                    hit = true;
                }
            }
            if (!hit) {
                throw CommandError("--targets: '" + t + "' is not in " +
                                   (o.catalog.empty() ? std::string(bundled_catalog_label) : o.catalog));
            }
        }
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    } else {
        indices = astro::survey_candidates(*grid, cat.objects);
    }
    std::string shard_text;
    if (!o.shard.empty() || size > 1) {
        const auto [i, n] = o.shard.empty() ? std::pair{rank, size} : parse_shard(o.shard);
        indices = astro::survey_shard(*grid, cat.objects, indices, i, n);
        shard_text = std::to_string(i) + "/" + std::to_string(n);
    }

    if (o.store && size > 1) throw CommandError("--store and --mpi cannot be combined yet: store each shard's JSON instead");
    std::unique_ptr<StoredRun> stored;
    if (o.store && rank == 0) {
        stored = std::make_unique<StoredRun>(o.db, criteria_json(o), std::string(astro::survey_device_name(device)),
                                             indices.size());
    }
    const bool tty = isatty(STDERR_FILENO) != 0 && rank == 0;
    const auto start = std::chrono::steady_clock::now();
    std::mutex progress_mutex;
    auto last = start;
    astro::SurveyControl control;
    control.cancel = &g_interrupted;
    if (tty || stored) {
        control.progress = [&](std::size_t done, std::size_t total, std::uint64_t legs) {
            if (stored) stored->progress(done, legs);
            if (!tty) return;
            const std::lock_guard lock(progress_mutex);
            const auto now = std::chrono::steady_clock::now();
            if (done != total && now - last < std::chrono::milliseconds(250)) return;
            last = now;
            const double s = std::chrono::duration<double>(now - start).count();
            const double rate = done / std::max(s, 1e-9);
            const double eta = (total - done) / std::max(rate, 1e-9);
            std::fprintf(stderr, "\r\033[Ksurvey: %zu/%zu objects (%.1f%%), %.1f objects/s, %.1f M legs/s, ETA %dm%02ds",
                         done, total, 100.0 * done / std::max<std::size_t>(total, 1), rate, legs / s / 1e6,
                         static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
            std::fflush(stderr);
        };
    }
    const auto previous = std::signal(SIGINT, survey_on_sigint);
    astro::SurveyRun result;
    try {
        result = astro::run_survey(*grid, cat.objects, indices, {.threads = o.threads, .prune = !o.no_prune, .device = device},
                                    control);
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (tty) std::fprintf(stderr, "\n");
    if (stored) {
        stored->finish(result);
        std::fprintf(stderr, "survey: stored as run %lld in %s\n", stored->id(), o.db.c_str());
    }

    std::vector<nlohmann::json> targets;
    std::size_t surveyed = 0, pruned = 0, viable = 0, planned = result.planned;
    std::uint64_t legs = result.legs_solved;
    bool complete = result.complete;
    for (const auto& r : result.results) {
        ++surveyed;
        pruned += r.pruned;
        viable += r.viable_count > 0;
        if (o.all || !o.targets.empty() || r.viable_count > 0) targets.push_back(target_json(r));
    }
#if GER_WITH_MPI
    if (size > 1) {
        nlohmann::json mine{{"targets", targets}, {"surveyed", surveyed}, {"pruned", pruned}, {"viable", viable},
                            {"planned", planned}, {"legs", legs}, {"complete", complete}};
        const auto parts = gather_strings(mine.dump(), rank, size);
        if (rank == 0) {
            targets.clear();
            surveyed = pruned = viable = planned = 0;
            legs = 0;
            complete = true;
            for (const auto& p : parts) {
                const auto j = nlohmann::json::parse(p);
                for (const auto& t : j["targets"]) targets.push_back(t);
                surveyed += j["surveyed"].get<std::size_t>();
                pruned += j["pruned"].get<std::size_t>();
                viable += j["viable"].get<std::size_t>();
                planned += j["planned"].get<std::size_t>();
                legs += j["legs"].get<std::uint64_t>();
                complete = complete && j["complete"].get<bool>();
            }
            shard_text.clear();
        }
    }
#endif
    if (rank == 0) {
        rank_targets(targets);
        nlohmann::json doc{{"complete", complete},
                           {"criteria", criteria_json(o)},
                           {"summary", {{"planned", planned}, {"surveyed", surveyed}, {"pruned", pruned}, {"viable", viable}}},
                           {"targets", targets}};
        if (!shard_text.empty()) doc["shard"] = shard_text;
        write_output(o, doc);
        // The SIMD target the CPU kernels dispatched to (the host's bounds and filters run on it on either device).
        std::fprintf(stderr, "survey: %zu objects (%zu pruned, %zu viable) in %.1f s, %.3g legs, %.1f M legs/s, %.1f objects/s, device %s, SIMD %s%s\n",
                     surveyed, pruned, viable, wall, static_cast<double>(legs), legs / std::max(wall, 1e-9) / 1e6,
                     surveyed / std::max(wall, 1e-9), std::string(astro::survey_device_name(device)).c_str(),
                     astro::simd_dispatched().c_str(), complete ? "" : " (interrupted: partial result)");
    }
#if GER_WITH_MPI
    if (o.mpi) MPI_Finalize();
#endif
    if (!complete) throw CommandError("interrupted: partial result written, marked \"complete\": false");
}

const CommandRegistrar registrar{77, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("survey", "human-accessible NEA round trips (NHATS-style criteria) over a catalogue");
    auto& c = o->criteria;
    cmd->add_option("--catalog", o->catalog, "catalogue file (default: the bundled data/NEA.txt)");
    cmd->add_option("--input-format", o->input_format, "auto, mpc or sbdb")->check(CLI::IsMember({"auto", "mpc", "sbdb"}));
    cmd->add_flag("--strict", o->strict, "a bad catalogue line is fatal");
    cmd->add_option("--targets", o->targets, "only these objects (comma-separated: \"2000 SG344,2006 RH120\")")->delimiter(',');
    cmd->add_option("--launch-from", o->launch_from, "first launch date, UTC (default 2025-01-01)");
    cmd->add_option("--launch-to", o->launch_to, "last launch date, UTC (default 2045-12-31)");
    cmd->add_option("--launch-step", c.launch_step_days, "days between launch dates (default 1; a multiple of --tof-step)");
    cmd->add_option("--tof-step", c.tof_step_days, "days between arrival/departure/return dates (default 1)");
    cmd->add_option("--max-duration", c.max_duration_days, "max mission duration [days] (default 450)");
    cmd->add_option("--min-stay", c.min_stay_days, "min stay at the asteroid [days] (default 8)");
    cmd->add_option("--max-c3", c.max_c3_km2_s2, "max launch C3 [km^2/s^2] (default 60)");
    cmd->add_option("--max-dv", c.max_total_dv_km_s, "max total dv [km/s] (default 12)");
    cmd->add_option("--max-entry", c.max_entry_speed_km_s, "max Earth entry speed [km/s] (default 12)");
    cmd->add_option("--parking-alt", c.parking_alt_km, "circular parking orbit altitude [km] (default 400)");
    cmd->add_option("--entry-alt", c.entry_alt_km, "entry interface altitude [km] (default 125)");
    cmd->add_option("--h-max", o->h_max, "only objects with H <= this");
    cmd->add_option("--threads", o->threads, "worker threads (default: all cores)");
    add_format_option(*cmd, o->format);
    cmd->add_option("--out", o->out, "write the result to this file (default stdout)");
    cmd->add_option("--shard", o->shard, "survey only shard i of n (i/n, 0-based), split by estimated cost");
    cmd->add_flag("--mpi", o->mpi, "split the catalogue across MPI ranks; rank 0 writes the result");
    cmd->add_flag("--no-prune", o->no_prune, "skip the lower-bound pruning (validation)");
    cmd->add_option("--device", o->device, "where the leg grids run: cuda, cpu or auto (cuda when a GPU is present)")
        ->check(CLI::IsMember({"cuda", "cpu", "auto"}));
    cmd->add_flag("--all", o->all, "list every surveyed object, not only viable ones");
    cmd->add_option("--limit", o->limit, "table rows (default 50; 0 = all)");
    cmd->add_flag("--store", o->store,
                  "also keep the run in the database (--db) for the portal's /asteroids: progress while it runs, "
                  "every surveyed object at the end");
    add_db_option(*cmd, o->db);
    cmd->callback([o] { run(*o); });
}};

}  // namespace
}  // namespace ger::cli
