// Headers every response carries: HSTS on TLS, a Content-Security-Policy with
// frame-ancestors 'none', X-Content-Type-Options, Referrer-Policy and
// X-Frame-Options; documents also get Cross-Origin-Opener-Policy.
// write_response_head sends each one the handler did not set on purpose.
#pragma once

#include <span>
#include <string_view>

namespace plenary::server {

struct header_default {
    std::string_view name;
    std::string_view value;
};

// What a browser can do with a response decides its policy. HTML and SVG
// documents, and scripts (a worker runs under its script's policy), get the
// page policy: 'self' for everything they load. Everything else (the API's
// JSON, CSV, styles, images, fonts) gets default-src 'none': a browser shown
// it directly has nothing to load or run, and the answer is a third of the
// size, which every API call pays for in bytes and encryption.
enum class header_set { page, data };

// From a Content-Type value; case-insensitive, parameters ignored. No type
// at all (a redirect, a 204) is data.
header_set header_set_for(std::string_view content_type) noexcept;

// The defaults, in the order they are sent (HSTS first, and only on TLS).
std::span<const header_default> security_header_defaults(bool tls, header_set set);

}  // namespace plenary::server
