// ISO 3166-1 alpha-2 country codes, for validating the country field of
// registrations and venues against the officially assigned set.
#pragma once

#include <string_view>
#include <vector>

namespace plenary {

// The officially assigned ISO 3166-1 alpha-2 codes (all 249), sorted.
const std::vector<std::string_view>& iso3166_alpha2_codes();

// Exact and uppercase only: user-assigned or reserved codes ("XK", "EU",
// "UK"), withdrawn ones ("AN", "YU") and lowercase input are all false.
bool is_iso3166_alpha2(std::string_view code);

}  // namespace plenary
