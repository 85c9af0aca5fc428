// Rate limits on anonymous submissions (comments, workshop registrations): per client address and per email, in
// a short window and in a day (server/comment_limits.hpp). A submission beyond any limit is 429 with Retry-After
// and stores nothing.
#pragma once

#include <functional>
#include <string>

#include "server/detail/app.hpp"

namespace ger::server::detail {

struct RecentSubmissions {
    long long from_source = 0;
    long long from_email = 0;
};

// A digest of the client address salted with `purpose` ("comment", "registration"): what rate limiting needs
// and no more, and not joinable with another table's digests.
std::string submission_source(const Context& ctx, const std::string& purpose);

// Throws 429 when the submissions counted since each window's start reach a limit. `what` names them in the
// message and the log ("comments", "registrations").
void check_rate_limits(const Context& ctx, const CommentLimits& limits, const std::string& what,
                       const std::function<RecentSubmissions(model::Timestamp since)>& recent);

}  // namespace ger::server::detail
