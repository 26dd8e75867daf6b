// Coalescing live publisher; see live_feed.hpp.
#include "server/live/live_feed.hpp"

#include "common/access_log.hpp"
#include "common/thread_identity.hpp"
#include "db/live_rows.hpp"
#include "db/store.hpp"
#include "server/live/live_json.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <string_view>
#include <utility>

namespace plenary::server::live {

namespace json = boost::json;

namespace {

std::shared_ptr<const std::string> text_of(const json::object& o) {
    return std::make_shared<const std::string>(json::serialize(o));
}

// A `stats` message around the serialization /stats answers with, without
// reparsing it; `extra` is more members, each starting with a comma.
std::shared_ptr<const std::string> stats_message(const std::string& stats, std::string_view extra = {}) {
    return std::make_shared<const std::string>(
        std::string(R"({"type":"stats","stats":)").append(stats).append(extra).append("}"));
}

}  // namespace

live_feed::live_feed(db::store& store, feed_pacing pacing)
    : store_(store), pacing_(pacing), thread_([this] { run(); }) {
    counts_.set_listener([this] {
        // Called by the writer after every batch with changes. Only the first
        // change since a flush wakes the thread: a wake-up here lets the
        // scheduler run another thread on the writer's core before the batch
        // is answered, and during the flush interval the thread would only
        // go back to sleep.
        bool was_pending = false;
        {
            std::lock_guard lock(wake_mutex_);
            was_pending = batches_++ > 0;
        }
        if (!was_pending) wake_.notify_one();
    });
    try {
        store.capture_changes(db::live_watched_tables(), [this](const db::change_batch& batch, db::connection& conn) {
            // Before the writing request is answered (the writer calls
            // this ahead of completing the batch's jobs).
            if (db::access_changed(batch)) access_.invalidate();
            counts_.apply(batch, conn);
        });
    } catch (...) {
        stop();
        throw;
    }
}

live_feed::~live_feed() {
    stop();
}

void live_feed::stop() {
    {
        std::lock_guard lock(wake_mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

boost::asio::awaitable<void> live_feed::load(std::int64_t event_id) {
    if (counts_.loaded(event_id)) co_return;
    auto job = [this, event_id](db::connection&) { counts_.request_load(event_id); };
    co_await store_.async_write(std::move(job), boost::asio::use_awaitable);
}

std::string live_feed::topic(std::int64_t event_id, audience a) {
    // Kiosks get the counts, organizers the counts with the activity, the
    // hall its own shape.
    const char* prefix = a == audience::hall ? "public/" : a == audience::organizer ? "organizer/" : "stats/";
    return std::string(prefix).append(std::to_string(event_id));
}

std::vector<hub::subscription> live_feed::attach(std::int64_t event_id, audience a,
                                                 const std::shared_ptr<hub::subscriber>& s) {
    std::lock_guard order(publish_mutex_);
    json::object snapshot;
    const bool known = counts_.read(event_id, [&](const event_state& e) {
        snapshot = {{"type", "snapshot"}, {"event", event_header_json(e)}};
        if (a == audience::hall) {
            snapshot["stats"] = public_stats_json(e);
            return;
        }
        snapshot["role"] = a == audience::organizer ? "organizer" : "kiosk";
        snapshot["stats"] = stats_json(e);
        if (a == audience::organizer) snapshot["activity"] = activity_json(e.recent);
    });
    std::vector<hub::subscription> out;
    if (!known) return out;  // deleted during the handshake: nothing to follow
    s->deliver(text_of(snapshot), false);
    out.push_back(hub_.subscribe(topic(event_id, a), s));
    return out;
}

void live_feed::run() {
    name_this_thread("plenary-feed");
    auto last_flush = std::chrono::steady_clock::now() - pacing_.busy;
    auto pause = pacing_.quick;
    std::unique_lock lock(wake_mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return batches_ > 0 || stopping_; });
        if (stopping_) return;
        // Let changes gather until the pause has passed since the last flush.
        wake_.wait_until(lock, last_flush + pause, [this] { return stopping_; });
        if (stopping_) return;
        // One batch since the last flush: changes come one at a time and the
        // next may go out quickly. Several: they keep coming, so gather longer.
        pause = std::exchange(batches_, 0) > 1 ? pacing_.busy : pacing_.quick;
        lock.unlock();
        last_flush = std::chrono::steady_clock::now();
        try {
            for (const auto& c : counts_.take_changes()) publish(c);
        } catch (const std::exception& e) {
            log_event("error", "live feed: publishing failed", e.what());
        }
        lock.lock();
    }
}

void live_feed::publish(const live_counts::change& c) {
    std::vector<delivery> out;
    {
        std::lock_guard order(publish_mutex_);
        out = prepare(c);
    }
    for (const auto& d : out) hub::deliver(d.to, d.message, d.latest_only, pacing_.fan_out);
}

std::vector<live_feed::delivery> live_feed::prepare(const live_counts::change& c) {
    std::vector<delivery> out;
    const auto kiosk_topic = topic(c.event_id, audience::kiosk);
    const auto organizer_topic = topic(c.event_id, audience::organizer);
    const auto hall_topic = topic(c.event_id, audience::hall);
    if (c.removed) {
        for (const auto* t : {&kiosk_topic, &organizer_topic, &hall_topic}) hub_.end_all(*t, "event deleted");
        return out;
    }
    auto kiosks = hub_.subscribers(kiosk_topic);
    auto organizers = hub_.subscribers(organizer_topic);
    auto hall_screens = hub_.subscribers(hall_topic);
    const bool want_kiosk = !kiosks.empty();
    const bool want_organizer = !organizers.empty();
    const bool want_hall = !hall_screens.empty();
    if (!want_kiosk && !want_organizer && !want_hall) return out;

    std::shared_ptr<const std::string> stats;
    json::object hall;
    bool hall_switched_off = false;
    counts_.read(c.event_id, [&](const event_state& e) {
        if (want_kiosk || want_organizer) stats = stats_text(e);
        if (want_hall && e.public_display) {
            hall = {{"type", "stats"}, {"event", event_header_json(e)}, {"stats", public_stats_json(e)}};
        }
        hall_switched_off = want_hall && !e.public_display;
    });
    if (hall_switched_off) hub_.end_all(hall_topic, "public display switched off");
    if (stats) {
        const bool organizer_plain = want_organizer && c.activity.empty();
        if (want_kiosk || organizer_plain) {
            auto plain = stats_message(*stats);
            if (want_kiosk) out.push_back({std::move(kiosks), plain, true});
            if (organizer_plain) out.push_back({std::move(organizers), plain, true});
        }
        if (want_organizer && !c.activity.empty()) {
            // One message per organizer per flush: the activity rides along.
            // Not latest_only: replacing it would lose the activity.
            json::array items;
            for (const auto& item : c.activity) items.push_back(activity_json(item));
            out.push_back(
                {std::move(organizers), stats_message(*stats, R"(,"activity":)" + json::serialize(items)), false});
        }
    }
    if (!hall.empty()) out.push_back({std::move(hall_screens), text_of(hall), true});
    return out;
}

}  // namespace plenary::server::live
