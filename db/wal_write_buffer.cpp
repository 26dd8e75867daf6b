// See wal_write_buffer.hpp. The WAL's and the database's file objects are
// ours, each with the real one (from the default VFS) after it; every other
// file (journals, temporary files) is the default VFS's own object, opened
// into the same memory, so SQLite calls it directly.
#include "db/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

namespace plenary::db {

namespace {

// SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks the
// length to 17 bits, as SQLite itself never writes more than a frame), so
// the buffer stays below that: a batch of 43 frames goes out in two writes.
constexpr int buffer_capacity = 120 * 1024;

struct wal_file;

// A database file opened through this VFS. Its methods forward to the real
// file, except that releasing the WAL's write lock first writes out what the
// same connection's WAL still holds (d_shm_lock).
struct db_file {
    sqlite3_file base;
    wal_file* wal;  // the same connection's WAL while it is open
};

struct wal_file {
    sqlite3_file base;
    db_file* db;                // nullptr when its database file was not found: unbuffered
    char* data;                 // buffer_capacity bytes once the first write comes
    int used;                   // bytes waiting in data
    sqlite3_int64 data_offset;  // where data[0] belongs in the file
};

constexpr std::size_t align_up(std::size_t n) {
    return (n + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
}
// Both kinds keep the real file object at the same place after their own.
constexpr std::size_t real_offset = align_up(sizeof(wal_file) > sizeof(db_file) ? sizeof(wal_file) : sizeof(db_file));

// Room for the default VFS's file object: the default may be another wrapper
// (tests install one that fails writes), so not only the unix VFS's size.
constexpr int inner_room = 1024;

// SQLite's lock number for the WAL's writer (wal.c, WAL_WRITE_LOCK).
constexpr int wal_write_lock = 0;

// The database files open through this VFS, by the name SQLite gave their
// xOpen; a WAL finds its connection's database file by that name
// (sqlite3_filename_database). Connections open and close on many threads.
// Never destroyed: a connection may close while static objects are going.
struct registry {
    std::mutex mutex;
    std::vector<std::pair<const char*, db_file*>> databases;
};
registry& open_databases() {
    static auto* const r = new registry;
    return *r;
}

sqlite3_file* real_of(sqlite3_file* f) {
    return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_offset);
}
wal_file* as_wal(sqlite3_file* f) {
    return reinterpret_cast<wal_file*>(f);
}
db_file* as_db(sqlite3_file* f) {
    return reinterpret_cast<db_file*>(f);
}
const sqlite3_io_methods* real_methods(sqlite3_file* f) {
    return real_of(f)->pMethods;
}
sqlite3_vfs* current_default() {
    return sqlite3_vfs_find(nullptr);
}

// ---- the WAL ----------------------------------------------------------------

int flush(sqlite3_file* f) {
    auto* w = as_wal(f);
    if (w->used == 0) return SQLITE_OK;
    const int n = w->used;
    w->used = 0;  // written or failed, these bytes are not written again
    return real_methods(f)->xWrite(real_of(f), w->data, n, w->data_offset);
}

int w_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    auto* w = as_wal(f);
    if (w->used > 0 && off == w->data_offset + w->used && n <= buffer_capacity - w->used) {
        std::memcpy(w->data + w->used, buf, static_cast<std::size_t>(n));
        w->used += n;
        return SQLITE_OK;
    }
    // Anywhere else, an overwrite included: what waits goes first, so the
    // file sees every write in SQLite's order.
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    if (w->db != nullptr && w->data == nullptr) w->data = static_cast<char*>(std::malloc(buffer_capacity));
    if (w->data == nullptr || n > buffer_capacity / 2) {  // the latter never for a frame
        return real_methods(f)->xWrite(real_of(f), buf, n, off);
    }
    std::memcpy(w->data, buf, static_cast<std::size_t>(n));
    w->used = n;
    w->data_offset = off;
    return SQLITE_OK;
}

int w_close(sqlite3_file* f) {
    auto* w = as_wal(f);
    const int flushed = flush(f);
    const int closed = real_methods(f)->xClose(real_of(f));
    {
        std::lock_guard lock(open_databases().mutex);
        if (w->db != nullptr) w->db->wal = nullptr;
    }
    std::free(w->data);
    w->data = nullptr;
    return flushed != SQLITE_OK ? flushed : closed;
}
int w_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f)->xRead(real_of(f), buf, n, off);
}
int w_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f)->xTruncate(real_of(f), size);
}
int w_sync(sqlite3_file* f, int flags) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f)->xSync(real_of(f), flags);
}
int w_file_size(sqlite3_file* f, sqlite3_int64* size) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f)->xFileSize(real_of(f), size);
}
int w_file_control(sqlite3_file* f, int op, void* arg) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return real_methods(f)->xFileControl(real_of(f), op, arg);
}

// ---- forwarded as they are (both kinds) ---------------------------------------

