// `plenary import --db PATH FILE.json`: loads events, rooms, sessions,
// speakers and questions from an import document, all or nothing.
#pragma once

namespace plenary::cli {

// Exit status 0 on success; a file that does not validate prints one
// "path: message" line per problem on stderr and returns 2.
int import_command(int argc, const char* const* argv);

}  // namespace plenary::cli
