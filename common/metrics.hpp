// Prometheus-style metrics: counters, gauges and histograms with labels,
// rendered in the text exposition format for GET /metrics. Hot paths keep a
// reference to their series (lookup once) and update it with atomics only.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace plenary {

using metric_labels = std::vector<std::pair<std::string, std::string>>;

class counter {
public:
    void inc(double v = 1.0) noexcept;
    double value() const noexcept;

private:
    std::atomic<double> value_{0.0};
};

class gauge {
public:
    void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }
    void add(double v) noexcept;
    double value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0.0};
};

class histogram {
public:
    explicit histogram(std::vector<double> upper_bounds);
    void observe(double v) noexcept;
    const std::vector<double>& bounds() const noexcept { return bounds_; }
    // Cumulative counts per bound, then +Inf; sum; count.
    std::vector<std::uint64_t> cumulative_counts() const;
    double sum() const noexcept;
    std::uint64_t count() const noexcept;

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
    std::atomic<double> sum_{0.0};
    std::atomic<std::uint64_t> count_{0};
};

class metrics_registry {
public:
    metrics_registry();
    ~metrics_registry();  // defined where `family` is complete
    metrics_registry(const metrics_registry&) = delete;
    metrics_registry& operator=(const metrics_registry&) = delete;

    // The same name + labels always returns the same series. The first call
    // for a name fixes its help text and type; a later call with another type
    // throws std::logic_error (a programming error).
    counter& get_counter(const std::string& name, const std::string& help, const metric_labels& labels = {});
    gauge& get_gauge(const std::string& name, const std::string& help, const metric_labels& labels = {});
    histogram& get_histogram(const std::string& name, const std::string& help, const std::vector<double>& bounds,
                             const metric_labels& labels = {});
    // A gauge computed at scrape time (queue depths, open connections held elsewhere).
    void add_gauge_callback(const std::string& name, const std::string& help, std::function<double()> fn);

    std::string render() const;  // text/plain; version=0.0.4

    static std::vector<double> latency_buckets();  // seconds, 0.0005 .. 10

private:
    struct family;
    family& family_for(const std::string& name, const std::string& help, int type);

    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<family>> families_;
};

}  // namespace plenary
