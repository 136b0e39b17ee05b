import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { UpstreamRequest } from "../providers/dialects/dialect.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import type { CallResult } from "./call-result.js";
import type { Governance } from "./govern.js";
import type { DataPlane } from "./handle-call.js";
import { relayJson } from "./relay-json.js";
import { relayStream } from "./relay-stream.js";
import type { RequestContext } from "./request-context.js";
import { relayUnreachable } from "./upstream-response.js";
import type { Wire } from "./wire.js";

/** The upstream request and how its answer comes back. */
export interface Dispatch {
  request: Omit<UpstreamRequest, "body"> & { body: string | Buffer };
  stream: boolean;
  clientWantsUsage: boolean;
  wire: Wire;
  /** Relays an answer that is neither a JSON body nor an event stream (audio, files). */
  relay?: (ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, gov: Governance | null) => Promise<CallResult>;
}

/** Sends the call upstream and relays its answer; never throws. */
export async function forward(plane: DataPlane, ctx: RequestContext, res: ServerResponse, gov: Governance | null, dispatch: Dispatch): Promise<CallResult> {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  // undici takes an EventEmitter as the abort signal: far cheaper per request than an AbortController.
  const abort = new EventEmitter();
  const cancel = () => abort.emit("abort");
  let clientGone = false;
  res.on("close", () => {
    if (!res.writableFinished) {
      clientGone = true;
      cancel();
    }
  });

  let upstream;
  try {
    upstream = await plane.upstreams.request({ baseUrl: vk.baseUrl!, ...dispatch.request, signal: abort });
  } catch (err) {
    return relayUnreachable(res, err, clientGone, vk.provider.slug);
  }
  try {
    if (dispatch.relay) return await dispatch.relay(ctx, upstream, res, gov);
    return dispatch.stream
      ? await relayStream(ctx, upstream, res, { clientWantsUsage: dispatch.clientWantsUsage, isClientGone: () => clientGone, cancelUpstream: cancel, gov, wire: dispatch.wire })
      : await relayJson(ctx, upstream, res, gov, dispatch.wire);
  } catch (err) {
    upstream.body.destroy();
    return relayUnreachable(res, err, clientGone, vk.provider.slug);
  }
}
