// Route table and matching. Linear over a few dozen routes: measured cheaper
// than any tree at this size, and the order rule (literals beat parameters)
// stays easy to see.
#include "server/router.hpp"

#include "common/problem.hpp"
#include "common/text.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>

namespace plenary::server {

namespace {

// Inline up to the longest route's length: a request's path is split on
// every request, and a heap vector was an allocation each time.
using segment_views = boost::container::small_vector<std::string_view, 8>;

// Views into `path`, one per segment between slashes (paths start with '/').
segment_views split_segments(std::string_view path) {
    segment_views out;
    std::size_t pos = 1;
    while (pos <= path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos) next = path.size();
        out.push_back(path.substr(pos, next - pos));
        pos = next + 1;
    }
    return out;
}

std::vector<std::string> split_pattern(std::string_view pattern) {
    const auto views = split_segments(pattern);
    return {views.begin(), views.end()};
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Score: literals matched (higher wins); -1 when the route does not match.
int match_segments(const std::vector<std::string>& pattern, const segment_views& path, route_params* params) {
    if (pattern.size() != path.size()) return -1;
    int literals = 0;
    // From the end: most routes share their first segments ("api", "v1",
    // "events"), so the last one tells them apart with one comparison.
    for (std::size_t i = pattern.size(); i-- > 0;) {
        if (is_param(pattern[i])) {
            if (path[i].empty()) return -1;
            continue;
        }
        if (pattern[i] != path[i]) return -1;
        ++literals;
    }
    if (params) {
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (is_param(pattern[i])) params->add(pattern[i].substr(1, pattern[i].size() - 2), std::string(path[i]));
        }
    }
    return literals;
}

}  // namespace

std::string_view route_params::get(std::string_view name) const {
    for (const auto& [key, value] : items_) {
        if (key == name) return value;
    }
    return {};
}

void router::add(http::verb method, std::string_view pattern, handler fn, route_options options) {
    routes_.push_back(route{method, std::string(pattern), split_pattern(pattern), std::move(fn), {}, options});
}

void router::add_websocket(std::string_view pattern, ws_handler fn) {
    routes_.push_back(route{http::verb::get, std::string(pattern), split_pattern(pattern), {}, std::move(fn), {}});
}

router::match_result router::match(http::verb method, std::string_view path, bool websocket) const {
    match_result result;
    if (path.empty() || path.front() != '/') return result;

    // Segments are views into the path; only a path with escapes (or a NUL,
    // which decoding refuses) goes through the decoder, whose copies are made
    // up front so the views into them stay valid.
    auto segments = split_segments(path);
    std::vector<std::string> decoded;
    if (path.find_first_of(std::string_view("%\0", 2)) != std::string_view::npos) {
        decoded.reserve(segments.size());
        for (auto& segment : segments) {
            auto text = percent_decode(segment);
            if (!text) throw problem(errc::bad_request, "malformed percent-encoding in the path");
            segment = decoded.emplace_back(std::move(*text));
        }
    }

    const http::verb wanted = method == http::verb::head ? http::verb::get : method;
    int best = -1;
    for (const auto& r : routes_) {
        int score = match_segments(r.segments, segments, nullptr);
        if (score < 0) continue;
        const bool is_ws = static_cast<bool>(r.ws_fn);
        if (r.method == wanted && is_ws == websocket) {
            if (score > best) {
                best = score;
                result.matched = &r;
            }
        } else if (!is_ws &&
                   std::find(result.allowed.begin(), result.allowed.end(), r.method) == result.allowed.end()) {
            result.allowed.push_back(r.method);
        }
    }
    if (result.matched) {
        result.allowed.clear();
        match_segments(result.matched->segments, segments, &result.params);
    }
    return result;
}

}  // namespace plenary::server
