// A closable FIFO with a fixed capacity for the store's job queues. push never
// blocks: a full queue is the caller's signal to shed load (HTTP 503) instead
// of letting latency and memory grow without bound.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace plenary::db {

template <class T>
class bounded_queue {
public:
    enum class pop_status { items, timeout, closed };

    explicit bounded_queue(std::size_t capacity) : capacity_(capacity) {}

    // False when full or closed; `item` is left untouched then.
    bool try_push(T& item) {
        {
            std::lock_guard lock(mutex_);
            if (closed_ || items_.size() >= capacity_) {
                return false;
            }
            items_.push_back(std::move(item));
        }
        ready_.notify_one();
        return true;
    }

    // Moves up to `max` items into `out`, waiting up to `wait` (nullopt: for
    // ever) for the first. After close(), remaining items are still handed
    // out; `closed` is returned only once the queue is closed and empty.
    pop_status pop_some(std::vector<T>& out, std::size_t max,
                        std::optional<std::chrono::milliseconds> wait = std::nullopt) {
        std::unique_lock lock(mutex_);
        auto has_work = [this] { return closed_ || !items_.empty(); };
        if (wait) {
            if (!ready_.wait_for(lock, *wait, has_work)) {
                return pop_status::timeout;
            }
        } else {
            ready_.wait(lock, has_work);
        }
        if (items_.empty()) {
            return pop_status::closed;
        }
        while (!items_.empty() && max-- > 0) {
            out.push_back(std::move(items_.front()));
            items_.pop_front();
        }
        return pop_status::items;
    }

    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }

    bool empty() const { return size() == 0; }

private:
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace plenary::db
