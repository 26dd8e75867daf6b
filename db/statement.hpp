// A prepared SQLite statement: typed binding (1-based), stepping and column
// access. Move-only; finalized on destruction. Usually obtained as a cached
// reference from connection::prepare().
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace plenary::db {

// Bytes held in a std::string (hashes, sealed boxes) bound as a BLOB.
inline std::span<const std::byte> as_blob(std::string_view bytes) {
    return std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
}

class statement;

// The first row of `st` read by `read(st)`, or nullopt; the statement is reset
// afterwards so it holds no read snapshot.
template <class Read>
auto first_row(statement& st, Read read) -> std::optional<decltype(read(st))>;

class statement {
public:
    statement(sqlite3* db, std::string_view sql);
    ~statement();
    statement(statement&& other) noexcept;
    statement& operator=(statement&& other) noexcept;
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    // ---- binding; index is 1-based like SQLite's ----
    void bind(int index, std::nullptr_t);
    void bind(int index, double value);
    void bind(int index, std::string_view text);  // copied (SQLITE_TRANSIENT)
    void bind(int index, const char* text) { bind(index, std::string_view(text)); }
    void bind(int index, std::span<const std::uint8_t> blob);
    void bind(int index, std::span<const std::byte> blob);
    void bind(int index, const std::vector<std::uint8_t>& blob) { bind(index, std::span<const std::uint8_t>(blob)); }
    template <std::integral T>
    void bind(int index, T value) {
        bind_int64(index, static_cast<std::int64_t>(value));
    }
    template <class T>
    void bind(int index, const std::optional<T>& value) {
        if (value) {
            bind(index, *value);
        } else {
            bind(index, nullptr);
        }
    }
    // Binds args to parameters 1..N in order; returns *this for chaining.
    template <class... Args>
    statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // ---- execution ----
    // True when a row is available; false when done (the statement is then
    // reset, so it can be re-bound and stepped again). Throws sqlite_error.
    bool step();
    // Runs a statement that returns no rows (INSERT/UPDATE/DELETE/DDL) to completion.
    void execute();
    void reset() noexcept;  // ready to step again; bindings kept
    void clear_bindings() noexcept;

    // ---- columns of the current row; index is 0-based like SQLite's ----
    int column_count() const noexcept;
    bool is_null(int column) const noexcept;
    std::int64_t column_int64(int column) const noexcept;
    int column_int(int column) const noexcept;
    double column_double(int column) const noexcept;
    std::string column_text(int column) const;
    std::optional<std::string> column_optional_text(int column) const;
    std::optional<std::int64_t> column_optional_int64(int column) const noexcept;
    std::vector<std::uint8_t> column_blob(int column) const;
    std::string column_blob_string(int column) const;
    std::string column_name(int column) const;

    std::string sql() const;
    sqlite3_stmt* native_handle() const noexcept { return stmt_; }

private:
    void bind_int64(int index, std::int64_t value);
    void bind_blob(int index, const void* data, std::size_t size);
    void check_bind(int rc, int index);

    sqlite3_stmt* stmt_ = nullptr;
};

template <class Read>
auto first_row(statement& st, Read read) -> std::optional<decltype(read(st))> {
    if (!st.step()) return std::nullopt;
    auto out = read(st);
    st.reset();
    return out;
}

}  // namespace plenary::db
