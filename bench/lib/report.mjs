// Turning measurements into the printed tables and the pass/miss lines.

export const TARGETS = {
  jsonThroughputRatio: 0.9,
  sseThroughputRatio: 0.9,
  addedLatencyP50Ms: 0.3,
};

const COLUMNS = [
  ["target", 9, (r) => r.name],
  ["req/s", 10, (r) => fixed(r.rps, 1)],
  ["p50 ms", 7, (r) => String(r.p50Ms)],
  ["p99 ms", 7, (r) => String(r.p99Ms)],
  ["mean ms", 8, (r) => fixed(r.meanMs, 2)],
  ["CPU µs/req", 11, (r) => fixed(r.cpuMicrosPerReq, 0)],
  ["mock CPU µs/req", 16, (r) => fixed(r.mockCpuMicrosPerReq, 0)],
  ["non-2xx", 8, (r) => String(r.non2xx)],
  ["errors", 7, (r) => String(r.errors + r.timeouts)],
];

/** The per-target table of one autocannon scenario. */
export function runTable(rows) {
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i][1]) : c.padStart(COLUMNS[i][1]))).join("  ");
  return [line(COLUMNS.map(([title]) => title)), ...rows.map((r) => line(COLUMNS.map(([, , cell]) => cell(r))))].join("\n");
}

export function latencyTable(byTarget) {
  const rows = Object.entries(byTarget).map(
    ([name, s]) =>
      `${name.padEnd(9)}  ${fixed(s.p50Ms, 3).padStart(7)}  ${fixed(s.p99Ms, 3).padStart(7)}  ${fixed(s.meanMs, 3).padStart(8)}  ${String(s.non2xx + s.errors).padStart(7)}`,
  );
  return [`${"target".padEnd(9)}  ${"p50 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"mean ms".padStart(8)}  ${"failed".padStart(7)}`, ...rows].join("\n");
}

/** A figure against its target, e.g. "0.94   (target >= 0.9: PASS)". */
export function verdict(value, target, comparison) {
  const pass = comparison === ">=" ? value >= target : value <= target;
  return { value, target, comparison, pass, text: `(target ${comparison} ${target}: ${pass ? "PASS" : "MISS"})` };
}

export function fixed(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Problems worth flagging in one run: any non-2xx answer, error or timeout. */
export function problemsIn(label, run) {
  const problems = [];
  if (run.non2xx > 0) problems.push(`${label}: ${run.non2xx} non-2xx responses (${JSON.stringify(run.statusCodes)})`);
  if (run.errors > 0) problems.push(`${label}: ${run.errors} connection errors`);
  if (run.timeouts > 0) problems.push(`${label}: ${run.timeouts} timeouts`);
  if (run.ok === 0) problems.push(`${label}: no successful responses`);
  return problems;
}
