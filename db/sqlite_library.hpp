// Process-wide SQLite settings, applied once before the first connection
// opens (SQLite refuses them afterwards).
#pragma once

namespace plenary::db {

// Turns off SQLite's memory statistics: with them on, every sqlite3_malloc
// and sqlite3_free takes one process-wide mutex, shared by the writer and
// every reader; that was 4.5 % of the writer's samples in a registration
// benchmark. plenary reads none of those statistics. Returns false when
// SQLite was already in use, which leaves the statistics on (harmless).
bool configure_sqlite_library() noexcept;

}  // namespace plenary::db
