// The access matrix of docs/security.md, read at run time so the document
// is the specification the access-matrix test checks the server against.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::testing {

// The matrix's credential columns, in the document's order.
enum class cred { none, attendee, kiosk, other_kiosk, other_organizer, organizer, admin };
constexpr std::size_t cred_count = 7;
constexpr std::array<std::string_view, cred_count> cred_names{
    "none", "attendee", "kiosk", "other kiosk", "other organizer", "organizer", "admin"};

inline std::size_t idx(cred c) {
    return static_cast<std::size_t>(c);
}

enum class verdict { allow, deny, deny_hidden };

struct matrix_row {
    std::string method;   // GET, POST, PATCH, DELETE, or WS for a WebSocket upgrade
    std::string pattern;  // as registered, or "*" for the static-file fallback
    std::array<verdict, cred_count> cells{};
    int line = 0;
    std::string key() const { return method + " " + pattern; }
};

const char* text_of(verdict v);
// The pipe table under "## Access matrix": header, separator, then rows
// until the first line that is not part of the table. Malformed cells are
// test failures (EXPECT), named by their line.
std::vector<matrix_row> read_matrix(const std::filesystem::path& file);
// docs/security.md of this checkout.
std::filesystem::path security_doc();

}  // namespace plenary::testing
