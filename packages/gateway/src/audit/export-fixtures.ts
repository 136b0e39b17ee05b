/** Test support: reading an export back the way a user checking it offline would. */

/** RFC 4180, keeping an unquoted empty field (null) apart from a quoted one (""); `#` lines are the trailer. */
export function parseCsv(text: string): { rows: (string | null)[][]; comments: string[] } {
  const rows: (string | null)[][] = [];
  const comments: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "#") {
      const end = text.indexOf("\n", i);
      comments.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const row: (string | null)[] = [];
    for (;;) {
      let value: string | null;
      if (text[i] === '"') {
        let v = "";
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          v += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            v += '"';
            i++;
          } else break;
        }
        value = v;
      } else {
        let end = i;
        while (end < text.length && text[end] !== "," && text[end] !== "\n") end++;
        value = end === i ? null : text.slice(i, end);
        i = end;
      }
      row.push(value);
      if (text[i] === ",") i++;
      else {
        i++; // the newline
        break;
      }
    }
    rows.push(row);
  }
  return { rows, comments };
}

const NUMERIC = new Set(["status_code", "prompt_tokens", "completion_tokens", "cached_tokens", "cache_write_tokens", "reasoning_tokens", "cost_micro_usd", "input_cost_micro_usd", "output_cost_micro_usd", "latency_ms", "ttft_ms", "streamed", "chain_seq"]);

/** A CSV row back into stored values, as a reader checking an export offline would. */
export function csvRowToRecord(header: readonly string[], row: (string | null)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const v = row[i] ?? null;
    out[column] = v === null ? null : column === "created_at" ? Date.parse(v) : NUMERIC.has(column) ? Number(v) : v;
  });
  return out;
}
