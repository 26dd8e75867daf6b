// Makes the self-signed development certificate `plenary serve` uses when no
// --cert/--key is given: ECDSA P-256, SAN localhost/127.0.0.1/::1, key file 0600.
#pragma once

#include <filesystem>

namespace plenary::certs {

struct cert_paths {
    std::filesystem::path cert;
    std::filesystem::path key;
};

// Paths of the development certificate kept beside a database file.
cert_paths dev_cert_paths_for(const std::filesystem::path& db_path);

// Creates the certificate and key if either is missing; leaves existing ones
// alone. Returns true when it created them. Throws std::runtime_error on failure.
bool ensure_dev_certificate(const cert_paths& paths);

}  // namespace plenary::certs
