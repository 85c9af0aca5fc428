// `ger serve`: the portal and the REST API (server/server.hpp) until Ctrl-C.
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "server/server.hpp"

namespace ger::cli {
namespace {

const CommandRegistrar registrar{200, [](CLI::App& app) {
    auto options = std::make_shared<server::ServerOptions>();
    auto* command = app.add_subcommand("serve", "serve the portal and the REST API until Ctrl-C");
    add_db_option(*command, options->db);
    command->add_option("--host", options->host, "address to listen on")->capture_default_str();
    command->add_option("--port", options->port, "port to listen on (0: any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    command->add_option("--threads", options->threads,
                        "worker threads (0: max(64, 8 x cores); each keep-alive connection holds one)")
        ->capture_default_str();
    command->add_flag("--quiet", [options](std::int64_t) { options->log_requests = false; },
                      "do not log each request");
    command->callback([options] {
        open_database(options->db);  // the usual "run ger init" message when there is no database
        server::serve_until_signal(*options);
    });
}};

}  // namespace
}  // namespace ger::cli
