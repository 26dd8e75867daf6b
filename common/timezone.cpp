// Zone-name validation against tzdata and a strict RFC 3339 parser (section
// 5.6 grammar, offset mandatory) built on std::chrono calendar types.
#include "common/timezone.hpp"

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace plenary {

namespace {

bool zone_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '+';
}

// Each segment starts with a letter, so "." and ".." can never appear.
bool valid_zone_syntax(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    bool segment_start = true;
    for (const char c : name) {
        if (c == '/') {
            if (segment_start) return false;
            segment_start = true;
            continue;
        }
        if (segment_start && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        if (!zone_char(c)) return false;
        segment_start = false;
    }
    return !segment_start;
}

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

bool expect(std::string_view s, std::size_t pos, char c) {
    return pos < s.size() && s[pos] == c;
}

}  // namespace

bool is_valid_timezone(std::string_view name, std::string_view zoneinfo_root) {
    if (!valid_zone_syntax(name)) return false;
    // Debian's tzdata also ships posix/ and right/ copies and a few helper
    // files; none of those are zone names a client should send.
    if (name.starts_with("posix/") || name.starts_with("right/") || name == "posixrules" || name == "Factory") {
        return false;
    }
    std::error_code ec;
    const auto path = std::filesystem::path(zoneinfo_root) / std::filesystem::path(name);
    return std::filesystem::is_regular_file(path, ec) && !ec;
}

std::optional<sys_seconds> parse_rfc3339(std::string_view s) {
    using namespace std::chrono;
    const auto year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const auto hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    if (!expect(s, 4, '-') || !expect(s, 7, '-') || !expect(s, 13, ':') || !expect(s, 16, ':')) return std::nullopt;
    if (!expect(s, 10, 'T') && !expect(s, 10, 't')) return std::nullopt;
    if (*year < 1970 || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
    const year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                             std::chrono::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok()) return std::nullopt;

    std::size_t pos = 19;
    if (expect(s, pos, '.')) {
        ++pos;
        const auto start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start || pos - start > 9) return std::nullopt;
    }
    seconds offset{0};
    if (expect(s, pos, 'Z') || expect(s, pos, 'z')) {
        ++pos;
    } else if (expect(s, pos, '+') || expect(s, pos, '-')) {
        const bool negative = s[pos] == '-';
        const auto oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
        if (!oh || !om || !expect(s, pos + 3, ':') || *oh > 23 || *om > 59) return std::nullopt;
        offset = hours{*oh} + minutes{*om};
        if (negative) offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const auto local = sys_days{ymd} + hours{*hour} + minutes{*minute} + seconds{*second};
    // The range holds for the UTC instant, not only the local wall time: the
    // stored form must stay 20 characters that sort as time, and read back.
    const auto utc = local - offset;
    constexpr auto first = sys_days{std::chrono::year{1970} / 1 / 1};
    constexpr auto after_last = sys_days{std::chrono::year{10000} / 1 / 1};
    if (utc < first || utc >= after_last) return std::nullopt;
    return utc;
}

std::string format_utc(sys_seconds t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<std::string> canonical_rfc3339(std::string_view text) {
    const auto t = parse_rfc3339(text);
    if (!t) return std::nullopt;
    return format_utc(*t);
}

std::string format_ics_utc(sys_seconds t) {
    auto text = format_utc(t);  // YYYY-MM-DDTHH:MM:SSZ
    std::string out;
    out.reserve(16);
    for (const char c : text) {
        if (c != '-' && c != ':') out += c;
    }
    return out;
}

}  // namespace plenary
