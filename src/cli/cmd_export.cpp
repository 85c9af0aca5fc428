// `ger export`: writes the whole data set as JSON (the format `ger import` reads), to stdout or a file.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "model/json.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string format = "json";
    std::string output;
};

// Writes beside the target and renames, so a failed export never leaves half a file behind.
void write_file(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            std::filesystem::remove(temporary);
            throw CommandError("cannot write " + path);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary);
        throw CommandError("cannot write " + path + ": " + ec.message());
    }
}

void run(const Options& options) {
    const auto text = model::to_json(open_database(options.db)->export_dataset()).dump(2) + "\n";
    if (options.output.empty() || options.output == "-") {
        std::cout << text;
    } else {
        write_file(options.output, text);
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
