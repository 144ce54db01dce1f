-- wrk script: POSTs realistic deals in rotation, one JSON deal per line of DEALS_FILE, with the API key in BENCH_API_KEY.
-- done() prints one JSON line: requests/s, latency p50/p99 in microseconds, and every kind of error.
local deals = {}
local next_deal = 1

function init(args)
  for line in io.lines(os.getenv("DEALS_FILE")) do
    deals[#deals + 1] = line
  end
  -- each wrk thread starts at another place in the list, so the threads do not send the same deal together
  next_deal = (math.random(#deals))
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
end

function request()
  local body = deals[next_deal]
  next_deal = next_deal % #deals + 1
  return wrk.format("POST", nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requestsPerSecond":%.1f,"p50Micros":%d,"p99Micros":%d,"requests":%d,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout))
end
