import { API_KEY_PREFIX } from "../../../keys/api-key.js";
import { ALNUM, asciiSet, regexDetector } from "../detector.js";

/** Longest token body accepted; real ones are well under (OpenAI project keys ≈ 160). */
const MAX_BODY = 256;

/**
 * Provider key formats, each a distinctive prefix and a body long enough that no ordinary word
 * or identifier reaches it. Order matters only for readability: every branch is an api_key.
 */
const FORMATS = [
  `sk-ant-[A-Za-z0-9_-]{32,${MAX_BODY}}`, // Anthropic
  `sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,${MAX_BODY}}`, // OpenAI (and "sk-" + hex, e.g. DeepSeek)
  `gh[pousr]_[A-Za-z0-9]{36,${MAX_BODY}}`, // GitHub classic tokens
  `github_pat_[A-Za-z0-9_]{36,${MAX_BODY}}`, // GitHub fine-grained tokens
  `xox[abprs]-[A-Za-z0-9-]{10,${MAX_BODY}}`, // Slack
  `(?:sk|rk|pk)_live_[A-Za-z0-9]{16,${MAX_BODY}}`, // Stripe live keys
  `(?:sk|rk)_test_[A-Za-z0-9]{16,${MAX_BODY}}`, // Stripe test secret keys: still credentials
  `AIza[A-Za-z0-9_-]{35}`, // Google API keys: exactly 39 characters
  `gsk_[A-Za-z0-9]{32,${MAX_BODY}}`, // Groq
  `xai-[A-Za-z0-9]{32,${MAX_BODY}}`, // xAI
  `hf_[A-Za-z0-9]{34}`, // Hugging Face user tokens: exactly 34 after the prefix
  `${API_KEY_PREFIX}[A-Za-z0-9_]{20,${MAX_BODY}}`, // this gateway's own keys
];

const API_KEY = new RegExp(`(?<![A-Za-z0-9_-])(?:${FORMATS.join("|")})(?![A-Za-z0-9_-])`, "g");

/**
 * "sk-", "xox…-" and "hf_" are short enough to begin identifiers ("sk-learn-compatible-estimator",
 * "hf_AutoModelForCausalLMWithValueHead"), so their bodies must also look random.
 */
function accept(text: string, start: number, end: number): number | null {
  const token = text.slice(start, end);
  if (token.startsWith("sk-") && !token.startsWith("sk-ant-")) {
    const body = token.replace(/^sk-(?:proj-|svcacct-|admin-)?/, "");
    const longestSegment = Math.max(...body.split(/[-_]/).map((s) => s.length));
    return /\d/.test(body) && /[A-Za-z]/.test(body) && longestSegment >= 20 ? end : null;
  }
  if (token.startsWith("xox")) return /\d/.test(token) ? end : null;
  if (token.startsWith("hf_")) return /[a-z]/.test(token) && /[A-Z]/.test(token) ? end : null;
  return end;
}

export const apiKeyDetector = regexDetector({
  name: "api_key",
  pattern: API_KEY,
  reach: "github_pat_".length + MAX_BODY + 1,
  runChars: { inRun: asciiSet(`${ALNUM}_-`), startsAtRunStart: true },
  accept,
});
