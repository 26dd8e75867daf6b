// Headers every response carries: HSTS on TLS, Content-Security-Policy with
// frame-ancestors 'none', X-Content-Type-Options, Referrer-Policy.
#pragma once

#include "server/http_types.hpp"

namespace plenary::server {

void add_security_headers(response& res, bool tls);

}  // namespace plenary::server
