/**
 * What an OpenAI client ends up with from one answer — text, reasoning, tool calls,
 * finish reason, usage — built the way a plain client builds it: chunks accumulated by
 * `index`, a name taken whenever a delta carries one, arguments concatenated. Used to
 * compare what came through the gateway with what the recording should translate to.
 */
export interface ClientView {
  content: string | null;
  reasoning: string | null;
  toolCalls: Array<{ id: string | null; name: string | null; arguments: string }>;
  finishReason: string | null;
  usage: { prompt: number; completion: number; cached: number; reasoning: number } | null;
}

type Json = Record<string, any>;

function usageOf(u: Json | null | undefined): ClientView["usage"] {
  if (!u) return null;
  return {
    prompt: u.prompt_tokens ?? 0,
    completion: u.completion_tokens ?? 0,
    cached: u.prompt_tokens_details?.cached_tokens ?? 0,
    reasoning: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function viewOfCompletion(body: Json): ClientView {
  const message = body.choices?.[0]?.message ?? {};
  const reasoning = message.reasoning_content ?? message.reasoning ?? null;
  return {
    content: message.content === "" ? null : (message.content ?? null),
    reasoning: reasoning === "" ? null : reasoning,
    toolCalls: (message.tool_calls ?? []).map((t: Json) => ({ id: t.id ?? null, name: t.function?.name ?? null, arguments: t.function?.arguments ?? "" })),
    finishReason: body.choices?.[0]?.finish_reason ?? null,
    usage: usageOf(body.usage),
  };
}

/** Accumulates chunks strictly: a tool-call delta without a numeric index is an error, as in OpenAI's SDK helpers. */
export function viewOfChunks(chunks: Json[]): ClientView {
  let content = "";
  let reasoning = "";
  const calls: ClientView["toolCalls"] = [];
  let finishReason: string | null = null;
  let usage: ClientView["usage"] = null;
  for (const c of chunks) {
    if (c.usage) usage = usageOf(c.usage);
    const choice = c.choices?.[0];
    if (!choice) continue;
    const d = choice.delta ?? {};
    if (typeof d.content === "string") content += d.content;
    const r = d.reasoning_content ?? d.reasoning;
    if (typeof r === "string") reasoning += r;
    for (const tc of d.tool_calls ?? []) {
      if (typeof tc.index !== "number") throw new Error(`tool-call delta without an index: ${JSON.stringify(tc)}`);
      const call = (calls[tc.index] ??= { id: null, name: null, arguments: "" });
      if (tc.id) call.id = tc.id;
      if (tc.function?.name !== undefined) call.name = tc.function.name;
      if (typeof tc.function?.arguments === "string") call.arguments += tc.function.arguments;
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (calls.some((c) => c === undefined)) throw new Error("tool-call indexes have a gap");
  return { content: content === "" ? null : content, reasoning: reasoning === "" ? null : reasoning, toolCalls: calls, finishReason, usage };
}

/**
 * The same, tolerant of the providers' deviations (README traps 7 and 8): the meaning of
 * an OpenAI-dialect recording, against which the gateway's normalised output is checked.
 */
export function meaningOfChunks(chunks: Json[]): ClientView {
  const fixed = structuredClone(chunks);
  const keys = new Map<string, number>();
  let last = -1;
  const named = new Set<number>();
  for (const c of fixed) {
    for (const tc of c.choices?.[0]?.delta?.tool_calls ?? []) {
      const key = typeof tc.index === "number" ? `i${tc.index}` : tc.id ? `id${tc.id}` : null;
      let index = key === null ? last : keys.get(key);
      if (index === undefined) keys.set(key!, (index = keys.size));
      last = index;
      tc.index = index;
      if (named.has(index) && tc.function) delete tc.function.name;
      else if (tc.function?.name) named.add(index);
    }
  }
  const view = viewOfChunks(fixed);
  for (const call of view.toolCalls) if (call.arguments === "") call.arguments = "{}";
  return view;
}
