// `ger export`: writes the whole data set as JSON (the format `ger import` reads), to stdout or a file.
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "cli/output.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string format = "json";
    std::string output;
};

void run(const Options& options) {
    const auto text = model::to_json(open_database(options.db)->export_dataset()).dump(2) + "\n";
    if (options.output.empty() || options.output == "-") {
        std::cout << text;
    } else {
        write_file_atomically(options.output, text);
    }
}

const CommandRegistrar registrar{30, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("export", "write the whole data set as JSON (what `ger import` reads)");
    add_db_option(*command, options->db);
    command->add_option("--format", options->format, "output format (json)")
        ->check(CLI::IsMember({"json"}))
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "file to write (default: standard output)");
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
