// Topic-based fan-out for WebSocket pushes. Publishers hand over one immutable
// buffer that every subscriber of the topic shares; the subscriber list is
// copied under the lock and delivery happens outside it, so a publisher never
// waits on a socket and a subscriber can unsubscribe while a publish runs.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace plenary::server {

class hub {
public:
    class subscriber {
    public:
        // Thread-safe and non-blocking: queue the message and return.
        virtual void deliver(std::shared_ptr<const std::string> message) = 0;
        // Messages waiting to be written (not counting one being written).
        virtual std::size_t queued() const = 0;

    protected:
        ~subscriber() = default;
    };

    void subscribe(const std::string& topic, std::weak_ptr<subscriber> s);
    // Called from the subscriber's destructor, so it matches by address.
    void unsubscribe(const std::string& topic, const subscriber* s);

    // Returns the number of subscribers the message was handed to.
    std::size_t publish(const std::string& topic, std::shared_ptr<const std::string> message);

    std::size_t subscriber_count(const std::string& topic) const;
    // The longest outgoing queue among the topic's subscribers (tests, metrics).
    std::size_t max_queued(const std::string& topic) const;

private:
    using entry = std::pair<const subscriber*, std::weak_ptr<subscriber>>;
    std::vector<std::shared_ptr<subscriber>> live(const std::string& topic) const;

    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::vector<entry>> topics_;
};

}  // namespace plenary::server
