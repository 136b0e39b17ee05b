/** The parts of Gemini's request format this dialect writes (generateContent, v1beta / Vertex v1). */

export interface GeminiPart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType: string; fileUri: string };
  functionCall?: { name: string; args: Record<string, unknown> };
  functionResponse?: { name: string; response: Record<string, unknown> };
  thoughtSignature?: string;
}

export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parametersJsonSchema?: unknown;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: "AUTO" | "NONE" | "ANY"; allowedFunctionNames?: string[] };
}

export type GeminiThinkingConfig =
  | { thinkingBudget: number; includeThoughts?: boolean }
  | { thinkingLevel: "minimal" | "low" | "medium" | "high"; includeThoughts?: boolean };
