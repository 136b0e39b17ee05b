import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The recorded provider responses live beside the checkout, in ../shared/fixtures/wire. */
export const WIRE_FIXTURES_DIR = process.env.IGRIS_FIXTURES_DIR || fileURLToPath(new URL("../../../../../shared/fixtures/wire/", import.meta.url));

export function wireFixture(relativePath: string): string {
  const path = WIRE_FIXTURES_DIR.replace(/\/?$/, "/") + relativePath;
  if (!existsSync(path)) throw new Error(`recorded fixture not found: ${path}`);
  return path;
}
