-- Shared by the wrk scripts of tests/bench: numbers the threads and prints one
-- machine-readable result line from done(), so http_bench.sh reads its figures
-- from a stable format instead of scraping wrk's human-oriented report.

local threads = {}

-- Runs in wrk's setup environment; each thread gets a distinct thread_id global.
function bench_setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

local function json_number(n)
  return string.format("%.3f", n):gsub("%.?0+$", "")
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' or c == "\\" then
      return "\\" .. c
    end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

-- Sums the per-thread `statuses` tables and `issued` counters that the running
-- scripts may keep, and keeps the first unexpected response body for the log.
local function gather_threads()
  local statuses, issued, sample = {}, 0, nil
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      statuses[status] = (statuses[status] or 0) + n
    end
    issued = issued + (thread:get("issued") or 0)
    sample = sample or thread:get("unexpected_sample")
  end
  return statuses, issued, sample
end

function bench_done(summary, latency)
  local statuses, issued, sample = gather_threads()
  local status_fields = {}
  for status, n in pairs(statuses) do
    status_fields[#status_fields + 1] = string.format('"%d":%d', status, n)
  end
  local e = summary.errors
  local fields = {
    '"requests":' .. summary.requests,
    '"duration_us":' .. summary.duration,
    '"rps":' .. json_number(summary.requests / summary.duration * 1e6),
    string.format('"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}',
      e.connect, e.read, e.write, e.status, e.timeout),
    string.format('"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%s}',
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, json_number(latency.mean)),
    '"statuses":{' .. table.concat(status_fields, ",") .. "}",
    '"issued":' .. issued,
  }
  if sample then
    fields[#fields + 1] = '"unexpected_sample":' .. json_string(sample)
  end
  io.write("@@bench {", table.concat(fields, ","), "}\n")
end

function done(summary, latency)
  bench_done(summary, latency)
end

setup = bench_setup
