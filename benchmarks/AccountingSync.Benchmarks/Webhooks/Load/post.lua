-- Posts one signed Shopify delivery per request, each with its own webhook id so none is a duplicate.
local body = '{"id":450789469,"name":"#1001","total_price":"409.94","currency":"EUR","note":"load test order"}'
local counter = 0
local threads = 0

-- Each thread's Lua state starts from the same unseeded random state, so a random tag would repeat across
-- threads and runs, and half the requests would be duplicates (acknowledged, never inserted). The tag is set
-- per thread from the clock instead; the warm-up and the measured run start seconds apart.
function setup(thread)
  threads = threads + 1
  thread:set("thread_tag", string.format("%d-%d", os.time(), threads))
end

-- Ids in the order sent by default. ID_ORDER=random scatters them as real providers' UUIDs are (a multiplicative
-- hash of the counter, so still distinct): every insert then lands on its own page of the inbox's unique index.
local scatter = os.getenv("ID_ORDER") == "random"

function webhook_id()
  if scatter then
    return string.format("%08x-%s", (counter * 2654435761) % 4294967296, thread_tag)
  end
  return thread_tag .. "-" .. counter
end

function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Topic"] = "orders/updated",
    ["X-Shopify-Hmac-Sha256"] = os.getenv("SIGNATURE"),
    ["X-Shopify-Webhook-Id"] = webhook_id(),
  }
  return wrk.format("POST", "/webhooks/shop", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f  p50: %.2f ms  p99: %.2f ms  non-2xx: %d  errors: %d  requests: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
