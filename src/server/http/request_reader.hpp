// From bytes on the wire to a checked Request (http/message.hpp), the same way for the transport and for the
// request-parsing fuzzer (tests/server/fuzz): Beast's HTTP/1.1 parser with the head and body limits, then the
// path and query percent-decoded and every part checked for UTF-8. Errors are HttpErrors naming the part.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "server/http/message.hpp"

namespace ger::server::http {

struct RequestLimits {
    std::size_t max_body_bytes = 64 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_header_fields = 100;
    std::size_t max_target_bytes = 8 * 1024;
};

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Checks the head of a parsed message (field count, target length); throws HttpError.
void check_head(const BeastRequest& message, const RequestLimits& limits);

// The message as a Request: path and query decoded, header values checked for UTF-8. Throws HttpError
// (Problem::invalid_encoding naming "path", "query/<name>" or "header/<name>"). The body moves.
Request to_request(BeastRequest&& message);

// One whole request in `bytes` (for the fuzzer and tests): nullopt when the bytes end before the request does.
// Throws HttpError for whatever the transport would refuse.
std::optional<Request> parse_request(std::string_view bytes, const RequestLimits& limits);

}  // namespace ger::server::http
