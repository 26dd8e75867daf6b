// Known answers for the digest every request's bearer token goes through, in
// both forms, on more than one thread (each thread keeps its own context).
#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <thread>

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
