// See sqlite_library.hpp.
#include "db/sqlite_library.hpp"

#include <sqlite3.h>

namespace plenary::db {

bool configure_sqlite_library() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

}  // namespace plenary::db
