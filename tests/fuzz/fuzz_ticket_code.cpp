// Fuzz target for common/ticket_code.
//
// parse_ticket_code reads what a person typed or a door scanner sent, so any
// bytes reach it. Checked for every input:
//  - it never throws (the header promises "never throws, any bytes in");
//  - it agrees with a slow reference reading of the documented rule (drop
//    spaces and '-', upper-case ASCII letters, then exactly
//    ticket_code_length symbols of ticket_alphabet), so it neither accepts
//    look-alikes or other bytes nor rejects a good code;
//  - round trip: the canonical code parses to itself, and its printed form
//    (format_ticket_code, groups of four) parses back to the same code;
//  - format_ticket_code of any bytes keeps every byte, in order, with a '-'
//    after each group of four.
// Any failed check aborts, which libFuzzer reports as a crash.
#include "common/ticket_code.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_ticket_code: invariant failed: %s\n", what);
    std::abort();
}

// The rule from ticket_code.hpp, written for clarity rather than speed.
std::optional<std::string> reference_parse(std::string_view input) {
    std::string code;
    for (char c : input) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (plenary::ticket_alphabet.find(c) == std::string_view::npos) return std::nullopt;
        code.push_back(c);
    }
    if (code.size() != plenary::ticket_code_length) return std::nullopt;
    return code;
}

void check_format_shape(std::string_view code) {
    const std::string printed = plenary::format_ticket_code(code);
    std::string kept;
    for (std::size_t i = 0; i < printed.size(); ++i) {
        // Every fifth character of the printed form is the group separator.
        if (i % 5 == 4) {
            require(printed[i] == '-', "format puts '-' after every group of four");
        } else {
            kept.push_back(printed[i]);
        }
    }
    require(kept == code, "format keeps every byte in order");
    const std::size_t separators = code.empty() ? 0 : (code.size() - 1) / 4;
    require(printed.size() == code.size() + separators, "format adds a '-' only between groups");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const auto parsed = plenary::parse_ticket_code(input);
    require(parsed == reference_parse(input), "parse agrees with the documented rule");
    check_format_shape(input);
    if (!parsed) return 0;

    require(parsed->size() == plenary::ticket_code_length, "a code has ticket_code_length symbols");
    require(parsed->find_first_not_of(plenary::ticket_alphabet) == std::string::npos, "a code uses the alphabet only");
    require(plenary::parse_ticket_code(*parsed) == parsed, "a canonical code parses to itself");
    require(plenary::parse_ticket_code(plenary::format_ticket_code(*parsed)) == parsed,
            "the printed form parses back to the code");
    return 0;
}
