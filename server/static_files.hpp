// Serves the files under web/ (or --web-root): MIME types, ETag/If-None-Match,
// cache headers, and no way out of the root by any encoding, dot segment or
// symlink. Used as the router's fallback for GET and HEAD.
#pragma once

#include "server/http_types.hpp"

#include <filesystem>

namespace plenary::server {

class static_files {
public:
    explicit static_files(std::filesystem::path root);
    // Throws problem(not_found) for anything that is not a regular file inside
    // the root; "/dir/" serves "/dir/index.html".
    response serve(const request_context& ctx) const;

private:
    std::filesystem::path root_;  // canonical
};

}  // namespace plenary::server
