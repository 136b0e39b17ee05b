#!/usr/bin/env node
// Load benchmark: the gateway against the mock upstream called directly and against
// a bare proxy, on the same machine. See bench/README.md for how to read the output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { checkAnswer } from "./lib/check-responses.mjs";
import { runAutocannon, sequentialLatency } from "./lib/load.mjs";
import { assertAlive, killAllNow, startChild, stopAll } from "./lib/processes.mjs";
import { CLOCK_TICKS, cpuMicros, memoryMiB } from "./lib/proc-stats.mjs";
import { fixed, latencyTable, problemsIn, runTable, TARGETS, verdict } from "./lib/report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS_FILE = path.join(ROOT, "bench/results/latest.json");
const ADMIN_KEY = "igris-bench-admin-key-not-secret";
const UPSTREAM_KEY = "sk-bench";
const FIXTURES = { json: "openai/vercel-openai-text", sse: "openai/vercel-openai-text-stream" };
const SLUGS = { json: "bench-json", sse: "bench-sse" };
const MESSAGES = [{ role: "user", content: "hi" }];
// Every target gets the same bytes. The SSE body asks for the usage chunk because the
// gateway always asks upstream for it; without this the mock would send the gateway a
// longer stream than it sends the direct and baseline targets.
const BODIES = {
  json: JSON.stringify({ model: `@${SLUGS.json}/gpt-4.1-nano`, messages: MESSAGES }),
  sse: JSON.stringify({ model: `@${SLUGS.sse}/gpt-4.1-nano`, messages: MESSAGES, stream: true, stream_options: { include_usage: true } }),
};
const LATENCY_WARMUP_SAMPLES = 200;

function readConfig(env) {
  const number = (name, fallback, { integer = false, zeroAllowed = false } = {}) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    const ok = Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
    if (!ok) throw new Error(`${name} must be a ${zeroAllowed ? "non-negative" : "positive"} ${integer ? "integer" : "number"}, got "${raw}"`);
    return value;
  };
  return {
    durationS: number("BENCH_DURATION", 10),
    connections: number("BENCH_CONNECTIONS", 50, { integer: true }),
    warmupS: number("BENCH_WARMUP", 3, { zeroAllowed: true }),
    latencySamples: number("BENCH_LATENCY_N", 2000, { integer: true }),
  };
}

async function main(config, state) {
  printHeader(config);
  state.dataDir = mkdtempSync(path.join(os.tmpdir(), "igris-bench-"));
  const children = await startChildren(state.dataDir);
  const [mock, baseline, gateway] = children;
  for (const kind of ["json", "sse"]) {
    await createVirtualKey(gateway.url, SLUGS[kind], `${mock.url}/_mock/fixture=${FIXTURES[kind]}/v1`);
  }
  const targets = { json: targetsFor("json", children), sse: targetsFor("sse", children) };
  const answers = await checkAnswers(targets);

  const c = config.connections;
  const scenarios = [
    { id: "json", kind: "json", connections: c, title: `(a) JSON, non-streaming, ${c} connections` },
    { id: "sse", kind: "sse", connections: c, title: `(b) SSE stream, ${c} connections` },
    { id: "json1", kind: "json", connections: 1, title: "(c) JSON, non-streaming, 1 connection" },
  ];
  const results = { startedAt: new Date().toISOString(), machine: machine(), config, answers, scenarios: {}, verdicts: {}, flags: [] };
  for (const scenario of scenarios) {
    console.log(`\n${scenario.title}, ${config.durationS} s per target after ${config.warmupS} s warm-up`);
    console.log(`  upstream answer: ${describeAnswer(scenario.kind, answers)}`);
    const rows = [];
    for (const target of targets[scenario.kind]) {
      rows.push(await measure(target, scenario, mock.pid, config, results.flags));
      assertAlive(children);
    }
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    results.scenarios[scenario.id] = byName;
    console.log(indent(runTable(rows)));
    printRatios(scenario, byName, results.verdicts);
    if (scenario.id === "json1") {
      results.latency1 = await measureSequentialLatency(targets.json, config, results);
      assertAlive(children);
    }
    console.log(`  gateway RSS now: ${fixed(memoryMiB(gateway.pid).rss, 1)} MiB`);
  }

  results.memory = Object.fromEntries(children.map((ch) => [ch.name, memoryMiB(ch.pid)]));
  results.audit = await auditState(gateway.url, results.flags);
  printEnd(results, config);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
}

