/**
 * Mock directives: the small language a test (or a gateway virtual key's base URL)
 * uses to pick a recorded response and inject faults.
 *
 *   directives := item (";" item)*
 *   item       := key | key "=" value      (value is URL-decoded)
 */
export interface Directives {
  /** `<provider>/<name>` under the fixtures dir. */
  fixture?: string;
  status?: number;
  /** Sent verbatim as the `Retry-After` header. */
  retryAfter?: string;
  latencyMs?: number;
  chunkDelayMs?: number;
  reset?: true;
  cut?: number;
  stall?: number;
  expectKey?: string;
}

/** Thrown for a directive the mock does not understand; answered as a 400, never ignored. */
export class DirectiveError extends Error {
  override name = "DirectiveError";
}

type Apply = (d: Directives, value: string | undefined, key: string) => void;

const APPLY: Record<string, Apply> = {
  fixture: (d, v, k) => (d.fixture = requireText(k, v)),
  status: (d, v, k) => (d.status = integerIn(k, v, 100, 599)),
  "retry-after": (d, v, k) => (d.retryAfter = requireText(k, v)),
  latency: (d, v, k) => (d.latencyMs = integerIn(k, v, 0, 600_000)),
  "chunk-delay": (d, v, k) => (d.chunkDelayMs = integerIn(k, v, 0, 600_000)),
  cut: (d, v, k) => (d.cut = integerIn(k, v, 0, Number.MAX_SAFE_INTEGER)),
  stall: (d, v, k) => (d.stall = integerIn(k, v, 0, Number.MAX_SAFE_INTEGER)),
  "expect-key": (d, v, k) => (d.expectKey = requireText(k, v)),
  reset: (d, v) => {
    if (v !== undefined) throw new DirectiveError(`mock directive "reset" takes no value`);
    d.reset = true;
  },
};

export const DIRECTIVE_KEYS: readonly string[] = Object.keys(APPLY);

/** Parses `key=value;key;...`. Later items override earlier ones. */
export function parseDirectives(text: string): Directives {
  const directives: Directives = {};
  for (const rawItem of text.split(";")) {
    const item = rawItem.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    const key = (eq === -1 ? item : item.slice(0, eq)).trim();
    const value = eq === -1 ? undefined : decodeValue(key, item.slice(eq + 1).trim());
    const apply = APPLY[key];
    if (!apply) {
      throw new DirectiveError(`unknown mock directive "${key}" (known: ${DIRECTIVE_KEYS.join(", ")})`);
    }
    apply(directives, value, key);
  }
  return directives;
}

/** Header directives win over path directives, key by key. */
export function mergeDirectives(fromPath: Directives, fromHeader: Directives): Directives {
  return { ...fromPath, ...fromHeader };
}

function decodeValue(key: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new DirectiveError(`mock directive "${key}" has a malformed URL-encoded value "${value}"`);
  }
}

function requireText(key: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new DirectiveError(`mock directive "${key}" needs a value`);
  return value;
}

function integerIn(key: string, value: string | undefined, min: number, max: number): number {
  const text = requireText(key, value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new DirectiveError(`mock directive "${key}" must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return n;
}
