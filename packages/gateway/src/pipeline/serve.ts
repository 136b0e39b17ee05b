import type { IncomingMessage, ServerResponse } from "node:http";
import type { CacheHit } from "../routing/response-cache-types.js";
import type { CallResult } from "./call-result.js";
import { type AttemptLog, runAttempts } from "./forward.js";
import type { Governance } from "./govern.js";
import type { CallSpec, DataPlane } from "./handle-call.js";
import type { ChatRequest } from "./parse-chat-request.js";
import type { TargetPlan } from "./plan-targets.js";
import { answerFromCache, type CachePlan, cachePlan, captureResponse } from "./replay.js";
import type { RequestContext } from "./request-context.js";
import { embedPrompt } from "./semantic-cache.js";

export interface Served {
  result: CallResult;
  attempts: AttemptLog[] | null;
  cache: { status: string; savedMicroUsd: number | null } | null;
}

/**
 * The response cache's answer — an exact match, or in semantic mode the most similar cached
 * prompt above the route's threshold — or else the attempts' answer, stored for the next caller.
 */
export async function serve(plane: DataPlane, ctx: RequestContext, res: ServerResponse, gov: Governance, spec: CallSpec, call: ChatRequest, req: IncomingMessage, plan: TargetPlan): Promise<Served> {
  // A response guard must read every answer, so its calls are not served from the cache; the targets this
  // caller may use are part of the key, so an API key never gets an answer from a provider its IAM excludes.
  const partition = plan.cacheTtlSeconds ? `${plan.via}|${plan.targets.map((t) => `${t.vk.slug}/${t.model}`).join(",")}` : "";
  const caching = gov.responseGuard || !plan.cacheTtlSeconds ? null : cachePlan(ctx, call, req, plan.cacheTtlSeconds, partition);
  if (!caching) return { ...(await runAttempts(plane, ctx, res, gov, spec, call, req, plan.targets)), cache: null };

  const hit = caching.lookup ? await readCache(plane, caching.key) : undefined;
  if (hit) return { result: answerFromCache(res, hit, call), attempts: null, cache: { status: "hit", savedMicroUsd: hit.savedMicroUsd } };
  const semantic = plan.semantic && ctx.endpoint === "chat.completions" ? await semanticLookup(plane, ctx, call, plan, partition, caching) : null;
  if (semantic?.hit) {
    return { result: answerFromCache(res, semantic.hit, call, semantic.similarity), attempts: null, cache: { status: "semantic_hit", savedMicroUsd: semantic.hit.savedMicroUsd } };
  }

  // Streamed answers are not stored: a streamed request is served from a stored JSON answer instead.
  const capture = caching.store && !call.stream ? captureResponse(res) : null;
  const outcome = await runAttempts(plane, ctx, res, gov, spec, call, req, plan.targets);
  const captured = capture?.();
  if (captured && outcome.result.outcome === "success" && captured.status === 200) {
    const body = JSON.parse(captured.body.toString("utf8")) as Record<string, unknown>;
    delete body.metadata; // the cost it states is this call's, not a later hit's
    const entry = { status: 200, body: JSON.stringify(body), headers: { "content-type": "application/json" }, costMicroUsd: outcome.result.cost?.totalMicroUsd ?? null, provider: ctx.virtualKey!.provider.slug, model: ctx.upstreamModel, storedAt: Date.now() };
    const stored = await plane.cache.set(caching.key, entry, caching.ttlSeconds).catch((err: unknown) => {
      plane.log.warn({ err: (err as Error).message }, "response cache store failed");
      return false;
    });
    if (stored && semantic?.vector) {
      await plane.semanticIndex.add(semanticPartition(ctx, partition), semantic.vector, caching.key, caching.ttlSeconds).catch((err: unknown) => {
        plane.log.warn({ err: (err as Error).message }, "semantic index update failed");
      });
    }
  }
  return { ...outcome, cache: { status: caching.lookup ? "miss" : "bypass", savedMicroUsd: null } };
}

/** A cache that cannot be read (Redis away) is a miss: the provider's answer beats a 500. */
function readCache(plane: DataPlane, key: string): Promise<CacheHit | undefined> {
  return plane.cache.get(key).catch((err: unknown) => {
    plane.log.warn({ err: (err as Error).message }, "response cache unavailable; calling the provider");
    return undefined;
  });
}

const semanticPartition = (ctx: RequestContext, partition: string) => `${ctx.orgId}|${ctx.endpoint}|${partition}`;

/**
 * Embeds the prompt (through the route's embeddings virtual key, audited as its own call)
 * and looks for a cached prompt at least `threshold` similar. Any failure is a miss.
 */
async function semanticLookup(plane: DataPlane, ctx: RequestContext, call: ChatRequest, plan: TargetPlan, partition: string, caching: CachePlan) {
  const vector = await embedPrompt(plane, ctx, plan.semantic!, call.body).catch((err: unknown) => {
    plane.log.warn({ err: (err as Error).message }, "semantic cache: the prompt could not be embedded; exact matching only");
    return null;
  });
  if (!vector || !caching.lookup) return { vector, hit: undefined, similarity: 0 };
  const where = semanticPartition(ctx, partition);
  const match = await plane.semanticIndex.nearest(where, vector, plan.semantic!.threshold).catch(() => undefined);
  if (!match) return { vector, hit: undefined, similarity: 0 };
  const hit = await readCache(plane, match.key);
  // The answer expired or was evicted: forget its prompt too.
  if (!hit) await plane.semanticIndex.remove(where, match.key).catch(() => undefined);
  return { vector, hit, similarity: match.similarity };
}
