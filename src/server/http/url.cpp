#include "server/http/url.hpp"

#include "server/detail/http_error.hpp"
#include "server/http/utf8.hpp"

namespace ger::server::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

detail::HttpError encoding_error(std::string_view part, const std::string& message) {
    return detail::HttpError(Problem::invalid_encoding, std::string(part) + ": " + message,
                             {{std::string(part), message}});
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space, std::string_view part) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                throw encoding_error(part, "'%' at offset " + std::to_string(i) + " is not followed by two hex digits");
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    if (const auto at = invalid_utf8_at(out); at != std::string::npos) {
        throw encoding_error(part, "not UTF-8 (decoded byte " + std::to_string(at) + ")");
    }
    return out;
}

QueryParams parse_query(std::string_view text, std::string_view part) {
    QueryParams out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('&', start);
        if (end == std::string_view::npos) end = text.size();
        const auto pair = text.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            auto key = percent_decode(pair.substr(0, eq), true, part);
            const std::string key_part = std::string(part) + "/" + key;
            auto value = eq == std::string_view::npos ? std::string()
                                                      : percent_decode(pair.substr(eq + 1), true, key_part);
            out.emplace_back(std::move(key), std::move(value));
        }
        start = end + 1;
    }
    return out;
}

std::string encode_component(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                                u == '-' || u == '.' || u == '_' || u == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(digits[u >> 4]);
            out.push_back(digits[u & 15]);
        }
    }
    return out;
}

}  // namespace ger::server::http
