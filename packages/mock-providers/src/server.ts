import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DialectCall } from "./dialects/dialect.js";
import { imageForPath } from "./dialects/openai/synthesize-image.js";
import { openaiDialect } from "./dialects/openai/index.js";
import { type Directives, DirectiveError, mergeDirectives, parseDirectives } from "./directives.js";
import { Exchange } from "./exchange.js";
import { FixtureStore, defaultFixturesDir } from "./fixture-store.js";
import { notFoundBody, openAIError } from "./openai-errors.js";
import { parseRequestBody } from "./request-body.js";
import { type MockRequestRecord, RequestLog } from "./request-log.js";
import { respond, sendMockError } from "./respond.js";
import { HEALTH_PATH, type MatchedRoute, matchRoute, pathnameOf } from "./routes.js";

export interface MockProviderOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port chosen by the OS. */
  port?: number;
  /** Default: `IGRIS_FIXTURES_DIR`, else `<repo>/../shared/fixtures/wire`. */
  fixturesDir?: string;
  /**
   * Serve as the gateway's built-in demo provider: answers are always synthesized (the
   * recordings answer other people's prompts), and no request log is kept, since the
   * demo runs as long as the gateway does.
   */
  demo?: boolean;
}

export interface MockProvider {
  /** e.g. "http://127.0.0.1:40123" */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: MockRequestRecord[];
  /** Clears `requests` (in place) and any unclaimed early closes. */
  reset(): void;
  /**
   * Resolves with the next request whose client closed the connection before the
   * response finished (one already observed and not yet claimed counts);
   * rejects after `timeoutMs` (default 5000).
   */
  waitForClientClose(timeoutMs?: number): Promise<MockRequestRecord>;
  /** Closes the server and every open socket, stalled streams included. */
  close(): Promise<void>;
}

/** Clients such as undici reuse a connection for up to this long; longer than their default. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const store = new FixtureStore(options.fixturesDir ?? defaultFixturesDir());
  const log = new RequestLog();
  let shuttingDown = false;
  let closing: Promise<void> | undefined;
  let requestCounter = 0;
  const requestIdPrefix = `req_${Math.random().toString(16).slice(2, 10)}`;

  const server = createServer({ keepAlive: true }, (req, res) => {
    res.setHeader("x-request-id", `${requestIdPrefix}${(++requestCounter).toString(16).padStart(8, "0")}`);
    handle(req, res).catch((error: unknown) => {
      // The mock must never take the test process down: report, then drop the exchange.
      if (!res.headersSent) {
        const message = `mock provider failed: ${(error as Error)?.message ?? String(error)}`;
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(openAIError(message, "server_error")));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const path = pathnameOf(url);
    const raw = await readBody(req);
    if (raw === undefined) return; // the client went away mid-upload

    const route = method === "POST" ? matchRoute(path) : undefined;
    let directives: Directives = {};
    let directiveError: DirectiveError | undefined;
    try {
      const fromPath = route ? parseDirectives(route.directivesText) : {};
      directives = mergeDirectives(fromPath, parseDirectives(headerText(req.headers["x-mock"])));
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error;
      directiveError = error;
    }
    const body = await parseRequestBody(raw, req.headers["content-type"]);
    const record: MockRequestRecord = {
      method,
      path,
      url,
      directives,
      headers: req.headers,
      body: body.logged,
      receivedAt: Date.now(),
      clientClosedEarly: false,
    };
    if (!options.demo) log.add(record);
    const exchange = new Exchange(res, () => log.markClientClosed(record), () => shuttingDown);

    if (directives.retryAfter !== undefined) res.setHeader("retry-after", directives.retryAfter);
    if (directiveError) {
      return sendMockError(exchange, route?.dialect ?? openaiDialect, 400, directiveError.message, "invalid_mock_directive");
    }
    if (method === "GET" && path === HEALTH_PATH) return exchange.sendJson(200, { status: "ok" });
    const image = method === "GET" ? imageForPath(path) : undefined;
    if (image) return exchange.sendBody(200, "image/png", image);
    if (!route) return exchange.sendJson(404, notFoundBody(method, path));
    const call = dialectCall(route, url, req, body.parsed.kind === "form" ? body.parsed : undefined);
    await respond({
      exchange,
      dialect: route.dialect,
      call,
      directives,
      body: body.parsed,
      expects: route.body,
      store,
      useModelTable: !options.demo,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests: log.requests,
    reset: () => log.reset(),
    waitForClientClose: (timeoutMs) => log.waitForClientClose(timeoutMs),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        shuttingDown = true;
        log.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Resolves undefined if the client aborts before the body is complete. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
    // First settle wins: after "end", this is a no-op.
    req.on("close", () => resolve(undefined));
  });
}

function dialectCall(route: MatchedRoute, url: string, req: IncomingMessage, form: DialectCall["form"]): DialectCall {
  const q = url.indexOf("?");
  return {
    operation: route.operation,
    ...(route.pathModel === undefined ? {} : { pathModel: route.pathModel }),
    apiPath: route.apiPath,
    query: new URLSearchParams(q === -1 ? "" : url.slice(q + 1)),
    headers: req.headers,
    origin: `http://${req.headers.host ?? "127.0.0.1"}`,
    ...(form ? { form } : {}),
  };
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(";") : (value ?? "");
}
