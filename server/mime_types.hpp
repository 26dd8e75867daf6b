// Content-Type for files served from the web root, chosen by extension only
// (never by sniffing), with charset=utf-8 on text types.
#pragma once

#include <string_view>

namespace plenary::server {

// `filename` may be a bare name or a path; the extension is compared without
// regard to case. Unknown extensions get application/octet-stream.
std::string_view mime_type_for(std::string_view filename);

}  // namespace plenary::server
