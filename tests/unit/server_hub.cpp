// The hub's bookkeeping: who gets a publish after subscribers come and go in
// any order, and what a repeated or moved subscription does.
#include "server/hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
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
        ++received;
    }
    std::size_t queued() const override { return 0; }
    void end(std::string reason) override { ended = std::move(reason); }

    std::atomic<int> received{0};
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

}  // namespace
