import type { CatalogModelInput } from "../schema.js";
import { OPENAI_MODELS } from "./openai.js";

/** Every provider's models; one file per provider. */
export const CATALOG_DATA: readonly CatalogModelInput[] = [...OPENAI_MODELS];
