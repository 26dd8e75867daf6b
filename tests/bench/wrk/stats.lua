-- GET with the organizer's bearer token (argument 1). Used unchanged against
-- the nginx baseline too, so both servers get byte-identical requests. It has
-- no response() hook on purpose: wrk then skips header and body parsing, which
-- would otherwise cost client CPU on the same cores as the server.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "bench.lua")

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. assert(args[1], "usage: -- TOKEN")
end
