// Fuzz target for the export formats: common/csv (registration lists opened
// in spreadsheets) and common/ics (agenda and personal calendars). Both
// carry attendee- and organizer-typed text, so any bytes reach them.
//
// Input: one flags byte, then rows separated by 0x1E, cells by 0x1F (so
// seeds stay readable; those two bytes never appear inside a cell).
//
// CSV checks: the text parsed back by a strict RFC 4180 reader below gives
// exactly the cells written, except that text cells starting with = + - @
// TAB or CR carry the documented leading apostrophe (so no parsed text cell
// starts a formula); the BOM comes first when asked for; handing the text
// over with take() in the middle of rows loses and repeats nothing.
//
// ICS checks, per cell: ics_escape_text leaves no control characters, only
// the escapes \\ \; \, \n and unescapes to the input (minus dropped controls,
// line breaks as \n), and keeps valid UTF-8 valid; ics_fold_line of the
// content line ends every physical line with CRLF, keeps each within 75
// octets, starts continuations with one space, never splits a UTF-8
// sequence of valid input, fills lines, and unfolds to the original line;
// ics_writer writes exactly the folded lines.
// Any failed check aborts, which libFuzzer reports as a crash.
#include "common/csv.hpp"
#include "common/ics.hpp"
#include "common/text.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using rows = std::vector<std::vector<std::string>>;

constexpr char row_separator = '\x1E';
constexpr char cell_separator = '\x1F';
constexpr std::string_view bom = "\xEF\xBB\xBF";
constexpr std::size_t max_ics_octets = 75;

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_csv_ics: invariant failed: %s\n", what);
    std::abort();
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    while (true) {
        const auto at = text.find(separator);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return out;
        text.remove_prefix(at + 1);
    }
}

// ---- CSV ------------------------------------------------------------------

struct flags {
    bool byte_order_mark;
    bool numbers_as_int;  // cells that are whole int64 numbers go through cell(int64_t)
    bool take_in_pieces;  // take() after every cell, as a streamed export does
    std::uint8_t ics_name;
};

flags read_flags(std::uint8_t b) {
    return {(b & 1) != 0, (b & 2) != 0, (b & 4) != 0, static_cast<std::uint8_t>(b >> 3)};
}

std::optional<std::int64_t> as_int(std::string_view cell) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ec != std::errc{} || end != cell.data() + cell.size()) return std::nullopt;
    return value;
}

bool starts_formula(std::string_view cell) {
    return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

// Strict RFC 4180 as the writer promises it: CRLF after every record,
// quotes only around whole fields, nothing that needs quotes left bare.
// nullopt on anything else.
std::optional<rows> read_csv(std::string_view text) {
    rows out;
    std::vector<std::string> record;
    std::size_t i = 0;
    while (i < text.size()) {
        std::string field;
        if (text[i] == '"') {
            ++i;
            while (true) {
                if (i >= text.size()) return std::nullopt;  // unterminated quote
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.push_back(text[i++]);
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r') {
                if (text[i] == '"' || text[i] == '\n') return std::nullopt;  // should have been quoted
                field.push_back(text[i++]);
            }
        }
        record.push_back(std::move(field));
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (text.substr(i, 2) != "\r\n") return std::nullopt;
        i += 2;
        out.push_back(std::move(record));
        record.clear();
    }
    if (!record.empty()) return std::nullopt;
    return out;
}

void check_csv(const std::vector<std::vector<std::string_view>>& input, const flags& f) {
    plenary::csv_writer whole(f.byte_order_mark);
    plenary::csv_writer streamed(f.byte_order_mark);
    std::string pieces;
    rows expected;
    for (const auto& row : input) {
        expected.emplace_back();
        for (const auto cell : row) {
            const auto number = f.numbers_as_int ? as_int(cell) : std::nullopt;
            if (number) {
                whole.cell(*number);
                streamed.cell(*number);
                expected.back().push_back(std::to_string(*number));
            } else {
                whole.cell(cell);
                streamed.cell(cell);
                expected.back().push_back((starts_formula(cell) ? "'" : "") + std::string(cell));
            }
            if (f.take_in_pieces) pieces += streamed.take();
        }
        whole.end_row();
        streamed.end_row();
    }
    pieces += streamed.take();
    require(streamed.text().empty(), "take() leaves the writer empty");
    require(pieces == whole.text(), "text taken in pieces equals the text written at once");

    std::string_view text = whole.text();
    // Without a BOM the first cell may itself start with those bytes; the
    // read-back below then sees them as text, which is what they are.
    if (f.byte_order_mark) {
        require(text.starts_with(bom), "the BOM comes first when asked for");
        text.remove_prefix(bom.size());
    }
    const auto parsed = read_csv(text);
    require(parsed.has_value(), "the CSV is strict RFC 4180");
    require(*parsed == expected, "RFC 4180 reading gives back the cells written");
}

// ---- ICS ------------------------------------------------------------------

// Names as the calendar code writes them, including a parameter, and one
// long enough that the first cut falls inside the name.
constexpr std::string_view ics_names[] = {
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "SUMMARY;LANGUAGE=zh-CN",
    "X-PLENARY-A-VERY-LONG-PROPERTY-NAME-THAT-TAKES-UP-MOST-OF-THE-FIRST-PHYSICAL-LINE",
};

// What ics_escape_text should keep of `text`, before escaping.
std::string ics_expected_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out.push_back('\n');
        } else if (c >= 0x20 && c != 0x7F) {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

// Reverses RFC 5545 TEXT escaping; nullopt for a bare ; , or \ or another
// escape, or a control character.
std::optional<std::string> ics_unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F || c == ';' || c == ',') return std::nullopt;
        if (c != '\\') {
            out.push_back(static_cast<char>(c));
            continue;
        }
        if (++i == text.size()) return std::nullopt;
        switch (text[i]) {
            case '\\':
            case ';':
            case ',': out.push_back(text[i]); break;
            case 'n': out.push_back('\n'); break;
            default: return std::nullopt;
        }
    }
    return out;
}

