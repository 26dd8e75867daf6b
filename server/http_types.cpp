// Response builders shared by handlers.
#include "server/http_types.hpp"

#include <boost/json/serialize.hpp>

namespace plenary::server {

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
