import { describe, expect, it } from "vitest";
import { OPENAI_FRAMING } from "../fixture-store.js";
import { DIALECTS, framingForFolder } from "./registry.js";

describe("dialect registry", () => {
  it("frames each provider folder in its own dialect and the rest as OpenAI", () => {
    expect(framingForFolder("anthropic").frameChunkLines('{"type":"ping"}')).toEqual(['event: ping\ndata: {"type":"ping"}\n\n']);
    expect(framingForFolder("google").frameChunkLines('{"a":1}')).toEqual(['data: {"a":1}\r\n\r\n']);
    expect(framingForFolder("bedrock").contentType).toBe("application/vnd.amazon.eventstream");
    expect(framingForFolder("cohere").frameChunkLines('{"type":"message-end"}').at(-1)).toBe("data: [DONE]\n\n");
    for (const folder of ["openai", "xai", "groq", "azure", "mistral", "deepseek"]) expect(framingForFolder(folder)).toBe(OPENAI_FRAMING);
  });

  it("gives every route an operation and never claims one folder twice", () => {
    for (const dialect of DIALECTS) {
      for (const route of dialect.routes) expect(route.operation ?? route.pattern.source.includes("?<operation>")).toBeTruthy();
    }
    const folders = DIALECTS.flatMap((d) => d.fixtureFolders);
    expect(new Set(folders).size).toBe(folders.length);
  });
});
