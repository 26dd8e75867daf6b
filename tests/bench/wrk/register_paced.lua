-- register.lua at a fixed offered rate: arguments RUN_TAG TOTAL_RATE THREADS.
-- Each thread hands out send slots 1/(its share of the rate) apart, so the
-- total stays at TOTAL_RATE whatever the response time, as long as the
-- connections suffice; a thread that fell behind restarts from now instead of
-- bursting to catch up.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "register.lua")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1e3 + tonumber(ts.tv_nsec) / 1e6
end

local register_init = init
local interval_ms, next_slot

function init(args)
  register_init(args)
  local rate = assert(tonumber(args[2]), "usage: -- RUN_TAG TOTAL_RATE THREADS")
  local threads = assert(tonumber(args[3]), "usage: -- RUN_TAG TOTAL_RATE THREADS")
  interval_ms = 1e3 * threads / rate
  next_slot = now_ms() - interval_ms
end

function delay()
  local now = now_ms()
  next_slot = math.max(next_slot + interval_ms, now)
  return math.floor(next_slot - now)
end
