// `plenary serve`: assembles store, router, static files and server from
// flags, PLENARY_* variables and an optional config file, then runs until
// SIGINT/SIGTERM.
#pragma once

namespace plenary::cli {

int serve_command(int argc, const char* const* argv);

}  // namespace plenary::cli
