import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { StreamError } from "../providers/dialects/dialect.js";
import { type CallResult, CLIENT_CLOSED_REQUEST } from "./call-result.js";
import type { Governance } from "./govern.js";
import { StreamInspector } from "./stream-inspector.js";
import type { RequestContext } from "./request-context.js";
import { COST_HEADER, costValue, forwardedHeaders, priceCall } from "./upstream-response.js";
import { relayJson } from "./relay-json.js";
import type { Wire } from "./wire.js";

const INTERRUPTED: StreamError = {
  message: "The provider's stream ended before the answer was complete.",
  type: "api_error",
  code: "upstream_stream_interrupted",
};

/**
 * A streaming answer, piped event by event as it arrives (never buffered whole). The
 * call ends in one of three ways: complete, failed (the client gets a final error event,
 * never a silent clean end), or aborted by the client (the upstream request is cancelled).
 */
export interface StreamOptions {
  clientWantsUsage: boolean;
  isClientGone: () => boolean;
  /** Cancels the upstream request (a response guard stopped the answer). */
  cancelUpstream: () => void;
  gov: Governance | null;
  wire: Wire;
  /** The timeout code behind a body error (idle or total deadline), or null for any other break. */
  timeoutOf?: (err: unknown) => string | null;
}

export async function relayStream(ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, options: StreamOptions): Promise<CallResult> {
  const vk = ctx.virtualKey!;
  const { gov, isClientGone, wire } = options;
  if (upstream.statusCode >= 400) {
    return wire.error(res, upstream.statusCode, upstream.headers, Buffer.from(await upstream.body.arrayBuffer()), vk);
  }
  const contentType = String(upstream.headers["content-type"] ?? "");
  // A provider that ignored `stream: true` answered with one JSON body: pass it on as such.
  if (!wire.isStream(contentType)) return relayJson(ctx, upstream, res, gov, wire);

  // The cost is known only at the end: it travels as an HTTP trailer.
  res.removeHeader(COST_HEADER);
  res.writeHead(upstream.statusCode, {
    trailer: COST_HEADER,
    // The gateway's own limits win over a provider's headers of the same name: they are the ones the client hits first.
    ...forwardedHeaders(upstream.headers),
    ...gov?.headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
  });
  const inspector = gov && (gov.responseGuard || gov.logContent) ? new StreamInspector(gov.responseGuard, gov.logContent, gov.findings) : null;
  const relay = wire.stream(options.clientWantsUsage, inspector, vk.credential);
  const body = upstream.body;
  let ttftMs: number | null = null;
  let waitingForDrain = false;

  return new Promise<CallResult>((resolve) => {
    const send = (text: string | Buffer) => {
      if (text.length === 0) return;
      if (ttftMs === null) ttftMs = Math.round(performance.now() - ctx.t0);
      // One wait per backpressure episode, however many pieces a read wrote.
      if (!res.write(text) && !waitingForDrain) {
        waitingForDrain = true;
        body.pause();
        res.once("drain", () => {
          waitingForDrain = false;
          body.resume();
        });
      }
    };
    const end = (error: StreamError | null) => {
      if (relay.upstreamModel) ctx.upstreamModel = relay.upstreamModel;
      const cost = priceCall(vk, ctx.upstreamModel ?? "", relay.usage);
      if (error && error !== relay.error) send(relay.errorEvent(error));
      res.addTrailers({ [COST_HEADER]: costValue(cost) });
      res.end();
      const denied = relay.stopped;
      resolve({
        status: upstream.statusCode,
        outcome: denied ? "denied" : error ? "failed" : "success",
        usage: relay.usage,
        cost,
        ttftMs,
        errorType: error ? (error.code ?? error.type) : null,
        errorMessage: error?.message ?? null,
        completion: inspector && gov?.logContent ? inspector.completion : null,
      });
    };

    let ended = false;
    body.on("data", (chunk: Buffer) => {
      if (ended) return;
      const pieces = relay.push(chunk);
      if (pieces.length === 1) send(pieces[0]!);
      else if (pieces.length > 1) {
        // One writev for the pieces of a read, with no copy into a single buffer.
        res.cork();
        for (const piece of pieces) send(piece);
        process.nextTick(() => res.uncork());
      }
      if (relay.stopped) {
        // A response guard ended the answer: stop paying for the rest of it.
        ended = true;
        options.cancelUpstream();
        end(relay.error);
      }
    });
    body.on("end", () => {
      if (ended) return;
      send(relay.flush());
      if (relay.error) return end(relay.error);
      if (relay.done) return end(null);
      // Some servers close without [DONE]; a finished answer is still complete.
      if (relay.finished) {
        send(relay.complete());
        return end(null);
      }
      end(INTERRUPTED);
    });
    body.on("error", (err: unknown) => {
      if (ended) return;
      const timeout = options.timeoutOf?.(err) ?? null;
      if (timeout && !isClientGone()) {
        return end({ message: `The provider's stream stopped: ${timeout.replace(/^upstream_/, "").replace(/_/g, " ")}.`, type: "api_error", code: timeout });
      }
      if (isClientGone()) {
        if (relay.upstreamModel) ctx.upstreamModel = relay.upstreamModel;
        res.end();
        resolve({
          status: CLIENT_CLOSED_REQUEST,
          outcome: "aborted",
          usage: relay.usage,
          cost: priceCall(vk, ctx.upstreamModel ?? "", relay.usage),
          ttftMs,
          errorType: "client_aborted",
          errorMessage: "The client closed the connection before the stream was complete.",
        });
        return;
      }
      end(INTERRUPTED);
    });
  });
}
