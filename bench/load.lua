-- wrk script of bench/load.sh: POST /v1/qualifications with a rotation of realistic deals, three for each
-- advice, and three bad ones (a fifth: wrong type, unknown enum, malformed JSON). Each thread counts the answers
-- by status class; done() adds them up and prints the figures load.sh reads.
-- The API key comes from wrk's -H option; wrk.format does not add wrk.headers to a table of our own.

local good = {
  -- PROCEED
  [[{"id":"LOAD-PROCEED-1","asOf":"2026-11-23","client":{"name":"Northwind Logistics","relationshipYears":4,"lifetimeValue":850000,"statedNoNeed":false},"offering":{"name":"Freight audit suite","category":"SPECIALTY","novelty":"NEW_TO_CLIENT","amount":120000,"currency":"EUR"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"cut freight audit time by half","positioning":"WANT","requirementsCovered":0.85,"nothingNeeded":false},"infrastructure":{"fit":"MINOR_CHANGES","approvalsRequired":2,"politicalResistance":"LOW"},"incumbent":{"vendor":"Contoso","sameCategory":true,"clientSatisfied":true},"pricing":{"ourPrice":120000,"lowestCompetitorPrice":100000},"competitors":[{"name":"Acme","fitsRequirements":true,"fitsInfrastructure":true}],"pressure":{"internalPushToClose":true,"reason":"quarter end"}}]],
  [[{"id":"LOAD-PROCEED-2","asOf":"2026-03-02","client":{"name":"Fabrikam Health","relationshipYears":1,"lifetimeValue":40000},"offering":{"name":"Analytics upgrade","category":"LUXURY","novelty":"NEW_TO_CLIENT","amount":18000,"currency":"USD"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"board reports in one click","positioning":"WANT","requirementsCovered":0.6},"infrastructure":{"fit":"SEAMLESS","approvalsRequired":4,"politicalResistance":"MEDIUM"},"milestones":[{"name":"Pilot","due":"2026-02-01","status":"DONE"}]}]],
  [[{"id":"LOAD-PROCEED-3","asOf":"2026-06-15","client":{"name":"Globex Retail"},"offering":{"name":"Shelf sensors","category":"COMMODITY","novelty":"REPLACEMENT","amount":52000,"currency":"GBP"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"no empty shelves","positioning":"NEED","requirementsCovered":0.9},"infrastructure":{"fit":"SEAMLESS"},"incumbent":{"vendor":"Initech","sameCategory":true,"clientSatisfied":false},"pricing":{"ourPrice":50000,"lowestCompetitorPrice":50000},"incidents":[{"id":"INC-3","summary":"wrong invoice","clientLoss":200,"apologized":true,"amendsOffered":400,"resolved":false}]}]],
  -- WAIT
  [[{"id":"LOAD-WAIT-1","asOf":"2026-11-23","client":{"name":"Northwind Logistics","relationshipYears":4,"lifetimeValue":850000,"statedNoNeed":false},"offering":{"name":"Freight audit suite","category":"SPECIALTY","novelty":"NEW_TO_CLIENT","amount":120000,"currency":"EUR"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"cut freight audit time by half","positioning":"WANT","requirementsCovered":0.85,"nothingNeeded":false},"infrastructure":{"fit":"MINOR_CHANGES","approvalsRequired":2,"politicalResistance":"LOW"},"milestones":[{"name":"Security review","due":"2026-12-15","status":"PENDING"}],"incidents":[{"id":"INC-7","summary":"late delivery","clientLoss":500,"apologized":false,"amendsOffered":0,"resolved":false}]}]],
  [[{"id":"LOAD-WAIT-2","client":{"name":"Contoso Bank"},"offering":{"name":"Loan desk"}}]],
  [[{"id":"LOAD-WAIT-3","asOf":"2026-09-01","client":{"name":"Tailspin Air","statedNoNeed":true},"offering":{"name":"Crew planner","category":"SPECIALTY","amount":300000,"currency":"EUR"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"fewer reserve crews","positioning":"WANT","requirementsCovered":0.7},"infrastructure":{"fit":"MINOR_CHANGES","approvalsRequired":6,"politicalResistance":"HIGH"}}]],
  -- REFER
  [[{"id":"LOAD-REFER-1","asOf":"2026-11-23","client":{"name":"Northwind Logistics"},"offering":{"name":"Freight audit suite","category":"SPECIALTY"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"audit ocean freight","requirementsCovered":0.4},"competitors":[{"name":"Globex","fitsRequirements":true,"fitsInfrastructure":false},{"name":"Acme","fitsRequirements":true,"fitsInfrastructure":true}]}]],
  [[{"id":"LOAD-REFER-2","asOf":"2026-05-05","client":{"name":"Woodgrove Mills"},"offering":{"name":"Cloud MES","category":"SPECIALTY"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"on-premises control","requirementsCovered":0.8},"infrastructure":{"fit":"INCOMPATIBLE"}}]],
  [[{"id":"LOAD-REFER-3","asOf":"2026-07-10","client":{"name":"Litware Labs"},"offering":{"name":"Lab notebook","category":"SPECIALTY"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"audit trail","positioning":"WANT","requirementsCovered":0.75},"infrastructure":{"fit":"MAJOR_CHANGES","approvalsRequired":3},"competitors":[{"name":"Proseware","fitsRequirements":true,"fitsInfrastructure":true}]}]],
  -- NO_SALE
  [[{"id":"LOAD-NO-SALE-1","asOf":"2026-11-23","client":{"name":"Northwind Logistics"},"offering":{"name":"Freight audit suite"},"discovery":{"problemDiagnosed":true,"desiredOutcome":"cut audit time","nothingNeeded":true}}]],
  [[{"id":"LOAD-NO-SALE-2","asOf":"2026-04-20","client":{"name":"Adventure Works","statedNoNeed":true,"needConfirmed":false},"offering":{"name":"Bike fleet tracker","amount":9000,"currency":"EUR"}}]],
  [[{"id":"LOAD-NO-SALE-3","asOf":"2026-08-08","client":{"name":"Wide World Importers"},"offering":{"name":"CRM","category":"COMMODITY","novelty":"REPLACEMENT"},"incumbent":{"vendor":"Contoso CRM","sameCategory":true,"clientSatisfied":true},"discovery":{"problemDiagnosed":true,"desiredOutcome":"a CRM","requirementsCovered":0.9}}]],
}

