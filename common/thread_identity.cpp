// Thread names and priorities through Linux's per-thread interfaces: a
// thread id given to setpriority() addresses that thread alone.
#include "common/thread_identity.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

namespace plenary {

void name_this_thread(std::string_view name) noexcept {
    std::array<char, 16> buffer{};  // the kernel's limit, with the NUL
    const auto n = std::min(name.size(), buffer.size() - 1);
    std::copy_n(name.data(), n, buffer.data());
    // Only fails for names over the limit, which the copy above rules out.
    pthread_setname_np(pthread_self(), buffer.data());
}

std::string this_thread_name() {
    std::array<char, 16> buffer{};
    pthread_getname_np(pthread_self(), buffer.data(), buffer.size());
    return buffer.data();
}

bool set_this_thread_nice(int nice) noexcept {
    if (nice < 0 || nice > 19) return false;
    return setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice) == 0;
}

int this_thread_nice() noexcept {
    errno = 0;
    const int value = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    return errno == 0 ? value : 0;
}

}  // namespace plenary
