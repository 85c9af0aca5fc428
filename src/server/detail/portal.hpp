// The portal's pieces the dispatcher needs: the session cookie's name and the HTML error page.
#pragma once

#include "server/detail/app.hpp"

namespace ger::server::detail {

inline constexpr const char* session_cookie = "ger_session";
inline constexpr const char* login_cookie = "ger_login";  // the login form's CSRF token (double submit)

void send_error_page(http::Response& res, const HttpError& error, const Caller& caller);

}  // namespace ger::server::detail
