// Implementation of common/email.hpp: byte-level checks on UTF-8 input.
#include "common/email.hpp"

#include "common/text.hpp"

#include <cstdint>

namespace plenary {

namespace {

constexpr std::size_t max_address_bytes = 254;  // RFC 5321 path limit less the brackets
constexpr std::size_t max_local_bytes = 64;
constexpr std::size_t max_label_bytes = 63;

bool is_ascii_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_non_ascii(char c) noexcept {
    return static_cast<std::uint8_t>(c) >= 0x80;
}

// RFC 5322 atext, the characters an unquoted local part may hold besides dots.
bool is_atext(char c) noexcept {
    if (is_ascii_alnum(c) || is_non_ascii(c)) return true;
    for (char s : std::string_view("!#$%&'*+-/=?^_`{|}~")) {
        if (c == s) return true;
    }
    return false;
}

// Unicode spaces and invisible format characters pass a UTF-8 check but
// are never part of a real address; they arrive by copy and paste.
bool has_unicode_space(std::string_view in) noexcept {
    using namespace std::string_view_literals;
    for (auto needle :
         {"\u00A0"sv, "\u1680"sv, "\u2028"sv, "\u2029"sv, "\u202F"sv, "\u205F"sv, "\u3000"sv, "\uFEFF"sv}) {
        if (in.find(needle) != std::string_view::npos) return true;
    }
    // U+2000..U+200F: the typographic spaces, zero-width characters and marks.
    for (std::size_t i = 0; i + 2 < in.size(); ++i) {
        if (in[i] == '\xE2' && in[i + 1] == '\x80' && static_cast<std::uint8_t>(in[i + 2]) <= 0x8F) return true;
    }
    return false;
}

std::optional<std::string> local_part_problem(std::string_view local) {
    if (local.empty()) return "Enter the part of the email address before the @.";
    if (local.size() > max_local_bytes) return "The part of the email address before the @ is too long.";
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
        return "The email address has a misplaced dot before the @.";
    }
    for (char c : local) {
        if (c != '.' && !is_atext(c)) return "The email address has a character that is not allowed before the @.";
    }
    return std::nullopt;
}

std::optional<std::string> label_problem(std::string_view label) {
    if (label.empty()) return "The domain of the email address has a misplaced dot.";
    if (label.size() > max_label_bytes) return "A part of the email address's domain is too long.";
    if (label.front() == '-' || label.back() == '-') {
        return "A part of the email address's domain starts or ends with a hyphen.";
    }
    for (char c : label) {
        if (c != '-' && !is_ascii_alnum(c) && !is_non_ascii(c)) {
            return "The domain of the email address has a character that is not allowed.";
        }
    }
    return std::nullopt;
}

std::optional<std::string> domain_problem(std::string_view domain) {
    if (domain.empty()) return "Enter the domain of the email address after the @.";
    // IME full stops look like dots to a person but are not to a mail server.
    using namespace std::string_view_literals;
    for (auto dot : {"\u3002"sv, "\uFF0E"sv, "\uFF61"sv}) {
        if (domain.find(dot) != std::string_view::npos) return "Use the ASCII dot (.) in the email address's domain.";
    }
    if (domain.find('.') == std::string_view::npos) return "The domain of the email address needs a dot.";
    std::string_view last;
    for (std::size_t start = 0;;) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (auto problem = label_problem(label)) return problem;
        last = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    // An all-digit top-level label would make "1.2.3.4" look like a domain.
    if (last.find_first_not_of("0123456789") == std::string_view::npos) {
        return "The domain of the email address does not end in a valid top-level domain.";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> email_problem(std::string_view email) {
    if (email.empty()) return "Enter an email address.";
    if (email.size() > max_address_bytes) return "The email address is too long.";
    if (!is_valid_utf8(email)) return "The email address is not valid UTF-8 text.";
    if (has_control_chars(email)) return "The email address has a control character.";
    if (email.find(' ') != std::string_view::npos || has_unicode_space(email)) {
        return "The email address must not contain spaces.";
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos) {
        if (email.find("\uFF20") != std::string_view::npos) return "Use the ASCII @ sign in the email address.";
        return "The email address needs an @.";
    }
    if (email.find('@', at + 1) != std::string_view::npos) return "The email address must have only one @.";
    if (auto problem = local_part_problem(email.substr(0, at))) return problem;
    return domain_problem(email.substr(at + 1));
}

std::string email_key(std::string_view email) {
    return to_lower_ascii(trim(email));
}

}  // namespace plenary
