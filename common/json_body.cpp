// Strict JSON parsing for request bodies; boost's own exceptions never escape.
#include "common/json_body.hpp"

#include "common/problem.hpp"
#include "common/text.hpp"

#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/parser.hpp>

#include <string>

namespace plenary {

boost::json::value parse_json(std::string_view body, const json_limits& limits) {
    if (body.size() > limits.max_bytes) {
        throw problem(errc::payload_too_large,
                      "JSON body is larger than " + std::to_string(limits.max_bytes) + " bytes");
    }
    boost::json::parse_options options;
    options.max_depth = limits.max_depth;
    options.allow_comments = false;
    options.allow_trailing_commas = false;
    options.allow_invalid_utf8 = false;

    boost::json::parser parser({}, options);
    boost::system::error_code ec;
    // write() also requires the text to be complete and alone, so "{} {}" and
    // a truncated body both fail here with the offset where parsing stopped.
    const std::size_t offset = parser.write(body.data(), body.size(), ec);
    if (ec == boost::json::error::too_deep) {
        throw problem(errc::bad_request, "JSON nested deeper than " + std::to_string(limits.max_depth));
    }
    if (ec) {
        if (body.empty()) throw problem(errc::bad_request, "body is empty; expected JSON");
        if (!is_valid_utf8(body)) throw problem(errc::bad_request, "body is not valid UTF-8");
        throw problem(errc::bad_request,
                      "body is not valid JSON: " + ec.message() + " at offset " + std::to_string(offset));
    }
    return parser.release();
}

}  // namespace plenary
