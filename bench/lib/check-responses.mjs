// One request per target before any load, reading the whole answer: a benchmark of
// error pages or cut streams would be fast and meaningless.
import { request } from "undici";

/** Returns { bytes, events? } of a good answer, or throws naming what is wrong. */
export async function checkAnswer(target, body, { stream }) {
  const res = await request(target.origin + target.path, { method: "POST", headers: target.headers, body });
  const text = await res.body.text();
  const where = `${target.name} (${target.origin}${target.path})`;
  if (res.statusCode !== 200) throw new Error(`${where} answered HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  const contentType = String(res.headers["content-type"] ?? "");
  const bytes = Buffer.byteLength(text);
  if (!stream) {
    if (!contentType.includes("application/json")) throw new Error(`${where} answered content-type "${contentType}", not JSON`);
    const answer = JSON.parse(text);
    if (typeof answer?.choices?.[0]?.message?.content !== "string") throw new Error(`${where} answered JSON without choices[0].message.content`);
    return { bytes };
  }
  if (!contentType.includes("text/event-stream")) throw new Error(`${where} answered content-type "${contentType}", not SSE`);
  const events = text.split(/\n\n/).filter((e) => e.trim() !== "");
  if (events.at(-1)?.trim() !== "data: [DONE]") throw new Error(`${where} stream does not end with data: [DONE]`);
  for (const event of events.slice(0, -1)) {
    const payload = event.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
    let data;
    try {
      data = JSON.parse(payload);
    } catch {
      throw new Error(`${where} stream has an event that is not JSON: ${event.slice(0, 200)}`);
    }
    if (data.error) throw new Error(`${where} stream carries an error event: ${JSON.stringify(data.error)}`);
  }
  return { bytes, events: events.length };
}
