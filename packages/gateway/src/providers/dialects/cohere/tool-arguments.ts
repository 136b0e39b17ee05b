import { toolArguments } from "../shared/openai-shapes.js";

/**
 * Cohere sends a call without arguments as "", as "null" (vercel-cohere-null-args) or without
 * the field (trap 8). OpenAI clients JSON.parse the arguments and expect an object: "{}".
 */
export function cohereToolArguments(value: unknown): string {
  if (typeof value === "string" && isEmptyArguments(value)) return "{}";
  return toolArguments(value);
}

function isEmptyArguments(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === "" || trimmed === "null";
}

/**
 * Streamed argument fragments of one call. Fragments that could still spell "null" are held
 * back (a JSON object never starts with "n"), so a client never receives "null" and then "{}";
 * everything else is passed on as it arrives.
 */
export class StreamedArguments {
  private held = "";
  private sentAny = false;

  /** The text to send now for this fragment ("" when it is held back). */
  push(fragment: string): string {
    const text = this.held + fragment;
    if ("null".startsWith(text.trim())) {
      this.held = text;
      return "";
    }
    this.held = "";
    if (text !== "") this.sentAny = true;
    return text;
  }

  /** The text to send when the call ends: "{}" when nothing real arrived, else what is still held. */
  end(): string {
    if (!this.sentAny) return "{}";
    const rest = this.held;
    this.held = "";
    return rest;
  }
}
