// Serves the files under web/ (or --web-root): MIME types, ETag/If-None-Match,
// cache headers, and no way out of the root by any encoding, dot segment or
// symlink. Used as the router's fallback for GET and HEAD.
#pragma once

#include "server/http_types.hpp"

#include <filesystem>
#include <string_view>

namespace plenary::server {

class static_files {
public:
    explicit static_files(std::filesystem::path root);
    // Throws problem(not_found) for anything that is not a regular file inside
    // the root; "/dir/" serves "/dir/index.html".
    response serve(const request_context& ctx) const;
    // The file at `relative` (a fixed path under the root, e.g. "e/index.html")
    // whatever the request path: pages whose URL carries a parameter.
    response serve_page(const request_context& ctx, std::string_view relative) const;

private:
    response serve_resolved(const request_context& ctx, const std::filesystem::path& file) const;

    std::filesystem::path root_;  // canonical
};

}  // namespace plenary::server
