// One SQLite connection (RAII over sqlite3*). Opening applies the pragmas every
// plenary connection needs (WAL, synchronous=FULL, foreign keys, busy timeout,
// checkpoint and journal limits). A connection belongs to one thread at a time;
// the store gives each of its threads its own.
#pragma once

#include "db/statement.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace plenary::db {

enum class open_mode {
    read_write,  // creates the file when missing
    read_only,   // also sets query_only=1 so even a stray write is refused
};

// SQLite's default is 1,000. When the writer is busy, every request in the
// COMMIT that crosses the mark waits for the checkpoint's copy; 300 pages make
// those waits a third as long (docs/performance-notes.md, changes 28, 45).
inline constexpr std::size_t default_wal_autocheckpoint_pages = 300;

struct connection_options {
    std::chrono::milliseconds busy_timeout{5000};
    std::size_t wal_autocheckpoint_pages = default_wal_autocheckpoint_pages;
    std::int64_t journal_size_limit = 64 * 1024 * 1024;
    // Page cache per connection. SQLite's 2 MiB default makes the writer spill
    // dirty pages to the WAL in the middle of a large group-commit batch (a
    // sale rush touches several indexes per registration), doubling its writes.
    std::int64_t cache_size_kib = 32 * 1024;
};

// Result of PRAGMA wal_checkpoint.
struct checkpoint_result {
    bool busy = false;           // could not complete (readers/writer in the way)
    int wal_pages = 0;           // frames in the WAL
    int checkpointed_pages = 0;  // frames copied back into the database
};

class connection {
public:
    connection(const std::string& path, open_mode mode, connection_options options = {});
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    // Runs one or more statements without results (DDL, BEGIN/COMMIT, pragmas).
    void exec(std::string_view sql);
    // Runs one constant statement without results from the statement cache.
    // For transaction control on hot paths: the group-commit writer runs
    // SAVEPOINT and RELEASE around every job, and parsing them each time was
    // a twentieth of a sale rush's writer time.
    void exec_prepared(std::string_view sql);

    // A statement cached on this connection under its SQL text: reset and
    // unbound on each call. Meant for constant SQL; a reference stays valid for
    // the connection's lifetime, and asking again for the same text while still
    // stepping the first one resets it. Dynamic SQL: use prepare_uncached().
    statement& prepare(std::string_view sql);
    statement prepare_uncached(std::string_view sql);

    // Resets every cached statement so none keeps a read snapshot (which would
    // hold back WAL checkpoints) or a pending write (which would block COMMIT).
    void reset_statements() noexcept;
    std::size_t cached_statements() const noexcept { return cache_.size(); }

    // First column of the first row of `sql` as an integer / text (for pragmas).
    std::int64_t query_int64(std::string_view sql);
    std::string query_text(std::string_view sql);

    std::int64_t last_insert_rowid() const noexcept;
    int changes() const noexcept;
    bool in_transaction() const noexcept;  // !sqlite3_get_autocommit
    open_mode mode() const noexcept { return mode_; }
    const std::string& path() const noexcept { return path_; }

    void set_busy_timeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds busy_timeout() const noexcept { return busy_timeout_; }
    checkpoint_result checkpoint(bool truncate);

    // Takes the WAL checkpoint out of COMMIT. SQLite's auto-checkpoint runs
    // inside the commit that crosses wal_autocheckpoint_pages, so everyone in
    // that commit waits for the copy; after this call a commit only records
    // the WAL's length, and checkpoint_due() tells the owner that it is time
    // to call checkpoint(false) itself, before or after answering that
    // commit's callers as suits it (the writer's rule: db/writer.cpp).
    void defer_checkpoints();
    bool checkpoint_due() const noexcept { return checkpoint_pages_ > 0 && wal_frames_ >= checkpoint_pages_; }

    sqlite3* native_handle() const noexcept { return db_; }

private:
    void apply_pragmas(const connection_options& options);

    struct string_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    sqlite3* db_ = nullptr;
    open_mode mode_;
    std::chrono::milliseconds busy_timeout_{0};
    int checkpoint_pages_ = 0;  // wal_autocheckpoint_pages; 0 turns checkpoints off
    int wal_frames_ = 0;        // after the last commit, once deferred
    std::string path_;
    // Declared after db_ so statements are finalized before the handle closes.
    std::unordered_map<std::string, std::unique_ptr<statement>, string_hash, std::equal_to<>> cache_;
};

}  // namespace plenary::db
