// Topic-based fan-out for WebSocket pushes. Publishers hand over one immutable
// buffer that every subscriber of the topic shares; the subscriber list is
// copied under the lock and delivery happens outside it, so a publisher never
// waits on a socket and a subscriber can unsubscribe while a publish runs.
// A message marked latest_only is a whole state: a subscriber that still holds
// an unsent one drops it and queues the new one last, rather than both.
#pragma once

#include <chrono>
#include <cstddef>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace plenary::server {

// How a large fan-out is handed out: to more than `above` subscribers,
// in `slices` slices with `pause` between them, so that the threads
// writing to them (and the readers at the other end, often on the same
// cores) take the work as a stream rather than one burst that holds up
// everything else. The pauses are slept on the caller's thread.
struct fan_out_spread {
    std::size_t above = std::numeric_limits<std::size_t>::max();
    std::size_t slices = 1;
    std::chrono::microseconds pause{0};
};

class hub {
public:
    class subscriber {
    public:
        // Thread-safe and non-blocking: queue the message and return.
        virtual void deliver(std::shared_ptr<const std::string> message, bool latest_only) = 0;
        // Messages waiting to be written (not counting one being written).
        virtual std::size_t queued() const = 0;
        // Thread-safe: what it followed is gone or no longer allowed; close
        // (WebSocket 1008 with `reason`) once the queued messages are out.
        virtual void end(std::string reason) = 0;

    protected:
        ~subscriber() = default;
    };

    // Ends a subscription when destroyed (the subscriber keeps it).
    class subscription {
    public:
        subscription() = default;
        subscription(hub& h, std::string topic, const subscriber* s) : hub_(&h), topic_(std::move(topic)), s_(s) {}
        ~subscription();
        subscription(subscription&& other) noexcept;
        subscription& operator=(subscription&& other) noexcept;
        subscription(const subscription&) = delete;
        subscription& operator=(const subscription&) = delete;

    private:
        hub* hub_ = nullptr;
        std::string topic_;
        const subscriber* s_ = nullptr;
    };

    // Subscribing again to the same topic keeps one entry: messages arrive once.
    [[nodiscard]] subscription subscribe(const std::string& topic, std::weak_ptr<subscriber> s);
    // Matches by address, so it works from the subscriber's destructor.
    void unsubscribe(const std::string& topic, const subscriber* s);

    using subscriber_list = std::vector<std::shared_ptr<subscriber>>;

    // Returns the number of subscribers the message was handed to.
    std::size_t publish(const std::string& topic, std::shared_ptr<const std::string> message, bool latest_only = false);
    // The topic's subscribers now: taken under a publisher's own lock and
    // handed the message with deliver() after it is released.
    subscriber_list subscribers(const std::string& topic) const;
    // Hands `message` to each of `to`, spread as `how` says; returns how many.
    static std::size_t deliver(const subscriber_list& to, const std::shared_ptr<const std::string>& message,
                               bool latest_only, const fan_out_spread& how = {});

    // Ends every subscriber of the topic (see subscriber::end).
    void end_all(const std::string& topic, const std::string& reason);

    std::size_t subscriber_count(const std::string& topic) const;
    // The longest outgoing queue among the topic's subscribers (tests, metrics).
    std::size_t max_queued(const std::string& topic) const;

private:
    using entry = std::pair<const subscriber*, std::weak_ptr<subscriber>>;
    // A list to walk on every publish, and where each subscriber sits in it,
    // so that 10,000 dashboards leaving at once cost 10,000 steps, not 10,000
    // scans of the list. A subscriber is in a topic at most once.
    struct topic_entries {
        std::vector<entry> list;
        std::unordered_map<const subscriber*, std::size_t> position;
    };
    mutable std::mutex mutex_;
    std::unordered_map<std::string, topic_entries> topics_;
};

}  // namespace plenary::server
