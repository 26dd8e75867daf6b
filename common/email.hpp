// Practical email address validation for registrations: what a person can
// type and a mail server will deliver to, including internationalised
// addresses (RFC 6531), without quoted local parts or IP literals.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plenary {

// nullopt when `email` (already trimmed by the caller) is an acceptable
// address, else a short English message.
std::optional<std::string> email_problem(std::string_view email);

// The key one live registration per address is enforced on: trimmed,
// ASCII-lowercased. Non-ASCII characters are left alone: there is no
// locale-free case folding that every mail server would agree with.
std::string email_key(std::string_view email);

}  // namespace plenary
