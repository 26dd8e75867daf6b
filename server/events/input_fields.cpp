// Implementation of the shared field readers.
#include "server/events/input_fields.hpp"

#include "common/timezone.hpp"

namespace plenary::server::events {

namespace {

bool is_absent(const boost::json::value* v) {
    return v == nullptr;
}

}  // namespace

bool read_text(json_reader& in, std::string_view field, std::string& target, std::size_t max_len, bool required,
               text_kind kind) {
    const auto* v = in.optional_value(field);
    if (is_absent(v) || v->is_null()) {
        if (required) {
            in.error(field, "is required");
        } else if (v != nullptr) {
            target.clear();  // null clears an optional text
        }
        return v != nullptr;
    }
    if (auto s = in.check_string(*v, in.path_of(field), required ? 1 : 0, max_len, kind)) target = std::move(*s);
    return true;
}

bool read_bilingual(json_reader& in, std::string_view field, db::bilingual& target, std::size_t max_len, bool required,
                    text_kind kind) {
    const auto* v = in.optional_value(field);
    if (is_absent(v) || v->is_null()) {
        if (required) {
            in.error(field, "is required");
        } else if (v != nullptr) {
            target = {};
        }
        return v != nullptr;
    }
    db::bilingual next = target;
    if (v->is_string()) {
        if (auto s = in.check_string(*v, in.path_of(field), 0, max_len, kind)) next = {std::move(*s), ""};
    } else if (v->is_object()) {
        json_reader sub(*v, in.path_of(field));
        read_text(sub, "en", next.en, max_len, false, kind);
        read_text(sub, "zh", next.zh, max_len, false, kind);
        const bool clean = sub.ok();
        in.adopt(std::move(sub));
        if (!clean) return true;  // the language's own error says it all
    } else {
        in.error(field, "must be a string or an object with en and/or zh");
        return true;
    }
    if (required && next.empty()) {
        in.error(field, "needs text in at least one language (en or zh)");
        return true;
    }
    target = std::move(next);
    return true;
}

bool read_time(json_reader& in, std::string_view field, std::string& target, bool required) {
    const auto* v = in.optional_value(field);
    if (is_absent(v) || v->is_null()) {
        if (required || v != nullptr) in.error(field, "is required");
        return v != nullptr;
    }
    const auto* s = v->if_string();
    const auto canonical = s ? canonical_rfc3339(std::string_view(s->data(), s->size())) : std::nullopt;
    if (!canonical) {
        in.error(field, "must be an RFC 3339 time with an offset, e.g. 2026-12-06T09:00:00+08:00");
    } else {
        target = *canonical;
    }
    return true;
}

bool read_optional_time(json_reader& in, std::string_view field, std::optional<std::string>& target) {
    const auto* v = in.optional_value(field);
    if (is_absent(v)) return false;
    if (v->is_null()) {
        target.reset();
        return true;
    }
    std::string value;
    // optional_value already marked it read; read_time looks it up again.
    read_time(in, field, value, true);
    if (!value.empty()) target = std::move(value);
    return true;
}

bool read_nullable_int(json_reader& in, std::string_view field, std::optional<std::int64_t>& target, std::int64_t min,
                       std::int64_t max) {
    const auto* v = in.optional_value(field);
    if (is_absent(v)) return false;
    if (v->is_null()) {
        target.reset();
        return true;
    }
    if (auto n = in.check_int(*v, in.path_of(field), min, max)) target = *n;
    return true;
}

bool read_flag(json_reader& in, std::string_view field, bool& target) {
    const auto* v = in.optional_value(field);
    if (is_absent(v) || v->is_null()) return v != nullptr;
    if (!v->is_bool()) {
        in.error(field, "must be true or false");
    } else {
        target = v->get_bool();
    }
    return true;
}

bool read_choice(json_reader& in, std::string_view field, std::string& target,
                 std::initializer_list<std::string_view> allowed, bool required) {
    const auto* v = in.optional_value(field);
    if (is_absent(v) || v->is_null()) {
        if (required || v != nullptr) in.error(field, "is required");
        return v != nullptr;
    }
    const auto* s = v->if_string();
    if (s != nullptr) {
        const std::string_view text(s->data(), s->size());
        for (const auto a : allowed) {
            if (a == text) {
                target = std::string(text);
                return true;
            }
        }
    }
    std::string message = "must be one of";
    for (const auto a : allowed) message.append(" ").append(a);
    in.error(field, std::move(message));
    return true;
}

void read_room_fields(json_reader& in, db::room_record& room, bool creating) {
    in.optional_value("id");  // read-only; tolerated so a GET result can be sent back
    read_text(in, "name", room.name, 100, creating || in.optional_value("name") != nullptr);
    read_nullable_int(in, "capacity", room.capacity, 0, 1'000'000);
}

bool is_valid_slug(std::string_view slug) noexcept {
    if (slug.size() < 3 || slug.size() > 64) return false;
    if (slug.front() == '-' || slug.back() == '-') return false;
    char previous = 0;
    for (const char c : slug) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

std::string indexed(std::string_view field, std::size_t index) {
    return std::string(field) + "[" + std::to_string(index) + "]";
}

}  // namespace plenary::server::events
