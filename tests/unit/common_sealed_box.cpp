// Sealing round-trips only under the right key and detects tampering.
#include "common/crypto.hpp"
#include "common/sealed_box.hpp"

#include <gtest/gtest.h>

namespace plenary {
namespace {

TEST(sealed_box, round_trips_under_its_key) {
    const auto key = sha256("k1");
    const std::string text = "{\"manage_token\":\"pm_secret\",\"名字\":\"张伟\"}";
    const auto box = seal(key, text);
    EXPECT_EQ(box.size(), text.size() + 28);
    EXPECT_EQ(box.find("pm_secret"), std::string::npos);
    EXPECT_EQ(unseal(key, box), text);
    EXPECT_EQ(unseal(key, seal(key, "")), "");
}

TEST(sealed_box, refuses_wrong_key_and_tampering) {
    const auto box = seal(sha256("k1"), "hello");
    EXPECT_FALSE(unseal(sha256("k2"), box));
    for (std::size_t i = 0; i < box.size(); ++i) {
        auto bad = box;
        bad[i] = static_cast<char>(bad[i] ^ 1);
        EXPECT_FALSE(unseal(sha256("k1"), bad)) << "byte " << i;
    }
    EXPECT_FALSE(unseal(sha256("k1"), box.substr(0, 10)));
    EXPECT_THROW(seal("short", "x"), std::invalid_argument);
}

TEST(sealed_box, nonces_differ) {
    const auto key = sha256("k");
    EXPECT_NE(seal(key, "same"), seal(key, "same"));
}

}  // namespace
}  // namespace plenary
