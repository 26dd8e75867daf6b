// Self-signed ECDSA P-256 development certificate, made with OpenSSL's API so
// `plenary serve` needs no openssl command-line tool. The key is written with
// mode 0600 through a temporary file and a rename, so a crash never leaves a
// half-written or world-readable key behind.
#include "certs/dev_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace plenary::certs {

namespace {

template <class T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509, X509_free>>;
using ext_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION, X509_EXTENSION_free>>;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("development certificate: " + what);
}

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ext_ptr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value)};
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) fail("cannot add extension " + std::string(value));
}

x509_ptr make_certificate(EVP_PKEY* key) {
    x509_ptr cert{X509_new()};
    if (!cert) fail("X509_new failed");
    X509_set_version(cert.get(), 2);  // v3, needed for extensions

    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) fail("no randomness for the serial number");
    serial[0] &= 0x7F;  // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    if (!bn || !BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()))) fail("cannot set serial");
    BN_free(bn);

    // Browsers refuse leaf certificates valid for more than 398 days.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 397L * 24 * 3600);
    X509_set_pubkey(cert.get(), key);

    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Plenary development"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);

    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");

    if (X509_sign(cert.get(), key, EVP_sha256()) == 0) fail("signing failed");
    return cert;
}

// Writes through `write` into path.tmp (created with `mode`), then renames.
template <class Writer>
void write_pem(const std::filesystem::path& path, mode_t mode, Writer write) {
    const auto tmp = path.string() + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) fail("cannot create " + tmp);
    std::FILE* f = ::fdopen(fd, "w");
    if (!f) {
        ::close(fd);
        fail("cannot open " + tmp);
    }
    const bool ok = write(f) == 1;
    const bool flushed = std::fflush(f) == 0 && ::fsync(fd) == 0;
    std::fclose(f);
    if (!ok || !flushed || std::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        fail("cannot write " + path.string());
    }
}

}  // namespace

cert_paths dev_cert_paths_for(const std::filesystem::path& db_path) {
    auto dir = db_path.parent_path();
    if (dir.empty()) dir = ".";
    return {dir / "dev-cert.pem", dir / "dev-key.pem"};
}

bool ensure_dev_certificate(const cert_paths& paths) {
    if (std::filesystem::exists(paths.cert) && std::filesystem::exists(paths.key)) return false;
    if (!paths.cert.parent_path().empty()) std::filesystem::create_directories(paths.cert.parent_path());

    pkey_ptr key{EVP_EC_gen("P-256")};
    if (!key) fail("cannot generate a P-256 key");
    auto cert = make_certificate(key.get());

    write_pem(paths.key, 0600,
              [&](std::FILE* f) { return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
    write_pem(paths.cert, 0644, [&](std::FILE* f) { return PEM_write_X509(f, cert.get()); });
    return true;
}

}  // namespace plenary::certs
