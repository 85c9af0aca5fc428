#include "server/http/request_reader.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include "server/detail/http_error.hpp"
#include "server/http/url.hpp"
#include "server/http/utf8.hpp"

namespace ger::server::http {

namespace beast_http = boost::beast::http;
using detail::HttpError;

void check_head(const BeastRequest& message, const RequestLimits& limits) {
    if (message.target().size() > limits.max_target_bytes) {
        throw HttpError(Problem::uri_too_long, "the request target is over " +
                                                   std::to_string(limits.max_target_bytes) + " bytes");
    }
    std::size_t fields = 0;
    for (auto it = message.begin(); it != message.end(); ++it) ++fields;
    if (fields > limits.max_header_fields) {
        throw HttpError(Problem::headers_too_large, "the request has " + std::to_string(fields) +
                                                        " header fields; at most " +
                                                        std::to_string(limits.max_header_fields) + " are read");
    }
}

Request to_request(BeastRequest&& message) {
    Request req;
    req.method = std::string(message.method_string());
    req.target = std::string(message.target());
    req.keep_alive = message.keep_alive();
    const std::string_view target = req.target;
    const auto question = target.find('?');
    req.path = percent_decode(target.substr(0, question), false, "path");
    if (question != std::string_view::npos) req.query = parse_query(target.substr(question + 1), "query");
    for (const auto& field : message) {
        const std::string_view name = field.name_string();
        const std::string_view value = field.value();
        if (!is_utf8(value)) {
            const std::string part = "header/" + std::string(is_utf8(name) ? name : "?");
            throw HttpError(Problem::invalid_encoding, part + ": not UTF-8", {{part, "not UTF-8"}});
        }
        req.headers.add(std::string(name), std::string(value));
    }
    req.body = std::move(message.body());
    return req;
}

std::optional<Request> parse_request(std::string_view bytes, const RequestLimits& limits) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (used < bytes.size() && !parser.is_done()) {
        const auto n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        if (ec == beast_http::error::need_more) break;
        if (ec == beast_http::error::header_limit) {
            throw HttpError(Problem::headers_too_large, "the request head is over " +
                                                            std::to_string(limits.max_header_bytes) + " bytes");
        }
        if (ec == beast_http::error::body_limit) {
            throw HttpError(Problem::body_too_large, "the request body is over the server's limit of " +
                                                         std::to_string(limits.max_body_bytes) + " bytes");
        }
        if (ec) throw HttpError(Problem::bad_request, "the request could not be read: " + ec.message());
        used += n;
        if (n == 0) break;
    }
    if (!parser.is_done()) return std::nullopt;
    check_head(parser.get(), limits);
    return to_request(parser.release());
}

}  // namespace ger::server::http
