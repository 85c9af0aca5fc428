// `ger lambert`: solve Lambert problems listed in a CSV file (or stdin), every arc up to max_revs (the format:
// cli/lambert_csv.hpp). The answer is written only when every row parsed and solved, so a bad row leaves no
// partial output (exit 1, the error names line and column).
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/lambert_csv.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string input;
    LambertCsvOptions csv;
};

void run(const Options& o) {
    std::ifstream file;
    if (!o.input.empty() && o.input != "-") {
        file.open(o.input);
        if (!file) throw CommandError("cannot open " + o.input);
    }
    std::istream& in = file.is_open() ? static_cast<std::istream&>(file) : std::cin;
    std::cout << solve_lambert_csv(in, o.csv);
}

const CommandRegistrar registrar{70, [](CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* command = app.add_subcommand("lambert", "solve Lambert problems from CSV (Izzo 2015), every arc up to max_revs");
    command->add_option("--input", o->input, "CSV file with a header row (default: stdin)");
    command->add_option("--format", o->csv.format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
    command->add_flag("--retrograde", o->csv.retrograde, "clockwise transfers as seen from +z");
    command->callback([o] { run(*o); });
}};

}  // namespace
}  // namespace ger::cli
