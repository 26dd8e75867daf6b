// Metrics registry and Prometheus text exposition format 0.0.4. Lookups take
// the registry mutex; updates touch only the series' atomics.
#include "common/metrics.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace plenary {

namespace {

enum family_kind : int { kind_counter, kind_gauge, kind_histogram, kind_gauge_callback };

void atomic_add(std::atomic<double>& target, double v) noexcept {
    double old = target.load(std::memory_order_relaxed);
    while (!target.compare_exchange_weak(old, old + v, std::memory_order_relaxed)) {
    }
}

bool valid_name(std::string_view name, bool allow_colon) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

// Labels are identified by their set, not the order a caller listed them in.
metric_labels normalized(const metric_labels& labels, bool histogram) {
    metric_labels out = labels;
    std::sort(out.begin(), out.end());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto& name = out[i].first;
        if (!valid_name(name, false) || name.starts_with("__")) {
            throw std::logic_error("invalid metric label name: " + name);
        }
        if (histogram && name == "le") throw std::logic_error("histograms can not have a label named le");
        if (i > 0 && out[i - 1].first == name) throw std::logic_error("duplicate metric label: " + name);
    }
    return out;
}

void append_number(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "NaN";
        return;
    }
    if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
        return;
    }
    char buf[64];
    // Plain decimals read best ("0.005", "42"); exponents only where they must.
    const double mag = std::fabs(v);
    const auto format =
        (v == 0.0 || (mag >= 1e-6 && mag < 1e15)) ? std::chars_format::fixed : std::chars_format::scientific;
    const auto res = std::to_chars(buf, buf + sizeof buf, v, format);
    out.append(buf, res.ptr);
}

void append_escaped(std::string& out, std::string_view text, bool quote) {
    for (const char c : text) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (quote && c == '"') {
            out += "\\\"";
        } else {
            out += c;
        }
    }
}

// Writes `{a="x",b="y"}` (plus an optional le), or nothing when there are no labels.
void append_labels(std::string& out, const metric_labels& labels, const std::string* le = nullptr) {
    if (labels.empty() && le == nullptr) return;
    out += '{';
    bool first = true;
    for (const auto& [name, value] : labels) {
        if (!first) out += ',';
        first = false;
        out += name;
        out += "=\"";
        append_escaped(out, value, true);
        out += '"';
    }
    if (le != nullptr) {
        if (!first) out += ',';
        out += "le=\"";
        out += *le;
        out += '"';
    }
    out += '}';
}

void append_sample(std::string& out, std::string_view name, const metric_labels& labels, double v,
                   const std::string* le = nullptr) {
    out += name;
    append_labels(out, labels, le);
    out += ' ';
    append_number(out, v);
    out += '\n';
}

}  // namespace

// ---- series ---------------------------------------------------------------

void counter::inc(double v) noexcept {
    // A counter only goes up; a negative increment is a caller bug.
    assert(v >= 0.0);
    if (!(v >= 0.0)) return;
    atomic_add(value_, v);
}

double counter::value() const noexcept {
    return value_.load(std::memory_order_relaxed);
}

void gauge::add(double v) noexcept {
    atomic_add(value_, v);
}

histogram::histogram(std::vector<double> upper_bounds) : bounds_(std::move(upper_bounds)) {
    // A trailing +Inf is implied; accept it when given.
    if (!bounds_.empty() && std::isinf(bounds_.back()) && bounds_.back() > 0) bounds_.pop_back();
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
        if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1])) {
            throw std::invalid_argument("histogram bounds must be finite and strictly increasing");
        }
    }
    buckets_ = std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1);
}

void histogram::observe(double v) noexcept {
    if (std::isnan(v)) return;  // would poison the sum forever
    // Buckets are stored per interval and made cumulative when read; "le" is inclusive.
    const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
    const auto index = static_cast<std::size_t>(it - bounds_.begin());
    buckets_[index].fetch_add(1, std::memory_order_relaxed);
    atomic_add(sum_, v);
    count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> histogram::cumulative_counts() const {
    std::vector<std::uint64_t> out(bounds_.size() + 1);
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        out[i] = running;
    }
    return out;
}

double histogram::sum() const noexcept {
    return sum_.load(std::memory_order_relaxed);
}

std::uint64_t histogram::count() const noexcept {
    return count_.load(std::memory_order_relaxed);
}

// ---- registry ---------------------------------------------------------------

