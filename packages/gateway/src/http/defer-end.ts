import type { ServerResponse } from "node:http";

/**
 * Holds back a response's end (its last bytes, or for a stream its final event and
 * trailers) until `release()`: with IGRIS_AUDIT_DURABILITY=sync a call completes only
 * after its audit record is committed. Everything before the end still flows as it comes.
 */
export function deferEnd(res: ServerResponse): { release(): void } {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let held: unknown[] | null = null;
  res.end = ((...args: unknown[]) => {
    held = args;
    return res;
  }) as ServerResponse["end"];
  return {
    release() {
      res.end = end as ServerResponse["end"];
      if (held) end(...held);
    },
  };
}
