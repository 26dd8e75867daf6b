// CSV exports for spreadsheets (attendee lists, registrations): RFC 4180
// quoting, a UTF-8 byte order mark so Excel shows Chinese names, and a
// defence against formula injection from attendee-supplied text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace plenary {

class csv_writer {
public:
    // UTF-8 BOM first so spreadsheets show Chinese.
    explicit csv_writer(bool byte_order_mark = true);

    // Text is neutralised and quoted as needed: a cell starting with
    // = + - @ TAB or CR gets a leading apostrophe so no spreadsheet runs it
    // as a formula; a cell with a comma, quote, CR or LF is quoted.
    void cell(std::string_view value);
    // Written as a plain number, never neutralised: -5 stays a number.
    void cell(std::int64_t value);
    // Ends the row with CRLF (an empty row is allowed).
    void end_row();

    const std::string& text() const noexcept { return text_; }
    // Hands the text over and leaves the writer empty (no second BOM), so a
    // long export can be sent in pieces, even in the middle of a row.
    std::string take();

private:
    void separate();

    std::string text_;
    bool row_started_ = false;
};

}  // namespace plenary
