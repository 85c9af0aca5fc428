#include "cli/shard.hpp"

#include <exception>

#include "cli/command.hpp"

namespace ger::cli {

std::pair<int, int> parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    try {
        if (slash != std::string::npos) {
            std::size_t used_i = 0, used_n = 0;
            const std::string first = text.substr(0, slash), second = text.substr(slash + 1);
            const int i = std::stoi(first, &used_i), n = std::stoi(second, &used_n);
            if (used_i == first.size() && used_n == second.size() && n >= 1 && i >= 0 && i < n) return {i, n};
        }
    } catch (const std::exception&) {
    }
    throw CommandError("--shard " + text + ": expected i/n with 0 <= i < n");
}

}  // namespace ger::cli
