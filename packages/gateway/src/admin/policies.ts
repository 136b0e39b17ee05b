import { Hono } from "hono";
import { z } from "zod";
import { GatewayError, notFound } from "../lib/errors.js";
import { compileRuleGuard } from "../policy/policy-set.js";
import { type PolicyRule, PolicyRuleSchema, PolicyRulesSchema } from "../policy/rule-schema.js";
import { ORG_POLICY } from "../store/policies.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith, validationError } from "./validate.js";

const CustomDetectors = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "detector names are lower-case letters, digits, '_' and '-'"), z.string().min(1).max(500))
  .superRefine((detectors, ctx) => {
    for (const [name, pattern] of Object.entries(detectors)) {
      try {
        new RegExp(pattern, "gu");
      } catch (err) {
        ctx.addIssue({ code: "custom", path: [name], message: `not a valid regular expression: ${(err as Error).message}` });
      }
    }
  });

const OrgPolicyDocument = z
  .object({
    defaultAction: z.enum(["allow", "deny"]).optional(),
    customDetectors: CustomDetectors.optional(),
    rules: PolicyRulesSchema.optional(),
  })
  .strict();

const VirtualKeyPolicyDocument = z.object({ rules: PolicyRulesSchema }).strict();

const NewRule = z
  .object({
    rule: PolicyRuleSchema,
    /** Attach to this virtual key instead of the organisation. */
    virtualKey: z.string().optional(),
    /** Index to insert at; the end by default. */
    position: z.number().int().nonnegative().optional(),
  })
  .strict();

/** Every content guard must name detectors that exist; 422 naming the rule's path otherwise. */
function checkGuards(rules: readonly PolicyRule[], custom: Record<string, string>, pathPrefix: string): void {
  rules.forEach((rule, i) => {
    if (!rule.contentGuard) return;
    const compiled = compileRuleGuard(rule.contentGuard.detectors, custom);
    if (compiled.error !== null) {
      const path = `${pathPrefix}${i}.contentGuard.detectors`;
      throw new GatewayError(422, "invalid_request_error", `${path}: ${compiled.error}`, "validation_error", path);
    }
  });
}

