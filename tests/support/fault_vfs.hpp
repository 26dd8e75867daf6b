// A SQLite VFS for tests that fails writes or syncs on demand, the way a
// full or dying disk does. It wraps the default VFS and, while it lives, is
// the default itself, so a store opened after it uses it without knowing.
// Only files SQLite keeps state in (database, WAL, journals) are affected.
// It also counts the writes that reach WAL files.
#pragma once

#include <atomic>
#include <cstdint>

struct sqlite3_vfs;

namespace plenary::testing {

class fault_vfs {
public:
    fault_vfs();
    ~fault_vfs();  // restores the previous default VFS
    fault_vfs(const fault_vfs&) = delete;
    fault_vfs& operator=(const fault_vfs&) = delete;

    // While set, xWrite (and xTruncate) answer SQLITE_IOERR_WRITE.
    void fail_writes(bool on) { fail_writes_ = on; }
    // While set, xSync answers SQLITE_IOERR_FSYNC.
    void fail_syncs(bool on) { fail_syncs_ = on; }
    // How many calls were failed so far (a test that injected nothing proved nothing).
    std::uint64_t injected() const { return injected_; }
    // How many xWrite calls reached a WAL file through this VFS.
    std::uint64_t wal_writes() const { return wal_writes_; }
    void count_wal_write() { ++wal_writes_; }

    // For the C callbacks.
    bool should_fail_write() { return count_if(fail_writes_); }
    bool should_fail_sync() { return count_if(fail_syncs_); }
    sqlite3_vfs* real() const { return real_; }

private:
    bool count_if(const std::atomic<bool>& flag) {
        if (!flag) return false;
        ++injected_;
        return true;
    }

    sqlite3_vfs* real_ = nullptr;
    sqlite3_vfs* self_ = nullptr;
    std::atomic<bool> fail_writes_{false};
    std::atomic<bool> fail_syncs_{false};
    std::atomic<std::uint64_t> injected_{0};
    std::atomic<std::uint64_t> wal_writes_{0};
};

}  // namespace plenary::testing
