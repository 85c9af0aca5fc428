// Rate limits on anonymous submissions (detail/rate_limits.hpp).
#include "server/detail/rate_limits.hpp"

#include <spdlog/spdlog.h>

#include "server/credentials.hpp"

namespace ger::server::detail {
namespace {

HttpError too_many(const std::string& what, const std::string& from, std::chrono::seconds retry_after) {
    HttpError e(Problem::too_many_requests, "too many " + what + " from " + from + "; try again later");
    e.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
    return e;
}

}  // namespace

std::string submission_source(const Context& ctx, const std::string& purpose) {
    return digest("ger-" + purpose + "-source:" + ctx.req.client_addr);
}

void check_rate_limits(const Context& ctx, const CommentLimits& limits, const std::string& what,
                       const std::function<RecentSubmissions(model::Timestamp since)>& recent) {
    const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto short_counts = recent(t - limits.short_window);
    const auto day_counts = recent(t - std::chrono::hours(24));
    const auto log = [&](const char* by) {
        spdlog::warn("security: {}-rate-limited by={} client={}", what, by, log_value(ctx.req.client_addr));
    };
    if (short_counts.from_source >= limits.per_source_short) {
        log("address");
        throw too_many(what, "this address", limits.short_window);
    }
    if (short_counts.from_email >= limits.per_email_short) {
        log("email");
        throw too_many(what, "this email address", limits.short_window);
    }
    if (day_counts.from_source >= limits.per_source_day) {
        log("address-day");
        throw too_many(what, "this address today", std::chrono::hours(24));
    }
    if (day_counts.from_email >= limits.per_email_day) {
        log("email-day");
        throw too_many(what, "this email address today", std::chrono::hours(24));
    }
}

}  // namespace ger::server::detail
