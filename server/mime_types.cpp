// The short, fixed table of types our web assets use.
#include "server/mime_types.hpp"

#include "common/text.hpp"

#include <array>
#include <utility>

namespace plenary::server {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> table{{
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"txt", "text/plain; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"wasm", "application/wasm"},
}};

}  // namespace

std::string_view mime_type_for(std::string_view filename) {
    const auto slash = filename.find_last_of('/');
    const auto name = slash == std::string_view::npos ? filename : filename.substr(slash + 1);
    const auto dot = name.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) return "application/octet-stream";
    const auto ext = to_lower_ascii(name.substr(dot + 1));
    for (const auto& [known, type] : table) {
        if (ext == known) return type;
    }
    return "application/octet-stream";
}

}  // namespace plenary::server
