#!/usr/bin/env node
import { loadConfig } from "../config.js";
import { startGateway } from "../gateway.js";
import { auditCommand } from "./audit.js";

const USAGE = `igris — the Igris LLM gateway

Usage:
  igris start     start the gateway (default)
  igris audit     verify or export the audit trail (igris audit help)
  igris help      show this help

Environment: IGRIS_HOST, IGRIS_PORT, IGRIS_DATA_DIR, IGRIS_DATABASE_URL, IGRIS_ADMIN_KEY,
IGRIS_MASTER_KEY, IGRIS_LOG_LEVEL, IGRIS_SHUTDOWN_TIMEOUT_MS (see docs/configuration.md).`;

async function start(): Promise<void> {
  const gateway = await startGateway(loadConfig());
  process.stdout.write(`\nIgris Gateway listening on ${gateway.url}\n`);
  if (gateway.generatedAdminKey) {
    process.stdout.write(`\nAdmin API key (shown once; store it now):\n\n    ${gateway.generatedAdminKey}\n\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.log.info({ signal }, "shutting down");
    gateway.close().then(
      () => process.exit(0),
      (err) => {
        gateway.log.error({ err: (err as Error).message }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

const command = process.argv[2] ?? "start";
if (command === "start") {
  start().catch((err) => {
    process.stderr.write(`igris: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
} else if (command === "audit") {
  auditCommand(process.argv.slice(3)).then((code) => {
    process.exitCode = code;
  });
} else if (command === "help" || command === "--help" || command === "-h") {
  process.stdout.write(`${USAGE}\n`);
} else {
  process.stderr.write(`igris: unknown command "${command}"\n\n${USAGE}\n`);
  process.exit(2);
}
