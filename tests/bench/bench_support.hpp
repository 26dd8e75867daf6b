// Pieces every benchmark shares: medians, timing, removing a database with
// its WAL files, and a driver that keeps a fixed number of store writes in
// flight (each completion submits the next), recording each one's latency.
#pragma once

#include "db/store.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <vector>

namespace plenary::bench {

using clock_type = std::chrono::steady_clock;

inline double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

inline double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

inline void remove_database(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix);
}

// make_job(i) returns the store job for write number i (a void job).
template <class MakeJob>
class write_driver {
public:
    write_driver(db::store& store, boost::asio::io_context& io, int total, MakeJob make_job)
        : store_(store), io_(io), total_(total), make_job_(std::move(make_job)) {
        latencies_ms_.reserve(static_cast<std::size_t>(total));
    }

    void start(int outstanding) {
        for (int i = 0; i < outstanding; ++i) submit_next();
    }
    int failures() const { return failures_; }
    const std::vector<double>& latencies_ms() const { return latencies_ms_; }

private:
    void submit_next() {
        if (submitted_ >= total_) return;
        const int index = submitted_++;
        const auto started = clock_type::now();
        store_.async_write(make_job_(index), boost::asio::bind_executor(io_, [this, started](std::exception_ptr e) {
                               if (e) ++failures_;
                               latencies_ms_.push_back(seconds_since(started) * 1000.0);
                               submit_next();
                           }));
    }

    db::store& store_;
    boost::asio::io_context& io_;
    const int total_;
    MakeJob make_job_;
    int submitted_ = 0;  // touched only on io_'s single thread
    int failures_ = 0;
    std::vector<double> latencies_ms_;
};

}  // namespace plenary::bench
