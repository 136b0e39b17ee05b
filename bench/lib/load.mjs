// The two load generators: autocannon for throughput, and a sequential undici loop
// for 1-connection latency at microsecond resolution (autocannon 9 records latencies
// as whole milliseconds, so its p50 cannot resolve a 0.3 ms difference).
import autocannon from "autocannon";
import { Pool } from "undici";

/** One autocannon run; latency figures are autocannon's (ms, whole-ms buckets). */
export async function runAutocannon(target, { body, connections, durationS }) {
  const result = await autocannon({
    url: target.origin + target.path,
    method: "POST",
    headers: target.headers,
    body,
    connections,
    duration: durationS,
    pipelining: 1,
  });
  const ok = result["2xx"];
  return {
    durationS: result.duration,
    completed: result.requests.total,
    ok,
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}

/**
 * Sequential requests over one keep-alive connection per target, interleaved
 * (direct, baseline, gateway, direct, ...) so drift in machine load hits all alike.
 * Each sample runs from sending the request to the last byte of the body.
 */
export async function sequentialLatency(targets, { body, warmup, samples }) {
  const clients = targets.map((t) => ({ target: t, pool: new Pool(t.origin, { connections: 1, keepAliveTimeout: 30_000 }) }));
  const times = clients.map(() => new Float64Array(samples));
  const failures = clients.map(() => ({ non2xx: 0, errors: 0, firstFailure: null }));
  try {
    for (let i = 0; i < warmup + samples; i++) {
      for (let c = 0; c < clients.length; c++) {
        const elapsed = await timedRequest(clients[c], body, failures[c]);
        if (i >= warmup) times[c][i - warmup] = elapsed;
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.pool.close()));
  }
  return Object.fromEntries(
    clients.map((c, i) => [c.target.name, { samples, ...failures[i], ...summarise(times[i]) }]),
  );
}

async function timedRequest({ target, pool }, body, failure) {
  const start = process.hrtime.bigint();
  try {
    const res = await pool.request({ method: "POST", path: target.path, headers: target.headers, body });
    // Read to the last byte: for SSE the latency that matters is the whole answer's.
    for await (const _chunk of res.body);
    if (res.statusCode < 200 || res.statusCode > 299) {
      failure.non2xx++;
      failure.firstFailure ??= `HTTP ${res.statusCode}`;
    }
  } catch (error) {
    failure.errors++;
    failure.firstFailure ??= error.message;
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function summarise(ms) {
  const sorted = Float64Array.from(ms).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50Ms: at(50), p99Ms: at(99), meanMs: sum / sorted.length, minMs: sorted[0] };
}
