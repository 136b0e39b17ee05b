// Event-loop delay of the gateway under a steady load, without and then with cost-analytics
// queries over 1M audit records running. The gateway runs in this process (so its event
// loop can be measured); the load comes from a separate autocannon process.
// Usage: npm run bench:eld   (BENCH_ELD_RECORDS, BENCH_ELD_RATE, BENCH_ELD_SECONDS)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { loadConfig, startGateway } from "../packages/gateway/dist/index.js";
import { newId } from "../packages/gateway/dist/lib/ids.js";
import { Store } from "../packages/gateway/dist/store/index.js";

const RECORDS = Number(process.env.BENCH_ELD_RECORDS ?? 1_000_000);
const RATE = Number(process.env.BENCH_ELD_RATE ?? 400);
const SECONDS = Number(process.env.BENCH_ELD_SECONDS ?? 8);
const ADMIN = "bench-admin-key-0123456789";
const dir = mkdtempSync(join(tmpdir(), "igris-bench-eld-"));

async function fill() {
  const store = await Store.open({ dataDir: dir });
  await store.ensureOrganisation("org_default", "Default organisation", Date.now());
  const sqlite = store.connection.sqlite;
  const insert = sqlite.prepare(
    "insert into audit_records (id, org_id, created_at, api_key_id, virtual_key, provider, endpoint, requested_model, upstream_model, user_id, metadata, status_code, outcome, prompt_tokens, completion_tokens, cost_micro_usd, latency_ms, streamed) values (?, 'org_default', ?, 'key_b', ?, ?, 'chat.completions', '@x/m', ?, ?, ?, 200, 'success', 120, 40, ?, 300, 0)",
  );
  const start = Date.now() - 30 * 86_400_000;
  const many = sqlite.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const at = start + Math.floor((i / RECORDS) * 30 * 86_400_000);
      insert.run(newId("req", at), at, `vk-${i % 7}`, i % 3 ? "openai" : "groq", i % 5 ? "gpt-4o-mini" : "gpt-4o", `user-${i % 500}`, `{"team":"t${i % 9}"}`, 20 + (i % 90));
    }
  });
  for (let i = 0; i < RECORDS; i += 50_000) many(i, Math.min(i + 50_000, RECORDS));
  await store.close();
}

function load(url, seconds) {
  const body = JSON.stringify({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "hello" }] });
  const child = spawn(process.execPath, [
    join(process.cwd(), "node_modules/autocannon/autocannon.js"), "-c", "10", "-R", String(RATE), "-d", String(seconds), "-m", "POST",
    "-H", `authorization=Bearer ${ADMIN}`, "-H", "content-type=application/json", "-b", body, "-j", `${url}/v1/chat/completions`,
  ], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  return new Promise((resolve) => child.on("exit", () => resolve(JSON.parse(out))));
}

const ms = (ns) => (ns / 1e6).toFixed(2);

try {
  const t0 = Date.now();
  await fill();
  console.log(`filled ${RECORDS.toLocaleString()} audit records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const gw = await startGateway(
    loadConfig({}, { host: "127.0.0.1", port: 0, dataDir: dir, adminKey: ADMIN, logLevel: "silent", demo: true }),
    { logger: pino({ level: "silent" }) },
  );
  // The database was filled before the first start, so the demo virtual key is made here.
  const vk = await fetch(`${gw.url}/api/virtual-keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({ slug: "demo", provider: "demo", apiKey: "demo" }),
  });
  if (vk.status !== 201 && vk.status !== 409) throw new Error(`demo virtual key: ${vk.status}`);
  const eld = monitorEventLoopDelay({ resolution: 1 });
  const results = {};
  for (const phase of ["steady load only", "steady load + analytics queries"]) {
    const loading = load(gw.url, SECONDS);
    await new Promise((r) => setTimeout(r, 1000)); // let the load settle
    eld.reset();
    eld.enable();
    let queries = 0;
    const durations = [];
    const until = Date.now() + (SECONDS - 2) * 1000;
    if (phase.includes("analytics")) {
      while (Date.now() < until) {
        const q0 = Date.now();
        const res = await fetch(`${gw.url}/api/costs?groupBy=${queries % 2 ? "model" : "metadata.team"}&interval=day&from=0`, { headers: { authorization: `Bearer ${ADMIN}` } });
        const json = await res.json();
        if (res.status !== 200 || json.totals.requests < RECORDS) throw new Error(`analytics failed: ${res.status}`);
        durations.push(Date.now() - q0);
        queries++;
      }
    } else {
      await new Promise((r) => setTimeout(r, until - Date.now()));
    }
    eld.disable();
    const stats = await loading;
    results[phase] = { p50: eld.percentile(50), p99: eld.percentile(99), max: eld.max, rps: stats.requests.average, non2xx: stats.non2xx, queries, durations };
  }
  await gw.close();
  console.log(`gateway event-loop delay at ${RATE} req/s (@demo, key auth, audit on), ${SECONDS}-s phases:`);
  for (const [phase, r] of Object.entries(results)) {
    const q = r.queries ? `; ${r.queries} analytics queries over ${RECORDS.toLocaleString()} records, ${Math.min(...r.durations)}–${Math.max(...r.durations)} ms each` : "";
    console.log(`  ${phase.padEnd(34)} p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  max ${ms(r.max)} ms  (${r.rps} req/s, non-2xx ${r.non2xx}${q})`);
  }
  const p99 = results["steady load + analytics queries"].p99 / 1e6;
  console.log(`  target: p99 ≤ 10 ms while analytics run: ${p99 <= 10 ? "PASS" : "MISS"} (${p99.toFixed(2)} ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
