-- wrk script of bench/orders and bench/startup: POST /api/orders for one unit of one SKU, every request with an
-- Idempotency-Key of its own, so that each one places a new order.
--
--   BENCH_TOKEN=<access token> BENCH_SKU=<sku> BENCH_RUN=<unique tag> wrk -t2 -c32 -d20s -s bench/orders.lua URL
--
-- The token comes from the environment, not from the command line, which every user of the machine can read.
-- done() prints one "key value" line each: sent (requests written), requests (answers read), duration_us, p50_us,
-- p99_us, the socket errors (errors_connect, errors_read, errors_write, errors_timeout) and the answers by status
-- (status_201, ...). wrk stops at the end of its duration without reading the answers still in flight (up to one
-- per connection): sent - requests orders may have been placed without wrk knowing.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

function init(args)
  local run = os.getenv("BENCH_RUN") or tostring(os.time())
  key_prefix = run .. "-" .. thread_no .. "-"
  counter = 0
  statuses = {}
  body = '{"lines":[{"sku":"' .. assert(os.getenv("BENCH_SKU"), "BENCH_SKU is not set") .. '","quantity":1}]}'
  headers = {
    ["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN is not set"),
    ["Content-Type"] = "application/json",
  }
end

function request()
  counter = counter + 1
  headers["Idempotency-Key"] = key_prefix .. counter
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, sent = {}, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("counter")
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  io.write(string.format("sent %d\n", sent))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("duration_us %d\n", summary.duration))
  io.write(string.format("p50_us %d\n", latency:percentile(50)))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
  for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do
    io.write(string.format("errors_%s %d\n", kind, summary.errors[kind]))
  end
  for status, count in pairs(total) do
    io.write(string.format("status_%d %d\n", status, count))
  end
end
