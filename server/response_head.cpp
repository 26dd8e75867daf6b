// Response head serialization; see response_head.hpp.
#include "server/response_head.hpp"

#include "server/security_headers.hpp"

#include <charconv>

namespace plenary::server {

namespace {

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

bool framing_field(http::field f) noexcept {
    return f == http::field::content_length || f == http::field::transfer_encoding || f == http::field::connection;
}

}  // namespace

bool status_forbids_body(unsigned status) noexcept {
    return status / 100 == 1 || status == 204 || status == 304;
}

void write_response_head(const response& res, bool keep_alive, bool tls, std::string& out) {
    out.clear();
    const unsigned version = res.version();
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    append_number(out, res.result_int());
    out.push_back(' ');
    out.append(res.reason()).append("\r\n");
    for (const auto& f : res) {
        if (!framing_field(f.name())) append_field(out, f.name_string(), f.value());
    }
    const auto set = header_set_for(res[http::field::content_type]);
    for (const auto& d : security_header_defaults(tls, set)) {
        if (res.find(d.name) == res.end()) append_field(out, d.name, d.value);
    }
    if (!status_forbids_body(res.result_int())) {
        out.append("Content-Length: ");
        append_number(out, res.body().size());
        out.append("\r\n");
    }
    if (version >= 11 && !keep_alive) out.append("Connection: close\r\n");
    if (version == 10 && keep_alive) out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
}

}  // namespace plenary::server
