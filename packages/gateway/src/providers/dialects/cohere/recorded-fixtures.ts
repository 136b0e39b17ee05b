import { readFileSync } from "node:fs";
import { wireFixture } from "../../../testing/fixtures.js";
import type { UpstreamEvent } from "../dialect.js";

/** Test support: Cohere's recorded answers from ../shared/fixtures/wire/cohere. */

export function recordedText(name: string): string {
  return readFileSync(wireFixture(`cohere/${name}`), "utf8");
}

export function recordedJson(name: string): any {
  return JSON.parse(recordedText(name));
}

/**
 * A `.chunks.txt` recording as the SSE events Cohere sent: one JSON payload per line, and on
 * the wire each was framed with `event: <its type>`.
 */
export function recordedEvents(name: string): UpstreamEvent[] {
  return recordedText(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const data = JSON.parse(line) as { type?: unknown };
      return { event: typeof data.type === "string" ? data.type : null, data };
    });
}
