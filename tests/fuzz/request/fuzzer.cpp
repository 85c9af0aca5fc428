// libFuzzer harness for what an anonymous client controls: the request as bytes on the wire (request line,
// path, query, header fields, Content-Length and chunked bodies), then its body read as JSON and as a form, as
// the handlers read them. Every refusal must be an HttpError with a 4xx status; anything else (a crash, a
// sanitizer report, another exception, a 5xx) is a finding. Built and run by run.sh (clang, -fsanitize=fuzzer).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/detail/http_error.hpp"
#include "server/http/json_body.hpp"
#include "server/http/request_reader.hpp"
#include "server/http/url.hpp"

namespace {

using ger::server::detail::HttpError;

void expect_client_error(const HttpError& e) {
    if (e.status() < 400 || e.status() >= 500) std::abort();
}

void read_body(const ger::server::http::Request& req) {
    try {
        auto value = ger::server::http::parse_json_body(req.body);
        // What a merge patch handler does with it: merge onto a record, then dump.
        nlohmann::json record = {{"id", "x"}, {"visibility", {{"scope", "public"}}}};
        if (value.is_object()) record.merge_patch(value);
        (void)record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (const HttpError& e) {
        expect_client_error(e);
    }
    try {
        (void)ger::server::http::parse_query(req.body, "form");
    } catch (const HttpError& e) {
        expect_client_error(e);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ger::server::http::RequestLimits limits;
    limits.max_body_bytes = 4096;
    limits.max_header_bytes = 4096;
    try {
        const auto req = ger::server::http::parse_request(bytes, limits);
        if (!req) return 0;
        (void)req->cookie("ger_session");
        read_body(*req);
    } catch (const HttpError& e) {
        expect_client_error(e);
    }
    return 0;
}
