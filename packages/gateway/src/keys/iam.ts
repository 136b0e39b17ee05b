import { z } from "zod";
import { findPrice } from "../catalog/prices.js";
import { anyGlobMatcher } from "../lib/glob.js";

const globs = z.array(z.string().min(1).max(256)).max(200);

export const ApiKeyIamSchema = z
  .object({
    allow_models: globs.optional(),
    deny_models: globs.optional(),
    allow_providers: globs.optional(),
    deny_providers: globs.optional(),
    /** `{ free: true }` allows only models priced at zero; otherwise maximum USD per million tokens. */
    allow_pricing: z
      .union([
        z.object({ free: z.literal(true) }).strict(),
        z
          .object({ max_input_per_million: z.number().nonnegative().optional(), max_output_per_million: z.number().nonnegative().optional() })
          .strict()
          .refine((p) => p.max_input_per_million !== undefined || p.max_output_per_million !== undefined, { message: "give a maximum input or output price" }),
      ])
      .optional(),
  })
  .strict();

export type ApiKeyIam = z.infer<typeof ApiKeyIamSchema>;

export interface IamRefusal {
  /** Which IAM rule refused, e.g. "iam.deny_models". */
  rule: string;
  message: string;
}

/** Compiles a key's IAM rules once; the check runs per request. */
export function compileIam(iam: ApiKeyIam | null): (provider: string, model: string) => IamRefusal | null {
  if (!iam) return () => null;
  const allowModels = iam.allow_models && anyGlobMatcher(iam.allow_models);
  const denyModels = iam.deny_models && anyGlobMatcher(iam.deny_models);
  const allowProviders = iam.allow_providers && anyGlobMatcher(iam.allow_providers);
  const denyProviders = iam.deny_providers && anyGlobMatcher(iam.deny_providers);
  const pricing = iam.allow_pricing;
  return (provider, model) => {
    if (denyModels?.(model)) return { rule: "iam.deny_models", message: `This API key may not use model "${model}".` };
    if (allowModels && !allowModels(model)) return { rule: "iam.allow_models", message: `This API key may not use model "${model}".` };
    if (denyProviders?.(provider)) return { rule: "iam.deny_providers", message: `This API key may not use provider "${provider}".` };
    if (allowProviders && !allowProviders(provider)) return { rule: "iam.allow_providers", message: `This API key may not use provider "${provider}".` };
    if (pricing) {
      const price = findPrice(provider, model);
      if (!price) return { rule: "iam.allow_pricing", message: `Model "${model}" has no known price, and this API key is limited by price.` };
      const tooDear =
        "free" in pricing
          ? price.input > 0 || price.output > 0
          : (pricing.max_input_per_million !== undefined && price.input > pricing.max_input_per_million) ||
            (pricing.max_output_per_million !== undefined && price.output > pricing.max_output_per_million);
      if (tooDear) return { rule: "iam.allow_pricing", message: `Model "${model}" costs more than this API key allows.` };
    }
    return null;
  };
}
