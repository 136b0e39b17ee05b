import type { IncomingMessage, ServerResponse } from "node:http";
import { type ErrorBody, GatewayError } from "../lib/errors.js";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendErrorBody(res: ServerResponse, status: number, body: ErrorBody, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, body, headers);
}

export function sendGatewayError(res: ServerResponse, err: GatewayError): void {
  sendErrorBody(res, err.status, err.toBody(), err.headers);
}

/** Reads a request body up to `limit` bytes; a larger one is a 413, a broken one a 400. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on("error", () => reject(new GatewayError(400, "invalid_request_error", "The request body could not be read.", "body_read_error")));
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(413, "invalid_request_error", `The request body is larger than ${limit} bytes.`, "request_too_large");
}
