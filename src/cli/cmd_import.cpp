// `ger import FILE`: replaces the whole data set with FILE after checking all of it; all or nothing.
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/command.hpp"
#include "cli/database.hpp"
#include "model/error.hpp"
#include "store/import.hpp"

namespace ger::cli {
namespace {

struct Options {
    std::string db;
    std::string file;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CommandError("cannot read " + path);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw CommandError("cannot read " + path);
    return text;
}

void run(const Options& options) {
    const auto text = read_file(options.file);
    auto store = open_database(options.db);
    try {
        const auto data = store::import_dataset(*store, text, options.file, command_line_actor());
        std::cout << "imported " << options.file << " into " << options.db << ": " << data.agencies.size()
                  << " agencies, " << data.goals.size() << " goals, " << data.missions.size() << " missions, "
                  << data.capabilities.size() << " capabilities, " << data.editions.size() << " editions\n";
    } catch (const model::ValidationError& e) {
        const auto count = e.errors().size();
        throw CommandError(options.file + " was not imported (" + std::to_string(count) +
                           (count == 1 ? " problem" : " problems") + "; " + options.db + " is unchanged):\n" +
                           e.what());
    }
}

const CommandRegistrar registrar{20, [](CLI::App& app) {
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("import", "replace the data set with a JSON file (checked first; all or nothing)");
    add_db_option(*command, options->db);
    command->add_option("file", options->file, "JSON file as written by `ger export`")->required();
    command->callback([options] { run(*options); });
}};

}  // namespace
}  // namespace ger::cli