function printHeader(config) {
  const { cpus, cpuModel } = machine();
  const total = 9 * (config.warmupS + config.durationS);
  console.log(`Igris Gateway load benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus} CPUs (${cpuModel}), Node ${process.version}, CLK_TCK ${CLOCK_TICKS}`);
  console.log(
    `runs: ${config.durationS} s measured after ${config.warmupS} s warm-up per target, ${config.connections} connections ` +
      `(1 for c); 1-connection loop: ${config.latencySamples} samples per target after ${LATENCY_WARMUP_SAMPLES}; about ${Math.ceil(total / 60)} min of load`,
  );
  console.log("targets: direct   = the mock upstream itself (own process; its request log emptied every second)");
  console.log("         baseline = bare node:http + undici Pool proxy (no parsing, auth or audit)");
  console.log("         gateway  = Igris (key auth, virtual key routing, usage and cost, SQLite audit on; log level warn)");
  console.log(
    `note: ${cpus} cores are shared by the mock, the proxy under test and autocannon (this process). The share is the same ` +
      "for the baseline and the gateway, so the gateway/baseline ratio is fair; absolute req/s are lower than on a machine with a dedicated load generator.",
  );
}

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? "unknown", node: process.version, clockTicks: CLOCK_TICKS };
}

async function startChildren(dataDir) {
  const mock = await startChild({
    name: "mock",
    args: [path.join(ROOT, "bench/mock-upstream.mjs"), "--port", "0"],
    readyPattern: /mock provider listening on (\S+)/,
  });
  const baseline = await startChild({
    name: "baseline",
    args: [path.join(ROOT, "bench/baseline-proxy.mjs"), "--upstream", mock.url, "--port", "0"],
    readyPattern: /baseline proxy listening on (\S+)/,
  });
  const gateway = await startChild({
    name: "gateway",
    args: [path.join(ROOT, "packages/gateway/dist/cli/main.js"), "start"],
    env: {
      IGRIS_PORT: "0",
      IGRIS_HOST: "127.0.0.1",
      IGRIS_DATA_DIR: dataDir,
      IGRIS_ADMIN_KEY: ADMIN_KEY,
      IGRIS_LOG_LEVEL: "warn",
      // The built-in demo upstream is not part of what is measured.
      IGRIS_DEMO: "0",
    },
    readyPattern: /Igris Gateway listening on (\S+)/,
  });
  console.log(`started: mock ${mock.url} (pid ${mock.pid}), baseline ${baseline.url} (pid ${baseline.pid}), gateway ${gateway.url} (pid ${gateway.pid})`);
  return [mock, baseline, gateway];
}

