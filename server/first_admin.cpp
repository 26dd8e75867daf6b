// First-start administrator; see first_admin.hpp. The file is written before
// the user exists, so a failure never leaves an admin whose password nobody
// knows; if the user cannot be created the file is removed again.
#include "server/first_admin.hpp"

#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "db/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace plenary::server {

namespace {

// Creates the file exclusively. A file of that name left from an earlier
// installation (or another database in the same directory) is never
// overwritten: the next free name "<name>.1", "<name>.2", ... is used.
std::filesystem::path create_secret_file(const std::filesystem::path& base, int& fd) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto path = base;
        if (attempt > 0) path += std::string(".").append(std::to_string(attempt));
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0) return path;
        if (errno != EEXIST) break;
    }
    throw std::runtime_error("cannot create " + base.string() + ": " + std::strerror(errno));
}

std::filesystem::path write_secret_file(const std::filesystem::path& base, const std::string& content) {
    int fd = -1;
    const auto path = create_secret_file(base, fd);
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < content.size()) {
        const auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(saved));
    }
    return path;
}

}  // namespace

std::optional<std::filesystem::path> ensure_first_admin(db::store& store, const std::filesystem::path& db_path) {
    auto count = [](db::connection& conn) { return db::count_users(conn); };
    if (store.read_sync(count) > 0) return std::nullopt;

    // 18 random bytes are exactly 24 base64url characters (144 bits).
    const auto password = base64url(random_bytes(18));
    const auto hash = hash_password(password);
    const auto path = write_secret_file(db_path.parent_path() / first_admin_file_name,
                                        std::string(first_admin_email).append("\n").append(password).append("\n"));
    try {
        auto create = [&hash](db::connection& conn) {
            // Checked again inside the write: only an empty store gets the admin.
            if (db::count_users(conn) > 0) return false;
            db::insert_user(conn, first_admin_email, "Administrator", "admin", hash);
            return true;
        };
        if (store.write_sync(create)) return path;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        throw;
    }
    std::filesystem::remove(path);
    return std::nullopt;
}

}  // namespace plenary::server
