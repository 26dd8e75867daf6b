// Round-robin io_context pool; see io_context_pool.hpp.
#include "server/io_context_pool.hpp"

#include "common/access_log.hpp"
#include "common/thread_identity.hpp"

#include <boost/asio/strand.hpp>

#include <string>
#include <thread>

namespace plenary::server {

io_context_pool::io_context_pool(std::size_t threads, bool shared, std::size_t websocket_threads, int websocket_nice)
    : threads_(threads == 0 ? 1 : threads),
      shared_(shared),
      connection_contexts_(shared ? 1 : threads_),
      websocket_nice_(websocket_nice) {
    const std::size_t n = shared ? 1 : threads_ + websocket_threads;
    contexts_.reserve(n);
    guards_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        // Hint 1 when one thread runs it: Asio then skips waking a second
        // runner (handlers posted from other threads are still safe).
        contexts_.push_back(std::make_unique<boost::asio::io_context>(shared ? static_cast<int>(threads_) : 1));
        guards_.emplace_back(boost::asio::make_work_guard(*contexts_.back()));
    }
}

boost::asio::io_context& io_context_pool::next() noexcept {
    return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % connection_contexts_];
}

boost::asio::io_context& io_context_pool::next_websocket() noexcept {
    const std::size_t extra = contexts_.size() - connection_contexts_;
    if (extra == 0) return next();
    return *contexts_[connection_contexts_ + next_websocket_.fetch_add(1, std::memory_order_relaxed) % extra];
}

boost::asio::any_io_executor io_context_pool::serialized(boost::asio::io_context& ctx) const {
    if (shared_) return boost::asio::make_strand(ctx);
    return ctx.get_executor();
}

boost::asio::any_io_executor io_context_pool::next_connection_executor() {
    return serialized(next());
}

boost::asio::any_io_executor io_context_pool::next_websocket_executor() {
    return serialized(next_websocket());
}

void io_context_pool::run() {
    // Shared: every thread runs the one context; otherwise one thread each.
    const std::size_t total = contexts_.size() == 1 ? threads_ : contexts_.size();
    std::vector<std::thread> extra;
    extra.reserve(total - 1);
    for (std::size_t i = 1; i < total; ++i) {
        extra.emplace_back([this, i] { run_extra(i); });
    }
    contexts_.front()->run();
    for (auto& t : extra) t.join();
}

// Thread `index` (not the caller's) of run(): in shared mode every thread
// runs the one context, otherwise thread i runs context i.
void io_context_pool::run_extra(std::size_t index) {
    auto& ctx = *contexts_[index % contexts_.size()];
    const bool websocket = !shared_ && index >= connection_contexts_;
    if (websocket) {
        name_this_thread("plenary-ws" + std::to_string(index - connection_contexts_));
        if (websocket_nice_ > 0 && !set_this_thread_nice(websocket_nice_)) {
            log_event("warn", "WebSocket thread keeps its CPU priority",
                      "nice " + std::to_string(websocket_nice_) + " refused");
        }
    } else {
        name_this_thread("plenary-io" + std::to_string(index));
    }
    ctx.run();
}

void io_context_pool::release() {
    for (auto& g : guards_) g.reset();
}

void io_context_pool::stop() {
    for (auto& c : contexts_) c->stop();
}

}  // namespace plenary::server
