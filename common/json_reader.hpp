// Field-by-field validation of a JSON request object that collects every
// problem instead of stopping at the first, then refuses unknown fields, so a
// client sees all its mistakes in one 422 answer.
//
//   json_reader in(parse_json(body));
//   auto name = in.required_string("name", 1, 200);
//   auto cap = in.optional_int("capacity", 0, 100000);
//   in.finish();  // throws problem(validation) listing every field error
//
// Values returned for fields that failed are placeholders ("" or 0); they are
// meaningful only once finish() has returned.
#pragma once

#include "common/problem.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary {

enum class text_kind {
    single_line,  // no control characters at all
    multi_line,   // tab, CR and LF allowed (descriptions, answers)
};

class json_reader {
public:
    // The reader owns the value it reads (move it in), so pointers it hands
    // out stay valid for the reader's lifetime and a temporary is safe.
    // Top-level body: anything but an object throws problem::invalid("", ...).
    explicit json_reader(boost::json::value v);
    // A nested object at `path` ("title", "speakers[2]"); a non-object is
    // recorded as an error on `path` and every read then finds nothing.
    json_reader(boost::json::value v, std::string path);

    // Optional reads treat an explicit null like an absent field.
    std::string required_string(std::string_view field, std::size_t min_len, std::size_t max_len,
                                text_kind kind = text_kind::single_line);
    std::optional<std::string> optional_string(std::string_view field, std::size_t min_len, std::size_t max_len,
                                               text_kind kind = text_kind::single_line);
    std::int64_t required_int(std::string_view field, std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> optional_int(std::string_view field, std::int64_t min, std::int64_t max);
    bool required_bool(std::string_view field);
    std::optional<bool> optional_bool(std::string_view field);

    // Raw access (marks the field as read); null when absent. Validate the
    // result with the check_* functions or a nested reader.
    const boost::json::value* optional_value(std::string_view field);
    // Array-typed field with at most max_items elements; null when absent or wrong.
    const boost::json::array* optional_array(std::string_view field, std::size_t max_items);
    // Reader over a nested object field; hand it back with adopt() when done.
    std::optional<json_reader> optional_object(std::string_view field);

    // Checks for values obtained through optional_value/optional_array; `path`
    // is the full name reported on error ("sessions[3]").
    std::optional<std::string> check_string(const boost::json::value& v, const std::string& path, std::size_t min_len,
                                            std::size_t max_len, text_kind kind = text_kind::single_line);
    std::optional<std::int64_t> check_int(const boost::json::value& v, const std::string& path, std::int64_t min,
                                          std::int64_t max);

    // Full name of a field of this object, for error() and nested readers.
    std::string path_of(std::string_view field) const;
    void error(std::string_view field, std::string message);  // field relative to this object
    void error_at(std::string path, std::string message);     // full path

    // Takes over a nested reader's errors, including its unknown fields.
    void adopt(json_reader&& child);

    bool ok() const noexcept { return error_count_ == 0; }
    const std::vector<field_error>& errors() const noexcept { return errors_; }

    // Adds "unknown field" for every field never read, then throws
    // problem(validation) with all field errors if there are any.
    void finish();

private:
    const boost::json::value* take(std::string_view field);
    void add_unknown_fields();
    void report_missing(std::string_view field);

    const boost::json::object* object() const noexcept { return value_.if_object(); }

    boost::json::value value_;
    std::string path_;
    std::vector<std::string> read_;
    std::vector<field_error> errors_;  // capped; error_count_ counts all
    std::size_t error_count_ = 0;
    bool unknown_checked_ = false;
};

}  // namespace plenary
