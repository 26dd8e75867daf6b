// RFC 3339 formatting without locale, time-zone state or stdio: the store
// stamps three rows of every registration inside the one SQLite writer, where
// gmtime_r and snprintf took about 0.3 microseconds a stamp.
#include "common/clock.hpp"

#include <array>
#include <charconv>

namespace plenary {

namespace {

// Writes v as exactly `width` digits, zero-padded; v must fit.
char* put_digits(char* out, unsigned v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return out + width;
}

}  // namespace

std::string format_rfc3339_utc(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{ms - day};

    std::array<char, 40> buf{};
    char* p = buf.data();
    const int y = static_cast<int>(date.year());
    if (y >= 0 && y <= 9999) {
        p = put_digits(p, static_cast<unsigned>(y), 4);
    } else {
        // Outside 0-9999, which nothing here stamps: the year as it is.
        p = std::to_chars(p, buf.data() + 12, y).ptr;
    }
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(date.month()), 2);
    *p++ = '-';
    p = put_digits(p, static_cast<unsigned>(date.day()), 2);
    *p++ = 'T';
    p = put_digits(p, static_cast<unsigned>(time.hours().count()), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(time.minutes().count()), 2);
    *p++ = ':';
    p = put_digits(p, static_cast<unsigned>(time.seconds().count()), 2);
    *p++ = '.';
    p = put_digits(p, static_cast<unsigned>(time.subseconds().count()), 3);
    *p++ = 'Z';
    return std::string(buf.data(), p);
}

}  // namespace plenary
