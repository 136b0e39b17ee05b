/** Token counts by kind, as the gateway bills and audits them, whatever the provider's shape. */
export interface Usage {
  /** All input tokens: uncached, cache reads and cache writes together. */
  promptTokens: number;
  /** All output tokens the provider bills, reasoning included. */
  completionTokens: number;
  /** Input tokens read from the prompt cache (a part of promptTokens). */
  cachedTokens: number;
  /** Input tokens written to the prompt cache (a part of promptTokens). */
  cacheWriteTokens: number;
  /** Of those, written to a 1-hour cache where the provider prices that apart. */
  cacheWrite1hTokens?: number;
  /** Reasoning tokens (a part of completionTokens). */
  reasoningTokens: number;
}
