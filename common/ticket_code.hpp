// Ticket codes: the secret printed on a ticket and in its QR code,
// easy to read aloud and to type back, checked at the door.
#pragma once

#include "common/ordered_key.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plenary {

// 32 symbols without the look-alikes 0/O and 1/I, so each carries 5 bits, in
// ascending ASCII order, so codes sort as the numbers they spell.
inline constexpr std::string_view ticket_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t ticket_code_length = 28;
// The first 8 symbols spell the issue clock (common/ordered_key.hpp), modulo
// 2^40 ms (34 years); the other 20 are random: 100 bits from the CSPRNG,
// every symbol equally likely. Codes issued later sort later, which keeps the
// unique index that the door reads appending at its end.
inline constexpr std::size_t ticket_clock_symbols = 8;
inline constexpr std::size_t ticket_random_symbols = ticket_code_length - ticket_clock_symbols;

std::string make_ticket_code(issue_time issued = std::chrono::system_clock::now());

// The canonical code from what a person or scanner typed: case-insensitive,
// spaces and '-' ignored; nullopt if anything else is wrong (length,
// characters). Never throws, any bytes in.
std::optional<std::string> parse_ticket_code(std::string_view input);

// "ABCD-EFGH-..." in groups of 4, for printing and reading aloud.
std::string format_ticket_code(std::string_view code);

}  // namespace plenary
