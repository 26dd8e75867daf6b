// Response builders shared by handlers.
#include "server/http_types.hpp"

#include "common/text.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/json/serialize.hpp>

namespace plenary::server {

std::string_view media_type_of(std::string_view content_type) noexcept {
    return trim(content_type.substr(0, content_type.find(';')));
}

bool is_json_media_type(std::string_view content_type) noexcept {
    const auto semi = content_type.find(';');
    const auto type = media_type_of(content_type);
    const bool json = boost::beast::iequals(type, "application/json") ||
                      (type.size() > 17 && boost::beast::iequals(type.substr(0, 12), "application/") &&
                       boost::beast::iequals(type.substr(type.size() - 5), "+json"));
    if (!json || semi == std::string_view::npos) return json;
    // Parameters: only charset, and only UTF-8 (RFC 8259 JSON is UTF-8).
    for (auto rest = content_type.substr(semi + 1); !rest.empty();) {
        const auto next = rest.find(';');
        const auto param = trim(rest.substr(0, next));
        rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        if (param.empty()) continue;
        const auto eq = param.find('=');
        if (eq == std::string_view::npos || !boost::beast::iequals(trim(param.substr(0, eq)), "charset")) return false;
        auto value = trim(param.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (!boost::beast::iequals(value, "utf-8")) return false;
    }
    return true;
}

response text_response(http::status status, std::string body, std::string_view content_type) {
    response res{status, 11};
    res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

response json_response(http::status status, const boost::json::value& body) {
    return json_response(status, boost::json::serialize(body));
}

response json_response(http::status status, std::string body) {
    auto res = text_response(status, std::move(body), "application/json");
    res.set(http::field::cache_control, "no-store");
    return res;
}

}  // namespace plenary::server
