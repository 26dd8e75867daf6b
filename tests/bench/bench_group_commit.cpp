// Group commit benchmark: rows/s of (a) one INSERT per transaction through a
// bare connection (synchronous=FULL, so one fsync per row) and (c) the same
// connection committing fixed batches of rows (SQLite's own limit for this
// disk), against (b) the same INSERTs through db::store::async_write with many
// writes outstanding, where one COMMIT (one fsync) covers a whole batch. Same
// disk, same run.
//
//   bench_group_commit [--dir DIR] [--rows N] [--runs R] [--outstanding K]
//                      [--baseline-seconds S] [--batch B]
//
// Prints a Markdown table. The baseline stops early after S seconds per run
// (default 5) so slow disks still finish in about a minute; its rate is
// computed from the rows it managed.
#include "bench_support.hpp"
#include "db/connection.hpp"
#include "db/sqlite_library.hpp"
#include "db/store.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using plenary::bench::clock_type;
using plenary::bench::median;
using plenary::bench::remove_database;
using plenary::bench::seconds_since;

struct bench_options {
    fs::path dir;
    bool own_dir = false;
    int rows = 2000;
    int runs = 5;
    int outstanding = 64;
    double baseline_seconds = 5.0;
    int batch = 100;
};

struct run_result {
    double rows_per_second = 0;
    double median_batch = 1;
};

constexpr std::string_view create_sql = "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
constexpr std::string_view insert_sql = "INSERT INTO t(v) VALUES(?)";

run_result run_baseline(const bench_options& o, int run) {
    const fs::path file = o.dir / ("baseline-" + std::to_string(run) + ".db");
    remove_database(file);
    int done = 0;
    double elapsed = 0;
    {
        plenary::db::connection conn(file.string(), plenary::db::open_mode::read_write);
        conn.exec(create_sql);
        const auto start = clock_type::now();
        for (; done < o.rows; ++done) {
            // Autocommit: every INSERT is its own transaction and fsync.
            conn.prepare(insert_sql).bind_all("row").execute();
            if (seconds_since(start) > o.baseline_seconds) {
                ++done;
                break;
            }
        }
        elapsed = seconds_since(start);
    }
    remove_database(file);
    return {done / elapsed, 1.0};
}

// (c): the rows in explicit transactions of o.batch rows each, no savepoints.
run_result run_batched(const bench_options& o, int run) {
    const fs::path file = o.dir / ("batched-" + std::to_string(run) + ".db");
    remove_database(file);
    double elapsed = 0;
    {
        plenary::db::connection conn(file.string(), plenary::db::open_mode::read_write);
        conn.exec(create_sql);
        const auto start = clock_type::now();
        for (int done = 0; done < o.rows;) {
            conn.exec("BEGIN IMMEDIATE");
            for (int i = 0; i < o.batch && done < o.rows; ++i, ++done) {
                conn.prepare(insert_sql).bind_all("row").execute();
            }
            conn.exec("COMMIT");
        }
        elapsed = seconds_since(start);
    }
    remove_database(file);
    return {o.rows / elapsed, static_cast<double>(o.batch)};
}

run_result run_store(const bench_options& o, int run) {
    const fs::path file = o.dir / ("store-" + std::to_string(run) + ".db");
    remove_database(file);
    std::mutex mutex;
    std::vector<double> batches;
    double elapsed = 0;
    {
        plenary::db::store_options so;
        so.path = file.string();
        plenary::db::store s(so);
        s.write_sync([](plenary::db::connection& c) { c.exec(create_sql); });
        s.on_commit([&](std::size_t n) {
            std::lock_guard lock(mutex);
            batches.push_back(static_cast<double>(n));
        });
        boost::asio::io_context io;
        plenary::bench::write_driver driver(s, io, o.rows, [](int) {
            return [](plenary::db::connection& c) { c.prepare(insert_sql).bind_all("row").execute(); };
        });
        const auto start = clock_type::now();
        driver.start(o.outstanding);
        io.run();  // returns when the last completion has run
        elapsed = seconds_since(start);
        if (driver.failures() != 0) {
            throw std::runtime_error(std::to_string(driver.failures()) + " writes failed");
        }
        s.stop();
    }
    remove_database(file);
    std::lock_guard lock(mutex);
    return {o.rows / elapsed, median(batches)};
}

bench_options parse(int argc, char** argv) {
    bench_options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(std::string(arg) + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--dir") {
            o.dir = value();
        } else if (arg == "--rows") {
            o.rows = std::stoi(value());
        } else if (arg == "--runs") {
            o.runs = std::stoi(value());
        } else if (arg == "--outstanding") {
            o.outstanding = std::stoi(value());
        } else if (arg == "--batch") {
            o.batch = std::stoi(value());
        } else if (arg == "--baseline-seconds") {
            o.baseline_seconds = std::stod(value());
        } else {
            throw std::invalid_argument("unknown argument " + std::string(arg));
        }
    }
    if (o.rows <= 0 || o.runs <= 0 || o.outstanding <= 0 || o.batch <= 0) {
        throw std::invalid_argument("--rows, --runs, --outstanding and --batch must be positive");
    }
    if (o.dir.empty()) {
        std::random_device rd;
        o.dir = fs::temp_directory_path() / ("plenary-bench-" + std::to_string(rd()));
        o.own_dir = true;
    }
    fs::create_directories(o.dir);
    return o;
}

void print_table(const bench_options& o, const std::vector<run_result>& a, const std::vector<run_result>& b,
                 const std::vector<run_result>& c) {
    auto rates = [](const std::vector<run_result>& v) {
        std::vector<double> r;
        for (const auto& x : v) {
            r.push_back(x.rows_per_second);
        }
        return median(r);
    };
    std::vector<double> b_batches;
    for (const auto& x : b) {
        b_batches.push_back(x.median_batch);
    }
    const double ra = rates(a);
    const double rb = rates(b);
    const double rc = rates(c);
    std::printf("Group commit benchmark: %d rows, %d runs, dir %s\n\n", o.rows, o.runs, o.dir.c_str());
    std::printf("| method | median rows/s | median batch size | ratio vs (a) |\n");
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| (a) one row per transaction, synchronous=FULL | %.0f | 1 | 1.00 |\n", ra);
    std::printf("| (b) db::store::async_write, %d outstanding | %.0f | %.1f | %.2f |\n", o.outstanding, rb,
                median(b_batches), ra > 0 ? rb / ra : 0.0);
    std::printf("| (c) %d rows per transaction, synchronous=FULL | %.0f | %d | %.2f |\n", o.batch, rc, o.batch,
                ra > 0 ? rc / ra : 0.0);
    std::printf("\nThe store reaches %.2f of what SQLite does with fixed batches of %d rows ((b)/(c)).\n",
                rc > 0 ? rb / rc : 0.0, o.batch);
}

}  // namespace

int main(int argc, char** argv) {
    plenary::db::configure_sqlite_library();  // as the server does
    try {
        const bench_options o = parse(argc, argv);
        std::vector<run_result> baseline;
        std::vector<run_result> grouped;
        std::vector<run_result> batched;
        // Interleaved so drifting disk conditions hit both methods alike.
        for (int run = 0; run < o.runs; ++run) {
            baseline.push_back(run_baseline(o, run));
            grouped.push_back(run_store(o, run));
            batched.push_back(run_batched(o, run));
        }
        print_table(o, baseline, grouped, batched);
        if (o.own_dir) {
            fs::remove_all(o.dir);
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_group_commit: %s\n", e.what());
        return 1;
    }
}
