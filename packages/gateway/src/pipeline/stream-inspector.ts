import { type CompiledGuard, countFindings, type Finding, StreamScanner } from "../policy/content-guard/index.js";
import type { ChunkInspector, StreamError } from "../providers/dialects/openai/sse-relay.js";
import { addFindings } from "./govern.js";

export interface ResponseGuard {
  guard: CompiledGuard;
  action: "deny" | "redact" | "alert";
  ruleId: string;
}

/**
 * Inspects a streamed answer's text deltas: a response guard scans them (holding back
 * only the tail that could still start a match), and content logging keeps what the
 * client was sent. Tool-call argument deltas are not scanned.
 */
export class StreamInspector implements ChunkInspector {
  private readonly scanners = new Map<number, StreamScanner>();
  private text = "";

  constructor(
    private readonly guard: ResponseGuard | null,
    private readonly capture: boolean,
    private readonly findings: Record<string, number>,
  ) {}

  /** What the client received, when capturing. */
  get completion(): string {
    return this.text;
  }

  inspect(chunk: Record<string, unknown>): { replace?: string; stop?: StreamError } | undefined {
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return undefined;
    let changed = false;
    for (const choice of choices as Array<Record<string, any>>) {
      const delta = choice?.delta;
      const index = typeof choice?.index === "number" ? choice.index : 0;
      if (this.guard && delta && typeof delta.content === "string") {
        const { emit, findings } = this.scanner(index).push(delta.content);
        const stop = this.record(findings);
        if (stop) return { stop };
        // Deny and redact both send only text that is known to be clean (or redacted).
        if (this.guard.action !== "alert" && emit !== delta.content) {
          delta.content = emit;
          changed = true;
        }
      }
      if (this.guard && choice?.finish_reason && this.scanners.has(index)) {
        const { emit, findings } = this.scanners.get(index)!.flush();
        this.scanners.delete(index);
        const stop = this.record(findings);
        if (stop) return { stop };
        if (this.guard.action !== "alert" && emit) {
          choice.delta = { ...delta, content: (typeof delta?.content === "string" ? delta.content : "") + emit };
          changed = true;
        }
      }
      if (this.capture && typeof choice?.delta?.content === "string") this.text += choice.delta.content;
    }
    return changed ? { replace: `data: ${JSON.stringify(chunk)}\n\n` } : undefined;
  }

  finish(): string {
    // Choices that never sent a finish reason still owe their held-back text.
    let out = "";
    for (const [index, scanner] of this.scanners) {
      const { emit, findings } = scanner.flush();
      this.record(findings);
      if (this.guard?.action !== "alert" && emit) {
        out += `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index, delta: { content: emit }, finish_reason: null }] })}\n\n`;
        if (this.capture) this.text += emit;
      }
    }
    this.scanners.clear();
    return out;
  }

  private scanner(index: number): StreamScanner {
    let scanner = this.scanners.get(index);
    if (!scanner) {
      scanner = new StreamScanner(this.guard!.guard, this.guard!.action === "alert" ? "detect" : "redact");
      this.scanners.set(index, scanner);
    }
    return scanner;
  }

  private record(findings: Finding[]): StreamError | null {
    if (findings.length === 0) return null;
    const counts = countFindings(findings);
    addFindings(this.findings, counts);
    if (this.guard?.action !== "deny") return null;
    return {
      message: `The answer contains content that rule "${this.guard.ruleId}" does not allow (${Object.keys(counts).join(", ")}).`,
      type: "policy_denied",
      code: "content_guard_response",
      extra: { rule_id: this.guard.ruleId },
    };
  }
}
