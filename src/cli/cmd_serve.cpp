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
    auto& http = options->http;
    command->add_option("--host", http.host, "address to listen on")->capture_default_str();
    command->add_option("--port", http.port, "port to listen on (0: any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    command->add_option("--threads", http.threads,
                        "threads that serve requests (0: 2 x cores, at least 4); connections hold none while idle")
        ->capture_default_str();
    command->add_option("--max-connections", http.max_connections, "open connections at most")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    command->add_option("--max-connections-per-address", http.max_connections_per_address,
                        "open connections from one client address at most")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    command->add_flag("--quiet", [options](std::int64_t) { options->log_requests = false; },
                      "do not log each request");
    command->callback([options] {
        open_database(options->db);  // the usual "run ger init" message when there is no database
        server::serve_until_signal(*options);
    });
}};

}  // namespace
}  // namespace ger::cli
