// Time formatting shared by logs and the store: RFC 3339 in UTC.
#pragma once

#include <chrono>
#include <string>

namespace plenary {

// "2026-11-22T15:50:45.123Z"
std::string format_rfc3339_utc(std::chrono::system_clock::time_point t);
inline std::string now_rfc3339() {
    return format_rfc3339_utc(std::chrono::system_clock::now());
}

}  // namespace plenary
