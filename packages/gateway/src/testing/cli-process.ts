import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLI (npm test builds before running). */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface CliProcess {
  proc: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `igris start` as a user would, on port 0, and resolves once it prints where it listens. */
export async function runCli(dataDir: string, env: Record<string, string> = {}): Promise<CliProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const proc = spawn(process.execPath, [CLI, "start"], {
    env: { PATH: process.env.PATH ?? "", IGRIS_DATA_DIR: dataDir, IGRIS_PORT: "0", IGRIS_LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /Igris Gateway listening on (http:\/\/\S+)/.exec(out);
    if (match) return { proc, url: match[1]!, output: () => out, exited };
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`gateway did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
