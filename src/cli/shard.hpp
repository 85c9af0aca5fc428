// `--shard i/n` as `ger survey` and `ger bench survey` take it.
#pragma once

#include <string>
#include <utility>

namespace ger::cli {

// {i, n} with 0 <= i < n; throws CommandError naming the expected form otherwise.
std::pair<int, int> parse_shard(const std::string& text);

}  // namespace ger::cli
