// The hub's bookkeeping: who gets a publish after subscribers come and go in
// any order, what a repeated or moved subscription does, and how a large
// fan-out is spread into slices.
#include "server/hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace {

using plenary::server::hub;

class counting_subscriber : public hub::subscriber {
public:
    void deliver(std::shared_ptr<const std::string> message, bool) override {
        last = *message;
        at = std::chrono::steady_clock::now();
        ++received;
    }
    std::size_t queued() const override { return 0; }
    void end(std::string reason) override { ended = std::move(reason); }

    std::atomic<int> received{0};
    std::chrono::steady_clock::time_point at;
    std::string last;
    std::string ended;
};

std::shared_ptr<const std::string> text(const char* s) {
    return std::make_shared<const std::string>(s);
}

TEST(Hub, PublishReachesExactlyThoseStillSubscribedWhateverOrderTheyLeft) {
    hub h;
    constexpr int count = 300;
    std::vector<std::shared_ptr<counting_subscriber>> subscribers;
    std::vector<hub::subscription> subscriptions;
    for (int i = 0; i < count; ++i) {
        subscribers.push_back(std::make_shared<counting_subscriber>());
        subscriptions.push_back(h.subscribe("t", subscribers.back()));
    }
    // The last, the first, then every third from the middle outwards: each
    // removal from inside the list moves another subscriber into the gap.
    std::vector<int> leaving = {count - 1, 0};
    for (int i = count / 2; i < count - 1; i += 3) leaving.push_back(i);
    for (int i = count / 2 - 3; i > 0; i -= 3) leaving.push_back(i);
    for (int i : leaving) subscriptions[static_cast<std::size_t>(i)] = {};

    EXPECT_EQ(h.publish("t", text("one")), count - leaving.size());
    EXPECT_EQ(h.subscriber_count("t"), count - leaving.size());
    std::vector<bool> left(count, false);
    for (int i : leaving) left[static_cast<std::size_t>(i)] = true;
    for (int i = 0; i < count; ++i) {
        EXPECT_EQ(subscribers[static_cast<std::size_t>(i)]->received.load(), left[static_cast<std::size_t>(i)] ? 0 : 1)
            << "subscriber " << i;
    }

    subscriptions.clear();
    EXPECT_EQ(h.publish("t", text("two")), 0U);
    EXPECT_EQ(h.subscriber_count("t"), 0U);
}

TEST(Hub, SubscribingTwiceToOneTopicDeliversOnce) {
    hub h;
    auto s = std::make_shared<counting_subscriber>();
    auto first = h.subscribe("t", s);
    auto second = h.subscribe("t", s);
    EXPECT_EQ(h.publish("t", text("m")), 1U);
    EXPECT_EQ(s->received.load(), 1);
}

TEST(Hub, AMovedSubscriptionStaysAndAReplacedOneEnds) {
    hub h;
    auto a = std::make_shared<counting_subscriber>();
    auto b = std::make_shared<counting_subscriber>();
    auto kept = h.subscribe("t", a);
    {
        hub::subscription moved(std::move(kept));
        hub::subscription other = h.subscribe("t", b);
        EXPECT_EQ(h.publish("t", text("1")), 2U);
        other = std::move(moved);  // b's subscription ends here, a's moves on
        EXPECT_EQ(h.publish("t", text("2")), 1U);
        EXPECT_EQ(a->received.load(), 2);
        EXPECT_EQ(b->received.load(), 1);
    }
    EXPECT_EQ(h.publish("t", text("3")), 0U);
}

TEST(Hub, TopicsAreSeparateAndASubscriberThatIsGoneIsSkipped) {
    hub h;
    auto a = std::make_shared<counting_subscriber>();
    auto b = std::make_shared<counting_subscriber>();
    auto sa = h.subscribe("x", a);
    auto sb = h.subscribe("y", b);
    EXPECT_EQ(h.publish("x", text("to x")), 1U);
    EXPECT_EQ(a->last, "to x");
    EXPECT_EQ(b->received.load(), 0);

    b.reset();  // destroyed while its subscription is still held
    EXPECT_EQ(h.publish("y", text("to y")), 0U);
    h.end_all("x", "event deleted");
    EXPECT_EQ(a->ended, "event deleted");
}

// Seven subscribers in slices of three: a pause before the fourth and the
// seventh, none inside a slice, and each gets the message once. The pause is
// long enough that a missing one can not hide in scheduling noise; only lower
// bounds are checked, which a sleep guarantees.
TEST(Hub, ALargeFanOutGoesOutInSlicesWithAPauseBetweenThem) {
    using namespace std::chrono_literals;
    const plenary::server::fan_out_spread how{6, 3, 60ms};
    std::vector<std::shared_ptr<counting_subscriber>> subscribers;
    hub::subscriber_list to;
    for (int i = 0; i < 7; ++i) {
        subscribers.push_back(std::make_shared<counting_subscriber>());
        to.push_back(subscribers.back());
    }
    EXPECT_EQ(hub::deliver(to, text("m"), true, how), 7U);
    for (const auto& s : subscribers) EXPECT_EQ(s->received.load(), 1);
    const auto gap = [&](std::size_t i) { return subscribers[i]->at - subscribers[i - 1]->at; };
    EXPECT_GE(gap(3), 60ms);
    EXPECT_GE(gap(6), 60ms);
    EXPECT_GE(subscribers[6]->at - subscribers[0]->at, 120ms);

    // At or below the threshold it is one burst: no pause of an hour.
    const plenary::server::fan_out_spread never{7, 3, 1h};
    const auto before = std::chrono::steady_clock::now();
    EXPECT_EQ(hub::deliver(to, text("n"), true, never), 7U);
    EXPECT_LT(std::chrono::steady_clock::now() - before, 10min);
    for (const auto& s : subscribers) EXPECT_EQ(s->last, "n");
}

}  // namespace
