// Byte ranges (RFC 9110, section 14): one range of a response that offers them, never several. A request for
// several ranges gets the whole body (a server may ignore Range), so no request multiplies a response.
#pragma once

#include "server/http/message.hpp"

namespace ger::server::http {

// When `res` is a 200 with "Accept-Ranges: bytes" and `req` is a GET or HEAD with one satisfiable
// "Range: bytes=..." range, turns it into a 206 of that range with Content-Range; an unsatisfiable single range
// gives 416. Anything else leaves `res` as it is.
void apply_range(const Request& req, Response& res);

}  // namespace ger::server::http
