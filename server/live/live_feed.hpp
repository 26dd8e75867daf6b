// Pushes live counts to WebSocket subscribers. It owns the counts (kept up to
// date by the store's change capture) and a hub with three topics per event:
// kiosks (stats), organizers (stats, with the activity since the last flush
// in the same message) and the public hall feed (counts only). A thread of
// its own coalesces changes: a change that comes alone is pushed at most
// `quick` after the last flush (a tenth of a second); while changes keep
// coming (a busy door) they are gathered for `busy` (half a second), since a
// thousand dashboards refreshed ten times a second take the cores the doors'
// check-ins need. The stats are serialized once per change for every
// subscriber and request, one message per subscriber per flush, and nothing
// is rendered for a topic nobody listens to. Subscribing and publishing are
// serialized, so a new subscriber's snapshot is never older than the first
// update it receives. Subscribers of a deleted event, and hall screens of an
// event whose organizers switched the public display off, are closed with 1008.
#pragma once

#include "server/hub.hpp"
#include "server/live/access_cache.hpp"
#include "server/live/live_counts.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace plenary::db {
class store;
}

namespace plenary::server::live {

enum class audience { organizer, kiosk, hall };

// How long the feed lets changes gather after a flush.
struct feed_pacing {
    // After a flush that carried one batch of changes.
    std::chrono::milliseconds quick{100};
    // After a flush that gathered several: the door is busy.
    std::chrono::milliseconds busy{500};
    // A flush to more than 200 subscribers of a topic goes out in 20 slices
    // 2.5 ms apart (under 50 ms in all): as one burst, 1,000 dashboards'
    // messages held up the check-ins sharing the cores (docs/performance.md,
    // change 44).
    fan_out_spread fan_out{200, 20, std::chrono::microseconds(2500)};
};

class live_feed {
public:
    // Starts watching `store`'s commits; events are loaded on demand. The
    // feed must outlive every WebSocket session it attached, and the store
    // must be stopped before the feed is destroyed.
    explicit live_feed(db::store& store, feed_pacing pacing = {});
    ~live_feed();
    live_feed(const live_feed&) = delete;
    live_feed& operator=(const live_feed&) = delete;

    live_counts& counts() noexcept { return counts_; }
    // Invalidated by the same commits that update the counts.
    access_cache& access() noexcept { return access_; }
    hub& topics() noexcept { return hub_; }
    static std::string topic(std::int64_t event_id, audience a);

    // Loads the event's counts if they are not held yet (through the writer,
    // so the load lines up with the commits). Afterwards counts().read()
    // knows the event unless it does not exist. Throws problem(unavailable)
    // when the writer's queue is full.
    boost::asio::awaitable<void> load(std::int64_t event_id);

    // Delivers the snapshot for `a` to `s` and subscribes it, in one step.
    std::vector<hub::subscription> attach(std::int64_t event_id, audience a, const std::shared_ptr<hub::subscriber>& s);

    // Stops the flushing thread (idempotent); later changes are not pushed.
    void stop();

private:
    void run();
    // One message for a topic's subscribers as they were under the lock.
    struct delivery {
        hub::subscriber_list to;
        std::shared_ptr<const std::string> message;
        bool latest_only = false;
    };
    // Ends, or prepares the messages for, what `c` changed: under
    // publish_mutex_, so that no subscriber attached meanwhile gets a state
    // older than its snapshot. The messages go out after it is released,
    // since spreading them takes a while.
    std::vector<delivery> prepare(const live_counts::change& c);
    void publish(const live_counts::change& c);

    db::store& store_;
    live_counts counts_;
    access_cache access_;
    hub hub_;
    const feed_pacing pacing_;
    std::mutex publish_mutex_;  // orders attach() against publish()

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    int batches_ = 0;  // batches with changes since the last flush; > 0: one is due
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the rest exists
};

}  // namespace plenary::server::live
