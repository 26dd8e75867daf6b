// Topic fan-out; see hub.hpp.
#include "server/hub.hpp"

#include <algorithm>
#include <thread>
#include <utility>

namespace plenary::server {

hub::subscription::~subscription() {
    if (hub_) hub_->unsubscribe(topic_, s_);
}

hub::subscription::subscription(subscription&& other) noexcept
    : hub_(std::exchange(other.hub_, nullptr)), topic_(std::move(other.topic_)), s_(other.s_) {}

hub::subscription& hub::subscription::operator=(subscription&& other) noexcept {
    if (this != &other) {
        if (hub_) hub_->unsubscribe(topic_, s_);
        hub_ = std::exchange(other.hub_, nullptr);
        topic_ = std::move(other.topic_);
        s_ = other.s_;
    }
    return *this;
}

hub::subscription hub::subscribe(const std::string& topic, std::weak_ptr<subscriber> s) {
    auto strong = s.lock();
    if (!strong) return {};
    std::lock_guard lock(mutex_);
    auto& entries = topics_[topic];
    auto [at, added] = entries.position.try_emplace(strong.get(), entries.list.size());
    if (added) {
        entries.list.emplace_back(strong.get(), std::move(s));
    } else {
        entries.list[at->second].second = std::move(s);
    }
    return {*this, topic, strong.get()};
}

void hub::unsubscribe(const std::string& topic, const subscriber* s) {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    auto& entries = it->second;
    auto at = entries.position.find(s);
    if (at == entries.position.end()) return;
    // Delivery order among subscribers means nothing, so the last one fills the gap.
    const auto gap = at->second;
    entries.position.erase(at);
    if (gap + 1 != entries.list.size()) {
        entries.list[gap] = std::move(entries.list.back());
        entries.position[entries.list[gap].first] = gap;
    }
    entries.list.pop_back();
    if (entries.list.empty()) topics_.erase(it);
}

hub::subscriber_list hub::subscribers(const std::string& topic) const {
    subscriber_list out;
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return out;
    out.reserve(it->second.list.size());
    for (const auto& e : it->second.list) {
        if (auto s = e.second.lock()) out.push_back(std::move(s));
    }
    return out;
}

std::size_t hub::publish(const std::string& topic, std::shared_ptr<const std::string> message, bool latest_only) {
    return deliver(subscribers(topic), message, latest_only);
}

std::size_t hub::deliver(const subscriber_list& to, const std::shared_ptr<const std::string>& message, bool latest_only,
                         const fan_out_spread& how) {
    const bool spread_out = to.size() > how.above && how.slices > 1;
    const std::size_t slice = spread_out ? (to.size() + how.slices - 1) / how.slices : to.size();
    for (std::size_t i = 0; i < to.size(); ++i) {
        if (i > 0 && i % slice == 0) std::this_thread::sleep_for(how.pause);
        to[i]->deliver(message, latest_only);
    }
    return to.size();
}

void hub::end_all(const std::string& topic, const std::string& reason) {
    for (const auto& s : subscribers(topic)) s->end(reason);
}

std::size_t hub::subscriber_count(const std::string& topic) const {
    return subscribers(topic).size();
}

std::size_t hub::max_queued(const std::string& topic) const {
    std::size_t most = 0;
    for (const auto& s : subscribers(topic)) most = std::max(most, s->queued());
    return most;
}

}  // namespace plenary::server
