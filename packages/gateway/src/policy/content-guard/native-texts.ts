import type { CompiledGuard } from "./compile-guard.js";
import { addCounts } from "./finding.js";

/**
 * Keys whose strings are not prose a person wrote: identifiers, enums, media payloads and
 * signatures. Scanning base64 images would cost time and find nonsense.
 */
const NOT_TEXT = new Set([
  "type", "role", "id", "tool_use_id", "toolUseId", "tool_call_id", "model", "name", "media_type", "mimeType", "mime_type",
  "data", "bytes", "url", "uri", "fileUri", "signature", "thoughtSignature", "stop_reason", "finishReason", "finish_reason",
  "stop_sequence", "cache_control", "status", "format", "input_type", "embedding_types", "responseMimeType",
]);

type Visit = (text: string, set: (value: string) => void) => void;

function walk(value: unknown, visit: Visit): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => (typeof item === "string" ? visit(item, (v) => (value[i] = v)) : walk(item, visit)));
    return;
  }
  if (!value || typeof value !== "object") return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (NOT_TEXT.has(key)) continue;
    const v = obj[key];
    if (typeof v === "string") visit(v, (next) => (obj[key] = next));
    else walk(v, visit);
  }
}

/**
 * Texts of a body in a provider's own shape (native pass-through routes): every string
 * value except identifiers and media, whatever the nesting — new fields are covered
 * without knowing them.
 */
export function nativeTexts(body: unknown): string[] {
  const out: string[] = [];
  walk(body, (text) => out.push(text));
  return out;
}

/** A deep copy with every such string redacted, and the counts. */
export function redactNative(body: Record<string, unknown>, guard: CompiledGuard): { body: Record<string, unknown>; counts: Record<string, number> } {
  const copy = structuredClone(body);
  const counts: Record<string, number> = {};
  walk(copy, (text, set) => {
    const result = guard.redact(text);
    if (Object.keys(result.counts).length === 0) return;
    set(result.text);
    addCounts(counts, result.counts);
  });
  return { body: copy, counts };
}
