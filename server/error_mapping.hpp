// The one place where errors become HTTP: domain errc -> status, and any
// exception -> an RFC 9457 problem+json response. Everything else throws.
#pragma once

#include "common/problem.hpp"
#include "server/http_types.hpp"

#include <exception>

namespace plenary::server {

http::status status_for(errc code) noexcept;

// Builds the problem+json response for a problem.
response problem_response(const problem& p, unsigned http_version);

// For any exception escaping a handler: problem -> its status; JSON parse
// errors -> 400; std::bad_alloc and storage errors -> 503; anything else is a
// bug -> logged and answered 500 without internals.
response error_response(std::exception_ptr err, unsigned http_version);

}  // namespace plenary::server
