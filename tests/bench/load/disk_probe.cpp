// The disk's own flush latency, measured beside a workload. Every interval
// the probe writes 8 KiB into a file on the database's file system and
// fdatasyncs it, as a WAL commit does. When the probe's flushes and the
// server's answers are slow in the same moments, the time goes to the disk
// (or the host beneath it), not to plenary; `access-log --stalls` counts how
// many of the server's slow answers fall near one of the probe's slow flushes.
#include "workloads.hpp"

#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace plenary::load {
namespace {

// Rewrites the same 8 MiB, as a WAL does after each checkpoint, so the probe
// never grows the file system's free-space maps during a run.
constexpr off_t probe_span = 8 * 1024 * 1024;
constexpr std::size_t block_size = 8192;

// The bench stops the probe with SIGTERM when the workload beside it ends.
volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int /*signal*/) {
    stop_requested = 1;
}

class probe_file {
public:
    explicit probe_file(const std::string& path) : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)) {
        if (fd_ < 0) throw std::runtime_error("disk probe: cannot open " + path + ": " + std::strerror(errno));
    }
    ~probe_file() { ::close(fd_); }
    probe_file(const probe_file&) = delete;
    probe_file& operator=(const probe_file&) = delete;

    void write_and_flush(off_t offset, const std::array<char, block_size>& block) const {
        if (::pwrite(fd_, block.data(), block.size(), offset) != static_cast<ssize_t>(block.size()) ||
            ::fdatasync(fd_) != 0) {
            throw std::runtime_error(std::string("disk probe: write or flush failed: ") + std::strerror(errno));
        }
    }

private:
    int fd_;
};

}  // namespace

int run_disk_probe(const disk_probe_options& o) {
    std::array<char, block_size> block{};
    block.fill('p');
    samples flushes;
    std::ofstream stalls;
    if (!o.stalls_out.empty()) stalls.open(o.stalls_out, std::ios::trunc);
    int slow = 0;
    {
        const probe_file file(o.file);
        const auto until = clock_type::now() + std::chrono::seconds(o.seconds);
        off_t offset = 0;
        std::signal(SIGTERM, request_stop);
        for (auto next = clock_type::now(); next < until && stop_requested == 0;
             next += std::chrono::milliseconds(o.interval_ms)) {
            std::this_thread::sleep_until(next);
            const auto wall = std::chrono::system_clock::now();
            const auto started = clock_type::now();
            file.write_and_flush(offset, block);
            const double ms = ms_since(started);
            flushes.add(ms);
            offset = (offset + static_cast<off_t>(block_size)) % probe_span;
            if (ms > o.slow_ms) {
                ++slow;
                // Wall-clock start in ms since the epoch, and the duration: the
                // access log's timestamps are wall-clock too.
                const auto at = std::chrono::duration<double, std::milli>(wall.time_since_epoch()).count();
                if (stalls.is_open()) stalls << std::fixed << at << ' ' << ms << '\n';
            }
            // A flush longer than the interval delays the next one rather than
            // bunching the missed ones up.
            next = std::max(next, clock_type::now() - std::chrono::milliseconds(o.interval_ms));
        }
    }
    ::unlink(o.file.c_str());
    boost::json::object out{{"workload", "disk-probe"},
                            {"interval_ms", o.interval_ms},
                            {"flush_latency", flushes.summary()},
                            {"slow_ms", o.slow_ms},
                            {"slow_flushes", slow}};
    std::cout << boost::json::serialize(out) << std::endl;
    return 0;
}

}  // namespace plenary::load
