// Headers every response carries: HSTS on TLS, Content-Security-Policy with
// frame-ancestors 'none', X-Content-Type-Options, Referrer-Policy,
// X-Frame-Options, Cross-Origin-Opener-Policy. A handler that set one on
// purpose wins.
#pragma once

#include "server/http_types.hpp"

#include <span>
#include <string_view>

namespace plenary::server {

struct header_default {
    std::string_view name;
    std::string_view value;
};

// The defaults, in the order they are sent (HSTS first, and only on TLS).
std::span<const header_default> security_header_defaults(bool tls);

// Sets each default the response does not already carry.
void add_security_headers(response& res, bool tls);

}  // namespace plenary::server
