// The world the crash-safety and backup tests keep across server restarts: the database
// directory and credentials, every write the server answered 2xx, and the
// requests a crash cut off before their answer (to retry them afterwards).
#pragma once

#include "tests/support/child_process.hpp"
#include "tests/support/test_client.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace plenary::testing {

class crash_world {
public:
    struct registration {
        std::int64_t id;
        std::string email;
        std::string ticket_code;
    };

    crash_world() = default;
    ~crash_world();
    crash_world(const crash_world&) = delete;
    crash_world& operator=(const crash_world&) = delete;

    // A temp directory, an organizer account and its API token.
    void prepare();
    // A published event with few places (so a waiting list grows) and a kiosk.
    void create_event(unsigned short port);
    std::vector<std::string> serve_args() const;
    const std::filesystem::path& dir() const { return dir_; }

    // Registers and checks in on `port` until the connection fails (the
    // server was killed) or `stop` is set; thread-safe, one call per client thread.
    void client_loop(unsigned short port, unsigned round, unsigned thread, unsigned seed,
                     const std::atomic<bool>* stop = nullptr);
    // Sends again, with the same Idempotency-Key or nonce, every request the
    // last crash left unanswered.
    void retry_cut_requests(unsigned short port);
    // The database and the live counters against everything answered so far.
    void verify(unsigned short port);
    // Every registration answered so far.
    std::vector<registration> answered() const;
    // Each of `regs` is in the database at `db`, which passes integrity_check.
    static void expect_stored(const std::filesystem::path& db, const std::vector<registration>& regs);

    std::size_t unexpected_answers() const;
    std::string first_unexpected() const;
    std::size_t answered_registrations() const;
    std::size_t answered_checkins() const;
    std::size_t retried() const { return retried_; }

private:
    struct checkin {
        std::string nonce;
        std::string answer;  // the JSON the server gave, to compare replays with
        std::string body;
    };
    struct cut_request {
        bool is_checkin;
        std::string key;  // Idempotency-Key or nonce
        std::string body;
    };

    http_response send_request(test_client& client, const cut_request& r) const;
    void record_answer(const cut_request& r, const http_response& res);
    std::optional<std::string> pick_ticket(unsigned seed_bits);
    void verify_database(const std::vector<registration>& regs, const std::vector<checkin>& checks);
    void verify_counters(unsigned short port);
    void verify_replays(unsigned short port, const std::vector<checkin>& checks);

    std::filesystem::path dir_;
    std::string organizer_token_;
    std::string kiosk_token_;
    std::int64_t event_id_ = 0;

    mutable std::mutex mutex_;
    std::vector<registration> registrations_;
    std::vector<checkin> checkins_;
    std::vector<cut_request> cut_;
    std::vector<std::string> unexpected_;
    std::size_t retried_ = 0;  // only retry_cut_requests, on the test's thread
};

}  // namespace plenary::testing
