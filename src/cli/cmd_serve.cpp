// `ger serve`: the portal and the REST API (server/server.hpp) until Ctrl-C.
#include "cli/command.hpp"
#include "cli/database.hpp"
#include "server/client_address.hpp"
#include "server/server.hpp"

namespace ger::cli {
namespace {

// A CLI11 check from a parser that throws std::invalid_argument; CLI11 puts the option's name in front.
template <class Parse>
std::function<std::string(const std::string&)> parses_as(Parse parse) {
    return [parse](const std::string& value) {
        try {
            (void)parse(value);
            return std::string();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
    };
}

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
                        "threads that serve requests (0: 8 x cores, at least 16); connections hold none while idle")
        ->capture_default_str();
    command->add_option("--max-connections", http.max_connections, "open connections at most")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    command->add_option("--max-connections-per-address", http.max_connections_per_address,
                        "open connections from one TCP peer at most (behind a proxy, the proxy: raise it there)")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    command->add_option("--public-url", options->public_url,
                        "the URL the public reaches the server at, when a TLS proxy stands in front "
                        "(https://roadmap.example.org): with https, session and login cookies are Secure with the "
                        "__Host- prefix, responses carry Strict-Transport-Security and portal forms must come from "
                        "that origin; without it (plain http on localhost) cookies carry no Secure flag")
        ->check(parses_as([](const std::string& v) { return server::PublicUrl::parse(v); }), "URL");
    command->add_option("--trusted-proxy", options->trusted_proxies,
                        "a proxy (IP address or CIDR network, repeatable) whose X-Forwarded-For names the client: "
                        "the rightmost address in it that is not a trusted proxy is the client address that login "
                        "throttling and the log use; from any other peer the header is ignored")
        ->check(parses_as([](const std::string& v) { return server::IpNetwork::parse(v); }), "ADDR");
    command->add_flag("--no-feasibility", [options](std::int64_t) { options->background_feasibility = false; },
                      "do not compute missions' launch feasibility in the background (their pages then say so; "
                      "results another server stored are not read either)");
    command->add_flag("--quiet", [options](std::int64_t) { options->log_requests = false; },
                      "do not log each request (security events are logged still)");
    command->callback([options] {
        open_database(options->db);  // the usual "run ger init" message when there is no database
        server::serve_until_signal(*options);
    });
}};

}  // namespace
}  // namespace ger::cli
