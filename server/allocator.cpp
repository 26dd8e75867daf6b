// tcmalloc's settings for the plenary binary (see PLENARY_TCMALLOC in the
// top-level CMakeLists.txt).
#include "server/allocator.hpp"

#if PLENARY_TCMALLOC
#include <gperftools/malloc_extension_c.h>
#endif

namespace plenary::server {

bool configure_allocator() {
#if PLENARY_TCMALLOC
    // tcmalloc keeps freed pages for reuse by default. A password check is an
    // scrypt run that takes 128 MiB at once, so a single sign-in would leave
    // the server that much larger for good (149 MB resident after start
    // against 18 MB). Decommitting freed spans gives them back at once; the
    // small objects of the request path live in tcmalloc's caches and do not
    // reach this path (closed-loop registrations: no loss beyond the spread).
    return MallocExtension_SetNumericProperty("tcmalloc.aggressive_memory_decommit", 1) != 0;
#else
    return true;
#endif
}

}  // namespace plenary::server
