/** Messages between a WorkerQueries and its query worker. */

export interface QueryWorkerData {
  /** The SQLite database file the worker opens read-only. */
  file: string;
}

export type ToQueryWorker =
  | { kind: "run"; id: number; job: string; params: unknown }
  /** `credit`: how many chunks the worker may send before it hears `credit` again. */
  | { kind: "stream"; id: number; job: string; params: unknown; credit: number }
  | { kind: "credit"; id: number; n: number }
  | { kind: "cancel"; id: number };

export type FromQueryWorker =
  | { kind: "result"; id: number; value: unknown }
  | { kind: "chunk"; id: number; value: unknown }
  | { kind: "end"; id: number }
  | { kind: "error"; id: number; message: string };
