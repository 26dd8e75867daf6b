// Connection accounting and shutdown fan-out; see connection_registry.hpp.
#include "server/connection_registry.hpp"

#include "common/metrics.hpp"

#include <utility>
#include <vector>

namespace plenary::server {

connection_registry::lease::lease(lease&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)), id_(other.id_) {}

connection_registry::lease& connection_registry::lease::operator=(lease&& other) noexcept {
    if (this != &other) {
        release();
        registry_ = std::exchange(other.registry_, nullptr);
        id_ = other.id_;
    }
    return *this;
}

connection_registry::lease::~lease() {
    release();
}

void connection_registry::lease::bind(std::weak_ptr<stoppable> owner) {
    if (registry_) registry_->bind(id_, std::move(owner));
}

void connection_registry::lease::release() noexcept {
    if (auto* r = std::exchange(registry_, nullptr)) r->release(id_);
}

connection_registry::connection_registry(std::size_t max_connections, gauge& open_connections)
    : max_connections_(max_connections), open_connections_(open_connections) {}

std::optional<connection_registry::lease> connection_registry::try_admit() {
    std::lock_guard lock(mutex_);
    if (stopping_ || open_.size() >= max_connections_) return std::nullopt;
    const std::uint64_t id = next_id_++;
    open_.emplace(id, std::weak_ptr<stoppable>{});
    open_connections_.set(static_cast<double>(open_.size()));
    return lease(this, id);
}

void connection_registry::bind(std::uint64_t id, std::weak_ptr<stoppable> owner) {
    bool stop_now = false;
    {
        std::lock_guard lock(mutex_);
        auto it = open_.find(id);
        if (it == open_.end()) return;
        it->second = owner;
        stop_now = stopping_;
    }
    // A session that changed stage after begin_stop() fanned out would
    // otherwise never hear about the shutdown.
    if (stop_now) {
        if (auto s = owner.lock()) s->stop();
    }
}

void connection_registry::release(std::uint64_t id) noexcept {
    std::function<void()> drained;
    {
        std::lock_guard lock(mutex_);
        open_.erase(id);
        open_connections_.set(static_cast<double>(open_.size()));
        if (stopping_ && open_.empty()) drained = std::move(on_drained_);
    }
    if (drained) drained();
}

std::vector<std::shared_ptr<stoppable>> connection_registry::live_sessions() const {
    std::vector<std::shared_ptr<stoppable>> out;
    std::lock_guard lock(mutex_);
    out.reserve(open_.size());
    for (const auto& [id, weak] : open_) {
        if (auto s = weak.lock()) out.push_back(std::move(s));
    }
    return out;
}

void connection_registry::begin_stop(std::function<void()> on_drained) {
    std::function<void()> drained;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        if (open_.empty()) {
            drained = std::move(on_drained);
        } else {
            on_drained_ = std::move(on_drained);
        }
    }
    // Sessions are called outside the lock: stop() may release a lease.
    for (const auto& s : live_sessions()) s->stop();
    if (drained) drained();
}

void connection_registry::force_close_all() {
    for (const auto& s : live_sessions()) s->force_close();
}

bool connection_registry::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

std::size_t connection_registry::size() const {
    std::lock_guard lock(mutex_);
    return open_.size();
}

}  // namespace plenary::server