struct metrics_registry::family {
    std::string name;
    std::string help;
    int kind = kind_counter;
    std::map<metric_labels, std::unique_ptr<counter>> counters;
    std::map<metric_labels, std::unique_ptr<gauge>> gauges;
    std::map<metric_labels, std::unique_ptr<histogram>> histograms;
    std::function<double()> callback;
};

metrics_registry::metrics_registry() = default;
metrics_registry::~metrics_registry() = default;

metrics_registry::family& metrics_registry::family_for(const std::string& name, const std::string& help, int type) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        if (!valid_name(name, true)) throw std::logic_error("invalid metric name: " + name);
        auto f = std::make_unique<family>();
        f->name = name;
        f->help = help;
        f->kind = type;
        it = families_.emplace(name, std::move(f)).first;
    } else if (it->second->kind != type) {
        throw std::logic_error("metric " + name + " registered again with another type");
    }
    return *it->second;
}

counter& metrics_registry::get_counter(const std::string& name, const std::string& help, const metric_labels& labels) {
    auto key = normalized(labels, false);
    std::lock_guard lock(mutex_);
    auto& slot = family_for(name, help, kind_counter).counters[std::move(key)];
    if (!slot) slot = std::make_unique<counter>();
    return *slot;
}

gauge& metrics_registry::get_gauge(const std::string& name, const std::string& help, const metric_labels& labels) {
    auto key = normalized(labels, false);
    std::lock_guard lock(mutex_);
    auto& slot = family_for(name, help, kind_gauge).gauges[std::move(key)];
    if (!slot) slot = std::make_unique<gauge>();
    return *slot;
}

histogram& metrics_registry::get_histogram(const std::string& name, const std::string& help,
                                           const std::vector<double>& bounds, const metric_labels& labels) {
    auto key = normalized(labels, true);
    auto fresh = std::make_unique<histogram>(bounds);  // validates bounds outside the lock
    std::lock_guard lock(mutex_);
    auto& slot = family_for(name, help, kind_histogram).histograms[std::move(key)];
    if (!slot) slot = std::move(fresh);
    return *slot;
}

void metrics_registry::add_gauge_callback(const std::string& name, const std::string& help,
                                          std::function<double()> fn) {
    if (!fn) throw std::logic_error("empty gauge callback for " + name);
    std::lock_guard lock(mutex_);
    auto& f = family_for(name, help, kind_gauge_callback);
    if (f.callback) throw std::logic_error("gauge callback " + name + " registered twice");
    f.callback = std::move(fn);
}

std::string metrics_registry::render() const {
    // Callbacks may take other locks (a store, a hub), so they run after the
    // registry lock is released; their lines are spliced in by position.
    struct block {
        std::string text;
        std::string name;
        std::function<double()> callback;
    };
    std::vector<block> blocks;
    {
        std::lock_guard lock(mutex_);
        blocks.reserve(families_.size());
        for (const auto& [name, f] : families_) {
            block b;
            b.name = name;
            auto& out = b.text;
            out += "# HELP " + name + ' ';
            append_escaped(out, f->help, false);
            out += "\n# TYPE " + name + ' ';
            out += f->kind == kind_counter ? "counter" : f->kind == kind_histogram ? "histogram" : "gauge";
            out += '\n';
            for (const auto& [labels, c] : f->counters) append_sample(out, name, labels, c->value());
            for (const auto& [labels, g] : f->gauges) append_sample(out, name, labels, g->value());
            for (const auto& [labels, h] : f->histograms) {
                const auto counts = h->cumulative_counts();
                std::string le;
                for (std::size_t i = 0; i < counts.size(); ++i) {
                    le.clear();
                    if (i < h->bounds().size()) {
                        append_number(le, h->bounds()[i]);
                    } else {
                        le = "+Inf";
                    }
                    append_sample(out, name + "_bucket", labels, static_cast<double>(counts[i]), &le);
                }
                append_sample(out, name + "_sum", labels, h->sum());
                // _count from the buckets so it always equals the +Inf bucket.
                append_sample(out, name + "_count", labels, static_cast<double>(counts.back()));
            }
            b.callback = f->callback;
            blocks.push_back(std::move(b));
        }
    }
    std::string out;
    for (auto& b : blocks) {
        out += b.text;
        if (b.callback) append_sample(out, b.name, {}, b.callback());
    }
    return out;
}

std::vector<double> metrics_registry::latency_buckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
}

}  // namespace plenary
