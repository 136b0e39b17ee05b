import type { CompiledGuard } from "./compile-guard.js";
import { addCounts } from "./finding.js";

/** A place in a chat body that holds text a guard should see. */
interface TextSlot {
  text: string;
  set(value: string): void;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

function slot(owner: Json, key: string, out: TextSlot[]): void {
  const value = owner[key];
  if (typeof value === "string") out.push({ text: value, set: (v) => (owner[key] = v) });
}

/** `content` as a string, or its `{type:"text", text}` (and `{type:"refusal", refusal}`) parts; images, audio and files are left alone. */
function contentSlots(owner: Json, out: TextSlot[]): void {
  const content = owner.content;
  if (typeof content === "string") return slot(owner, "content", out);
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (!isObject(part)) continue;
    if (part.type === "text") slot(part, "text", out);
    else if (part.type === "refusal") slot(part, "refusal", out);
  }
}

/**
 * Tool-call arguments are a JSON document in a string. Its string values are scanned decoded,
 * so an escaped newline inside a pasted key is seen as the newline it is, and redaction can
 * never break the document's quoting. Arguments that are not valid JSON are scanned raw.
 */
function argumentSlots(owner: Json, out: TextSlot[]): void {
  const raw = owner.arguments;
  if (typeof raw !== "string") return;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return slot(owner, "arguments", out);
  }
  const leaves: TextSlot[] = [];
  const visit = (value: unknown, set: (v: unknown) => void): void => {
    if (typeof value === "string") leaves.push({ text: value, set });
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, (v) => (value[i] = v)));
    else if (isObject(value)) for (const key of Object.keys(value)) visit(value[key], (v) => (value[key] = v));
  };
  visit(doc, (v) => (doc = v));
  for (const leaf of leaves) {
    out.push({
      text: leaf.text,
      set(value) {
        leaf.set(value);
        owner.arguments = JSON.stringify(doc);
      },
    });
  }
}

function toolCallSlots(message: Json, out: TextSlot[]): void {
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) if (isObject(call) && isObject(call.function)) argumentSlots(call.function, out);
  }
  if (isObject(message.function_call)) argumentSlots(message.function_call, out); // the legacy single-call form
}

/**
 * Every message's content, whatever its role — assistant turns in a request are history the
 * client sends upstream too — and assistant tool-call arguments.
 */
function requestSlots(body: unknown): TextSlot[] {
  const out: TextSlot[] = [];
  if (!isObject(body) || !Array.isArray(body.messages)) return out;
  for (const message of body.messages) {
    if (!isObject(message)) continue;
    contentSlots(message, out);
    toolCallSlots(message, out);
  }
  return out;
}

/**
 * Each choice's message: content, refusal, tool-call arguments, and the reasoning text some
 * providers return beside the answer (`reasoning_content`, `reasoning`).
 */
function responseSlots(body: unknown): TextSlot[] {
  const out: TextSlot[] = [];
  if (!isObject(body) || !Array.isArray(body.choices)) return out;
  for (const choice of body.choices) {
    if (!isObject(choice) || !isObject(choice.message)) continue;
    const message = choice.message;
    contentSlots(message, out);
    slot(message, "refusal", out);
    slot(message, "reasoning_content", out);
    slot(message, "reasoning", out);
    toolCallSlots(message, out);
  }
  return out;
}

function redactSlots(slots: TextSlot[], guard: CompiledGuard): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of slots) {
    const result = guard.redact(s.text);
    if (Object.keys(result.counts).length === 0) continue;
    s.set(result.text);
    addCounts(counts, result.counts);
  }
  return counts;
}

/** For chat requests: the texts every message sent (see requestSlots). */
export function chatRequestTexts(body: unknown): string[] {
  return requestSlots(body).map((s) => s.text);
}

/** A deep copy of the body with every such text redacted, and the counts. Non-text parts are untouched. */
export function redactChatRequest(body: Record<string, unknown>, guard: CompiledGuard): { body: Record<string, unknown>; counts: Record<string, number> } {
  const copy = structuredClone(body);
  return { body: copy, counts: redactSlots(requestSlots(copy), guard) };
}

/** Non-streaming chat response: the texts of every choice (see responseSlots). */
export function chatResponseTexts(body: unknown): string[] {
  return responseSlots(body).map((s) => s.text);
}

export function redactChatResponse(body: Record<string, unknown>, guard: CompiledGuard): { body: Record<string, unknown>; counts: Record<string, number> } {
  const copy = structuredClone(body);
  return { body: copy, counts: redactSlots(responseSlots(copy), guard) };
}
