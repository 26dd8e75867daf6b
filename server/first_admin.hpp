// The first administrator. A fresh installation has no users and no way to
// sign in, so on first start the server creates admin@localhost with a random
// password and writes the credentials once to a file only the server's user
// can read, beside the database.
#pragma once

#include <filesystem>
#include <optional>

namespace plenary::db {
class store;
}

namespace plenary::server {

inline constexpr const char* first_admin_email = "admin@localhost";
inline constexpr const char* first_admin_file_name = "initial-admin-password";

// When the store has no users: creates the admin, writes "email\npassword\n"
// to <db dir>/initial-admin-password (created exclusively, mode 0600; if that
// name is taken, initial-admin-password.1, .2, ...) and returns the path.
// Otherwise nullopt. Throws std::runtime_error when no file can be created,
// creating no user then.
// Blocking (scrypt): call before serving, not on an I/O thread.
std::optional<std::filesystem::path> ensure_first_admin(db::store& store, const std::filesystem::path& db_path);

}  // namespace plenary::server
