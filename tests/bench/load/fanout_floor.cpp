// Workload 5 with everything but the kernel taken away: plain TCP on
// loopback, no TLS, no WebSocket framing, no server. Writer threads send one
// message of the stats message's size to every connection in turn, as the
// feed's WebSocket threads do; reader threads on epoll note when each
// arrives, as the dashboards do. The readers are a child process, as the
// dashboards are a process apart from the server (and one process could not
// hold both ends of ten thousand connections under the open-file limit).
// Sender and receivers share the same two cores the real run has, so the
// result is a floor under workload 5's latency on this machine, measured in
// the same bench run.
#include "workloads.hpp"

#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace plenary::load {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("fanout-floor: " + what + ": " + std::strerror(errno));
}

// One end of every connection; closes them when it goes.
struct socket_set {
    std::vector<int> fds;
    socket_set() = default;
    socket_set(const socket_set&) = delete;
    socket_set& operator=(const socket_set&) = delete;
    ~socket_set() {
        for (const int fd : fds) ::close(fd);
    }
};

// Shared by the writing parent and the reading child (anonymous shared
// memory, mapped before the fork): lock-free atomics work across processes.
struct shared_round {
    std::atomic<clock_type::rep> started{0};
    std::atomic<int> arrivals{0};
    std::atomic<int> connected{0};
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> recorded{0};
    // The samples live in the same mapping, right after this header; the
    // child inherits the mapping at the same address, so the pointer holds.
    std::size_t capacity = 0;
    double* latency_ms = nullptr;
};

class shared_mapping {
public:
    explicit shared_mapping(std::size_t samples)
        : bytes_(sizeof(shared_round) + samples * sizeof(double)),
          memory_(::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)) {
        if (memory_ == MAP_FAILED) fail("mmap");
        round_ = new (memory_) shared_round();
        round_->capacity = samples;
        round_->latency_ms = reinterpret_cast<double*>(round_ + 1);
    }
    ~shared_mapping() { ::munmap(memory_, bytes_); }
    shared_mapping(const shared_mapping&) = delete;
    shared_mapping& operator=(const shared_mapping&) = delete;
    shared_round& operator*() const { return *round_; }
    shared_round* operator->() const { return round_; }

private:
    std::size_t bytes_;
    void* memory_;
    shared_round* round_ = nullptr;
};

int make_listener(sockaddr_in& addr) {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) fail("socket");
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    if (::bind(listener, sa, len) != 0 || ::listen(listener, 4096) != 0 || ::getsockname(listener, sa, &len) != 0) {
        ::close(listener);
        fail("listen");
    }
    return listener;
}

// One reader thread: an epoll set over every `stride`-th socket from `first`.
void read_share(const socket_set& set, std::size_t first, std::size_t stride, std::size_t bytes, shared_round& round) {
    const int ep = ::epoll_create1(0);
    if (ep < 0) fail("epoll_create1");
    std::vector<std::size_t> received(set.fds.size(), 0);
    for (std::size_t i = first; i < set.fds.size(); i += stride) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        if (::epoll_ctl(ep, EPOLL_CTL_ADD, set.fds[i], &ev) != 0) fail("epoll_ctl");
    }
    std::vector<epoll_event> ready(256);
    std::vector<char> buffer(64 * 1024);
    while (!round.stopping.load(std::memory_order_relaxed)) {
        const int n = ::epoll_wait(ep, ready.data(), static_cast<int>(ready.size()), 20);
        for (int k = 0; k < n; ++k) {
            const auto i = ready[static_cast<std::size_t>(k)].data.u64;
            ssize_t got = 0;
            while ((got = ::read(set.fds[i], buffer.data(), buffer.size())) > 0) {
                const auto before = received[i] / bytes;
                received[i] += static_cast<std::size_t>(got);
                const auto done = received[i] / bytes - before;
                const auto started = clock_type::time_point(clock_type::duration(round.started.load()));
                for (std::size_t m = 0; m < done; ++m) {
                    const auto slot = round.recorded.fetch_add(1);
                    if (slot < round.capacity) round.latency_ms[slot] = ms_since(started);
                }
                round.arrivals.fetch_add(static_cast<int>(done));
            }
        }
    }
    ::close(ep);
}

// The child: connects, reads until told to stop. Never returns.
[[noreturn]] void run_readers(const fanout_floor_options& o, const sockaddr_in& addr, shared_round& round) {
    try {
        socket_set set;
        for (int i = 0; i < o.connections; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);  // blocking until connected
            if (fd < 0) fail("socket");
            set.fds.push_back(fd);
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) fail("connect");
            ::fcntl(fd, F_SETFL, O_NONBLOCK);
        }
        round.connected = 1;
        std::vector<std::jthread> readers;
        for (unsigned r = 0; r < o.readers; ++r) {
            readers.emplace_back([&, r] { read_share(set, r, o.readers, o.bytes, round); });
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        round.connected = -1;
        ::_exit(1);
    }
    ::_exit(0);
}

}  // namespace

int run_fanout_floor(const fanout_floor_options& o) {
    raise_open_file_limit();
    shared_mapping round(static_cast<std::size_t>(o.connections) * static_cast<std::size_t>(o.rounds));
    sockaddr_in addr{};
    const int listener = make_listener(addr);
    std::cout.flush();
    const pid_t child = ::fork();
    if (child < 0) fail("fork");
    if (child == 0) {
        ::close(listener);
        run_readers(o, addr, *round);
    }
    socket_set set;
    const int one = 1;
    while (set.fds.size() < static_cast<std::size_t>(o.connections) && round->connected.load() >= 0) {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) break;
        set.fds.push_back(fd);
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ::close(listener);
    const bool connected = set.fds.size() == static_cast<std::size_t>(o.connections) &&
                           wait_for([&] { return round->connected.load() != 0; }, std::chrono::minutes(1)) &&
                           round->connected.load() == 1;
    const std::string message(o.bytes, 'm');
    int missing = 0;
    for (int n = 0; connected && n < o.rounds; ++n) {
        round->started.store(clock_type::now().time_since_epoch().count());
        std::atomic<int> write_errors{0};
        {
            std::vector<std::jthread> writers;
            for (unsigned w = 0; w < o.writers; ++w) {
                writers.emplace_back([&, w] {
                    for (std::size_t i = w; i < set.fds.size(); i += o.writers) {
                        if (::write(set.fds[i], message.data(), message.size()) !=
                            static_cast<ssize_t>(message.size())) {
                            ++write_errors;
                        }
                    }
                });
            }
        }
        const int expected = o.connections * (n + 1);
        if (write_errors > 0 ||
            !wait_for([&] { return round->arrivals.load() >= expected; }, std::chrono::seconds(10))) {
            missing += expected - round->arrivals.load();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(o.spacing_ms));
    }
    round->stopping = true;
    int status = 0;
    ::waitpid(child, &status, 0);
    samples latency;
    const auto recorded = std::min(round->recorded.load(), round->capacity);
    latency.add_all(std::vector<double>(round->latency_ms, round->latency_ms + recorded));
    const bool ok = connected && missing == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    boost::json::object out{{"workload", "fanout-floor"},   {"connections", o.connections}, {"bytes", o.bytes},
                            {"writers", o.writers},         {"readers", o.readers},         {"rounds", o.rounds},
                            {"latency", latency.summary()}, {"missing", missing},           {"ok", ok}};
    std::cout << boost::json::serialize(out) << std::endl;
    return ok ? 0 : 1;
}

}  // namespace plenary::load
