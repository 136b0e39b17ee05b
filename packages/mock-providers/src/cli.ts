#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMockProvider } from "./server.js";

const USAGE = "usage: igris-mock [--host 127.0.0.1] [--port 9999] [--fixtures DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: "string" },
      port: { type: "string" },
      fixtures: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0-65535, got "${values.port}"`);

  const mock = await startMockProvider({ host: values.host, port, fixturesDir: values.fixtures });
  process.stdout.write(`mock provider listening on ${mock.url}\n`);

  const stop = (): void => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`igris-mock: ${(error as Error)?.message ?? String(error)}\n${USAGE}\n`);
  process.exit(2);
});
