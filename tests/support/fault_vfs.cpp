// See fault_vfs.hpp. Every call is forwarded to the real (default) VFS and
// its file object; only xWrite, xTruncate and xSync may be failed instead.
#include "tests/support/fault_vfs.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <stdexcept>

namespace plenary::testing {

namespace {

struct fault_file {
    sqlite3_file base;
    fault_vfs* owner;
    bool affected;  // database, WAL or journal: where a lost write loses data
    bool wal;
};

// The real file object follows ours, aligned for anything.
constexpr std::size_t real_offset =
    (sizeof(fault_file) + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);

sqlite3_file* real_of(sqlite3_file* f) {
    return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_offset);
}
fault_file* ours(sqlite3_file* f) {
    return reinterpret_cast<fault_file*>(f);
}
fault_vfs* owner_of(sqlite3_vfs* vfs) {
    return static_cast<fault_vfs*>(vfs->pAppData);
}

int f_close(sqlite3_file* f) {
    return real_of(f)->pMethods->xClose(real_of(f));
}
int f_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}
int f_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (ours(f)->wal) ours(f)->owner->count_wal_write();
    if (ours(f)->affected && ours(f)->owner->should_fail_write()) return SQLITE_IOERR_WRITE;
    return real_of(f)->pMethods->xWrite(real_of(f), buf, n, off);
}
int f_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (ours(f)->affected && ours(f)->owner->should_fail_write()) return SQLITE_IOERR_TRUNCATE;
    return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int f_sync(sqlite3_file* f, int flags) {
    if (ours(f)->affected && ours(f)->owner->should_fail_sync()) return SQLITE_IOERR_FSYNC;
    return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int f_file_size(sqlite3_file* f, sqlite3_int64* size) {
    return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int f_lock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xLock(real_of(f), level);
}
int f_unlock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int f_check_reserved(sqlite3_file* f, int* out) {
    return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int f_file_control(sqlite3_file* f, int op, void* arg) {
    return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int f_sector_size(sqlite3_file* f) {
    return real_of(f)->pMethods->xSectorSize(real_of(f));
}
int f_device_characteristics(sqlite3_file* f) {
    return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int f_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int f_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void f_shm_barrier(sqlite3_file* f) {
    real_of(f)->pMethods->xShmBarrier(real_of(f));
}
int f_shm_unmap(sqlite3_file* f, int remove) {
    return real_of(f)->pMethods->xShmUnmap(real_of(f), remove);
}
int f_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
    return real_of(f)->pMethods->xFetch(real_of(f), off, n, out);
}
int f_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
    return real_of(f)->pMethods->xUnfetch(real_of(f), off, p);
}

const sqlite3_io_methods file_methods = {3,
                                         f_close,
                                         f_read,
                                         f_write,
                                         f_truncate,
                                         f_sync,
                                         f_file_size,
                                         f_lock,
                                         f_unlock,
                                         f_check_reserved,
                                         f_file_control,
                                         f_sector_size,
                                         f_device_characteristics,
                                         f_shm_map,
                                         f_shm_lock,
                                         f_shm_barrier,
                                         f_shm_unmap,
                                         f_fetch,
                                         f_unfetch};

int v_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* f = ours(file);
    f->base.pMethods = nullptr;  // SQLite calls no xClose on a file that failed to open
    f->owner = owner_of(vfs);
    f->affected = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    f->wal = (flags & SQLITE_OPEN_WAL) != 0;
    auto* real = f->owner->real();
    const int rc = real->xOpen(real, name, real_of(file), flags, out_flags);
    if (rc == SQLITE_OK && real_of(file)->pMethods) f->base.pMethods = &file_methods;
    return rc;
}

sqlite3_vfs* real_vfs(sqlite3_vfs* vfs) {
    return owner_of(vfs)->real();
}
int v_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return real_vfs(vfs)->xDelete(real_vfs(vfs), name, sync_dir);
}
int v_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return real_vfs(vfs)->xAccess(real_vfs(vfs), name, flags, out);
}
int v_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    return real_vfs(vfs)->xFullPathname(real_vfs(vfs), name, n, out);
}
void* v_dl_open(sqlite3_vfs* vfs, const char* name) {
    return real_vfs(vfs)->xDlOpen(real_vfs(vfs), name);
}
void v_dl_error(sqlite3_vfs* vfs, int n, char* out) {
    real_vfs(vfs)->xDlError(real_vfs(vfs), n, out);
}
void (*v_dl_sym(sqlite3_vfs* vfs, void* lib, const char* sym))(void) {
    return real_vfs(vfs)->xDlSym(real_vfs(vfs), lib, sym);
}
void v_dl_close(sqlite3_vfs* vfs, void* lib) {
    real_vfs(vfs)->xDlClose(real_vfs(vfs), lib);
}
int v_randomness(sqlite3_vfs* vfs, int n, char* out) {
    return real_vfs(vfs)->xRandomness(real_vfs(vfs), n, out);
}
int v_sleep(sqlite3_vfs* vfs, int micros) {
    return real_vfs(vfs)->xSleep(real_vfs(vfs), micros);
}
int v_current_time(sqlite3_vfs* vfs, double* out) {
    return real_vfs(vfs)->xCurrentTime(real_vfs(vfs), out);
}
int v_last_error(sqlite3_vfs* vfs, int n, char* out) {
    return real_vfs(vfs)->xGetLastError(real_vfs(vfs), n, out);
}
int v_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return real_vfs(vfs)->xCurrentTimeInt64(real_vfs(vfs), out);
}

}  // namespace

fault_vfs::fault_vfs() {
    sqlite3_initialize();
    real_ = sqlite3_vfs_find(nullptr);
    if (!real_ || real_->iVersion < 2) throw std::runtime_error("fault_vfs: no default SQLite VFS to wrap");
    self_ = new sqlite3_vfs{};
    self_->iVersion = 2;
    self_->szOsFile = static_cast<int>(real_offset) + real_->szOsFile;
    self_->mxPathname = real_->mxPathname;
    self_->zName = "plenary-fault";
    self_->pAppData = this;
    self_->xOpen = v_open;
    self_->xDelete = v_delete;
    self_->xAccess = v_access;
    self_->xFullPathname = v_full_pathname;
    self_->xDlOpen = v_dl_open;
    self_->xDlError = v_dl_error;
    self_->xDlSym = v_dl_sym;
    self_->xDlClose = v_dl_close;
    self_->xRandomness = v_randomness;
    self_->xSleep = v_sleep;
    self_->xCurrentTime = v_current_time;
    self_->xGetLastError = v_last_error;
    self_->xCurrentTimeInt64 = v_current_time_int64;
    if (sqlite3_vfs_register(self_, 1) != SQLITE_OK) {
        delete self_;
        throw std::runtime_error("fault_vfs: sqlite3_vfs_register failed");
    }
}

fault_vfs::~fault_vfs() {
    sqlite3_vfs_unregister(self_);
    sqlite3_vfs_register(real_, 1);
    delete self_;
}

}  // namespace plenary::testing
