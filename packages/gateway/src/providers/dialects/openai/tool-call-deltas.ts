interface OpenCall {
  /** The index the client sees: dense, from 0, in order of first appearance. */
  index: number;
  named: boolean;
  argsLength: number;
}

type Json = Record<string, any>;

/**
 * Puts streamed tool-call deltas of OpenAI-dialect providers into the shape OpenAI's
 * clients accumulate (fixture README traps 7 and 8): every delta has an `index`, and
 * indexes start at 0 (Mistral sends none, some endpoints start at 1); a call's first
 * delta says `type: "function"`; a name already sent is never sent again (some send
 * `name: ""` later, which a client would assign over the real one); a call that ended
 * with no arguments gets `"{}"`, so the client's concatenation parses.
 */
export class ToolCallDeltas {
  private readonly choices = new Map<number, { byKey: Map<string, OpenCall>; last: OpenCall | null; next: number }>();

  /** A call is still waiting for arguments: the finish chunk must be read to give it "{}". */
  get owesArguments(): boolean {
    for (const c of this.choices.values()) for (const call of c.byKey.values()) if (call.argsLength === 0) return true;
    return false;
  }

  /** Fixes the chunk in place; true when it changed. */
  fix(chunk: Json): boolean {
    if (!Array.isArray(chunk.choices)) return false;
    let changed = false;
    for (const choice of chunk.choices) {
      if (!choice || typeof choice !== "object") continue;
      const index = typeof choice.index === "number" ? choice.index : 0;
      const calls = choice.delta?.tool_calls;
      if (Array.isArray(calls)) changed = this.fixCalls(index, calls) || changed;
      if (choice.finish_reason) changed = this.close(index, choice) || changed;
    }
    return changed;
  }

  private fixCalls(choiceIndex: number, calls: Json[]): boolean {
    let state = this.choices.get(choiceIndex);
    if (!state) this.choices.set(choiceIndex, (state = { byKey: new Map(), last: null, next: 0 }));
    let changed = false;
    for (const tc of calls) {
      if (!tc || typeof tc !== "object") continue;
      const key = typeof tc.index === "number" ? `i${tc.index}` : typeof tc.id === "string" && tc.id !== "" ? `id${tc.id}` : null;
      let call = key === null ? state.last : state.byKey.get(key);
      if (!call) {
        call = { index: state.next++, named: false, argsLength: 0 };
        state.byKey.set(key ?? `n${call.index}`, call);
      }
      state.last = call;
      if (tc.index !== call.index) {
        tc.index = call.index;
        changed = true;
      }
      if (typeof tc.id === "string" && tc.id !== "" && tc.type === undefined) {
        tc.type = "function";
        changed = true;
      }
      const fn = tc.function;
      if (fn && typeof fn === "object") {
        if (call.named && "name" in fn) {
          delete fn.name;
          changed = true;
        } else if (typeof fn.name === "string" && fn.name !== "") call.named = true;
        if (typeof fn.arguments === "string") call.argsLength += fn.arguments.length;
      }
    }
    return changed;
  }

  /** At a choice's finish: calls that never got arguments get "{}". */
  private close(choiceIndex: number, choice: Json): boolean {
    const state = this.choices.get(choiceIndex);
    if (!state) return false;
    const empty = [...state.byKey.values()].filter((c) => c.argsLength === 0);
    this.choices.delete(choiceIndex);
    if (empty.length === 0) return false;
    const delta = (choice.delta ??= {});
    const list: Json[] = Array.isArray(delta.tool_calls) ? delta.tool_calls : (delta.tool_calls = []);
    for (const call of empty) list.push({ index: call.index, function: { arguments: "{}" } });
    return true;
  }
}
