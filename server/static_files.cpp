// Static file serving from the web root. Every request path is decoded once,
// checked segment by segment, then resolved and required to stay inside the
// canonical root, so neither encodings nor symlinks lead out of it.
#include "server/static_files.hpp"

#include "common/problem.hpp"
#include "common/text.hpp"
#include "server/mime_types.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace plenary::server {

namespace fs = std::filesystem;

namespace {

// Web assets are small; anything bigger is not something we put there.
constexpr std::uintmax_t max_file_bytes = 16 * 1024 * 1024;

problem not_found() {
    return problem(errc::not_found, "no such file");
}

// The decoded request path as a relative path, or a problem. Dot segments
// and hidden files are refused rather than normalized away.
fs::path safe_relative_path(std::string_view raw) {
    if (raw.empty() || raw.front() != '/') throw problem(errc::bad_request, "request path must start with '/'");
    const auto decoded = percent_decode(raw);
    if (!decoded) throw problem(errc::bad_request, "malformed percent-encoding in path");
    if (decoded->find('\\') != std::string::npos || has_control_chars(*decoded)) throw not_found();
    fs::path rel;
    std::string_view rest = *decoded;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (segment.empty()) continue;
        if (segment.front() == '.') throw not_found();  // ".", ".." and hidden files
        rel /= segment;
    }
    return rel;
}

bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.begin();
    auto q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

// Resolves symlinks and requires the result to stay under root.
fs::path resolve_inside(const fs::path& root, const fs::path& candidate) {
    std::error_code ec;
    auto resolved = fs::weakly_canonical(candidate, ec);
    if (ec || !inside(root, resolved)) throw not_found();
    return resolved;
}

std::string http_date(std::chrono::system_clock::time_point tp) {
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = std::chrono::system_clock::to_time_t(tp);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    const int n = std::snprintf(
        buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
        months[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ is ignored.
bool etag_matches(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        const auto comma = header.find(',');
        auto item = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        if (item == "*") return true;
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == etag) return true;
    }
    return false;
}

std::string read_file(const fs::path& p, std::uintmax_t expected) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw not_found();
    std::string data(static_cast<std::size_t>(expected), '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    // A file truncated while we read it is served as what we got.
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

}  // namespace

static_files::static_files(std::filesystem::path root) : root_(fs::canonical(root)) {
    if (!fs::is_directory(root_)) throw std::runtime_error("web root is not a directory: " + root_.string());
}

response static_files::serve(const request_context& ctx) const {
    auto file = resolve_inside(root_, root_ / safe_relative_path(ctx.path));
    std::error_code ec;
    if (fs::is_directory(file, ec)) file = resolve_inside(root_, file / "index.html");
    return serve_resolved(ctx, file);
}

response static_files::serve_page(const request_context& ctx, std::string_view relative) const {
    return serve_resolved(ctx, resolve_inside(root_, root_ / relative));
}

response static_files::serve_resolved(const request_context& ctx, const std::filesystem::path& file) const {
    std::error_code ec;
    const auto st = fs::status(file, ec);
    if (ec || !fs::is_regular_file(st)) throw not_found();
    const auto size = fs::file_size(file, ec);
    if (ec || size > max_file_bytes) throw not_found();
    const auto mtime = fs::last_write_time(file, ec);
    if (ec) throw not_found();

    const auto modified = std::chrono::file_clock::to_sys(mtime);
    const auto mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
    char etag_buf[48];
    const int n = std::snprintf(etag_buf, sizeof etag_buf, "\"%jx-%jx\"", static_cast<std::uintmax_t>(size),
                                static_cast<std::uintmax_t>(mtime_ns));
    const std::string etag(etag_buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    const auto type = mime_type_for(file.filename().string());
    const bool is_html = type.starts_with("text/html");

    const auto inm = ctx.req.find(http::field::if_none_match);
    const bool not_modified = inm != ctx.req.end() && etag_matches(inm->value(), etag);
    response res{not_modified ? http::status::not_modified : http::status::ok, ctx.req.version()};
    res.set(http::field::etag, etag);
    res.set(http::field::last_modified, http_date(std::chrono::floor<std::chrono::seconds>(modified)));
    // HTML names the assets, so it is always revalidated; assets may be cached.
    res.set(http::field::cache_control, is_html ? "no-cache" : "public, max-age=3600");
    if (not_modified) return res;  // no body, no Content-Length: RFC 9110 15.4.5

    res.set(http::field::content_type, type);
    res.body() = read_file(file, size);
    res.prepare_payload();
    return res;
}

}  // namespace plenary::server