async function createVirtualKey(gatewayUrl, slug, customBaseUrl) {
  const res = await request(`${gatewayUrl}/api/virtual-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ slug, provider: "openai-compatible", apiKey: UPSTREAM_KEY, customBaseUrl }),
  });
  const text = await res.body.text();
  if (res.statusCode !== 201) throw new Error(`creating virtual key ${slug} answered HTTP ${res.statusCode}: ${text}`);
}

function targetsFor(kind, [mock, baseline, gateway]) {
  const mockPath = `/_mock/fixture=${FIXTURES[kind]}/v1/chat/completions`;
  const upstreamHeaders = { "content-type": "application/json", authorization: `Bearer ${UPSTREAM_KEY}` };
  return [
    { name: "direct", origin: mock.url, path: mockPath, headers: upstreamHeaders, pid: mock.pid },
    { name: "baseline", origin: baseline.url, path: mockPath, headers: upstreamHeaders, pid: baseline.pid },
    {
      name: "gateway",
      origin: gateway.url,
      path: "/v1/chat/completions",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      pid: gateway.pid,
    },
  ];
}

/** One good answer from every target for both bodies, or the run stops here. */
async function checkAnswers(targets) {
  const answers = {};
  for (const kind of ["json", "sse"]) {
    const stream = kind === "sse";
    const byTarget = {};
    for (const target of targets[kind]) byTarget[target.name] = await checkAnswer(target, BODIES[kind], { stream });
    if (stream && new Set(Object.values(byTarget).map((a) => a.events)).size !== 1) {
      throw new Error(`targets relay different numbers of SSE events: ${JSON.stringify(byTarget)}`);
    }
    answers[kind] = { fixture: FIXTURES[kind], ...byTarget.direct, byTarget };
  }
  return answers;
}

function describeAnswer(kind, answers) {
  const a = answers[kind];
  const size = `${fixed(a.bytes / 1024, 1)} KiB`;
  if (kind === "json") return `recorded fixture ${a.fixture} (${size} JSON)`;
  return `recorded fixture ${a.fixture} (${a.events} SSE events incl. usage chunk and [DONE], ${size} per answer; the mock writes it at once)`;
}

/** Warm-up, then the measured run with the CPU time the target and the mock spent on it. */
async function measure(target, scenario, mockPid, config, flags) {
  const load = { body: BODIES[scenario.kind], connections: scenario.connections };
  if (config.warmupS > 0) {
    const warm = await runAutocannon(target, { ...load, durationS: config.warmupS });
    flags.push(...problemsIn(`${scenario.id} ${target.name} warm-up`, warm));
  }
  const targetCpu0 = cpuMicros(target.pid);
  const mockCpu0 = cpuMicros(mockPid);
  const run = await runAutocannon(target, { ...load, durationS: config.durationS });
  const targetCpu = cpuMicros(target.pid) - targetCpu0;
  const mockCpu = cpuMicros(mockPid) - mockCpu0;
  flags.push(...problemsIn(`${scenario.id} ${target.name}`, run));
  const perRequest = (micros) => (run.completed > 0 ? micros / run.completed : null);
  return { name: target.name, ...run, cpuMicrosPerReq: perRequest(targetCpu), mockCpuMicrosPerReq: perRequest(mockCpu) };
}

function printRatios(scenario, r, verdicts) {
  const vsBaseline = r.gateway.rps / r.baseline.rps;
  const vsDirect = r.gateway.rps / r.direct.rps;
  if (scenario.id === "json1") {
    console.log(`  gateway/baseline req/s: ${fixed(vsBaseline, 3)}   gateway/direct req/s: ${fixed(vsDirect, 3)}`);
    console.log(
      `  added p50 latency per autocannon (whole-ms buckets, too coarse for 0.3 ms): ` +
        `gateway − direct ${r.gateway.p50Ms - r.direct.p50Ms} ms, gateway − baseline ${r.gateway.p50Ms - r.baseline.p50Ms} ms`,
    );
    return;
  }
  const target = scenario.kind === "sse" ? TARGETS.sseThroughputRatio : TARGETS.jsonThroughputRatio;
  const v = verdict(vsBaseline, target, ">=");
  verdicts[`${scenario.id}GatewayOverBaseline`] = v;
  console.log(`  gateway/baseline req/s: ${fixed(vsBaseline, 3)}   ${v.text}`);
  console.log(`  gateway/direct   req/s: ${fixed(vsDirect, 3)}`);
  const cpuRatio = r.gateway.cpuMicrosPerReq / r.baseline.cpuMicrosPerReq;
  console.log(`  gateway CPU per request: ${fixed(cpuRatio, 2)}× the baseline's`);
}

async function measureSequentialLatency(targets, config, results) {
  console.log(
    `\n  1-connection latency, sequential undici loop (µs resolution): ${config.latencySamples} requests per target ` +
      `after ${LATENCY_WARMUP_SAMPLES}, targets interleaved`,
  );
  const byTarget = await sequentialLatency(targets, { body: BODIES.json, warmup: LATENCY_WARMUP_SAMPLES, samples: config.latencySamples });
  for (const [name, s] of Object.entries(byTarget)) {
    if (s.non2xx + s.errors > 0) results.flags.push(`latency loop ${name}: ${s.non2xx} non-2xx, ${s.errors} errors (first: ${s.firstFailure})`);
  }
  console.log(indent(latencyTable(byTarget)));
  const overDirect = byTarget.gateway.p50Ms - byTarget.direct.p50Ms;
  const overBaseline = byTarget.gateway.p50Ms - byTarget.baseline.p50Ms;
  const v = verdict(overDirect, TARGETS.addedLatencyP50Ms, "<=");
  results.verdicts.addedLatencyP50 = v;
  console.log(`  added p50 latency, gateway − direct:   ${fixed(overDirect, 3)} ms   ${v.text}`);
  console.log(`  added p50 latency, gateway − baseline: ${fixed(overBaseline, 3)} ms`);
  return { ...byTarget, addedP50MsOverDirect: overDirect, addedP50MsOverBaseline: overBaseline };
}

/** The gateway's own account of the run: audit backlog, failed flushes, failed calls. */
async function auditState(gatewayUrl, flags) {
  // The audit writer flushes every 200 ms by default; give the last batch time to land.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const get = async (p) => {
    const res = await request(gatewayUrl + p, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const body = await res.body.json();
    if (res.statusCode !== 200) throw new Error(`GET ${p} answered HTTP ${res.statusCode}: ${JSON.stringify(body)}`);
    return body;
  };
  const health = await get("/health");
  const outcomes = {};
  for (const outcome of ["failed", "upstream_error", "aborted"]) {
    const page = await get(`/api/audit?status=${outcome}&limit=1000`);
    outcomes[outcome] = page.nextCursor ? `${page.data.length}+` : page.data.length;
  }
  const latest = (await get("/api/audit?limit=1")).data[0] ?? null;
  const state = { pending: health.audit.pending, failedFlushes: health.audit.failedFlushes, outcomes, latestRecordAt: latest?.createdAt ?? null };
  if (state.failedFlushes > 0) flags.push(`gateway audit: ${state.failedFlushes} failed flushes`);
  if (outcomes.failed !== 0 || outcomes.upstream_error !== 0) flags.push(`gateway audit: failed calls recorded ${JSON.stringify(outcomes)}`);
  if (!latest) flags.push("gateway audit: no audit record was written");
  return state;
}

function printEnd(results, config) {
  console.log("\nmemory after the runs (RSS now / peak):");
  for (const [name, m] of Object.entries(results.memory)) {
    console.log(`  ${name.padEnd(9)} ${fixed(m.rss, 1).padStart(7)} MiB / ${fixed(m.peak, 1).padStart(7)} MiB`);
  }
  const a = results.audit;
  console.log(
    `gateway audit: ${a.pending} records pending, ${a.failedFlushes} failed flushes; records with outcome ` +
      `failed ${a.outcomes.failed}, upstream_error ${a.outcomes.upstream_error}, aborted ${a.outcomes.aborted} ` +
      "(aborted = in flight when a run's clock stopped)",
  );
  console.log("\ntargets (information only; the exit code does not depend on them):");
  const names = {
    jsonGatewayOverBaseline: `JSON ${config.connections}-conn gateway/baseline req/s`,
    sseGatewayOverBaseline: `SSE  ${config.connections}-conn gateway/baseline req/s`,
    addedLatencyP50: "added p50 latency at 1 conn (ms)",
  };
  for (const [key, v] of Object.entries(results.verdicts)) {
    console.log(`  ${(names[key] ?? key).padEnd(38)} ${fixed(v.value, 3).padStart(7)}   ${v.text}`);
  }
  if (results.flags.length === 0) {
    console.log("\nall responses 2xx, no errors or timeouts");
  } else {
    console.log(`\nFLAGGED: this run had ${results.flags.length} problem(s); its figures are suspect:`);
    for (const f of results.flags) console.log(`  - ${f}`);
  }
}

function indent(text) {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

const state = { dataDir: null };
async function shutdown() {
  await stopAll();
  if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}

process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}; stopping the child processes\n`);
    shutdown().finally(() => process.exit(130));
  });
}

try {
  await main(readConfig(process.env), state);
  await shutdown();
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nbench failed: ${error?.stack ?? error}\n`);
  await shutdown().catch(() => {});
  process.exit(1);
}
