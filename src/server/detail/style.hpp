// The portal's static files (style.cpp).
#pragma once
#include <string_view>
namespace ger::server::detail {
std::string_view stylesheet();      // /static/ger.css
std::string_view roadmap_script();  // /static/roadmap.js
}  // namespace ger::server::detail
