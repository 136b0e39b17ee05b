// Audit writer throughput into SQLite: the real AuditWriter (hash chain included)
// writing N records through its batches into a fresh database file.
// Usage: node bench/audit-writer.mjs [records]   (npm run bench:audit builds first)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { AuditWriter } from "../packages/gateway/dist/audit/writer.js";
import { newId } from "../packages/gateway/dist/lib/ids.js";
import { Store } from "../packages/gateway/dist/store/index.js";

const N = Number(process.argv[2] ?? process.env.BENCH_AUDIT_RECORDS ?? 200_000);
const BATCH = Number(process.env.IGRIS_AUDIT_BATCH_SIZE ?? 500);

function record(i) {
  const now = Date.now();
  return {
    id: newId("req", now), org_id: "org_default", created_at: now, api_key_id: "key_bench", virtual_key: "openai-prod",
    provider: "openai", endpoint: "chat.completions", requested_model: "@openai-prod/gpt-4o-mini", upstream_model: "gpt-4o-mini-2024-07-18",
    user_id: `user-${i % 100}`, trace_id: `trace-${i}`, metadata: '{"team":"search"}', status_code: 200, outcome: "success",
    prompt_tokens: 120, completion_tokens: 48, cached_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0, cost_micro_usd: 47,
    input_cost_micro_usd: 18, output_cost_micro_usd: 29, latency_ms: 412, ttft_ms: null, streamed: 0, error_type: null, error_message: null,
  };
}

const dir = mkdtempSync(join(tmpdir(), "igris-bench-audit-"));
try {
  const store = await Store.open({ dataDir: dir });
  const writer = new AuditWriter(store, { flushIntervalMs: 50, batchSize: BATCH, spoolDir: join(dir, "audit-spool") }, pino({ level: "silent" }));
  // Warm-up: statement preparation, JIT.
  for (let i = 0; i < 5000; i++) writer.write(record(i));
  await writer.flush();

  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  // Feed as the data plane does: a burst per tick, letting the writer's batches run between them.
  for (let i = 0; i < N; i++) {
    writer.write(record(i));
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  await writer.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const count = await store.audit.count("org_default");
  await store.close();
  const rate = N / seconds;
  console.log(`audit writer → SQLite (WAL, synchronous=FULL), batch ${BATCH}, ${N.toLocaleString()} records`);
  console.log(`  ${rate.toFixed(0)} records/s  (${seconds.toFixed(2)} s; CPU ${(((cpu.user + cpu.system) / N)).toFixed(1)} µs/record incl. hashing)`);
  console.log(`  records in database: ${count.toLocaleString()} (expected ${(N + 5000).toLocaleString()})`);
  console.log(`  target ≥ 20,000 records/s: ${rate >= 20_000 ? "PASS" : "MISS"}`);
  if (count !== N + 5000) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
