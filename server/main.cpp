// plenary: the event server binary. Dispatches subcommands; every error that
// is the caller's fault exits 2 with one line on stderr.
#include "common/problem.hpp"
#include "db/sqlite_library.hpp"
#include "server/allocator.hpp"
#include "server/cli/admin_commands.hpp"
#include "server/cli/command_line.hpp"
#include "server/cli/import_command.hpp"
#include "server/cli/serve_command.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

namespace {

constexpr std::string_view usage =
    "usage: plenary <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve          serve HTTPS and WebSocket (see plenary serve --help)\n"
    "  user add       create an admin or organizer account\n"
    "  token create   print a new API bearer token for a user\n"
    "  import         load events, rooms, sessions and speakers from a JSON file\n"
    "  backup         write a consistent copy of a live database\n"
    "\n"
    "Every command answers --help.\n";

int dispatch(int argc, const char* const* argv) {
    using namespace plenary::cli;
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        std::cout << usage;
        return argc < 2 ? 2 : 0;
    }
    const std::string_view command = argv[1];
    if (command == "--version") {
        std::cout << "plenary 0.1.0\n";
        return 0;
    }
    // Subcommands see argv from their own name on, like a program of their own.
    if (command == "serve") return serve_command(argc - 1, argv + 1);
    if (command == "user") return user_command(argc - 1, argv + 1);
    if (command == "token") return token_command(argc - 1, argv + 1);
    if (command == "backup") return backup_command(argc - 1, argv + 1);
    if (command == "import") return import_command(argc - 1, argv + 1);
    throw usage_error("unknown command '" + std::string(command) + "' (try plenary --help)");
}

}  // namespace

int main(int argc, char** argv) {
    // Before any command opens the database; it can only fail once SQLite is in
    // use, and then the statistics merely stay on.
    plenary::db::configure_sqlite_library();
    if (!plenary::server::configure_allocator()) {
        std::cerr << "plenary: warning: tcmalloc refused aggressive_memory_decommit; freed memory stays resident\n";
    }
    try {
        return dispatch(argc, argv);
    } catch (const plenary::cli::usage_error& e) {
        std::cerr << "plenary: " << e.what() << '\n';
        return 2;
    } catch (const plenary::problem& e) {
        std::cerr << "plenary: " << e.detail() << '\n';
        return e.code() == plenary::errc::validation || e.code() == plenary::errc::conflict ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "plenary: " << e.what() << '\n';
        return 1;
    }
}
