#!/usr/bin/env node
// The mock upstream for the benchmark: the mock-providers server, in its own process,
// with its request log emptied every second. The log keeps every request for tests to
// inspect; under load it grows by ~1 KB a request (over 500 MB in a quick run), and
// the mock's growing heap would slow whichever target happens to run last.
import { parseArgs } from "node:util";
import { startMockProvider } from "../packages/mock-providers/dist/index.js";

const LOG_RESET_INTERVAL_MS = 1000;

const { values } = parseArgs({ options: { port: { type: "string" } } });
const mock = await startMockProvider({ host: "127.0.0.1", port: values.port === undefined ? 0 : Number(values.port) });
setInterval(() => mock.reset(), LOG_RESET_INTERVAL_MS).unref();
process.stdout.write(`mock provider listening on ${mock.url}\n`);

const stop = () => mock.close().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
