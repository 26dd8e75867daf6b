// Implementation of common/ticket_code.hpp.
#include "common/ticket_code.hpp"

#include <array>

#include "common/crypto.hpp"

namespace plenary {

namespace {

static_assert(ticket_alphabet.size() == 32, "one symbol per 5 random bits");

constexpr std::size_t group_size = 4;

// The canonical symbol for an input byte, or '\0' when it is not one.
char canonical_symbol(char c) noexcept {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return ticket_alphabet.find(c) == std::string_view::npos ? '\0' : c;
}

}  // namespace

std::string make_ticket_code(issue_time issued) {
    std::string code;
    code.reserve(ticket_code_length);
    const auto clock = issue_clock_ms(issued);
    for (std::size_t i = ticket_clock_symbols; i-- > 0;) code.push_back(ticket_alphabet[(clock >> (5 * i)) & 0x1F]);
    // 256 is a multiple of 32, so keeping the low 5 bits of a uniform byte
    // gives a uniform symbol with no rejection loop.
    for (char b : random_bytes(ticket_random_symbols)) {
        code.push_back(ticket_alphabet[static_cast<unsigned char>(b) & 0x1F]);
    }
    return code;
}

std::optional<std::string> parse_ticket_code(std::string_view input) {
    // A fixed buffer: no allocation until the code is known to be good.
    std::array<char, ticket_code_length> code{};
    std::size_t n = 0;
    for (char c : input) {
        if (c == ' ' || c == '-') continue;
        const char symbol = canonical_symbol(c);
        // Stop at the first bad or surplus symbol: work stays bounded however
        // much a client sends.
        if (symbol == '\0' || n == code.size()) return std::nullopt;
        code[n++] = symbol;
    }
    if (n != code.size()) return std::nullopt;
    return std::string(code.data(), code.size());
}

std::string format_ticket_code(std::string_view code) {
    std::string out;
    out.reserve(code.size() + code.size() / group_size);
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % group_size == 0) out.push_back('-');
        out.push_back(code[i]);
    }
    return out;
}

}  // namespace plenary
