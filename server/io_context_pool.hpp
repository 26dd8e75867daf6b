// One io_context per I/O thread, each run by exactly that thread, with
// connections dealt out round-robin. With a single io_context shared by all
// threads, every completion may wake another thread (futex traffic was a
// fifth of the server's time under wrk); here a connection's handlers always
// run on the thread that owns its io_context, and only work handed in from
// outside (database completions, broadcasts) crosses threads.
//
// WebSockets move to contexts of their own once upgraded. A broadcast queues
// one write per subscriber; on a request thread a kiosk's check-in answer
// waited in line behind a thousand of them (a p99 of 50+ ms). On separate
// threads the kernel's scheduler shares the cores between the two instead,
// and a request thread woken by its socket runs within its time slice.
//
// The WebSocket threads run at a lower CPU priority (a higher nice value):
// a broadcast is a burst of a thousand sends that held both cores for several
// milliseconds, and a kiosk's check-in, the database writer and the kernel's
// flush completions waited behind it. A dashboard a few milliseconds late is
// harmless; each WebSocket keeps only the latest state queued, so a lagging
// one never builds a backlog.
//
// A connection's handlers must never run concurrently. On a context that
// exactly one thread runs, that already holds, so its connections use the
// context's own executor; a strand there cost a tenth of the server's time
// under wrk (a mutex and a queue per completion). Only the shared context,
// run by every thread, gives each connection a strand.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace plenary::server {

class io_context_pool {
public:
    // `shared`: one io_context that all `threads` run (any idle thread takes
    // any handler, at the price of cross-thread wake-ups), WebSockets
    // included. Otherwise `threads` contexts for connections and
    // `websocket_threads` more for upgraded WebSockets, which run at nice
    // value `websocket_nice` (0 to 19; 0 leaves their priority alone).
    io_context_pool(std::size_t threads, bool shared, std::size_t websocket_threads = 0, int websocket_nice = 0);
    io_context_pool(const io_context_pool&) = delete;
    io_context_pool& operator=(const io_context_pool&) = delete;

    std::size_t size() const noexcept { return contexts_.size(); }
    // The first context also carries the listeners and the stop sequence.
    boost::asio::io_context& first() noexcept { return *contexts_.front(); }
    // The context for the next connection; thread-safe.
    boost::asio::io_context& next() noexcept;
    // The context for the next upgraded WebSocket (next() when there are
    // no WebSocket threads); thread-safe.
    boost::asio::io_context& next_websocket() noexcept;
    // The executor a new connection (or upgraded WebSocket) runs on: on the
    // next context, as a strand only when that context is shared.
    boost::asio::any_io_executor next_connection_executor();
    boost::asio::any_io_executor next_websocket_executor();

    // Runs every context on its own thread (the caller's is the first; the
    // others are named plenary-io1.., plenary-ws0..) and
    // returns when all have run dry, which needs release() first: until then
    // an idle context keeps waiting for connections instead of returning.
    void run();
    // Lets idle contexts return; call once nothing new will be dealt out.
    void release();
    // Stops every context at once (last resort when draining hangs).
    void stop();

private:
    boost::asio::any_io_executor serialized(boost::asio::io_context& ctx) const;
    void run_extra(std::size_t index);

    using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    std::size_t threads_;
    bool shared_;
    std::size_t connection_contexts_;  // contexts_[0, n): connections; the rest: WebSockets
    int websocket_nice_;
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
    std::vector<std::optional<guard>> guards_;
    std::atomic<std::size_t> next_{0};
    std::atomic<std::size_t> next_websocket_{0};
};

}  // namespace plenary::server
