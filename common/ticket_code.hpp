// Ticket codes: the random secret printed on a ticket and in its QR code,
// easy to read aloud and to type back, checked at the door.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plenary {

// 32 symbols without the look-alikes 0/O and 1/I, so each carries 5 bits.
inline constexpr std::string_view ticket_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t ticket_code_length = 28;  // 140 bits

// A fresh code from the CSPRNG (common/crypto.hpp random_bytes), every symbol
// equally likely.
std::string make_ticket_code();

// The canonical code from what a person or scanner typed: case-insensitive,
// spaces and '-' ignored; nullopt if anything else is wrong (length,
// characters). Never throws, any bytes in.
std::optional<std::string> parse_ticket_code(std::string_view input);

// "ABCD-EFGH-..." in groups of 4, for printing and reading aloud.
std::string format_ticket_code(std::string_view code);

}  // namespace plenary
