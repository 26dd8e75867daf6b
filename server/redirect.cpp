// HTTPS redirects for plain-HTTP connections; see redirect.hpp.
#include "server/redirect.hpp"

#include "common/text.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace plenary::server {

namespace {

bool is_dns_name(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    std::size_t label = 0;
    for (char c : host) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
            continue;
        }
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || ++label > 63) return false;
    }
    return true;
}

bool is_port(std::string_view s) {
    return !s.empty() && s.size() <= 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string host_for_url(std::string_view host) {
    boost::system::error_code ec;
    const auto addr = boost::asio::ip::make_address(host, ec);
    if (!ec && addr.is_unspecified()) return "localhost";
    if (!ec && addr.is_v6()) return std::string("[").append(addr.to_string()).append("]");
    return std::string(host);
}

}  // namespace

std::optional<std::string> valid_redirect_host(std::string_view value) {
    value = trim(value);
    if (value.starts_with('[')) {
        const auto close = value.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        const auto rest = value.substr(close + 1);
        if (!rest.empty() && !(rest.front() == ':' && is_port(rest.substr(1)))) return std::nullopt;
        boost::system::error_code ec;
        const auto addr = boost::asio::ip::make_address_v6(value.substr(1, close - 1), ec);
        if (ec) return std::nullopt;
        return std::string("[").append(addr.to_string()).append("]");
    }
    const auto colon = value.find(':');
    std::string_view host = value.substr(0, colon);
    if (colon != std::string_view::npos && !is_port(value.substr(colon + 1))) return std::nullopt;
    if (!is_dns_name(host)) return std::nullopt;
    return to_lower_ascii(host);
}

response make_https_redirect(const http::header<true, http::fields>& req, std::string_view fallback_host,
                             unsigned short tls_port) {
    std::string host;
    if (auto it = req.find(http::field::host); it != req.end()) {
        if (auto valid = valid_redirect_host(it->value())) host = std::move(*valid);
    }
    if (host.empty()) host = host_for_url(fallback_host);

    // Beast's parser already refused control characters and spaces in the
    // target; anything not origin-form (absolute URL, "*") goes to the root.
    std::string_view target = req.target();
    if (!target.starts_with('/') || target.starts_with("//")) target = "/";

    std::string location = "https://" + host;
    if (tls_port != 443) location.append(":").append(std::to_string(tls_port));
    location += target;

    response res{http::status::permanent_redirect, req.version()};
    res.set(http::field::location, location);
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "This server is only available over HTTPS: " + location + "\n";
    return res;
}

}  // namespace plenary::server
