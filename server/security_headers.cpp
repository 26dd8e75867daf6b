// Security headers added to every response; see security_headers.hpp.
#include "server/security_headers.hpp"

#include <array>

namespace plenary::server {

namespace {

// By name: Beast's field enum lacks several of these headers.
constexpr std::array<header_default, 6> defaults{{
    // HSTS over plain HTTP is ignored by browsers and would only mislead, so
    // it comes first and the plain-HTTP list starts after it.
    {"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
     "form-action 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
}};

}  // namespace

std::span<const header_default> security_header_defaults(bool tls) {
    return tls ? std::span<const header_default>(defaults) : std::span<const header_default>(defaults).subspan(1);
}

}  // namespace plenary::server
