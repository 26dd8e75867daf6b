// See access_matrix_table.hpp.
#include "access_matrix_table.hpp"

#include "common/text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>

namespace plenary::testing {

namespace {

const std::vector<std::string> expected_header{"endpoint",        "none",      "attendee", "kiosk", "other kiosk",
                                               "other organizer", "organizer", "admin",    "notes"};

std::string trimmed(std::string_view s) {
    return std::string(plenary::trim(s));
}

// "| a | b |" -> {"a", "b"}; text after the last bar is not a cell.
std::vector<std::string> split_cells(std::string_view line) {
    std::vector<std::string> out;
    if (line.empty() || line.front() != '|') return out;
    line.remove_prefix(1);
    for (auto bar = line.find('|'); bar != std::string_view::npos; bar = line.find('|')) {
        out.push_back(trimmed(line.substr(0, bar)));
        line.remove_prefix(bar + 1);
    }
    return out;
}

std::optional<verdict> parse_verdict(const std::string& cell) {
    if (cell == "allow") return verdict::allow;
    if (cell == "deny") return verdict::deny;
    if (cell == "deny (404)") return verdict::deny_hidden;
    return std::nullopt;
}

matrix_row parse_row(const std::vector<std::string>& cells, int line) {
    matrix_row row;
    row.line = line;
    EXPECT_EQ(cells.size(), expected_header.size()) << "docs/security.md:" << line << ": wrong number of cells";
    if (cells.size() < cred_count + 1) return row;
    std::string endpoint;
    for (const char c : cells[0]) {
        if (c != '`') endpoint += c;
    }
    const auto space = endpoint.find(' ');
    row.method = endpoint.substr(0, space);
    row.pattern = space == std::string::npos ? std::string() : endpoint.substr(space + 1);
    for (std::size_t c = 0; c < cred_count; ++c) {
        const auto v = parse_verdict(cells[c + 1]);
        EXPECT_TRUE(v.has_value()) << "docs/security.md:" << line << ": cell '" << cells[c + 1] << "' under '"
                                   << cred_names[c] << "' is not allow, deny or deny (404)";
        row.cells[c] = v.value_or(verdict::deny);
    }
    return row;
}

}  // namespace

const char* text_of(verdict v) {
    switch (v) {
        case verdict::allow: return "allow";
        case verdict::deny: return "deny";
        case verdict::deny_hidden: return "deny (404)";
    }
    return "?";
}

std::vector<matrix_row> read_matrix(const std::filesystem::path& file) {
    std::ifstream in(file);
    EXPECT_TRUE(in.is_open()) << "cannot read " << file;
    std::vector<matrix_row> rows;
    bool in_section = false;
    bool header_seen = false;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.starts_with("## ")) {
            if (header_seen) break;
            in_section = trimmed(line) == "## Access matrix";
            continue;
        }
        if (!in_section) continue;
        if (!line.starts_with('|')) {
            if (header_seen) break;
            continue;
        }
        const auto cells = split_cells(line);
        if (!header_seen) {
            EXPECT_EQ(cells, expected_header) << file << ":" << number << ": the matrix header is not as expected";
            header_seen = true;
        } else if (!(cells.size() > 1 && cells[1].starts_with("---"))) {
            rows.push_back(parse_row(cells, number));
        }
    }
    EXPECT_TRUE(header_seen) << "no table under '## Access matrix' in " << file;
    return rows;
}

// __FILE__ is absolute in CMake builds; the walk up from the working
// directory covers a build that made it relative.
std::filesystem::path security_doc() {
    const std::filesystem::path here(__FILE__);
    if (here.is_absolute()) {
        const auto doc = here.parent_path().parent_path().parent_path() / "docs" / "security.md";
        if (std::filesystem::exists(doc)) return doc;
    }
    for (auto dir = std::filesystem::current_path();; dir = dir.parent_path()) {
        if (std::filesystem::exists(dir / "docs" / "security.md")) return dir / "docs" / "security.md";
        if (dir == dir.parent_path()) break;
    }
    return "docs/security.md";
}

}  // namespace plenary::testing
