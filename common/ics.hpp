// Writer for RFC 5545 iCalendar text: TEXT escaping (backslash, semicolon,
// comma, newlines), content lines folded at 75 octets without splitting a
// UTF-8 sequence, CRLF line ends.
#pragma once

#include <string>
#include <string_view>

namespace plenary {

// RFC 5545 section 3.3.11: "\" ";" "," escaped with a backslash; CRLF, CR and
// LF become "\n". Other control characters are dropped (they are not allowed
// in TEXT values at all).
std::string ics_escape_text(std::string_view text);

// One content line ("NAME;PARAM=x:value") folded per section 3.1: no physical
// line longer than 75 octets, continuation lines start with one space, each
// line ends with CRLF. Breaks only between UTF-8 code points.
std::string ics_fold_line(std::string_view line);

class ics_writer {
public:
    void begin(std::string_view component);  // BEGIN:VEVENT
    void end(std::string_view component);    // END:VEVENT
    // `value` is written as is (dates, UIDs, enumerations).
    void raw(std::string_view name, std::string_view value);
    // `value` is TEXT and gets escaped.
    void text(std::string_view name, std::string_view value);

    const std::string& str() const noexcept { return out_; }
    std::string release() noexcept { return std::move(out_); }

private:
    std::string out_;
};

}  // namespace plenary