export function policyRoutes({ store, snapshot }: AdminServices) {
  const app = new Hono<AdminEnv>();

  const orgDocument = async (orgId: string) => {
    const org = await store.getOrganisation(orgId);
    const rows = await store.policies.list(orgId);
    const rulesOf = (vk: string) => JSON.parse(rows.find((r) => r.virtual_key === vk)?.rules ?? "[]") as PolicyRule[];
    return {
      defaultAction: org?.default_action ?? "allow",
      customDetectors: org?.custom_detectors ? (JSON.parse(org.custom_detectors) as Record<string, string>) : {},
      rules: rulesOf(ORG_POLICY),
      virtualKeys: rows.filter((r) => r.virtual_key !== ORG_POLICY).map((r) => ({ virtualKey: r.virtual_key, rules: JSON.parse(r.rules) as PolicyRule[] })),
    };
  };

  const saveRules = async (orgId: string, virtualKey: string, rules: PolicyRule[]) => {
    await store.policies.put({ org_id: orgId, virtual_key: virtualKey, rules: JSON.stringify(rules), updated_at: Date.now() });
  };

  const requireVirtualKey = async (orgId: string, slug: string) => {
    if (!(await store.virtualKeys.get(orgId, slug))) throw notFound(`Virtual key "${slug}" does not exist.`, "virtual_key_not_found");
  };

  app.get("/", async (c) => c.json(await orgDocument(c.get("apiKey").orgId)));

  app.put("/", async (c) => {
    const input = parseWith(OrgPolicyDocument, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    const current = await orgDocument(orgId);
    const custom = input.customDetectors ?? current.customDetectors;
    const rules = input.rules ?? current.rules;
    checkGuards(rules, custom, "rules.");
    // Changing the custom detectors must not break a virtual key's rules either.
    for (const vk of current.virtualKeys) checkGuards(vk.rules, custom, `virtualKeys.${vk.virtualKey}.rules.`);
    await store.updateOrganisation(orgId, {
      default_action: input.defaultAction ?? current.defaultAction,
      custom_detectors: JSON.stringify(custom),
    });
    await saveRules(orgId, ORG_POLICY, rules);
    await snapshot.reload();
    return c.json(await orgDocument(orgId));
  });

  app.get("/virtual-keys/:slug", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const slug = c.req.param("slug");
    await requireVirtualKey(orgId, slug);
    const row = await store.policies.get(orgId, slug);
    return c.json({ virtualKey: slug, rules: row ? JSON.parse(row.rules) : [] });
  });

  app.put("/virtual-keys/:slug", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const slug = c.req.param("slug");
    await requireVirtualKey(orgId, slug);
    const { rules } = parseWith(VirtualKeyPolicyDocument, await jsonBody(c));
    checkGuards(rules, (await orgDocument(orgId)).customDetectors, "rules.");
    await saveRules(orgId, slug, rules);
    await snapshot.reload();
    return c.json({ virtualKey: slug, rules });
  });

  app.delete("/virtual-keys/:slug", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const slug = c.req.param("slug");
    if (!(await store.policies.delete(orgId, slug))) throw notFound(`Virtual key "${slug}" has no policy.`, "policy_not_found");
    await snapshot.reload();
    return c.body(null, 204);
  });

  /** Rule by rule: the list is the organisation's, or a virtual key's with ?virtualKey=. */
  const listFor = async (orgId: string, virtualKey: string | undefined) => {
    if (virtualKey) await requireVirtualKey(orgId, virtualKey);
    const row = await store.policies.get(orgId, virtualKey ?? ORG_POLICY);
    return { key: virtualKey ?? ORG_POLICY, rules: (row ? JSON.parse(row.rules) : []) as PolicyRule[] };
  };

  const validated = async (orgId: string, rules: PolicyRule[]) => {
    const result = PolicyRulesSchema.safeParse(rules);
    if (!result.success) throw validationError(result.error);
    checkGuards(result.data, (await orgDocument(orgId)).customDetectors, "");
    return result.data;
  };

  app.post("/rules", async (c) => {
    const input = parseWith(NewRule, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    const { key, rules } = await listFor(orgId, input.virtualKey);
    if (rules.some((r) => r.id === input.rule.id)) {
      throw new GatewayError(409, "conflict_error", `A rule with id "${input.rule.id}" already exists here.`, "rule_exists", "rule.id");
    }
    rules.splice(Math.min(input.position ?? rules.length, rules.length), 0, input.rule);
    await saveRules(orgId, key, await validated(orgId, rules));
    await snapshot.reload();
    return c.json(input.rule, 201);
  });

  app.get("/rules/:id", async (c) => {
    const { rules } = await listFor(c.get("apiKey").orgId, c.req.query("virtualKey"));
    const rule = rules.find((r) => r.id === c.req.param("id"));
    if (!rule) throw notFound(`No rule "${c.req.param("id")}".`, "rule_not_found");
    return c.json(rule);
  });

  app.patch("/rules/:id", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const { key, rules } = await listFor(orgId, c.req.query("virtualKey"));
    const index = rules.findIndex((r) => r.id === c.req.param("id"));
    if (index < 0) throw notFound(`No rule "${c.req.param("id")}".`, "rule_not_found");
    const changes = await jsonBody(c);
    if (!changes || typeof changes !== "object" || Array.isArray(changes)) throw validationError(new z.ZodError([{ code: "custom", path: [], message: "expected an object", input: changes }]));
    const updated = { ...rules[index], ...(changes as object), id: rules[index]!.id } as PolicyRule;
    rules[index] = updated;
    await saveRules(orgId, key, await validated(orgId, rules));
    await snapshot.reload();
    return c.json(updated);
  });

  app.delete("/rules/:id", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const { key, rules } = await listFor(orgId, c.req.query("virtualKey"));
    const kept = rules.filter((r) => r.id !== c.req.param("id"));
    if (kept.length === rules.length) throw notFound(`No rule "${c.req.param("id")}".`, "rule_not_found");
    await saveRules(orgId, key, kept);
    await snapshot.reload();
    return c.body(null, 204);
  });

  return app;
}
