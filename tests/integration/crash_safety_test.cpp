// Crash safety: the real plenary binary is killed with SIGKILL at a random
// moment while clients register and check in, then restarted on the same
// database, round after round. After every restart each write that was
// answered 2xx is there exactly once, the requests cut by the crash can be
// retried (same Idempotency-Key, same nonce) without counting twice, the live
// counters equal a fresh count, and PRAGMA integrity_check says ok.
//
// PLENARY_CRASH_ROUNDS (default 5) and PLENARY_CRASH_SEED make `make soak`
// run longer and a failure reproducible.
#include "tests/integration/crash_safety_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

namespace plenary::testing {
namespace {

unsigned env_unsigned(const char* name, unsigned fallback) {
    const char* v = std::getenv(name);
    return v && *v ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : fallback;
}

// One load round: `clients` threads register and check in until the server
// dies under them.
void run_until_killed(crash_world& world, child_process& server, unsigned short port, std::mt19937& rng,
                      unsigned round) {
    std::vector<std::thread> clients;
    for (unsigned t = 0; t < 4; ++t) {
        clients.emplace_back([&world, port, round, t, seed = rng()] { world.client_loop(port, round, t, seed); });
    }
    // Long enough for a few hundred writes, short enough that some rounds die
    // during start-up traffic and others in the middle of a group commit.
    std::uniform_int_distribution<int> kill_after(50, 900);
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after(rng)));
    server.signal(SIGKILL);
    ASSERT_TRUE(server.wait(std::chrono::seconds(20)).has_value());
    for (auto& c : clients) c.join();
}

TEST(CrashSafety, KillNineDuringWritesLosesNothingAnsweredAndCountsNothingTwice) {
    const unsigned rounds = env_unsigned("PLENARY_CRASH_ROUNDS", 5);
    const unsigned seed = env_unsigned("PLENARY_CRASH_SEED", std::random_device{}());
    SCOPED_TRACE("PLENARY_CRASH_SEED=" + std::to_string(seed));
    std::mt19937 rng(seed);

    crash_world world;
    ASSERT_NO_FATAL_FAILURE(world.prepare());

    for (unsigned round = 1; round <= rounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        child_process server(world.serve_args(), world.dir());
        const auto port = wait_for_https_port(server);
        ASSERT_NE(port, 0) << server.stderr_text();
        if (round == 1) {
            ASSERT_NO_FATAL_FAILURE(world.create_event(port));
        }

        ASSERT_NO_FATAL_FAILURE(world.retry_cut_requests(port));
        ASSERT_NO_FATAL_FAILURE(world.verify(port));
        ASSERT_NO_FATAL_FAILURE(run_until_killed(world, server, port, rng, round));
        EXPECT_EQ(world.unexpected_answers(), 0u) << world.first_unexpected();
    }

    child_process server(world.serve_args(), world.dir());
    const auto port = wait_for_https_port(server);
    ASSERT_NE(port, 0) << server.stderr_text();
    ASSERT_NO_FATAL_FAILURE(world.retry_cut_requests(port));
    ASSERT_NO_FATAL_FAILURE(world.verify(port));
    EXPECT_GT(world.answered_registrations(), rounds) << "the load never got going; the test proved nothing";
    EXPECT_GT(world.answered_checkins(), 0u);
    std::cout << "crash safety: " << rounds << " kills, " << world.answered_registrations() << " registrations and "
              << world.answered_checkins() << " check-ins answered, " << world.retried() << " cut requests retried\n";
}

// `plenary backup` while four clients keep registering: the copy passes
// integrity_check and holds every registration answered before it began.
TEST(CrashSafety, BackupUnderLoadHoldsEverythingAnsweredBeforeItBegan) {
    crash_world world;
    ASSERT_NO_FATAL_FAILURE(world.prepare());
    child_process server(world.serve_args(), world.dir());
    const auto port = wait_for_https_port(server);
    ASSERT_NE(port, 0) << server.stderr_text();
    ASSERT_NO_FATAL_FAILURE(world.create_event(port));

    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (unsigned t = 0; t < 4; ++t) {
        clients.emplace_back([&world, &stop, port, t] { world.client_loop(port, 1, t, t + 1, &stop); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto before = world.answered();
    const auto copy = world.dir() / "copy.db";
    const auto backup =
        run_plenary({"backup", "--db", (world.dir() / "plenary.db").string(), "--to", copy.string()}, world.dir());
    const auto during = world.answered().size() - before.size();
    stop = true;
    for (auto& c : clients) c.join();

    ASSERT_EQ(backup.status, 0) << backup.err;
    ASSERT_FALSE(before.empty()) << "no load before the backup; the test proved nothing";
    EXPECT_GT(during, 0u) << "no registration was answered while the backup ran";
    ASSERT_NO_FATAL_FAILURE(crash_world::expect_stored(copy, before));
    EXPECT_EQ(world.unexpected_answers(), 0u) << world.first_unexpected();
    std::cout << "backup under load: " << before.size() << " registrations before, " << during << " during\n";
}

}  // namespace
}  // namespace plenary::testing
