// Online backup of a live database through SQLite's backup API.
#pragma once

#include "db/connection.hpp"

#include <string>

namespace plenary::db {

// Copies the database at `source` to `destination` as one consistent snapshot
// (a read transaction is held for the whole copy, so concurrent commits
// neither restart nor tear it). Writes `destination`.tmp-* first, syncs, then
// renames, so `destination` is either the old file or a complete new one.
// Throws problem(unavailable) on failure.
void online_backup(const std::string& source, const std::string& destination, const connection_options& options);

}  // namespace plenary::db
