-- wrk script for bench/server/writes.sh: every request carries the bearer token ($BENCH_TOKEN); one in
-- $BENCH_WRITE_EVERY is a POST that creates a new ESA mission (an id unique to the run, the wrk thread and its counter), the
-- others GET one mission.
-- At the end it prints how many writes the server acknowledged (201), which wrk's own summary does not tell apart.
local thread_list = {}

function setup(thread)
  table.insert(thread_list, thread)
  thread:set("thread_no", #thread_list)
end

function init(args)
  token = os.getenv("BENCH_TOKEN")
  write_every = tonumber(os.getenv("BENCH_WRITE_EVERY"))
  counter = 0
  created = 0
  refused = 0
  read = wrk.format("GET", "/api/v1/missions/artemis-3", { ["Authorization"] = "Bearer " .. token })
end

function request()
  counter = counter + 1
  if counter % write_every ~= 0 then
    return read
  end
  local id = string.format("esa-load-%d-%d-%d", write_every, thread_no, counter)
  local body = string.format('{"id":"%s","name":"Load test %s","destination":"Moon","kind":"robotic",' ..
    '"type":"lander","status":"planned","commitment":"study","visibility":{"scope":"partners"}}', id, id)
  return wrk.format("POST", "/api/v1/missions",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status >= 300 then
    refused = refused + 1
    if refused <= 2 then
      io.stderr:write(string.format("refused: %d %s\n", status, body:sub(1, 300)))
    end
  end
end

function done(summary, latency, requests)
  local acknowledged, errors = 0, 0
  for _, thread in ipairs(thread_list) do
    acknowledged = acknowledged + thread:get("created")
    errors = errors + thread:get("refused")
  end
  io.write(string.format("acknowledged writes: %d (%.0f/s), refused: %d\n", acknowledged,
    acknowledged / (summary.duration / 1e6), errors))
end
