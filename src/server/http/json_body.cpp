#include "server/http/json_body.hpp"

#include "server/detail/http_error.hpp"
#include "server/http/utf8.hpp"

namespace ger::server::http {

nlohmann::json parse_json_body(std::string_view body) {
    if (const auto at = invalid_utf8_at(body); at != std::string_view::npos) {
        throw detail::HttpError(Problem::invalid_encoding, "body: not UTF-8 (byte " + std::to_string(at) + ")",
                                {{"body", "not UTF-8"}});
    }
    // NOTE: the parser keeps its own stack, so the depth is cut while parsing: a 64 kB body of '[' would
    // otherwise become a value 64 k levels deep.
    bool too_deep = false;
    auto value = nlohmann::json::parse(
        body,
        [&too_deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
            if (depth > max_json_depth) too_deep = true;
            return !too_deep;
        },
        false);
    if (too_deep) {
        throw detail::HttpError(Problem::malformed_json,
                                "the request body nests deeper than " + std::to_string(max_json_depth) + " levels");
    }
    if (value.is_discarded()) throw detail::HttpError(Problem::malformed_json, "the request body is not valid JSON");
    return value;
}

}  // namespace ger::server::http
