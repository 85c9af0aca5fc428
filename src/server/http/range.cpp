#include "server/http/range.hpp"

#include <charconv>
#include <optional>

namespace ger::server::http {
namespace {

std::optional<std::size_t> number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct ByteRange {
    std::size_t first = 0;
    std::size_t last = 0;  // inclusive
};

enum class RangeOutcome { ignore, unsatisfiable, range };

RangeOutcome parse_single_range(std::string_view spec, std::size_t length, ByteRange& out) {
    constexpr std::string_view unit = "bytes=";
    if (spec.substr(0, unit.size()) != unit) return RangeOutcome::ignore;
    spec.remove_prefix(unit.size());
    if (spec.find(',') != std::string_view::npos) return RangeOutcome::ignore;  // several: the whole body
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos) return RangeOutcome::ignore;
    const auto first = number(spec.substr(0, dash));
    const auto last = number(spec.substr(dash + 1));
    if (!first) {  // "-N": the last N bytes
        if (!last) return RangeOutcome::ignore;
        if (*last == 0 || length == 0) return RangeOutcome::unsatisfiable;
        out = {length - std::min(*last, length), length - 1};
        return RangeOutcome::range;
    }
    if (!last && dash + 1 != spec.size()) return RangeOutcome::ignore;
    if (last && *last < *first) return RangeOutcome::ignore;
    if (*first >= length) return RangeOutcome::unsatisfiable;
    out = {*first, last ? std::min(*last, length - 1) : length - 1};
    return RangeOutcome::range;
}

}  // namespace

void apply_range(const Request& req, Response& res) {
    if (res.status != 200 || (req.method != "GET" && req.method != "HEAD")) return;
    if (res.header("Accept-Ranges") != "bytes") return;
    const auto* spec = req.headers.find("Range");
    if (!spec || req.headers.count("Range") != 1) return;
    const std::size_t length = res.body.size();
    ByteRange range;
    switch (parse_single_range(*spec, length, range)) {
        case RangeOutcome::ignore: return;
        case RangeOutcome::unsatisfiable:
            res.status = 416;
            res.set_header("Content-Range", "bytes */" + std::to_string(length));
            res.body.clear();
            return;
        case RangeOutcome::range:
            res.status = 206;
            res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.last) + "/" + std::to_string(length));
            res.body = res.body.substr(range.first, range.last - range.first + 1);
            return;
    }
}

}  // namespace ger::server::http
