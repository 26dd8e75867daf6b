// What the calling thread is called and how much the kernel favours it.
// Named threads are what `top -H`, `perf` and /proc/PID/task/*/comm show, so
// an operator can tell the writer from the WebSocket threads when one of
// them is busy. Linux only, like the rest of the server.
#pragma once

#include <string>
#include <string_view>

namespace plenary {

// Names the calling thread; the kernel keeps the first 15 bytes.
void name_this_thread(std::string_view name) noexcept;

// The calling thread's name.
std::string this_thread_name();

// Raises the calling thread's nice value to `nice` (0 to 19; lower values
// need privileges the server does not ask for). Returns false, leaving the
// priority as it was, when the kernel refuses or `nice` is out of range.
bool set_this_thread_nice(int nice) noexcept;

// The calling thread's nice value.
int this_thread_nice() noexcept;

}  // namespace plenary
