// Cookie header parsing (RFC 6265 section 4.2) for the one cookie plenary uses.
#include "server/auth/session_cookie.hpp"

#include <algorithm>

namespace plenary::server::auth {

namespace {

constexpr std::string_view attributes = "; Path=/; Secure; HttpOnly; SameSite=Strict";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool plausible_token(std::string_view v) {
    // Our tokens are base64url; anything else cannot match a session, and
    // refusing it early keeps odd bytes out of hashing and logs.
    return !v.empty() && v.size() <= 128 && std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::string_view find_in_header(std::string_view header) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        const auto pair = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != session_cookie_name) continue;
        auto value = pair.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return value;
    }
    return {};
}

}  // namespace

std::string_view session_cookie_value(const request& req) {
    const auto [first, last] = req.equal_range(http::field::cookie);
    for (auto it = first; it != last; ++it) {
        const auto value = find_in_header(it->value());
        if (!value.empty()) return plausible_token(value) ? value : std::string_view{};
    }
    return {};
}

std::string session_cookie(std::string_view value) {
    return std::string(session_cookie_name).append("=").append(value).append(attributes);
}

std::string expired_session_cookie() {
    return std::string(session_cookie_name).append("=; Max-Age=0").append(attributes);
}

}  // namespace plenary::server::auth
