// Implementation of the text utilities: strict, allocation-light, no locale.
#include "common/text.hpp"

#include <cstdint>

namespace plenary {

namespace {
int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Length of the well-formed UTF-8 sequence starting at in[i], or 0 when the
// bytes there are not one (overlong, surrogate, past U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view in, std::size_t i) noexcept {
    const auto c = static_cast<std::uint8_t>(in[i]);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > in.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<std::uint8_t>(in[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        return 0;
    }
    return len;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            if (in[i] == '\0') return std::nullopt;
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return std::nullopt;
        const int hi = hex_value(in[i + 1]);
        const int lo = hex_value(in[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        const char c = static_cast<char>(hi * 16 + lo);
        if (c == '\0') return std::nullopt;
        out.push_back(c);
        i += 2;
    }
    return out;
}

bool is_valid_utf8(std::string_view in) noexcept {
    for (std::size_t i = 0; i < in.size();) {
        const auto len = utf8_sequence_length(in, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::size_t utf8_length(std::string_view in) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < in.size(); ++count) {
        const auto len = utf8_sequence_length(in, i);
        i += len == 0 ? 1 : len;
    }
    return count;
}

std::string to_valid_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto len = utf8_sequence_length(in, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(in.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string_view truncate_utf8(std::string_view in, std::size_t max_bytes) noexcept {
    if (in.size() <= max_bytes) return in;
    std::size_t end = max_bytes;
    // Step back over continuation bytes to the start of the cut sequence.
    while (end > 0 && (static_cast<std::uint8_t>(in[end]) & 0xC0) == 0x80) --end;
    return in.substr(0, end);
}

bool has_control_chars(std::string_view in, bool allow_whitespace_controls) noexcept {
    for (std::size_t i = 0; i < in.size(); ++i) {
        const auto c = static_cast<std::uint8_t>(in[i]);
        if (c < 0x20 || c == 0x7F) {
            if (allow_whitespace_controls && (c == '\t' || c == '\n' || c == '\r')) continue;
            return true;
        }
        // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
        if (c == 0xC2 && i + 1 < in.size()) {
            const auto d = static_cast<std::uint8_t>(in[i + 1]);
            if (d >= 0x80 && d <= 0x9F) return true;
        }
    }
    return false;
}

std::string to_upper_ascii(std::string_view in) {
    std::string out(in);
    for (auto& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string to_lower_ascii(std::string_view in) {
    std::string out(in);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view trim(std::string_view in) noexcept {
    const auto* ws = " \t\r\n";
    const auto b = in.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = in.find_last_not_of(ws);
    return in.substr(b, e - b + 1);
}

}  // namespace plenary