int f_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    return real_methods(f)->xRead(real_of(f), buf, n, off);
}
int f_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    return real_methods(f)->xWrite(real_of(f), buf, n, off);
}
int f_truncate(sqlite3_file* f, sqlite3_int64 size) {
    return real_methods(f)->xTruncate(real_of(f), size);
}
int f_sync(sqlite3_file* f, int flags) {
    return real_methods(f)->xSync(real_of(f), flags);
}
int f_file_size(sqlite3_file* f, sqlite3_int64* size) {
    return real_methods(f)->xFileSize(real_of(f), size);
}
int f_lock(sqlite3_file* f, int level) {
    return real_methods(f)->xLock(real_of(f), level);
}
int f_unlock(sqlite3_file* f, int level) {
    return real_methods(f)->xUnlock(real_of(f), level);
}
int f_check_reserved(sqlite3_file* f, int* out) {
    return real_methods(f)->xCheckReservedLock(real_of(f), out);
}
int f_file_control(sqlite3_file* f, int op, void* arg) {
    return real_methods(f)->xFileControl(real_of(f), op, arg);
}
int f_sector_size(sqlite3_file* f) {
    return real_methods(f)->xSectorSize(real_of(f));
}
int f_device_characteristics(sqlite3_file* f) {
    return real_methods(f)->xDeviceCharacteristics(real_of(f));
}
int f_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real_methods(f)->xShmMap(real_of(f), page, size, extend, out);
}
void f_shm_barrier(sqlite3_file* f) {
    real_methods(f)->xShmBarrier(real_of(f));
}
int f_shm_unmap(sqlite3_file* f, int remove) {
    return real_methods(f)->xShmUnmap(real_of(f), remove);
}
int f_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
    if (real_methods(f)->iVersion < 3) {
        *out = nullptr;  // "no mapping": SQLite reads instead
        return SQLITE_OK;
    }
    return real_methods(f)->xFetch(real_of(f), off, n, out);
}
int f_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
    if (real_methods(f)->iVersion < 3) return SQLITE_OK;
    return real_methods(f)->xUnfetch(real_of(f), off, p);
}

// ---- the database file ---------------------------------------------------------

// Every WAL write happens under the WAL's write lock, and whatever the WAL
// holds when its connection gives that lock up was never synced, so never
// committed: a rolled-back transaction's spilled pages. Written now, while
// the lock is still held, they land past the committed frames, where the
// next writer overwrites them. Kept any longer, they could be written over
// that next writer's committed frames (another connection, or another
// process such as `plenary token create`).
int d_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    auto* d = as_db(f);
    const bool releases_write_lock = offset <= wal_write_lock && offset + n > wal_write_lock &&
                                     (flags & SQLITE_SHM_UNLOCK) != 0 && (flags & SQLITE_SHM_EXCLUSIVE) != 0;
    if (releases_write_lock && d->wal != nullptr) {
        // A failure loses only those uncommitted pages; the lock must go.
        static_cast<void>(flush(&d->wal->base));
    }
    return real_methods(f)->xShmLock(real_of(f), offset, n, flags);
}

int d_close(sqlite3_file* f) {
    {
        auto& r = open_databases();
        std::lock_guard lock(r.mutex);
        std::erase_if(r.databases, [f](const auto& entry) { return entry.second == as_db(f); });
        if (as_db(f)->wal != nullptr) as_db(f)->wal->db = nullptr;
    }
    return real_methods(f)->xClose(real_of(f));
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
                                        f_lock,
                                        f_unlock,
                                        f_check_reserved,
                                        w_file_control,
                                        f_sector_size,
                                        f_device_characteristics,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr};

const sqlite3_io_methods db_methods = {3,
                                       d_close,
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
                                       d_shm_lock,
                                       f_shm_barrier,
                                       f_shm_unmap,
                                       f_fetch,
                                       f_unfetch};

void link_to_database(wal_file* w, const char* wal_name) {
    const char* db_name = wal_name != nullptr ? sqlite3_filename_database(wal_name) : nullptr;
    auto& r = open_databases();
    std::lock_guard lock(r.mutex);
    for (auto& [name, d] : r.databases) {
        if (name == db_name && d->wal == nullptr) {
            d->wal = w;
            w->db = d;
            return;
        }
    }
}

int v_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* real = current_default();
    file->pMethods = nullptr;  // SQLite calls no xClose on a file that failed to open
    const bool wal = (flags & SQLITE_OPEN_WAL) != 0;
    const bool main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr;
    if (!wal && !main_db) {
        if (real->szOsFile > vfs->szOsFile) return SQLITE_CANTOPEN;
        return real->xOpen(real, name, file, flags, out_flags);  // the default VFS's own object
    }
    if (real->szOsFile > vfs->szOsFile - static_cast<int>(real_offset)) return SQLITE_CANTOPEN;
    if (wal) {
        auto* w = as_wal(file);
        w->db = nullptr;
        w->data = nullptr;
        w->used = 0;
        w->data_offset = 0;
    } else {
        as_db(file)->wal = nullptr;
    }
    const int rc = real->xOpen(real, name, real_of(file), flags, out_flags);
    if (rc != SQLITE_OK || real_of(file)->pMethods == nullptr) return rc;
    if (wal) {
        file->pMethods = &wal_methods;
        link_to_database(as_wal(file), name);
    } else {
        file->pMethods = &db_methods;
        auto& r = open_databases();
        std::lock_guard lock(r.mutex);
        r.databases.emplace_back(name, as_db(file));
    }
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
