// Online backup (see backup.hpp).
#include "db/backup.hpp"

#include "common/problem.hpp"
#include "db/sqlite_error.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <system_error>
#include <thread>

namespace plenary::db {

namespace {

namespace fs = std::filesystem;

constexpr int pages_per_step = 256;
constexpr auto busy_pause = std::chrono::milliseconds(10);

struct sqlite_closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using db_handle = std::unique_ptr<sqlite3, sqlite_closer>;

std::string temp_name_for(const std::string& destination) {
    std::random_device rd;
    return destination + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
}

// A rename is durable only once the directory entry is on disk too.
void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw std::system_error(errno, std::generic_category(), "open directory for fsync");
    }
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) {
        throw std::system_error(err, std::generic_category(), "fsync directory");
    }
}

db_handle open_destination(const std::string& path) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_handle db(raw);
    if (rc != SQLITE_OK) {
        throw_sqlite_error(db.get(), rc, "open backup destination");
    }
    sqlite3_extended_result_codes(db.get(), 1);
    rc = sqlite3_exec(db.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        throw_sqlite_error(db.get(), rc, "backup destination pragma");
    }
    return db;
}

void copy_pages(connection& source, sqlite3* dest, std::chrono::milliseconds busy_limit) {
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", source.native_handle(), "main");
    if (b == nullptr) {
        throw_sqlite_error(dest, sqlite3_extended_errcode(dest), "backup init");
    }
    auto busy_since = std::chrono::steady_clock::now();
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(b, pages_per_step);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc == SQLITE_OK) {
            busy_since = std::chrono::steady_clock::now();
            continue;
        }
        bool busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
        if (!busy || std::chrono::steady_clock::now() - busy_since > busy_limit) {
            break;
        }
        std::this_thread::sleep_for(busy_pause);
    }
    int finish_rc = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        throw_sqlite_error(nullptr, rc, "backup step");
    }
    if (finish_rc != SQLITE_OK) {
        throw_sqlite_error(dest, finish_rc, "backup finish");
    }
}

void backup_into(const std::string& source_path, const std::string& temp, const connection_options& options) {
    connection source(source_path, open_mode::read_only, options);
    // Pin one snapshot for the whole copy; without it every commit by the
    // writer would restart the backup from page 1.
    source.exec("BEGIN");
    source.query_int64("SELECT count(*) FROM sqlite_schema");
    db_handle dest = open_destination(temp);
    copy_pages(source, dest.get(), options.busy_timeout);
    int rc = sqlite3_close(dest.get());
    if (rc != SQLITE_OK) {
        throw_sqlite_error(dest.get(), rc, "close backup destination");
    }
    (void)dest.release();
    source.exec("COMMIT");
}

}  // namespace

void online_backup(const std::string& source, const std::string& destination, const connection_options& options) {
    std::error_code ec;
    if (fs::exists(destination, ec) && fs::equivalent(source, destination, ec)) {
        throw problem(errc::bad_request, "backup destination is the database itself");
    }
    const std::string temp = temp_name_for(destination);
    try {
        backup_into(source, temp, options);
        fs::rename(temp, destination);
        sync_directory(fs::path(destination).parent_path());
    } catch (const std::exception& e) {
        fs::remove(temp, ec);
        fs::remove(temp + "-journal", ec);
        throw problem(errc::unavailable, std::string("backup failed: ") + e.what());
    }
}

}  // namespace plenary::db
