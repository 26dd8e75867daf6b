// Known answers for the digest every request's bearer token goes through, in
// both forms, on more than one thread (each thread keeps its own context).
#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace plenary;

namespace {

// FIPS 180-2's examples.
constexpr const char* abc_digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* empty_digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string digest_into(std::string_view data) {
    std::array<unsigned char, 32> out{};
    sha256_into(data, out.data());
    return to_hex(std::string_view(reinterpret_cast<const char*>(out.data()), out.size()));
}

}  // namespace

TEST(Crypto, Sha256GivesTheStandardsKnownAnswers) {
    EXPECT_EQ(to_hex(sha256("abc")), abc_digest);
    EXPECT_EQ(to_hex(sha256("")), empty_digest);
    EXPECT_EQ(sha256("abc").size(), 32U);
}

TEST(Crypto, Sha256IntoMatchesAndKeepsNothingBetweenCalls) {
    // The same thread's context, reused: no call may see the one before.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(digest_into("abc"), abc_digest);
        EXPECT_EQ(digest_into(""), empty_digest);
    }
    std::string other;
    std::thread([&] { other = digest_into("abc"); }).join();
    EXPECT_EQ(other, abc_digest);
}

TEST(Crypto, RandomBytesNeverRepeatAcrossBlocksAndThreads) {
    // Each thread hands out a block drawn at once: every size, straddling
    // the block's end or larger than it, must come out fresh and whole.
    std::set<std::string> seen;
    std::size_t zero_tails = 0;
    for (std::size_t i = 0; i < 4000; ++i) {
        const std::size_t n = 16 + (i * 7) % 700;
        const auto bytes = random_bytes(n);
        ASSERT_EQ(bytes.size(), n);
        ASSERT_TRUE(seen.insert(bytes.substr(0, 16)).second) << "repeated at draw " << i;
        if (bytes.substr(n - 8) == std::string(8, '\0')) ++zero_tails;
    }
    EXPECT_EQ(zero_tails, 0U);  // a wiped block handed out would read as zeros
    EXPECT_TRUE(random_bytes(0).empty());

    std::array<std::set<std::string>, 4> per_thread;
    std::vector<std::thread> threads;
    for (auto& mine : per_thread) {
        threads.emplace_back([&mine] {
            for (int i = 0; i < 2000; ++i) mine.insert(random_bytes(16));
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& mine : per_thread) {
        EXPECT_EQ(mine.size(), 2000U);
        for (const auto& b : mine) EXPECT_TRUE(seen.insert(b).second) << "two threads drew the same bytes";
    }
}
