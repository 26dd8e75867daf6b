// Attendees' manage tokens: made with a registration, returned once, kept in
// the store only as their key (common/ordered_key.hpp), presented as a bearer
// token to /api/v1/registrations/self.
#pragma once

#include "common/ordered_key.hpp"

#include <string>
#include <string_view>

namespace plenary::server::registrations {

inline constexpr std::string_view manage_token_prefix = "pm_";

inline std::string make_manage_token(issue_time issued) {
    return make_ordered_token(manage_token_prefix, issued);
}

// What registrations.manage_token_hash holds for `token`.
inline std::string manage_token_key(std::string_view token) {
    return ordered_token_key(manage_token_prefix, token);
}

}  // namespace plenary::server::registrations
