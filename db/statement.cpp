// Prepared statement wrapper; the only place that calls sqlite3_bind/column.
#include "db/statement.hpp"

#include "db/sqlite_error.hpp"

#include <sqlite3.h>

#include <climits>
#include <utility>

namespace plenary::db {

statement::statement(sqlite3* db, std::string_view sql) {
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
        throw_sqlite_error(nullptr, SQLITE_TOOBIG, "prepare");
    }
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw_sqlite_error(db, rc, "prepare");
    }
    if (stmt_ == nullptr) {
        // Empty or comment-only SQL compiles to nothing; a caller asking for a
        // statement from it has a bug.
        throw_sqlite_error(nullptr, SQLITE_MISUSE, "prepare (empty statement)");
    }
    // Multi-statement text would silently run only the first statement.
    std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw_sqlite_error(nullptr, SQLITE_MISUSE, "prepare (more than one statement; use exec)");
    }
}

statement::~statement() {
    sqlite3_finalize(stmt_);
}

statement::statement(statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

statement& statement::operator=(statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

void statement::check_bind(int rc, int index) {
    if (rc != SQLITE_OK) {
        throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "bind parameter " + std::to_string(index));
    }
}

void statement::bind(int index, std::nullptr_t) {
    check_bind(sqlite3_bind_null(stmt_, index), index);
}

void statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_, index, value), index);
}

void statement::bind(int index, std::string_view text) {
    check_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

void statement::bind(int index, std::span<const std::uint8_t> blob) {
    bind_blob(index, blob.data(), blob.size());
}

void statement::bind(int index, std::span<const std::byte> blob) {
    bind_blob(index, blob.data(), blob.size());
}

void statement::bind_int64(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index, value), index);
}

void statement::bind_blob(int index, const void* data, std::size_t size) {
    // A null pointer would bind SQL NULL; an empty blob must stay a zero-length blob.
    static const unsigned char empty = 0;
    const void* p = size == 0 ? &empty : data;
    check_bind(sqlite3_bind_blob64(stmt_, index, p, size, SQLITE_TRANSIENT), index);
}

bool statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        // Ready for new bindings at once, and no snapshot is held past the end.
        sqlite3_reset(stmt_);
        return false;
    }
    sqlite3* db = sqlite3_db_handle(stmt_);
    // Reset so the statement does not keep its read/write lock after a failure.
    sqlite3_reset(stmt_);
    throw_sqlite_error(db, rc, "step");
}

void statement::execute() {
    while (step()) {
    }
}

void statement::reset() noexcept {
    // The return value repeats the last step's error, already reported by step().
    sqlite3_reset(stmt_);
}

void statement::clear_bindings() noexcept {
    sqlite3_clear_bindings(stmt_);
}

int statement::column_count() const noexcept {
    return sqlite3_column_count(stmt_);
}

bool statement::is_null(int column) const noexcept {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int column) const noexcept {
    return sqlite3_column_int64(stmt_, column);
}

int statement::column_int(int column) const noexcept {
    return sqlite3_column_int(stmt_, column);
}

double statement::column_double(int column) const noexcept {
    return sqlite3_column_double(stmt_, column);
}

std::string statement::column_text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);  // after _text, per SQLite's rules
    if (p == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::optional<std::string> statement::column_optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return column_text(column);
}

std::optional<std::int64_t> statement::column_optional_int64(int column) const noexcept {
    if (is_null(column)) return std::nullopt;
    return column_int64(column);
}

std::string statement::column_blob_string(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    const auto n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::vector<std::uint8_t> statement::column_blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    if (p == nullptr || n <= 0) {
        return {};
    }
    return std::vector<std::uint8_t>(p, p + n);
}

std::string statement::column_name(int column) const {
    const char* name = sqlite3_column_name(stmt_, column);
    return name != nullptr ? std::string(name) : std::string();
}

std::string statement::sql() const {
    const char* text = sqlite3_sql(stmt_);
    return text != nullptr ? std::string(text) : std::string();
}

}  // namespace plenary::db
