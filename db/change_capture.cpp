// Pre-update hook capture; see change_capture.hpp.
#include "db/change_capture.hpp"

#include "common/problem.hpp"
#include "db/connection.hpp"

// Debian's libsqlite3 is built with the pre-update hook; the header declares
// it only when asked.
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace plenary::db {

namespace {

struct resolved_table {
    std::string name;
    std::vector<int> indexes;  // schema position of each watched column
};

captured_value to_captured(sqlite3_value* v) {
    switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_value_int64(v));
        case SQLITE_FLOAT: return sqlite3_value_double(v);
        case SQLITE_NULL: return std::monostate{};
        default: {
            const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
            return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(v)));
        }
    }
}

std::vector<int> column_indexes(connection& conn, const watched_table& t) {
    std::vector<std::string> schema;
    auto st = conn.prepare_uncached("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    st.bind_all(t.name);
    while (st.step()) schema.push_back(st.column_text(0));
    if (schema.empty()) throw problem(errc::internal, "change capture: no table " + t.name);
    std::vector<int> out;
    for (const auto& c : t.columns) {
        const auto it = std::find(schema.begin(), schema.end(), c);
        if (it == schema.end()) throw problem(errc::internal, "change capture: no column " + t.name + "." + c);
        out.push_back(static_cast<int>(it - schema.begin()));
    }
    return out;
}

}  // namespace

struct change_capture::state {
    std::vector<resolved_table> tables;
    std::vector<row_change> rows;
    bool complete = true;
    sqlite3* db = nullptr;
};

namespace {

using get_fn = int (*)(sqlite3*, int, sqlite3_value**);

std::vector<captured_value> copy_row(sqlite3* db, const std::vector<int>& indexes, get_fn get) {
    std::vector<captured_value> out;
    out.reserve(indexes.size());
    for (const int i : indexes) {
        sqlite3_value* v = nullptr;
        out.push_back(get(db, i, &v) == SQLITE_OK && v ? to_captured(v) : captured_value{});
    }
    return out;
}

void on_preupdate(void* arg, sqlite3* db, int op, const char* schema, const char* table, sqlite3_int64, sqlite3_int64) {
    auto& s = *static_cast<change_capture::state*>(arg);
    if (std::string_view(schema) != "main") return;
    const auto t =
        std::find_if(s.tables.begin(), s.tables.end(), [table](const resolved_table& r) { return r.name == table; });
    if (t == s.tables.end()) return;
    // No exception may cross SQLite's C frames; a lost row is reported instead.
    try {
        row_change c;
        c.table = t->name;
        c.op = op == SQLITE_INSERT ? change_op::insert : op == SQLITE_DELETE ? change_op::remove : change_op::update;
        if (op != SQLITE_INSERT) c.before = copy_row(db, t->indexes, sqlite3_preupdate_old);
        if (op != SQLITE_DELETE) c.after = copy_row(db, t->indexes, sqlite3_preupdate_new);
        s.rows.push_back(std::move(c));
    } catch (...) {
        s.complete = false;
    }
}

}  // namespace

std::int64_t captured_row::int64(std::size_t i) const {
    return optional_int64(i).value_or(0);
}

std::optional<std::int64_t> captured_row::optional_int64(std::size_t i) const {
    const auto& v = values_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    // Bulk reads hand every column over as text.
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
        if (ec == std::errc() && end == s->data() + s->size()) return n;
    }
    return std::nullopt;
}

std::string captured_row::text(std::size_t i) const {
    return optional_text(i).value_or(std::string());
}

std::optional<std::string> captured_row::optional_text(std::size_t i) const {
    const auto& v = values_.at(i);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    return std::nullopt;
}

change_capture::change_capture() : state_(std::make_unique<state>()) {}

change_capture::~change_capture() {
    if (state_->db) sqlite3_preupdate_hook(state_->db, nullptr, nullptr);
}

void change_capture::attach(connection& conn, std::vector<watched_table> tables) {
    std::vector<resolved_table> resolved;
    for (auto& t : tables) resolved.push_back({t.name, column_indexes(conn, t)});
    state_->tables = std::move(resolved);
    state_->db = conn.native_handle();
    sqlite3_preupdate_hook(state_->db, on_preupdate, state_.get());
}

bool change_capture::attached() const noexcept {
    return state_->db != nullptr;
}

std::size_t change_capture::mark() const noexcept {
    return state_->rows.size();
}

void change_capture::rollback_to(std::size_t mark) noexcept {
    if (mark < state_->rows.size()) state_->rows.resize(mark);
}

change_batch change_capture::take() noexcept {
    change_batch out{std::exchange(state_->rows, {}), state_->complete};
    state_->complete = true;
    return out;
}

void change_capture::clear() noexcept {
    state_->rows.clear();
    state_->complete = true;
}

}  // namespace plenary::db
