-- Anonymous registrations, each with an address no other request of the
-- benchmark uses: run tag (argument 1), wrk thread number and a per-thread
-- counter. Counts responses by status so the caller can compare the 201s with
-- what the database holds afterwards.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "bench.lua")

statuses = {}
issued = 0

local tag

function init(args)
  tag = assert(args[1], "usage: -- RUN_TAG")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

-- wrk also calls this once to check the request, so `issued` is an upper
-- bound on what reached the server; that call's address is simply never used.
function request()
  issued = issued + 1
  local body = string.format(
    '{"name":"Person %d","email":"p%d-t%d-%s@bench.example","country":"CN","language":"en"}',
    issued, issued, thread_id, tag)
  return wrk.format(nil, nil, nil, body)
end

function response(status, _, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 201 and not unexpected_sample then
    unexpected_sample = status .. " " .. body:sub(1, 300)
  end
end
