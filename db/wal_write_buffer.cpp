// See wal_write_buffer.hpp. The WAL's file object is ours, with the real one
// (from the default VFS) after it; every other file is the default VFS's own
// object, opened into the same memory, so SQLite calls it directly.
#include "db/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace plenary::db {

namespace {

// SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks the
// length to 17 bits, as SQLite itself never writes more than a frame), so
// the buffer stays below that: a batch of 43 frames goes out in two writes.
constexpr int buffer_capacity = 120 * 1024;

struct wal_file {
    sqlite3_file base;
    char* data;                 // buffer_capacity bytes once the first write comes
    int used;                   // bytes waiting in data
    sqlite3_int64 data_offset;  // where data[0] belongs in the file
};

constexpr std::size_t real_offset =
    (sizeof(wal_file) + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);

// Room for the default VFS's file object: the default may be another wrapper
// (tests install one that fails writes), so not only the unix VFS's size.
constexpr int inner_room = 1024;

sqlite3_file* real_of(sqlite3_file* f) {
    return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_offset);
}
wal_file* ours(sqlite3_file* f) {
    return reinterpret_cast<wal_file*>(f);
}
sqlite3_vfs* current_default() {
    return sqlite3_vfs_find(nullptr);
}

int flush(sqlite3_file* f) {
    auto* w = ours(f);
    if (w->used == 0) return SQLITE_OK;
    const int n = w->used;
    w->used = 0;  // written or failed, these bytes are not written again
    return real_of(f)->pMethods->xWrite(real_of(f), w->data, n, w->data_offset);
}

int w_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    auto* w = ours(f);
    if (w->used > 0 && off == w->data_offset + w->used && n <= buffer_capacity - w->used) {
        std::memcpy(w->data + w->used, buf, static_cast<std::size_t>(n));
        w->used += n;
        return SQLITE_OK;
    }
    // Anywhere else, an overwrite included: what waits goes first, so the
    // file sees every write in SQLite's order.
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    if (w->data == nullptr) w->data = static_cast<char*>(std::malloc(buffer_capacity));
    if (w->data == nullptr || n > buffer_capacity / 2) {  // never for a frame
        return real_of(f)->pMethods->xWrite(real_of(f), buf, n, off);
    }
    std::memcpy(w->data, buf, static_cast<std::size_t>(n));
    w->used = n;
    w->data_offset = off;
    return SQLITE_OK;
}

int w_close(sqlite3_file* f) {
    const int flushed = flush(f);
    const int closed = real_of(f)->pMethods->xClose(real_of(f));
    std::free(ours(f)->data);
    ours(f)->data = nullptr;
    return flushed != SQLITE_OK ? flushed : closed;
}
int w_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}
int w_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int w_sync(sqlite3_file* f, int flags) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int w_file_size(sqlite3_file* f, sqlite3_int64* size) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int w_lock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xLock(real_of(f), level);
}
int w_unlock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int w_check_reserved(sqlite3_file* f, int* out) {
    return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int w_file_control(sqlite3_file* f, int op, void* arg) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int w_sector_size(sqlite3_file* f) {
    return real_of(f)->pMethods->xSectorSize(real_of(f));
}
int w_device_characteristics(sqlite3_file* f) {
    return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
// Version 1: SQLite maps shared memory and pages through the database file,
// never through the WAL, so the later methods are never asked for here.
const sqlite3_io_methods wal_methods = {1,
                                        w_close,
                                        w_read,
                                        w_write,
                                        w_truncate,
                                        w_sync,
                                        w_file_size,
                                        w_lock,
                                        w_unlock,
                                        w_check_reserved,
                                        w_file_control,
                                        w_sector_size,
                                        w_device_characteristics,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr};

int v_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* real = current_default();
    file->pMethods = nullptr;  // SQLite calls no xClose on a file that failed to open
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        if (real->szOsFile > vfs->szOsFile) return SQLITE_CANTOPEN;
        return real->xOpen(real, name, file, flags, out_flags);
    }
    if (real->szOsFile > vfs->szOsFile - static_cast<int>(real_offset)) {
        return SQLITE_CANTOPEN;
    }
    auto* w = ours(file);
    w->data = nullptr;
    w->used = 0;
    w->data_offset = 0;
    const int rc = real->xOpen(real, name, real_of(file), flags, out_flags);
    if (rc == SQLITE_OK && real_of(file)->pMethods != nullptr) file->pMethods = &wal_methods;
    return rc;
}

int v_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    return current_default()->xDelete(current_default(), name, sync_dir);
}
int v_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return current_default()->xAccess(current_default(), name, flags, out);
}
int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return current_default()->xFullPathname(current_default(), name, n, out);
}
void* v_dl_open(sqlite3_vfs*, const char* name) {
    return current_default()->xDlOpen(current_default(), name);
}
void v_dl_error(sqlite3_vfs*, int n, char* out) {
    current_default()->xDlError(current_default(), n, out);
}
void (*v_dl_sym(sqlite3_vfs*, void* lib, const char* sym))(void) {
    return current_default()->xDlSym(current_default(), lib, sym);
}
void v_dl_close(sqlite3_vfs*, void* lib) {
    current_default()->xDlClose(current_default(), lib);
}
int v_randomness(sqlite3_vfs*, int n, char* out) {
    return current_default()->xRandomness(current_default(), n, out);
}
int v_sleep(sqlite3_vfs*, int micros) {
    return current_default()->xSleep(current_default(), micros);
}
int v_current_time(sqlite3_vfs*, double* out) {
    return current_default()->xCurrentTime(current_default(), out);
}
int v_last_error(sqlite3_vfs*, int n, char* out) {
    return current_default()->xGetLastError(current_default(), n, out);
}
int v_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return current_default()->xCurrentTimeInt64(current_default(), out);
}

sqlite3_vfs make_vfs() {
    sqlite3_vfs v{};
    v.iVersion = 2;
    v.szOsFile = static_cast<int>(real_offset) + inner_room;
    v.mxPathname = current_default()->mxPathname;
    v.zName = "plenary-wal-buffer";
    v.xOpen = v_open;
    v.xDelete = v_delete;
    v.xAccess = v_access;
    v.xFullPathname = v_full_pathname;
    v.xDlOpen = v_dl_open;
    v.xDlError = v_dl_error;
    v.xDlSym = v_dl_sym;
    v.xDlClose = v_dl_close;
    v.xRandomness = v_randomness;
    v.xSleep = v_sleep;
    v.xCurrentTime = v_current_time;
    v.xGetLastError = v_last_error;
    v.xCurrentTimeInt64 = v_current_time_int64;
    return v;
}

}  // namespace

const char* wal_write_buffer_vfs() {
    static sqlite3_vfs vfs;
    static const char* name = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        if (sqlite3_initialize() != SQLITE_OK || current_default() == nullptr) return;
        vfs = make_vfs();
        if (sqlite3_vfs_register(&vfs, 0) == SQLITE_OK) name = vfs.zName;
    });
    return name;
}

}  // namespace plenary::db
