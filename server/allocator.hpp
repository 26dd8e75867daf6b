// The allocator's settings, applied once at the start of main().
#pragma once

namespace plenary::server {

// With tcmalloc linked (PLENARY_TCMALLOC), makes it hand memory back to the
// system as soon as a large block is freed; without it, does nothing.
// Returns false when tcmalloc refused the setting.
bool configure_allocator();

}  // namespace plenary::server
