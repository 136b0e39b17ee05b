/**
 * A deterministic stand-in for a tokenizer: about 1.3 tokens per English word, so
 * synthesized usage looks plausible to budget and audit code without a vocabulary file.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const word of text.matchAll(/\S+/g)) tokens += Math.ceil(word[0].length / 4);
  return tokens;
}

/** Text of a chat message's `content`, whether a string or an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string") {
      text += (text ? " " : "") + (part as { text: string }).text;
    }
  }
  return text;
}

/** OpenAI's published rule of thumb: 3 tokens of framing per message plus 3 to prime the reply. */
export function estimatePromptTokens(messages: readonly unknown[]): number {
  let tokens = 3;
  for (const message of messages) {
    tokens += 3;
    if (message && typeof message === "object") tokens += estimateTokens(contentText((message as { content?: unknown }).content));
  }
  return tokens;
}
