import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { copyPostgresTemplate, type BackendKind } from "./db.ts";

const BIN = path.resolve("bin/rapport.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rapport <args>` as a user would, in a child process with the given environment. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * A scratch place for CLI commands: a temp folder (with the embedded database in it for PGlite),
 * or a PostgreSQL database next to TEST_DATABASE_URL. `cleanup` removes both. The database is
 * empty, so that the first command creates and migrates it, unless `migrated` asks for a copy of the
 * run's migrated template: for tests about other commands, which then skip that ~10 s first start.
 */
export async function createCliEnvironment(
  kind: BackendKind,
  label: string,
  opts: { migrated?: boolean } = {},
): Promise<{ env: Record<string, string>; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rapport-${label}-`));
  const env: Record<string, string> = {};
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    env.RAPPORT_DATA_DIR = path.join(dir, "data");
    if (opts.migrated)
      fs.cpSync(inject("pgliteCliTemplate"), path.join(env.RAPPORT_DATA_DIR, "pglite"), {
        recursive: true,
      });
  } else {
    const url = process.env.TEST_DATABASE_URL!;
    const tag = label.replace(/\W/g, "");
    let name = `rapport_t${tag}_${process.pid}_${Date.now()}`;
    if (opts.migrated) {
      name = await copyPostgresTemplate(`t${tag}`);
    } else {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  return {
    env,
    dir,
    cleanup: async () => {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
      await dropDatabase();
    },
  };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  url: string;
  /** Everything the server printed so far (its logs included). */
  output(): string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Runs `rapport serve` (what `npm start` runs) as a user would, without the demo, and waits until
 * it answers /healthz and `ready()` holds. `stop` sends SIGTERM and waits for the exit.
 */
export async function startServe(
  env: Record<string, string>,
  ready: () => boolean = () => true,
  bin = BIN,
): Promise<ServeProcess> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child = spawn(process.execPath, [bin, "serve"], {
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      RAPPORT_DEMO: "off",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rapport serve exited early:\n${log}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy && ready()) return { url, output: () => log, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
}
