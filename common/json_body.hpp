// Parsing request bodies as JSON with limits, turning every failure into a
// problem(bad_request) with a message a client developer can act on.
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

namespace plenary {

struct json_limits {
    std::size_t max_depth = 32;
    std::size_t max_bytes = 1024 * 1024;
};

// Strict RFC 8259: no comments, no trailing commas, valid UTF-8 only.
// Throws problem(payload_too_large) past max_bytes and problem(bad_request)
// for anything else that is not one complete JSON text.
boost::json::value parse_json(std::string_view body, const json_limits& limits = {});

}  // namespace plenary
