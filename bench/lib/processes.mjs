// Child processes of the benchmark: started, awaited until they print their URL,
// watched for crashes, and always stopped, whatever way the run ends.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT_LINES = 40;

/** Children still running, so an exit path can stop them. */
const running = new Set();

/**
 * Starts `node <args>` and resolves once a stdout line matches `readyPattern`
 * (whose first group is the URL the child listens on).
 */
export function startChild({ name, args, env, readyPattern }) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const handle = {
    name,
    pid: child.pid,
    url: "",
    /** Last lines of output, shown when the child fails. */
    output: [],
    exited: false,
    exitCode: null,
    stop: () => stopChild(handle, child),
  };
  running.add(handle);

  const keep = (stream) => (line) => {
    handle.output.push(`[${name} ${stream}] ${line}`);
    if (handle.output.length > KEPT_OUTPUT_LINES) handle.output.shift();
  };
  // Both pipes are drained for the child's whole life, so its writes never block.
  const stderrLines = createInterface({ input: child.stderr });
  stderrLines.on("line", keep("stderr"));
  const stdoutLines = createInterface({ input: child.stdout });

  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      handle.exited = true;
      handle.exitCode = code ?? signal;
      running.delete(handle);
      resolve();
    });
  });
  handle.exitedPromise = exited;

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(new Error(`${name} did not report ready within ${STARTUP_TIMEOUT_MS / 1000} s`));
    }, STARTUP_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(withOutput(error, handle));
    };
    child.once("error", fail);
    exited.then(() => {
      if (!handle.url) fail(new Error(`${name} exited with ${handle.exitCode} before it was ready`));
    });
    stdoutLines.on("line", (line) => {
      keep("stdout")(line);
      if (handle.url) return;
      const match = readyPattern.exec(line);
      if (!match) return;
      handle.url = match[1].trim();
      clearTimeout(timer);
      resolve(handle);
    });
  });
}

/** Throws if any child has died since it started: a crashed target invalidates the run. */
export function assertAlive(handles) {
  for (const h of handles) {
    if (h.exited) throw withOutput(new Error(`${h.name} (pid ${h.pid}) exited with ${h.exitCode} during the run`), h);
  }
}

/** SIGTERM every running child, SIGKILL those still alive after the timeout. */
export async function stopAll() {
  await Promise.all([...running].map((h) => h.stop()));
}

async function stopChild(handle, child) {
  if (handle.exited) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await handle.exitedPromise;
  clearTimeout(timer);
}

/** Last resort on process exit (synchronous): nothing outlives the benchmark. */
export function killAllNow() {
  for (const h of running) {
    try {
      process.kill(h.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function withOutput(error, handle) {
  if (handle.output.length > 0) error.message += `\n${handle.output.join("\n")}`;
  return error;
}
