// Row-level change capture on the writer's connection, through SQLite's
// pre-update hook: every insert, update and delete in the watched tables
// (including those made by triggers and foreign-key actions) is copied with
// its old and new column values. The writer marks where each job starts so a
// job that rolls back to its savepoint drops its rows, and hands the rest to
// a sink after COMMIT; live counts built from these rows therefore follow
// exactly what was committed, whatever code path wrote it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace plenary::db {

class connection;

// NULL, INTEGER, REAL or TEXT (BLOBs are kept as their bytes).
using captured_value = std::variant<std::monostate, std::int64_t, double, std::string>;

// A table to watch and the columns to copy, by name.
struct watched_table {
    std::string name;
    std::vector<std::string> columns;
};

enum class change_op { insert, update, remove };

struct row_change {
    std::string_view table;  // one of the watched names; valid while the capture lives
    change_op op = change_op::insert;
    // In watched_table::columns order; empty when there is no old (insert)
    // or no new (remove) row.
    std::vector<captured_value> before;
    std::vector<captured_value> after;
};

// Typed access to one captured row (`before` or `after`).
class captured_row {
public:
    explicit captured_row(const std::vector<captured_value>& values) : values_(values) {}
    bool present() const noexcept { return !values_.empty(); }
    bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
    std::int64_t int64(std::size_t i) const;  // 0 for NULL
    std::optional<std::int64_t> optional_int64(std::size_t i) const;
    std::string text(std::size_t i) const;  // "" for NULL
    std::optional<std::string> optional_text(std::size_t i) const;

private:
    const std::vector<captured_value>& values_;
};

// What one committed transaction changed. `complete` is false when a row could
// not be copied (out of memory): the sink must then recount from the store.
struct change_batch {
    std::vector<row_change> rows;
    bool complete = true;
};

// Called on the writer thread after every COMMIT, outside any transaction,
// even when no watched row changed (a job may have asked the sink for work
// that needs the committed state); `conn` is the writer's connection, for the
// rare recount or load.
using change_sink = std::function<void(const change_batch& batch, connection& conn)>;

class change_capture {
public:
    change_capture();
    ~change_capture();
    change_capture(const change_capture&) = delete;
    change_capture& operator=(const change_capture&) = delete;

    // Installs the hook on `conn` (its thread only); column names are checked
    // against the schema, so a renamed column fails here, not silently later.
    void attach(connection& conn, std::vector<watched_table> tables);
    bool attached() const noexcept;

    std::size_t mark() const noexcept;
    void rollback_to(std::size_t mark) noexcept;
    change_batch take() noexcept;
    void clear() noexcept;

    struct state;

private:
    std::unique_ptr<state> state_;
};

}  // namespace plenary::db