void check_escape(std::string_view value) {
    const std::string escaped = plenary::ics_escape_text(value);
    const auto back = ics_unescape(escaped);
    require(back.has_value(), "escaped TEXT has only valid escapes and no controls");
    require(*back == ics_expected_text(value), "escaped TEXT unescapes to the input");
    if (plenary::is_valid_utf8(value)) require(plenary::is_valid_utf8(escaped), "escaping keeps UTF-8 valid");
}

// Physical lines without their CRLF; every one must end with CRLF.
std::vector<std::string_view> physical_lines(std::string_view folded) {
    std::vector<std::string_view> lines;
    while (!folded.empty()) {
        const auto end = folded.find("\r\n");
        require(end != std::string_view::npos, "every folded line ends with CRLF");
        lines.push_back(folded.substr(0, end));
        folded.remove_prefix(end + 2);
    }
    return lines;
}

void check_fold(std::string_view line) {
    const std::string folded = plenary::ics_fold_line(line);
    // A content line with its own line breaks is outside the contract
    // (values are escaped first); it must only not crash.
    if (line.find_first_of("\r\n") != std::string_view::npos) return;

    const auto lines = physical_lines(folded);
    require(!lines.empty(), "a folded line is never empty");
    const bool utf8 = plenary::is_valid_utf8(line);
    std::string unfolded;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto physical = lines[i];
        require(physical.size() <= max_ics_octets, "no physical line is longer than 75 octets");
        if (i + 1 < lines.size() && utf8) {
            require(physical.size() >= max_ics_octets - 3, "folding fills the line up to one character");
        }
        if (i > 0) {
            require(physical.starts_with(' '), "a continuation starts with one space");
            physical.remove_prefix(1);
        }
        if (utf8) require(plenary::is_valid_utf8(physical), "folding never splits a UTF-8 sequence");
        unfolded.append(physical);
    }
    require(unfolded == line, "unfolding gives back the content line");
}

void check_ics(const std::vector<std::vector<std::string_view>>& input, const flags& f) {
    const auto name = ics_names[f.ics_name % std::size(ics_names)];
    plenary::ics_writer writer;
    std::string expected;
    writer.begin("VEVENT");
    expected += plenary::ics_fold_line("BEGIN:VEVENT");
    for (const auto& row : input) {
        for (const auto cell : row) {
            check_escape(cell);
            const std::string content = std::string(name) + ":" + plenary::ics_escape_text(cell);
            check_fold(content);
            check_fold(cell);  // raw bytes too: the fold must cope with anything
            writer.text(name, cell);
            expected += plenary::ics_fold_line(content);
        }
    }
    writer.end("VEVENT");
    expected += plenary::ics_fold_line("END:VEVENT");
    require(writer.str() == expected, "ics_writer writes the escaped, folded lines");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const flags f = read_flags(data[0]);
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

    std::vector<std::vector<std::string_view>> input;
    for (const auto row : split(body, row_separator)) input.push_back(split(row, cell_separator));

    check_csv(input, f);
    check_ics(input, f);
    return 0;
}
