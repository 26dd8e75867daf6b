// Offline subcommands that work on the database file directly: user, token,
// backup. They use db::store like the server does, so migrations and locking
// rules are the same.
#pragma once

namespace plenary::cli {

int user_command(int argc, const char* const* argv);
int token_command(int argc, const char* const* argv);
int backup_command(int argc, const char* const* argv);

}  // namespace plenary::cli
