// Time-zone names and RFC 3339 timestamps for event schedules. Zone names are
// checked against the system's tzdata (/usr/share/zoneinfo) rather than
// std::chrono's tzdb, which GCC 12 does not ship; timestamps are normalised to
// one canonical UTC form so the store can compare them as text.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plenary {

using sys_seconds = std::chrono::sys_seconds;

// True for an IANA name such as "Asia/Shanghai" or "America/Argentina/Salta"
// (and "UTC") that exists as a regular file under `zoneinfo_root`. Names are
// limited to [A-Za-z0-9_+-] segments joined by '/', so no path tricks reach
// the file system.
bool is_valid_timezone(std::string_view name, std::string_view zoneinfo_root = "/usr/share/zoneinfo");

// Parses "2026-12-06T09:00:00+08:00", "...Z", optional fractional seconds
// (dropped). The offset is required, as the contract asks; the instant, in
// UTC, lies in the years 1970-9999.
std::optional<sys_seconds> parse_rfc3339(std::string_view text);

// "2026-12-06T01:00:00Z": the canonical form the store keeps; equal-length
// strings whose lexical order is time order.
std::string format_utc(sys_seconds t);

// parse_rfc3339 then format_utc; nullopt when the input does not parse.
std::optional<std::string> canonical_rfc3339(std::string_view text);

// "20261206T010000Z", the RFC 5545 UTC DATE-TIME form.
std::string format_ics_utc(sys_seconds t);

}  // namespace plenary
