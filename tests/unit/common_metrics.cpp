// Tests for the metrics registry: exact text exposition output, series
// identity, type conflicts and concurrent updates.
#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace plenary;

TEST(Metrics, CounterWithEscapedLabels) {
    metrics_registry reg;
    auto& c = reg.get_counter("plenary_requests_total", "Requests by route.\nSecond line \\ backslash",
                              {{"route", "/a\"b\\c\nd"}, {"method", "GET"}});
    c.inc();
    c.inc(2);
    EXPECT_EQ(reg.render(),
              "# HELP plenary_requests_total Requests by route.\\nSecond line \\\\ backslash\n"
              "# TYPE plenary_requests_total counter\n"
              "plenary_requests_total{method=\"GET\",route=\"/a\\\"b\\\\c\\nd\"} 3\n");
}

TEST(Metrics, GaugeWithoutLabelsAndFractions) {
    metrics_registry reg;
    auto& g = reg.get_gauge("plenary_open_connections", "Open connections.");
    g.set(5);
    g.add(-1.5);
    EXPECT_EQ(g.value(), 3.5);
    EXPECT_EQ(reg.render(),
              "# HELP plenary_open_connections Open connections.\n"
              "# TYPE plenary_open_connections gauge\n"
              "plenary_open_connections 3.5\n");
}

TEST(Metrics, HistogramBucketsSumAndCount) {
    metrics_registry reg;
    auto& h = reg.get_histogram("plenary_request_seconds", "Latency.", {0.005, 0.1, 1}, {{"route", "/x"}});
    h.observe(0.001);
    h.observe(0.005);  // le is inclusive
    h.observe(0.05);
    h.observe(3);
    EXPECT_EQ(h.count(), 4u);
    EXPECT_EQ(reg.render(),
              "# HELP plenary_request_seconds Latency.\n"
              "# TYPE plenary_request_seconds histogram\n"
              "plenary_request_seconds_bucket{route=\"/x\",le=\"0.005\"} 2\n"
              "plenary_request_seconds_bucket{route=\"/x\",le=\"0.1\"} 3\n"
              "plenary_request_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
              "plenary_request_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
              "plenary_request_seconds_sum{route=\"/x\"} 3.056\n"
              "plenary_request_seconds_count{route=\"/x\"} 4\n");
}

TEST(Metrics, FamiliesAndSeriesInStableOrder) {
    metrics_registry reg;
    reg.get_counter("b_total", "B.", {{"k", "2"}}).inc();
    reg.get_counter("b_total", "B.", {{"k", "1"}}).inc();
    reg.get_gauge("a", "A.").set(1);
    reg.add_gauge_callback("c", "C.", [] { return 7.0; });
    EXPECT_EQ(reg.render(),
              "# HELP a A.\n# TYPE a gauge\na 1\n"
              "# HELP b_total B.\n# TYPE b_total counter\nb_total{k=\"1\"} 1\nb_total{k=\"2\"} 1\n"
              "# HELP c C.\n# TYPE c gauge\nc 7\n");
}

TEST(Metrics, SameLabelsSameSeries) {
    metrics_registry reg;
    auto& a = reg.get_counter("x_total", "X.", {{"a", "1"}, {"b", "2"}});
    auto& b = reg.get_counter("x_total", "X.", {{"b", "2"}, {"a", "1"}});
    auto& c = reg.get_counter("x_total", "X.", {{"a", "1"}, {"b", "3"}});
    EXPECT_EQ(&a, &b);
    EXPECT_NE(&a, &c);
    auto& h1 = reg.get_histogram("h", "H.", metrics_registry::latency_buckets());
    auto& h2 = reg.get_histogram("h", "H.", metrics_registry::latency_buckets());
    EXPECT_EQ(&h1, &h2);
}

TEST(Metrics, MisuseIsALogicError) {
    metrics_registry reg;
    reg.get_counter("x_total", "X.");
    EXPECT_THROW(reg.get_gauge("x_total", "X."), std::logic_error);
    EXPECT_THROW(reg.get_counter("bad name", "X."), std::logic_error);
    EXPECT_THROW(reg.get_counter("ok_total", "X.", {{"bad-label", "v"}}), std::logic_error);
    EXPECT_THROW(reg.get_counter("ok_total", "X.", {{"a", "1"}, {"a", "2"}}), std::logic_error);
    EXPECT_THROW(reg.get_histogram("h", "H.", {1.0}, {{"le", "1"}}), std::logic_error);
    EXPECT_THROW(reg.get_histogram("h2", "H.", {1.0, 0.5}), std::invalid_argument);
    reg.add_gauge_callback("cb", "C.", [] { return 1.0; });
    EXPECT_THROW(reg.add_gauge_callback("cb", "C.", [] { return 2.0; }), std::logic_error);
}

TEST(Metrics, LatencyBucketsAreIncreasing) {
    const auto b = metrics_registry::latency_buckets();
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(b.front(), 0.0005);
    EXPECT_EQ(b.back(), 10.0);
    for (std::size_t i = 1; i < b.size(); ++i) EXPECT_LT(b[i - 1], b[i]);
    metrics_registry reg;
    reg.get_histogram("l", "L.", b).observe(0.0001);
    EXPECT_NE(reg.render().find("l_bucket{le=\"0.0005\"} 1\n"), std::string::npos) << reg.render();
}

TEST(Metrics, ConcurrentUpdatesAreNotLost) {
    metrics_registry reg;
    constexpr int threads = 4;
    constexpr int per_thread = 20000;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&reg, t] {
            // Each thread looks series up itself, as handlers on different threads would.
            auto& c = reg.get_counter("hits_total", "Hits.", {{"kind", "all"}});
            auto& g = reg.get_gauge("level", "Level.");
            auto& h = reg.get_histogram("obs", "Obs.", {0.5});
            for (int i = 0; i < per_thread; ++i) {
                c.inc();
                g.add(t % 2 == 0 ? 1.0 : -1.0);
                h.observe(0.25);
                if (i % 5000 == 0) (void)reg.render();
            }
        });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(reg.get_counter("hits_total", "Hits.", {{"kind", "all"}}).value(), threads * per_thread);
    EXPECT_EQ(reg.get_gauge("level", "Level.").value(), 0.0);
    auto& h = reg.get_histogram("obs", "Obs.", {0.5});
    EXPECT_EQ(h.count(), static_cast<std::uint64_t>(threads * per_thread));
    EXPECT_EQ(h.sum(), 0.25 * threads * per_thread);
    EXPECT_EQ(h.cumulative_counts().front(), static_cast<std::uint64_t>(threads * per_thread));
}
