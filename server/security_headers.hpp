// Headers every response carries: HSTS on TLS, Content-Security-Policy with
// frame-ancestors 'none', X-Content-Type-Options, Referrer-Policy,
// X-Frame-Options, Cross-Origin-Opener-Policy. write_response_head sends
// each one the handler did not set on purpose.
#pragma once

#include <span>
#include <string_view>

namespace plenary::server {

struct header_default {
    std::string_view name;
    std::string_view value;
};

// The defaults, in the order they are sent (HSTS first, and only on TLS).
std::span<const header_default> security_header_defaults(bool tls);

}  // namespace plenary::server
