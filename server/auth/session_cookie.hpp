// The browser session cookie: its name, reading it from a request, and the
// Set-Cookie values that start and end it. `__Host-` makes browsers insist on
// Secure, Path=/ and no Domain, so no subdomain can plant or read it.
#pragma once

#include "server/http_types.hpp"

#include <string>
#include <string_view>

namespace plenary::server::auth {

inline constexpr std::string_view session_cookie_name = "__Host-plenary_session";

// The session cookie's value, or empty when absent or not a plausible token
// (base64url, at most 128 characters).
std::string_view session_cookie_value(const request& req);

// Set-Cookie for a new session (a browser-session cookie: no Max-Age).
std::string session_cookie(std::string_view value);
// Set-Cookie that makes the browser drop the cookie at once.
std::string expired_session_cookie();

}  // namespace plenary::server::auth
