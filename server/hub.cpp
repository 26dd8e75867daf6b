// Topic fan-out; see hub.hpp.
#include "server/hub.hpp"

#include <algorithm>

namespace plenary::server {

void hub::subscribe(const std::string& topic, std::weak_ptr<subscriber> s) {
    auto strong = s.lock();
    if (!strong) return;
    std::lock_guard lock(mutex_);
    topics_[topic].emplace_back(strong.get(), std::move(s));
}

void hub::unsubscribe(const std::string& topic, const subscriber* s) {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    std::erase_if(it->second, [s](const entry& e) { return e.first == s; });
    if (it->second.empty()) topics_.erase(it);
}

std::vector<std::shared_ptr<hub::subscriber>> hub::live(const std::string& topic) const {
    std::vector<std::shared_ptr<subscriber>> out;
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return out;
    out.reserve(it->second.size());
    for (const auto& e : it->second) {
        if (auto s = e.second.lock()) out.push_back(std::move(s));
    }
    return out;
}

std::size_t hub::publish(const std::string& topic, std::shared_ptr<const std::string> message) {
    const auto targets = live(topic);
    for (const auto& s : targets) s->deliver(message);
    return targets.size();
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
