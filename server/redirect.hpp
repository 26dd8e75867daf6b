// The answer plain-HTTP connections get: 308 to the same target over HTTPS.
// The Host header is only echoed after validation (a DNS name, IPv4 literal or
// bracketed IPv6 literal), so the redirect can not be pointed elsewhere.
#pragma once

#include "server/http_types.hpp"

#include <boost/beast/http/fields.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace plenary::server {

// The host part of a Host header value (port stripped) when it is a safe
// host name or address literal; nullopt otherwise.
std::optional<std::string> valid_redirect_host(std::string_view host_header);

// `fallback_host` is used when Host is absent or invalid (a wildcard listen
// address becomes "localhost").
response make_https_redirect(const http::header<true, http::fields>& req, std::string_view fallback_host,
                             unsigned short tls_port);

}  // namespace plenary::server
