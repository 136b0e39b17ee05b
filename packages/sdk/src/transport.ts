import { errorFromResponse, IgrisError, parseErrorBody } from "./errors.js";

/** The second argument of every call. */
export interface RequestOptions {
  /** Cancels the call, including a stream being read; the call then rejects with an `IgrisError` (code `aborted`). */
  signal?: AbortSignal;
  /** Extra headers for this call (`X-Igris-Trace-Id`, …); `Authorization` and `Content-Type` stay the SDK's. */
  headers?: Record<string, string>;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | null | undefined;

export interface SendInit extends RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  accept?: string;
}

/** One HTTP exchange with the gateway: headers, JSON body, typed errors for every failure. */
export class Transport {
  // A #private field: not enumerable, so never in a JSON dump or a spread of the client.
  readonly #apiKey: string;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
    private readonly fetchImpl: FetchFunction,
  ) {
    this.#apiKey = apiKey;
  }

  /** Sends a request and returns the answer if it is 2xx; throws the typed error otherwise. */
  async send(method: string, path: string, init: SendInit = {}): Promise<Response> {
    const headers = new Headers({ accept: init.accept ?? "application/json" });
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    headers.set("authorization", `Bearer ${this.#apiKey}`);
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const requestInit: RequestInit = { method, headers };
    if (init.body !== undefined) requestInit.body = JSON.stringify(init.body);
    if (init.signal) requestInit.signal = init.signal;

    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, init.query), requestInit);
    } catch (err) {
      throw transportFailure(err, init.signal, `Could not reach the Igris gateway at ${this.baseUrl}`);
    }
    if (response.ok) return response;
    const text = await readText(response, init.signal);
    throw errorFromResponse(response.status, parseErrorBody(text), response.headers);
  }

  /** `send`, then the JSON body; `undefined` for a 204. */
  async json<T>(method: string, path: string, init: SendInit = {}): Promise<T> {
    const response = await this.send(method, path, init);
    if (response.status === 204) return undefined as T;
    const text = await readText(response, init.signal);
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new IgrisError(`The gateway answered ${response.status} with a body that is not JSON.`, {
        status: response.status,
        response: text,
        headers: response.headers,
        code: "invalid_response",
        cause: err,
      });
    }
  }

  private url(path: string, query: Record<string, QueryValue> | undefined): string {
    const url = this.baseUrl + path;
    if (!query) return url;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const qs = params.toString();
    return qs ? `${url}?${qs}` : url;
  }
}

async function readText(response: Response, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (err) {
    throw transportFailure(err, signal, `Reading the gateway's ${response.status} answer failed`, response);
  }
}

/** What is known of the answer when a read fails: nothing, or its status and headers. */
export interface AnswerSoFar {
  status: number | null;
  headers: Headers | null;
}

/** A fetch or body read that threw: an abort when the caller's signal fired, else a network error. */
export function transportFailure(err: unknown, signal: AbortSignal | undefined, context: string, answer?: AnswerSoFar): IgrisError {
  const init = { status: answer?.status ?? null, headers: answer?.headers ?? null, cause: err };
  if (signal?.aborted || (err as { name?: string } | null)?.name === "AbortError") {
    return new IgrisError("The request was aborted.", { ...init, code: "aborted" });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new IgrisError(`${context}: ${reason}`, { ...init, code: "network_error" });
}

/** The global fetch, looked up per call so a polyfill installed later is used, and called unbound (browsers require it). */
export const globalFetch: FetchFunction = (input, init) => globalThis.fetch(input, init);
