import { isObject } from "./json-read.js";

type PathKey = string | number;
type Container = Record<string, unknown> | unknown[];

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/** `$.a.b[0]['c d']` → ["a", "b", 0, "c d"]; null for a path this reader does not understand. */
export function parseJsonPath(path: string): PathKey[] | null {
  if (!path.startsWith("$")) return null;
  const keys: PathKey[] = [];
  let rest = path.slice(1);
  while (rest) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    if (m[2] !== undefined) keys.push(Number(m[2]));
    else keys.push((m[1] ?? m[3] ?? m[4] ?? "").replace(/\\(.)/g, "$1"));
    rest = rest.slice(m[0].length);
  }
  return keys;
}

/**
 * Function-call arguments Vertex streams as `partialArgs` ({jsonPath, stringValue | numberValue | boolValue |
 * nullValue, willContinue}), put back together. A string value with `willContinue` goes on in the next item
 * for the same path. Containers have no prototype, so a `__proto__` key is just a key.
 */
export class PartialArguments {
  private readonly root: Record<string, unknown> = Object.create(null);
  private openPath: string | null = null;
  private openText = "";

  /** Throws on a path it cannot place: guessing would hand the client wrong arguments. */
  apply(items: unknown): void {
    for (const item of Array.isArray(items) ? items : []) {
      if (!isObject(item)) continue;
      const raw = item.jsonPath;
      const path = typeof raw === "string" ? parseJsonPath(raw) : null;
      if (!path || path.length === 0) throw new Error(`Gemini streamed a function-call argument at an unreadable path ${JSON.stringify(raw)}.`);
      if (typeof item.stringValue === "string") {
        this.openText = (this.openPath === raw ? this.openText : "") + item.stringValue;
        this.openPath = item.willContinue === true ? (raw as string) : null;
        setAt(this.root, path, this.openText);
        continue;
      }
      this.openPath = null;
      if ("numberValue" in item) setAt(this.root, path, item.numberValue);
      else if ("boolValue" in item) setAt(this.root, path, item.boolValue);
      else if ("nullValue" in item) setAt(this.root, path, null);
    }
  }

  json(): string {
    return JSON.stringify(this.root);
  }
}

function setAt(root: Container, path: PathKey[], value: unknown): void {
  let node: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const wantArray = typeof path[i + 1] === "number";
    let next = (node as Record<PathKey, unknown>)[key];
    if (wantArray ? !Array.isArray(next) : !isObject(next)) {
      next = wantArray ? [] : Object.create(null);
      (node as Record<PathKey, unknown>)[key] = next;
    }
    node = next as Container;
  }
  (node as Record<PathKey, unknown>)[path[path.length - 1]!] = value;
}
