#!/usr/bin/env node
// The "bare proxy" baseline: the least a Node proxy can do for a chat completion.
// It reads the request body, forwards it with undici Pool.request (the gateway's
// client, same pool size) and pipes status, content type (and length) and body back,
// streaming SSE as it arrives.
// No routing by model, no JSON parsing, no auth, no audit: the path is forwarded as is.
import { createServer } from "node:http";
import { pipeline } from "node:stream";
import { parseArgs } from "node:util";
import { Pool } from "undici";

const USAGE = "usage: node bench/baseline-proxy.mjs --upstream http://127.0.0.1:<port> [--port 0]";

const { values } = parseArgs({ options: { upstream: { type: "string" }, port: { type: "string" } } });
if (!values.upstream) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const upstreamKey = "Bearer sk-bench";
const pool = new Pool(new URL(values.upstream).origin, { connections: 256, keepAliveTimeout: 30_000 });

const server = createServer((req, res) => {
  if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => forward(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
});
server.keepAliveTimeout = 65_000;

async function forward(req, res, body) {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  let upstream;
  try {
    upstream = await pool.request({
      method: "POST",
      path: req.url,
      headers: { "content-type": req.headers["content-type"] ?? "application/json", authorization: upstreamKey },
      body,
      signal: abort.signal,
    });
  } catch (error) {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`upstream unreachable: ${error.message}\n`);
    return;
  }
  const headers = { "content-type": upstream.headers["content-type"] ?? "application/octet-stream" };
  if (upstream.headers["content-length"] !== undefined) headers["content-length"] = upstream.headers["content-length"];
  res.writeHead(upstream.statusCode, headers);
  // pipeline destroys both sides on failure: a cut upstream is a cut client response, not a clean end.
  pipeline(upstream.body, res, () => {});
}

server.listen(values.port === undefined ? 0 : Number(values.port), "127.0.0.1", () => {
  process.stdout.write(`baseline proxy listening on http://127.0.0.1:${server.address().port}\n`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  pool.close().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
