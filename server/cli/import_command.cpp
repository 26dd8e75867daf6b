// `plenary import`. The whole document is validated before anything is
// written, and written in one store job, so a failed import leaves the
// database as it was.
#include "server/cli/import_command.hpp"

#include "common/json_body.hpp"
#include "common/problem.hpp"
#include "db/store.hpp"
#include "server/cli/command_line.hpp"
#include "server/events/event_import.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

namespace po = boost::program_options;

namespace plenary::cli {

namespace {

constexpr std::size_t max_file_bytes = 16 * 1024 * 1024;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error("cannot read " + path);
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_file_bytes) throw usage_error(path + " is larger than 16 MiB");
    }
    return text;
}

int report(const problem& p) {
    std::cerr << "plenary import: " << p.detail() << '\n';
    for (const auto& e : p.errors())
        std::cerr << "  " << (e.field.empty() ? "(document)" : e.field) << ": " << e.message << '\n';
    return 2;
}

}  // namespace

int import_command(int argc, const char* const* argv) {
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")(
        "db", po::value<std::string>(), "database file (created if missing)")("file", po::value<std::string>(),
                                                                              "import document (JSON)");
    po::positional_options_description positional;
    positional.add("file", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    if (vm.count("help")) {
        print_help("import",
                   "Imports events with their rooms, sessions, speakers and questions from FILE.json.\n"
                   "usage: plenary import --db PATH FILE.json",
                   desc);
        return 0;
    }
    if (!vm.count("db")) throw usage_error("--db is required");
    if (!vm.count("file")) throw usage_error("FILE.json is required");

    const auto path = vm["file"].as<std::string>();
    const auto text = read_file(path);
    try {
        auto events = server::events::parse_import(parse_json(text, {.max_depth = 32, .max_bytes = max_file_bytes}));
        db::store store({.path = vm["db"].as<std::string>(), .readers = 1});
        const auto counts = store.write_sync(
            [&events](db::connection& conn) { return server::events::write_import(conn, std::move(events)); });
        std::cout << "imported " << counts.events << " event(s), " << counts.rooms << " room(s), " << counts.sessions
                  << " session(s)\n";
        return 0;
    } catch (const problem& p) {
        if (p.code() == errc::validation || p.code() == errc::bad_request || p.code() == errc::conflict ||
            p.code() == errc::payload_too_large) {
            return report(p);
        }
        throw;
    }
}

}  // namespace plenary::cli
