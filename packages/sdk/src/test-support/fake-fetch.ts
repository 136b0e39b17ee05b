export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: any;
  signal: AbortSignal | undefined;
}

/** A fetch that records what it was asked and answers with `answer(request)`. */
export function fakeFetch(answer: (req: SentRequest) => Response | Promise<Response> = () => json(200, {})) {
  const sent: SentRequest[] = [];
  // As wide as the global fetch, so the official clients accept it too.
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const req: SentRequest = {
      url,
      method: init.method ?? "GET",
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    sent.push(req);
    return answer(req);
  };
  return { fetch, sent };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A 200 event stream that sends `pieces` as separate reads. */
export function sse(pieces: string[], headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(encoder.encode(pieces[i++]!));
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream", ...headers } });
}

/** Every way to cut `text` in two. */
export function everySplit(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}