local bad = {
  -- a number sent as text
  [[{"id":"LOAD-BAD-TYPE","client":{"name":"Northwind Logistics"},"offering":{"name":"Freight audit suite","amount":"120000"}}]],
  -- an advice field with a value the contract does not list
  [[{"id":"LOAD-BAD-ENUM","client":{"name":"Northwind Logistics"},"offering":{"name":"Freight audit suite","category":"CHEAP"}}]],
  -- cut off mid-way
  [[{"id":"LOAD-BAD-JSON","client":{"name":"Northwind Logistics"},"offering":{"name":"Freight au]],
}

local requests = {}
local next_request = 0
local threads = {}

-- Per thread (each has its own Lua state); done() reads them with thread:get.
s2xx, s4xx, s5xx, other = 0, 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  -- one bad deal after every four good ones
  for i, body in ipairs(good) do
    table.insert(requests, wrk.format("POST", "/v1/qualifications", headers, body))
    if i % 4 == 0 then
      table.insert(requests, wrk.format("POST", "/v1/qualifications", headers, bad[i / 4]))
    end
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    s2xx = s2xx + 1
  elseif status >= 400 and status < 500 then
    s4xx = s4xx + 1
  elseif status >= 500 then
    s5xx = s5xx + 1
  else
    other = other + 1
  end
end

function done(summary, latency)
  local counts = { s2xx = 0, s4xx = 0, s5xx = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(counts) do
      counts[name] = counts[name] + thread:get(name)
    end
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  local answered = counts.s2xx + counts.s4xx + counts.s5xx + counts.other
  io.write(string.format("requests/s     %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50    %.2f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p99    %.2f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("answers        2xx=%d 4xx=%d 5xx=%d other=%d\n",
      counts.s2xx, counts.s4xx, counts.s5xx, counts.other))
  io.write(string.format("bad deals      %.1f%% sent, 4xx=%.1f%% of answers\n",
      100 * #bad / (#good + #bad), answered == 0 and 0 or 100 * counts.s4xx / answered))
  io.write(string.format("socket errors  %d (connect %d, read %d, write %d, timeout %d)\n",
      socket_errors, errors.connect, errors.read, errors.write, errors.timeout))
end
