// The TLS profile as a client sees it: versions, cipher choice, certificate
// verification and session resumption.
#include "../support/eventually.hpp"
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

TEST(Tls, Tls11IsRefused) {
    test_server srv;
    client_options legacy{.min_tls_version = TLS1_VERSION, .max_tls_version = TLS1_1_VERSION, .allow_legacy = true};
    EXPECT_THROW(test_client client(srv.port(), legacy), boost::system::system_error);
    // The client may see the alert before the server counted it.
    EXPECT_TRUE(eventually(
        [&] { return srv.metrics().get_counter("plenary_tls_handshake_failures_total", "").value() >= 1.0; }));
}

TEST(Tls, Tls12IsAcceptedWithAForwardSecretAeadCipher) {
    test_server srv;
    test_client client(srv.port(), {.max_tls_version = TLS1_2_VERSION});
    EXPECT_EQ(client.tls_version(), "TLSv1.2");
    const auto cipher = client.cipher();
    EXPECT_EQ(cipher.rfind("ECDHE-", 0), 0u) << cipher;
    EXPECT_TRUE(cipher.find("GCM") != std::string::npos || cipher.find("CHACHA20") != std::string::npos) << cipher;
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

TEST(Tls, Tls13IsAccepted) {
    test_server srv;
    test_client client(srv.port(), {.min_tls_version = TLS1_3_VERSION});
    EXPECT_EQ(client.tls_version(), "TLSv1.3");
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

TEST(Tls, CbcAndStaticRsaCiphersAreRefused) {
    test_server srv;
    client_options weak{.max_tls_version = TLS1_2_VERSION, .cipher_list = "AES128-SHA:ECDHE-ECDSA-AES128-SHA"};
    EXPECT_THROW(test_client client(srv.port(), weak), boost::system::system_error);
}

TEST(Tls, DevCertificateVerifiesForLocalhost) {
    test_server srv;
    test_client client(srv.port(), {.ca_file = srv.cert_file().string()});
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

void expect_resumption(int version) {
    test_server srv;
    ssl_session_ptr session;
    {
        test_client first(srv.port(), {.min_tls_version = version, .max_tls_version = version});
        // TLS 1.3 tickets arrive after the handshake; a request makes sure they were read.
        EXPECT_EQ(first.request(http::verb::get, "/healthz").result(), http::status::ok);
        EXPECT_FALSE(first.session_reused());
        session = first.session();
    }
    ASSERT_TRUE(session);
    test_client second(srv.port(), {.min_tls_version = version, .max_tls_version = version, .resume = session.get()});
    EXPECT_TRUE(second.session_reused());
    EXPECT_EQ(second.request(http::verb::get, "/healthz").result(), http::status::ok);
}

TEST(Tls, SessionResumptionWorksOnTls12) {
    expect_resumption(TLS1_2_VERSION);
}

TEST(Tls, SessionResumptionWorksOnTls13) {
    expect_resumption(TLS1_3_VERSION);
}

}  // namespace
}  // namespace plenary::testing
