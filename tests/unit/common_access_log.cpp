// Tests for the access log line format and log_event: valid JSON, exact
// fields, no query strings, safe with hostile bytes.
#include "common/access_log.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace plenary;

namespace {

std::chrono::system_clock::time_point fixed_time() {
    // 2024-05-01T08:30:00.123Z
    return std::chrono::system_clock::time_point{std::chrono::seconds{1714552200}} + std::chrono::milliseconds{123};
}

access_entry sample() {
    access_entry e;
    e.remote = "192.0.2.7";
    e.method = "GET";
    e.path = "/api/v1/events";
    e.route = "/api/v1/events";
    e.status = 200;
    e.bytes_out = 512;
    e.duration = std::chrono::microseconds{1500};
    e.user_agent = "curl/8.0";
    e.tls = true;
    return e;
}

}  // namespace

TEST(AccessLog, OneJsonLineWithAllFields) {
    const auto line = access_log::format(sample(), fixed_time());
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const auto v = boost::json::parse(line).as_object();
    EXPECT_EQ(v.size(), 10u);
    EXPECT_EQ(v.at("ts").as_string(), "2024-05-01T08:30:00.123Z");
    EXPECT_EQ(v.at("remote").as_string(), "192.0.2.7");
    EXPECT_EQ(v.at("method").as_string(), "GET");
    EXPECT_EQ(v.at("path").as_string(), "/api/v1/events");
    EXPECT_EQ(v.at("route").as_string(), "/api/v1/events");
    EXPECT_EQ(v.at("status").to_number<int>(), 200);
    EXPECT_EQ(v.at("bytes").to_number<int>(), 512);
    EXPECT_DOUBLE_EQ(v.at("duration_ms").to_number<double>(), 1.5);
    EXPECT_EQ(v.at("ua").as_string(), "curl/8.0");
    EXPECT_EQ(v.at("tls").as_bool(), true);
}

TEST(AccessLog, NeverLogsAQueryString) {
    auto e = sample();
    e.path = "/api/v1/registrations/self?token=secret";
    const auto line = access_log::format(e, fixed_time());
    EXPECT_EQ(line.find("secret"), std::string::npos);
    EXPECT_EQ(boost::json::parse(line).at("path").as_string(), "/api/v1/registrations/self");
}

TEST(AccessLog, HostileTextStaysOneValidLine) {
    auto e = sample();
    const std::string ua = std::string("evil\"\n\r\x01\xFF").append(300, 'x').append("\xE4\xBC\x9A");
    e.user_agent = ua;
    e.path = "/a\nb\"c";
    const auto line = access_log::format(e, fixed_time());
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const auto v = boost::json::parse(line);  // would throw on invalid UTF-8 or escaping
    EXPECT_EQ(v.at("path").as_string(), "/a\nb\"c");
    const auto logged_ua = v.at("ua").as_string();
    EXPECT_LE(logged_ua.size(), 200u + 2u);  // U+FFFD is 3 bytes for the 1 it replaced
    EXPECT_TRUE(logged_ua.starts_with("evil\"\n\r\x01\xEF\xBF\xBD"));
}

TEST(AccessLog, WriteAppendsNewlineTerminatedLines) {
    std::FILE* f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    {
        access_log log(f);
        log.write(sample());
        log.write(sample());
    }
    std::rewind(f);
    std::string content;
    char buf[512];
    while (const auto n = std::fread(buf, 1, sizeof buf, f)) content.append(buf, n);
    std::fclose(f);
    const auto first_nl = content.find('\n');
    ASSERT_NE(first_nl, std::string::npos);
    EXPECT_EQ(content.size(), 2 * (first_nl + 1));
    EXPECT_EQ(content.back(), '\n');
    EXPECT_NO_THROW(boost::json::parse(content.substr(0, first_nl)));
}

TEST(AccessLog, NullOutputDisablesLogging) {
    access_log log(nullptr);
    EXPECT_NO_THROW(log.write(sample()));
}

TEST(LogEvent, WritesOneJsonLineToStderr) {
    testing::internal::CaptureStderr();
    log_event("error", "store failed", "disk \"full\"\n");
    log_event("info", "started");
    const auto out = testing::internal::GetCapturedStderr();
    const auto nl = out.find('\n');
    ASSERT_NE(nl, std::string::npos);
    ASSERT_EQ(out.back(), '\n');
    const auto first = boost::json::parse(out.substr(0, nl)).as_object();
    EXPECT_EQ(first.at("level").as_string(), "error");
    EXPECT_EQ(first.at("msg").as_string(), "store failed");
    EXPECT_EQ(first.at("detail").as_string(), "disk \"full\"\n");
    EXPECT_TRUE(first.at("ts").as_string().ends_with("Z"));
    const auto second = boost::json::parse(out.substr(nl + 1)).as_object();
    EXPECT_EQ(second.at("msg").as_string(), "started");
    EXPECT_FALSE(second.contains("detail"));
}
