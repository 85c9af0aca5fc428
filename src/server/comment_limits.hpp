// How many public comments one client address and one email may send (ServerOptions::comment_limits); a
// submission beyond any limit is 429 with Retry-After and stores nothing.
#pragma once

#include <chrono>

namespace ger::server {

struct CommentLimits {
    int per_source_short = 5;  // per client address in `short_window`
    int per_source_day = 30;   // per client address in a day
    int per_email_short = 3;   // per email in `short_window`
    int per_email_day = 10;    // per email in a day
    std::chrono::seconds short_window{std::chrono::minutes(10)};
};

}  // namespace ger::server
