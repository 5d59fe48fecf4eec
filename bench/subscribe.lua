-- wrk script for bench/subscribe.sh: POST /api/subscriptions, a distinct address on every request.
--
--   wrk -t2 -c32 -d30s --latency -s bench/subscribe.lua http://127.0.0.1:PORT -- RUN_TAG
--
-- Addresses are bench-<RUN_TAG>-<thread>-<counter>@example.com. RUN_TAG (default: the time) keeps
-- the warm-up and measured runs from reusing each other's addresses. Every response that is not
-- 202 Accepted is counted, and done() prints one machine-readable "BENCH ..." line.

local threads = {}
local next_id = 0

function setup(thread)
    next_id = next_id + 1
    thread:set("id", next_id)
    table.insert(threads, thread)
end

function init(args)
    tag = args[1] or tostring(os.time())
    counter = 0
    not_accepted = 0
    first_bad = nil
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Accept"] = "application/json"
end

function request()
    counter = counter + 1
    local body = string.format(
        '{"email":"bench-%s-%d-%d@example.com","topics":["baby"],"frequency":"weekly","consent":true}',
        tag, id, counter)
    return wrk.format(nil, "/api/subscriptions", nil, body)
end

function response(status, headers, body)
    if status ~= 202 then
        not_accepted = not_accepted + 1
        if first_bad == nil then
            first_bad = status .. " " .. string.sub(body or "", 1, 200)
        end
    end
end

function done(summary, latency, requests)
    local bad = 0
    local sample = ""
    for _, thread in ipairs(threads) do
        bad = bad + (thread:get("not_accepted") or 0)
        local first = thread:get("first_bad")
        if first ~= nil and sample == "" then
            sample = first
        end
    end
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
        "non202=%d non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        bad, e.status, e.connect, e.read, e.write, e.timeout))
    if sample ~= "" then
        io.write("BENCH_FIRST_BAD " .. string.gsub(sample, "\n", " ") .. "\n")
    end
end
