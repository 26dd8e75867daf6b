// Implementation of common/csv.hpp.
#include "common/csv.hpp"

#include <utility>

namespace plenary {

namespace {

// Characters that make a spreadsheet read a cell as a formula (OWASP's CSV
// injection list).
bool starts_formula(std::string_view value) noexcept {
    if (value.empty()) return false;
    switch (value.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r': return true;
        default: return false;
    }
}

}  // namespace

csv_writer::csv_writer(bool byte_order_mark) {
    if (byte_order_mark) text_ = "\xEF\xBB\xBF";
}

void csv_writer::separate() {
    if (row_started_) text_.push_back(',');
    row_started_ = true;
}

void csv_writer::cell(std::string_view value) {
    separate();
    const bool neutralise = starts_formula(value);
    const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote) text_.push_back('"');
    if (neutralise) text_.push_back('\'');
    for (char c : value) {
        if (c == '"') text_.push_back('"');
        text_.push_back(c);
    }
    if (quote) text_.push_back('"');
}

void csv_writer::cell(std::int64_t value) {
    separate();
    text_ += std::to_string(value);
}

void csv_writer::end_row() {
    text_ += "\r\n";
    row_started_ = false;
}

std::string csv_writer::take() {
    std::string out = std::move(text_);
    text_.clear();
    return out;
}

}  // namespace plenary
