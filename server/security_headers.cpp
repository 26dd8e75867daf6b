// Security headers added to every response; a handler that set one on purpose wins.
#include "server/security_headers.hpp"

namespace plenary::server {

namespace {

// By name: Beast's field enum lacks several of these headers.
void set_default(response& res, std::string_view name, std::string_view value) {
    if (res.find(name) == res.end()) res.set(name, value);
}

}  // namespace

void add_security_headers(response& res, bool tls) {
    // HSTS over plain HTTP is ignored by browsers and would only mislead.
    if (tls) set_default(res, "Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    set_default(res, "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                "form-action 'self'");
    set_default(res, "X-Content-Type-Options", "nosniff");
    set_default(res, "Referrer-Policy", "no-referrer");
    set_default(res, "X-Frame-Options", "DENY");
    set_default(res, "Cross-Origin-Opener-Policy", "same-origin");
}

}  // namespace plenary::server
