// name_this_thread and set_this_thread_nice, checked through the kernel's
// own view of a fresh thread (so the test runner's thread is left as it was).
#include "common/thread_identity.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace plenary {
namespace {

TEST(ThreadIdentity, NamesAreCutToTheKernelsFifteenBytes) {
    std::string short_name, long_name;
    std::thread([&] {
        name_this_thread("plenary-writer");
        short_name = this_thread_name();
        name_this_thread("plenary-a-name-longer-than-fifteen");
        long_name = this_thread_name();
    }).join();
    EXPECT_EQ(short_name, "plenary-writer");
    EXPECT_EQ(long_name, "plenary-a-name-");
}

TEST(ThreadIdentity, NiceIsRaisedForTheCallingThreadOnly) {
    const int base = this_thread_nice();
    if (base > 12) GTEST_SKIP() << "the test runs at nice " << base << " already";
    int inside = -1;
    bool ok = false;
    std::thread([&] {
        ok = set_this_thread_nice(12);
        inside = this_thread_nice();
    }).join();
    EXPECT_TRUE(ok);
    EXPECT_EQ(inside, 12);
    EXPECT_EQ(this_thread_nice(), base);
}

TEST(ThreadIdentity, OutOfRangeNiceIsRefusedAndChangesNothing) {
    bool negative = true, too_high = true;
    int after = -1;
    const int base = this_thread_nice();
    std::thread([&] {
        negative = set_this_thread_nice(-5);
        too_high = set_this_thread_nice(20);
        after = this_thread_nice();
    }).join();
    EXPECT_FALSE(negative);
    EXPECT_FALSE(too_high);
    EXPECT_EQ(after, base);  // a new thread starts at its creator's value
}

}  // namespace
}  // namespace plenary
