// The status line and header block of a response, written into one reusable
// buffer. Beast's serializer and the fields it needed set first (security
// headers, Content-Length, Connection: a node allocation each) cost about a
// tenth of a small GET's CPU under wrk; here the header block is appended to
// a string the session keeps, and the body goes out behind it in the same
// TLS record, uncopied.
#pragma once

#include "server/http_types.hpp"

#include <string>

namespace plenary::server {

// 1xx, 204 and 304 answers carry no body and no Content-Length.
bool status_forbids_body(unsigned status) noexcept;

// Replaces `out` with the head of `res`: the status line, the handler's
// fields, the security headers it did not set, Content-Length (the body's
// size, also for HEAD), Connection as `keep_alive` and the version require,
// and the blank line. Content-Length, Transfer-Encoding and Connection set by
// the handler are ignored; this function owns the framing.
void write_response_head(const response& res, bool keep_alive, bool tls, std::string& out);

}  // namespace plenary::server
