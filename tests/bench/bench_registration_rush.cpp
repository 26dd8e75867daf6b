// Sale-rush benchmark at the store: N registrations, K in flight at once, into
// an event with C places, each through the registration rules (tally check,
// waiting list, ticket code, manage token, audit row, outbox message) inside
// the group-committed writer. Checks that exactly C are confirmed and N - C
// wait, and compares the rate with plain group-committed INSERTs of one row
// each, measured in the same run (the baseline), since absolute numbers on a
// shared machine drift.
//
//   bench_registration_rush [--dir DIR] [--registrations N] [--capacity C]
//                           [--outstanding K] [--runs R]
//
// Prints a Markdown table.
#include "bench_support.hpp"
#include "common/clock.hpp"
#include "common/email.hpp"
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/sqlite_library.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;
using namespace plenary;
using bench::clock_type;

struct options {
    fs::path dir;
    bool own_dir = false;
    int registrations = 50'000;
    int capacity = 40'000;
    int outstanding = 1'000;
    int runs = 3;
};

struct result {
    double per_second = 0;
    double p99_ms = 0;
    double seconds = 0;
};

db::event_record make_event(db::connection& conn, int capacity) {
    db::event_record e;
    e.slug = "rush";
    e.title = {"Sale rush", "抢票"};
    e.timezone = "Asia/Shanghai";
    e.starts_at = "2030-12-07T01:00:00Z";
    e.ends_at = "2030-12-07T09:00:00Z";
    e.capacity = capacity;
    e.status = "published";
    db::insert_event(conn, e);
    return db::find_event_by_slug(conn, "rush").value();
}

template <class MakeJob>
result drive(db::store& store, int total, int outstanding, MakeJob make_job) {
    boost::asio::io_context io;
    bench::write_driver driver(store, io, total, std::move(make_job));
    const auto start = clock_type::now();
    driver.start(outstanding);
    io.run();
    const auto seconds = bench::seconds_since(start);
    if (driver.failures() != 0) throw std::runtime_error(std::to_string(driver.failures()) + " writes failed");
    return {total / seconds, bench::quantile(driver.latencies_ms(), 0.99), seconds};
}

result run_baseline(const options& o, int run) {
    const auto file = o.dir / ("baseline-" + std::to_string(run) + ".db");
    bench::remove_database(file);
    result r;
    {
        db::store store({.path = file.string()});
        store.write_sync([](db::connection& c) { c.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); });
        r = drive(store, o.registrations, o.outstanding, [](int) {
            return [](db::connection& c) { c.prepare("INSERT INTO t(v) VALUES(?1)").bind_all("row").execute(); };
        });
        store.stop();
    }
    bench::remove_database(file);
    return r;
}

result run_rush(const options& o, int run) {
    const auto file = o.dir / ("rush-" + std::to_string(run) + ".db");
    bench::remove_database(file);
    result r;
    {
        db::store store({.path = file.string()});
        const auto event = store.write_sync([&](db::connection& c) { return make_event(c, o.capacity); });
        r = drive(store, o.registrations, o.outstanding, [&event](int i) {
            return [&event, i](db::connection& c) {
                server::registrations::new_registration n;
                n.record.name = std::string("Attendee ").append(std::to_string(i));
                n.record.email = std::string("person").append(std::to_string(i)).append("@example.org");
                n.record.email_key = email_key(n.record.email);
                n.record.country = "CN";
                server::registrations::register_attendee(c, event, std::move(n), std::nullopt);
            };
        });
        const auto [confirmed, waiting] = store.read_sync([](db::connection& c) {
            return std::pair(c.query_int64("SELECT count(*) FROM registrations WHERE status = 'confirmed'"),
                             c.query_int64("SELECT count(*) FROM registrations WHERE status = 'waitlisted'"));
        });
        const auto expected = std::min(o.capacity, o.registrations);
        if (confirmed != expected || waiting != o.registrations - expected) {
            throw std::runtime_error("oversold or lost: " + std::to_string(confirmed) + " confirmed, " +
                                     std::to_string(waiting) + " waiting");
        }
        store.stop();
    }
    bench::remove_database(file);
    return r;
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
        const std::string value = argv[++i];
        if (arg == "--dir") {
            o.dir = value;
        } else if (arg == "--registrations") {
            o.registrations = std::stoi(value);
        } else if (arg == "--capacity") {
            o.capacity = std::stoi(value);
        } else if (arg == "--outstanding") {
            o.outstanding = std::stoi(value);
        } else if (arg == "--runs") {
            o.runs = std::stoi(value);
        } else {
            throw std::invalid_argument("unknown argument " + std::string(arg));
        }
    }
    if (o.registrations <= 0 || o.capacity < 0 || o.outstanding <= 0 || o.runs <= 0) {
        throw std::invalid_argument("counts must be positive");
    }
    if (o.dir.empty()) {
        o.dir = fs::temp_directory_path() / ("plenary-bench-" + std::to_string(std::random_device{}()));
        o.own_dir = true;
    }
    fs::create_directories(o.dir);
    return o;
}

void print(const options& o, const std::vector<result>& base, const std::vector<result>& rush) {
    auto med = [](const std::vector<result>& v, double result::*field) {
        std::vector<double> x;
        for (const auto& r : v) x.push_back(r.*field);
        return bench::median(x);
    };
    const double b = med(base, &result::per_second);
    const double r = med(rush, &result::per_second);
    std::printf(
        "Registration rush: %d registrations, %d places, %d in flight, %d runs; every run ended with exactly "
        "%d confirmed and %d waitlisted.\n\n",
        o.registrations, o.capacity, o.outstanding, o.runs, std::min(o.capacity, o.registrations),
        o.registrations - std::min(o.capacity, o.registrations));
    std::printf("| method | median writes/s | median seconds for all | median p99 latency ms | ratio vs (a) |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    std::printf("| (a) one-row INSERT per job, group-committed | %.0f | %.2f | %.1f | 1.00 |\n", b,
                med(base, &result::seconds), med(base, &result::p99_ms));
    std::printf("| (b) registration with every rule, group-committed | %.0f | %.2f | %.1f | %.2f |\n", r,
                med(rush, &result::seconds), med(rush, &result::p99_ms), b > 0 ? r / b : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    plenary::db::configure_sqlite_library();  // as the server does
    try {
        const auto o = parse(argc, argv);
        std::vector<result> base;
        std::vector<result> rush;
        for (int run = 0; run < o.runs; ++run) {
            base.push_back(run_baseline(o, run));
            rush.push_back(run_rush(o, run));
        }
        print(o, base, rush);
        if (o.own_dir) fs::remove_all(o.dir);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_registration_rush: %s\n", e.what());
        return 1;
    }
}
