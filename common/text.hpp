// Small text utilities shared by the router, static files and validation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plenary {

// Decodes %XX escapes. nullopt on a malformed escape or an encoded NUL, so a
// caller can never be tricked by "%00" or a dangling "%".
std::optional<std::string> percent_decode(std::string_view in);

bool is_valid_utf8(std::string_view in) noexcept;

// Number of Unicode code points; invalid sequences count one per byte, so the
// result is meaningful only for valid UTF-8 (field lengths "in characters").
std::size_t utf8_length(std::string_view in) noexcept;

// Replaces every invalid UTF-8 sequence with U+FFFD, for echoing untrusted
// bytes (user agents, paths) into logs and JSON.
std::string to_valid_utf8(std::string_view in);

// The longest prefix of at most max_bytes bytes that does not cut a UTF-8
// sequence in half.
std::string_view truncate_utf8(std::string_view in, std::size_t max_bytes) noexcept;

// True when `in` has C0/C1 control characters (tab/newline allowed only if asked).
bool has_control_chars(std::string_view in, bool allow_whitespace_controls = false) noexcept;

std::string to_lower_ascii(std::string_view in);
std::string to_upper_ascii(std::string_view in);
std::string_view trim(std::string_view in) noexcept;

}  // namespace plenary
