// Opening, configuring and using one SQLite connection.
#include "db/connection.hpp"

#include "db/sqlite_error.hpp"
#include "db/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <string>

namespace plenary::db {

connection::connection(const std::string& path, open_mode mode, connection_options options) : mode_(mode), path_(path) {
    int flags = SQLITE_OPEN_NOMUTEX;  // one thread at a time by design
    flags |= mode == open_mode::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // Only a read-write connection writes the WAL; see wal_write_buffer.hpp
    // for why it needs synchronous=FULL, set below.
    const char* vfs = mode == open_mode::read_write ? wal_write_buffer_vfs() : nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
    if (rc != SQLITE_OK) {
        // The handle exists even on failure (unless out of memory) and must be closed.
        std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw sqlite_error(rc, message, "open " + path);
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
        apply_pragmas(options);
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

connection::~connection() {
    cache_.clear();
    // close_v2 defers the close until any stray statement is finalized rather than failing.
    sqlite3_close_v2(db_);
}

void connection::apply_pragmas(const connection_options& options) {
    set_busy_timeout(options.busy_timeout);
    if (mode_ == open_mode::read_write) {
        // Switching to WAL needs write access; a read-only connection inherits
        // the mode recorded in the database file.
        std::string mode = query_text("PRAGMA journal_mode=WAL");
        if (mode != "wal") {
            throw sqlite_error(SQLITE_CANTOPEN, "journal_mode is " + mode + ", WAL required", "open " + path_);
        }
    }
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA wal_autocheckpoint=" + std::to_string(options.wal_autocheckpoint_pages));
    checkpoint_pages_ = static_cast<int>(options.wal_autocheckpoint_pages);
    exec("PRAGMA journal_size_limit=" + std::to_string(options.journal_size_limit));
    exec(std::string("PRAGMA cache_size=-").append(std::to_string(options.cache_size_kib)));
    // Every group-commit job runs in a SAVEPOINT, so SQLite keeps a
    // sub-journal of the pages each job first touches. In a file (the
    // default) that is a pwrite per page per job, 40% of a sale rush's time;
    // in memory it is a copy, freed at RELEASE.
    exec("PRAGMA temp_store=MEMORY");
    if (mode_ == open_mode::read_only) {
        exec("PRAGMA query_only=1");
    }
}

void connection::exec(std::string_view sql) {
    std::string text(sql);  // sqlite3_exec needs NUL termination
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        sqlite3_free(message);
        throw_sqlite_error(db_, rc, "exec");
    }
}

void connection::exec_prepared(std::string_view sql) {
    statement& stmt = prepare(sql);
    stmt.execute();
    // Reset at once so a finished BEGIN or SAVEPOINT holds nothing open.
    stmt.reset();
}

statement& connection::prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) {
        it->second->reset();
        it->second->clear_bindings();
        return *it->second;
    }
    auto stmt = std::make_unique<statement>(db_, sql);
    auto [it, inserted] = cache_.emplace(std::string(sql), std::move(stmt));
    return *it->second;
}

statement connection::prepare_uncached(std::string_view sql) {
    return statement(db_, sql);
}

void connection::reset_statements() noexcept {
    for (auto& entry : cache_) {
        entry.second->reset();
    }
}

std::int64_t connection::query_int64(std::string_view sql) {
    statement stmt(db_, sql);
    return stmt.step() ? stmt.column_int64(0) : 0;
}

std::string connection::query_text(std::string_view sql) {
    statement stmt(db_, sql);
    return stmt.step() ? stmt.column_text(0) : std::string();
}

std::int64_t connection::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_);
}

int connection::changes() const noexcept {
    return sqlite3_changes(db_);
}

bool connection::in_transaction() const noexcept {
    return sqlite3_get_autocommit(db_) == 0;
}

void connection::set_busy_timeout(std::chrono::milliseconds timeout) {
    int rc = sqlite3_busy_timeout(db_, static_cast<int>(timeout.count()));
    if (rc != SQLITE_OK) {
        throw_sqlite_error(db_, rc, "busy_timeout");
    }
    busy_timeout_ = timeout;
}

checkpoint_result connection::checkpoint(bool truncate) {
    checkpoint_result result;
    int mode = truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, mode, &result.wal_pages, &result.checkpointed_pages);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        result.busy = true;
        return result;
    }
    if (rc != SQLITE_OK) {
        throw_sqlite_error(db_, rc, "wal_checkpoint");
    }
    return result;
}

void connection::defer_checkpoints() {
    // Registering a WAL hook replaces the one auto-checkpoint installs.
    sqlite3_wal_hook(
        db_,
        [](void* self, sqlite3*, const char*, int frames) {
            static_cast<connection*>(self)->wal_frames_ = frames;
            return SQLITE_OK;
        },
        this);
}

}  // namespace plenary::db
