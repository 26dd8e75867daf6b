// RFC 5545 escaping and folding.
#include "common/ics.hpp"

namespace plenary {

namespace {

constexpr std::size_t max_line_octets = 75;

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

}  // namespace

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) break;
                out += c;
        }
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 60 * 3 + 2);
    std::size_t pos = 0;
    // The first physical line holds 75 octets; continuations hold 74 after
    // their leading space.
    std::size_t budget = max_line_octets;
    while (line.size() - pos > budget) {
        std::size_t cut = pos + budget;
        while (cut > pos && is_continuation(static_cast<unsigned char>(line[cut]))) --cut;
        if (cut == pos) cut = pos + budget;  // not UTF-8 at all; still keep lines short
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        budget = max_line_octets - 1;
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}

void ics_writer::begin(std::string_view component) {
    raw("BEGIN", component);
}

void ics_writer::end(std::string_view component) {
    raw("END", component);
}

void ics_writer::raw(std::string_view name, std::string_view value) {
    std::string line;
    line.reserve(name.size() + 1 + value.size());
    line.append(name);
    line += ':';
    line.append(value);
    out_ += ics_fold_line(line);
}

void ics_writer::text(std::string_view name, std::string_view value) {
    raw(name, ics_escape_text(value));
}

}  // namespace plenary
