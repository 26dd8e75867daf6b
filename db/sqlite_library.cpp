// See sqlite_library.hpp.
#include "db/sqlite_library.hpp"

#include <sqlite3.h>

namespace plenary::db {

bool configure_sqlite_library() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

bool sqlite_memory_statistics_on() noexcept {
    // With statistics off, the high-water mark of a fresh allocation stays 0.
    void* probe = sqlite3_malloc(64);
    sqlite3_free(probe);
    return sqlite3_memory_highwater(0) > 0;
}

}  // namespace plenary::db
