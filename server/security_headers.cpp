// Security headers added to every response; see security_headers.hpp.
#include "server/security_headers.hpp"

#include "server/http_types.hpp"

#include <boost/beast/core/string.hpp>

#include <array>

namespace plenary::server {

namespace {

// By name: Beast's field enum lacks several of these headers. HSTS over plain
// HTTP is ignored by browsers and would only mislead, so it comes first in
// each list and the plain-HTTP lists start after it.
constexpr std::array<header_default, 6> page_defaults{{
    {"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
     "form-action 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    // Only a top-level document has an opener to cut off.
    {"Cross-Origin-Opener-Policy", "same-origin"},
}};

constexpr std::array<header_default, 5> data_defaults{{
    {"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
}};

}  // namespace

header_set header_set_for(std::string_view content_type) noexcept {
    const auto type = media_type_of(content_type);
    for (std::string_view page : {"text/html", "text/javascript", "application/javascript", "image/svg+xml"}) {
        if (boost::beast::iequals(type, page)) return header_set::page;
    }
    return header_set::data;
}

std::span<const header_default> security_header_defaults(bool tls, header_set set) {
    const auto all = set == header_set::page ? std::span<const header_default>(page_defaults)
                                             : std::span<const header_default>(data_defaults);
    return tls ? all : all.subspan(1);
}

}  // namespace plenary::server
