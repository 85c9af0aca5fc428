#pragma once
#include <string_view>
namespace ger::server::detail {
std::string_view stylesheet();
}  // namespace ger::server::detail
