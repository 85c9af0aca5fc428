// The `ger` command: parses the command line and runs the chosen subcommand (see command.hpp).
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "astro/simd.hpp"
#include "cli/command.hpp"
#include "ger/config.hpp"

namespace ger::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

std::string default_db_path() {
    const char* env = std::getenv("GER_DB");
    return (env != nullptr && *env != '\0') ? env : "var/ger.db";
}

}  // namespace ger::cli

int main(int argc, char** argv) {
    CLI::App app{"ger: the Global Exploration Roadmap's exchange, analysis and publication tool"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("ger ") + ger::config::version);
    auto commands = ger::cli::registry();
    std::stable_sort(commands.begin(), commands.end(),
                     [](const auto& a, const auto& b) { return a.order < b.order; });
    for (auto& command : commands) command.setup(app);
    try {
        // GER_SIMD caps the instruction set of the dispatched kernels (astro/simd.hpp), e.g. to measure the AVX2
        // code on an AVX-512 machine; the commands that time kernels print which one ran.
        if (const char* simd = std::getenv("GER_SIMD"); simd != nullptr && *simd != '\0') {
            try {
                ger::astro::limit_simd(ger::astro::parse_simd_limit(simd));
            } catch (const std::exception& e) {
                std::cerr << "ger: GER_SIMD: " << e.what() << "\n";
                return 1;
            }
        }
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        const auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
        std::cerr << "ger" << (sub ? " " + sub->get_name() : std::string()) << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
