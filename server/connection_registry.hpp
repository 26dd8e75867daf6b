// Every open connection, whatever stage it is in (TLS detection, HTTP,
// WebSocket), holds a lease here. The registry enforces max_connections,
// keeps the open-connections gauge, and is how a graceful shutdown reaches
// each live session: stop() first, force_close() once the deadline passes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace plenary {
class gauge;
}

namespace plenary::server {

// What a session offers the registry. Both may be called from any thread;
// implementations post to their own executor.
class stoppable {
public:
    // Finish the request in flight (answering it with Connection: close),
    // close idle connections, close WebSockets with 1001.
    virtual void stop() = 0;
    // Close the socket now.
    virtual void force_close() = 0;

protected:
    ~stoppable() = default;
};

class connection_registry {
public:
    // A connection's slot; releasing it (destruction) frees the slot. It moves
    // from session to session as a connection changes stage.
    class lease {
    public:
        lease() = default;
        lease(lease&& other) noexcept;
        lease& operator=(lease&& other) noexcept;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease();

        // Names the session now owning the connection. If a shutdown is
        // already under way the session is told to stop at once.
        void bind(std::weak_ptr<stoppable> owner);

    private:
        friend class connection_registry;
        lease(connection_registry* owner, std::uint64_t id) : registry_(owner), id_(id) {}
        void release() noexcept;

        connection_registry* registry_ = nullptr;
        std::uint64_t id_ = 0;
    };

    connection_registry(std::size_t max_connections, gauge& open_connections);
    connection_registry(const connection_registry&) = delete;
    connection_registry& operator=(const connection_registry&) = delete;

    // nullopt when full or shutting down.
    std::optional<lease> try_admit();

    // Tells every live session to stop; `on_drained` runs once (on whichever
    // thread releases the last lease, or here if none are open).
    void begin_stop(std::function<void()> on_drained);
    void force_close_all();

    bool stopping() const;
    std::size_t size() const;

private:
    void bind(std::uint64_t id, std::weak_ptr<stoppable> owner);
    void release(std::uint64_t id) noexcept;
    std::vector<std::shared_ptr<stoppable>> live_sessions() const;

    const std::size_t max_connections_;
    gauge& open_connections_;

    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, std::weak_ptr<stoppable>> open_;
    std::uint64_t next_id_ = 1;
    bool stopping_ = false;
    std::function<void()> on_drained_;
};

}  // namespace plenary::server
