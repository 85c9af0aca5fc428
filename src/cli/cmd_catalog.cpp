// `ger catalog`: list small bodies from an MPC one-line file (default data/NEA.txt) or a JPL SBDB CSV export,
// with their elements and H, filtered by designation, H and orbit class.
#include "cli/cmd_catalog.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "astro/bundled_catalog.hpp"
#include "astro/constants.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"

namespace ger::cli {

astro::Catalog load_catalog_file(const std::string& file, const std::string& format, bool strict,
                                 const std::string& command) {
    if (file.empty() && format != "sbdb") return astro::bundled_catalog();
    const std::string path = file.empty() ? std::string(bundled_catalog_label) : file;
    std::string text;
    if (file.empty()) {
        text = std::string(astro::bundled_catalog_text());
    } else {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw CommandError("cannot open catalogue " + file);
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    const auto fmt = format == "mpc"    ? astro::CatalogFormat::mpc
                     : format == "sbdb" ? astro::CatalogFormat::sbdb_csv
                                        : astro::detect_catalog_format(text);
    try {
        auto cat = astro::parse_catalog(text, fmt, strict);
        constexpr std::size_t shown = 10;
        for (std::size_t k = 0; k < cat.skipped.size() && k < shown; ++k) {
            std::cerr << "ger " << command << ": " << path << ": skipped " << astro::describe(cat.skipped[k]) << '\n';
        }
        if (cat.skipped.size() > shown) {
            std::cerr << "ger " << command << ": " << path << ": skipped " << cat.skipped.size() << " bad lines in all\n";
        }
        return cat;
    } catch (const astro::CatalogError& e) {
        throw CommandError(path + ": " + e.what());
    }
}

namespace {

struct Options {
    std::string catalog;  // "": the bundled one
    std::string input_format = "auto";
    bool strict = false;
    Format format = Format::table;
    std::vector<std::string> designations;
    double h_max = NAN;
    std::string type;
    std::size_t limit = 0;
};

std::string fixed(double v, int digits) {
    if (!std::isfinite(v)) return "";
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(digits);
    s << v;
    return s.str();
}

void run(const Options& o) {
    const auto cat = load_catalog_file(o.catalog, o.input_format, o.strict, "catalog");
    std::optional<astro::OrbitClass> type;
    if (!o.type.empty()) {
        type = astro::parse_orbit_class(o.type);
        if (!type) throw CommandError("--type " + o.type + ": expected atira, aten, apollo, amor or other");
    }
    Table table{{"designation", "class", "H", "a_au", "e", "i_deg", "node_deg", "argp_deg", "M_deg", "epoch_jd_tdb"}, {}};
    nlohmann::json json = nlohmann::json::array();
    for (const auto& obj : cat.objects) {
        if (!o.designations.empty()) {
            bool hit = false;
            for (const auto& d : o.designations) hit = hit || astro::matches_designation(obj, d);
            if (!hit) continue;
        }
        if (std::isfinite(o.h_max) && !(obj.h_mag <= o.h_max)) continue;
        if (type && obj.orbit_class != *type) continue;
        if (o.limit != 0 && table.rows.size() >= o.limit) break;
        const auto& el = obj.elements;
        const double rad = 1 / astro::deg_to_rad;
        const auto jd = obj.epoch.julian_date();
        table.rows.push_back({obj.designation, std::string(astro::orbit_class_name(obj.orbit_class)), fixed(obj.h_mag, 2),
                              fixed(el.a_km / astro::au_km, 7), fixed(el.e, 7), fixed(el.i_rad * rad, 5),
                              fixed(el.raan_rad * rad, 5), fixed(el.argp_rad * rad, 5),
                              fixed(el.mean_anomaly_rad * rad, 5), fixed(jd.day + jd.fraction, 6)});
        nlohmann::json j{{"designation", obj.designation},
                         {"packed", obj.packed},
                         {"class", astro::orbit_class_name(obj.orbit_class)},
                         {"h", std::isfinite(obj.h_mag) ? nlohmann::json(obj.h_mag) : nlohmann::json(nullptr)},
                         {"a_au", el.a_km / astro::au_km},
                         {"e", el.e},
                         {"i_deg", el.i_rad * rad},
                         {"node_deg", el.raan_rad * rad},
                         {"argp_deg", el.argp_rad * rad},
                         {"mean_anomaly_deg", el.mean_anomaly_rad * rad},
                         {"epoch_jd_tdb", jd.day + jd.fraction}};
        if (obj.number) j["number"] = *obj.number;
        if (!obj.name.empty()) j["name"] = obj.name;
        if (!obj.provisional.empty()) j["provisional"] = obj.provisional;
        json.push_back(std::move(j));
    }
    print(std::cout, o.format, table, json);
}

const CommandRegistrar registrar{76, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("catalog", "list small bodies (MPC one-line file or JPL SBDB CSV) with elements and H");
    command->add_option("--catalog", o->catalog, "catalogue file (default: the bundled data/NEA.txt)");
    command->add_option("--input-format", o->input_format, "auto, mpc or sbdb")
        ->check(CLI::IsMember({"auto", "mpc", "sbdb"}));
    command->add_flag("--strict", o->strict, "a bad line is fatal (default: skipped, reported and counted)");
    add_format_option(*command, o->format);
    command->add_option("--designation", o->designations, "only these objects (comma-separated: 2000 SG344,433,Eros)")
        ->delimiter(',');
    command->add_option("--h-max", o->h_max, "only objects with H <= this");
    command->add_option("--type", o->type, "only this class: atira, aten, apollo, amor");
    command->add_option("--limit", o->limit, "at most this many rows");
    command->callback([o] { run(*o); });
}};

}  // namespace
}  // namespace ger::cli
