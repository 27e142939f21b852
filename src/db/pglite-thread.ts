import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { QueryOptions, Results } from "@electric-sql/pglite";

/**
 * PGlite on a worker thread, for `rapport serve`. PostgreSQL's start-up inside PGlite (~0.4–0.6 s of
 * CPU) then runs beside the loading of the server's bundle instead of after it (docs/performance.md,
 * "Start-up"), and a long query no longer holds up the event loop that answers HTTP requests.
 *
 * The thread's side is `threadMain` below, run from its source text (a Worker with `eval`), so that
 * it works the same from the sources (tests) and from the bundle. Calls are serialised here, as PGlite
 * serialises them: a transaction holds every other call until it ends.
 */

/** What Rapport uses of a PGlite instance; an in-process PGlite and a PgliteThread both provide it. */
export interface PgliteClient {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgliteTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

interface Request {
  id: number;
  op: "query" | "exec" | "close";
  sql?: string;
  params?: unknown[];
  rowMode?: "array" | "object";
  /** Type ids whose values stay text (the caller's parsers, which must be the identity). */
  rawTypes?: number[];
}

interface Reply {
  id: number;
  result?: unknown;
  error?: Record<string, unknown> & { message: string };
}

/**
 * The worker thread: opens PGlite, then answers requests in order. Runs from its source text, so it
 * uses nothing from this module's scope, only globals and what the thread is given. (Modules come
 * through `process.getBuiltinModule`: a bundler rewrites `require` calls.)
 */
function threadMain(): void {
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
  const { pglitePath, dataDir, extraParams } = workerData as {
    pglitePath: string;
    dataDir: string;
    extraParams: string[];
  };
  const load = process.getBuiltinModule("node:module").createRequire(pglitePath);
  const { PGlite } = load(pglitePath) as typeof import("@electric-sql/pglite");
  const port = parentPort!;
  const keep = (value: string) => value;
  const errorOf = (err: unknown) => {
    const e = (err ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = { message: String(e.message ?? err) };
    // PostgreSQL's error fields (all strings); not the query's parameters, which may be personal.
    for (const key of [
      "name",
      "severity",
      "code",
      "detail",
      "hint",
      "position",
      "where",
      "schema",
    ].concat(["table", "column", "dataType", "constraint", "routine", "query"])) {
      if (typeof e[key] === "string") out[key] = e[key];
    }
    return out;
  };
  PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...extraParams] }).then(
    (pg) => {
      port.on("message", (req: Request) => {
        const run =
          req.op === "query"
            ? pg.query(req.sql!, req.params, {
                rowMode: req.rowMode,
                parsers: Object.fromEntries((req.rawTypes ?? []).map((t) => [t, keep])),
              })
            : req.op === "exec"
              ? pg.exec(req.sql!)
              : pg.close().then(() => null);
        const fail = (err: unknown) => port.postMessage({ id: req.id, error: errorOf(err) });
        run.then((result) => {
          // A result that cannot be cloned must still answer, or its caller would wait forever.
          try {
            port.postMessage({ id: req.id, result });
          } catch (err) {
            fail(err);
          }
        }, fail);
      });
      port.postMessage({ id: 0, result: null });
    },
    (err: unknown) => port.postMessage({ id: 0, error: errorOf(err) }),
  );
}

/** The type ids of `options.parsers`; each parser must keep the text as it is (Drizzle's do). */
function rawTypesOf(options: QueryOptions | undefined): number[] {
  const parsers = options?.parsers ?? {};
  return Object.entries(parsers).map(([type, parse]) => {
    if (parse("x", Number(type)) !== "x") {
      throw new Error(`PgliteThread: only parsers that keep the text are supported (type ${type})`);
    }
    return Number(type);
  });
}

function errorFrom(fields: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(fields.message), fields);
}

export class PgliteThread implements PgliteClient {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #nextId = 1;
  /** The end of the queue of calls: each call starts when the one before it has ended. */
  #tail: Promise<unknown> = Promise.resolve();
  #stopped: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.error) waiting?.reject(errorFrom(reply.error));
      else waiting?.resolve(reply.result);
    });
    const stop = (err: Error) => {
      this.#stopped ??= err;
      for (const waiting of this.#pending.values()) waiting.reject(err);
      this.#pending.clear();
    };
    worker.on("error", stop);
    worker.on("exit", (code) => stop(new Error(`the database thread stopped (exit code ${code})`)));
  }

  /** Starts PGlite on `dataDir` in a new thread (its default start parameters and `extraParams`). */
  static async open(dataDir: string, extraParams: string[]): Promise<PgliteThread> {
    const pglitePath = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    // Run from the sources through tsx, the text carries esbuild's keepNames calls (`__name(fn,
    // "name")`) to a helper that only exists in the module: the thread gets its own.
    const worker = new Worker(`const __name = (fn) => fn;\n(${threadMain.toString()})()`, {
      eval: true,
      workerData: { pglitePath, dataDir, extraParams },
    });
    const thread = new PgliteThread(worker);
    try {
      await thread.#call({ id: 0, op: "query" }, false);
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return thread;
  }

  /** Waits for the reply to `req`; with `send` false, only waits (the thread's ready message). */
  #call(req: Request, send = true): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return new Promise((resolve, reject) => {
      this.#pending.set(req.id, { resolve, reject });
      if (send) this.#worker.postMessage(req);
    });
  }

  #request(op: Request["op"], fields: Omit<Request, "id" | "op"> = {}): Promise<unknown> {
    return this.#call({ id: this.#nextId++, op, ...fields });
  }

  #query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    const rawTypes = rawTypesOf(options);
    return this.#request("query", { sql, params, rowMode: options?.rowMode, rawTypes }) as Promise<
      Results<T>
    >;
  }

  #exec(sql: string): Promise<Results[]> {
    return this.#request("exec", { sql }) as Promise<Results[]>;
  }

  /** Runs `fn` after every call queued before it has ended. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn);
    this.#tail = run.catch(() => {});
    return run;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#exclusive(() => this.#query<T>(sql, params, options));
  }

  exec(sql: string): Promise<Results[]> {
    return this.#exclusive(() => this.#exec(sql));
  }

  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      await this.#exec("begin");
      let closed = false;
      const open = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx: PgliteTransaction = {
        query: async (sql, params, options) => (open(), this.#query(sql, params, options)),
        exec: async (sql) => (open(), this.#exec(sql)),
        rollback: async () => {
          open();
          await this.#exec("rollback");
          closed = true;
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) await this.#exec("commit");
        return result;
      } catch (err) {
        if (!closed) await this.#exec("rollback").catch(() => {});
        throw err;
      } finally {
        closed = true;
      }
    });
  }

  close(): Promise<void> {
    return this.#exclusive(async () => {
      if (!this.#stopped) await this.#request("close");
      await this.#worker.terminate();
    });
  }
}
