// Implementation of json_reader: type, length and range checks with short
// messages, and the unknown-field sweep.
#include "common/json_reader.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <utility>

namespace plenary {

namespace {

// A hostile body with thousands of bad fields must not produce a response
// thousands of entries long; the count still reports them all.
constexpr std::size_t max_reported_errors = 50;
// Unknown keys are echoed back; keep them short.
constexpr std::size_t max_echoed_key_bytes = 64;

std::string length_message(std::size_t min_len, std::size_t max_len, std::size_t len) {
    if (min_len == max_len) return "must be exactly " + std::to_string(min_len) + " characters";
    if (len == 0) return "must not be empty";
    if (len < min_len) return "must be at least " + std::to_string(min_len) + " characters";
    return "must be at most " + std::to_string(max_len) + " characters";
}

}  // namespace

json_reader::json_reader(boost::json::value v) : value_(std::move(v)) {
    if (object() == nullptr) throw problem::invalid("", "expected a JSON object");
}

json_reader::json_reader(boost::json::value v, std::string path) : value_(std::move(v)), path_(std::move(path)) {
    if (object() == nullptr) error_at(path_, "must be an object");
}

std::string json_reader::path_of(std::string_view field) const {
    if (path_.empty()) return std::string(field);
    std::string out = path_;
    out += '.';
    out += field;
    return out;
}

void json_reader::error(std::string_view field, std::string message) {
    error_at(path_of(field), std::move(message));
}

void json_reader::error_at(std::string path, std::string message) {
    ++error_count_;
    if (errors_.size() < max_reported_errors) errors_.push_back({std::move(path), std::move(message)});
}

const boost::json::value* json_reader::take(std::string_view field) {
    if (std::find(read_.begin(), read_.end(), field) == read_.end()) read_.emplace_back(field);
    const auto* o = object();
    return o == nullptr ? nullptr : o->if_contains(field);
}

void json_reader::report_missing(std::string_view field) {
    // A non-object already has its one error; its fields are not "missing" too.
    if (object() != nullptr) error(field, "is required");
}

std::optional<std::string> json_reader::check_string(const boost::json::value& v, const std::string& path,
                                                     std::size_t min_len, std::size_t max_len, text_kind kind) {
    const auto* s = v.if_string();
    if (s == nullptr) {
        error_at(path, "must be a string");
        return std::nullopt;
    }
    const std::string_view text(s->data(), s->size());
    // The parser guarantees UTF-8 for text it decoded; values built in code may not be.
    if (!is_valid_utf8(text)) {
        error_at(path, "must be valid UTF-8");
        return std::nullopt;
    }
    if (has_control_chars(text, kind == text_kind::multi_line)) {
        error_at(path, "must not contain control characters");
        return std::nullopt;
    }
    const auto len = utf8_length(text);
    if (len < min_len || len > max_len) {
        error_at(path, length_message(min_len, max_len, len));
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<std::int64_t> json_reader::check_int(const boost::json::value& v, const std::string& path,
                                                   std::int64_t min, std::int64_t max) {
    std::optional<std::int64_t> n;
    if (const auto* i = v.if_int64()) {
        n = *i;
    } else if (v.is_uint64()) {
        // Only values past INT64_MAX parse as uint64, so they are out of range.
        error_at(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    } else {
        error_at(path, "must be an integer");
        return std::nullopt;
    }
    if (*n < min || *n > max) {
        error_at(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return n;
}

std::string json_reader::required_string(std::string_view field, std::size_t min_len, std::size_t max_len,
                                         text_kind kind) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) {
        report_missing(field);
        return {};
    }
    return check_string(*v, path_of(field), min_len, max_len, kind).value_or(std::string{});
}

std::optional<std::string> json_reader::optional_string(std::string_view field, std::size_t min_len,
                                                        std::size_t max_len, text_kind kind) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) return std::nullopt;
    return check_string(*v, path_of(field), min_len, max_len, kind);
}

std::int64_t json_reader::required_int(std::string_view field, std::int64_t min, std::int64_t max) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) {
        report_missing(field);
        return 0;
    }
    return check_int(*v, path_of(field), min, max).value_or(0);
}

std::optional<std::int64_t> json_reader::optional_int(std::string_view field, std::int64_t min, std::int64_t max) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) return std::nullopt;
    return check_int(*v, path_of(field), min, max);
}

bool json_reader::required_bool(std::string_view field) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) {
        report_missing(field);
        return false;
    }
    if (!v->is_bool()) {
        error(field, "must be true or false");
        return false;
    }
    return v->get_bool();
}

std::optional<bool> json_reader::optional_bool(std::string_view field) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_bool()) {
        error(field, "must be true or false");
        return std::nullopt;
    }
    return v->get_bool();
}

const boost::json::value* json_reader::optional_value(std::string_view field) {
    return take(field);
}

const boost::json::array* json_reader::optional_array(std::string_view field, std::size_t max_items) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) return nullptr;
    const auto* a = v->if_array();
    if (a == nullptr) {
        error(field, "must be an array");
        return nullptr;
    }
    if (a->size() > max_items) {
        error(field, "must have at most " + std::to_string(max_items) + " items");
        return nullptr;
    }
    return a;
}

std::optional<json_reader> json_reader::optional_object(std::string_view field) {
    const auto* v = take(field);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_object()) {
        error(field, "must be an object");
        return std::nullopt;
    }
    return json_reader(*v, path_of(field));
}

void json_reader::adopt(json_reader&& child) {
    child.add_unknown_fields();
    const auto hidden = child.error_count_ - child.errors_.size();
    for (auto& e : child.errors_) error_at(std::move(e.field), std::move(e.message));
    error_count_ += hidden;
    child.errors_.clear();
    child.error_count_ = 0;
}

void json_reader::add_unknown_fields() {
    const auto* o = object();
    if (unknown_checked_ || o == nullptr) return;
    unknown_checked_ = true;
    for (const auto& kv : *o) {
        const std::string_view key(kv.key().data(), kv.key().size());
        if (std::find(read_.begin(), read_.end(), key) != read_.end()) continue;
        error(to_valid_utf8(truncate_utf8(key, max_echoed_key_bytes)), "unknown field");
    }
}

void json_reader::finish() {
    add_unknown_fields();
    if (error_count_ == 0) return;
    const auto& first = errors_.front();
    std::string first_text = first.field.empty() ? first.message : first.field + ": " + first.message;
    std::string detail = error_count_ == 1 ? std::move(first_text)
                                           : std::to_string(error_count_) + " fields are invalid; first: " + first_text;
    throw problem(errc::validation, std::move(detail), errors_);
}

}  // namespace plenary
