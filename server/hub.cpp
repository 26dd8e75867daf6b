// Topic fan-out; see hub.hpp.
#include "server/hub.hpp"

#include <algorithm>
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

std::vector<std::shared_ptr<hub::subscriber>> hub::live(const std::string& topic) const {
    std::vector<std::shared_ptr<subscriber>> out;
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
    const auto targets = live(topic);
    for (const auto& s : targets) s->deliver(message, latest_only);
    return targets.size();
}

void hub::end_all(const std::string& topic, const std::string& reason) {
    for (const auto& s : live(topic)) s->end(reason);
}

std::size_t hub::subscriber_count(const std::string& topic) const {
    return live(topic).size();
}

std::size_t hub::max_queued(const std::string& topic) const {
    std::size_t most = 0;
    for (const auto& s : live(topic)) most = std::max(most, s->queued());
    return most;
}

}  // namespace plenary::server
