import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { BackendKind } from "./db.ts";

const BIN = path.resolve("bin/rapport.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rapport <args>` as a user would, in a child process with the given environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
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
 * or a fresh PostgreSQL database next to TEST_DATABASE_URL. `cleanup` removes both.
 */
export async function createCliEnvironment(
  kind: BackendKind,
  label: string,
): Promise<{ env: Record<string, string>; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rapport-${label}-`));
  const env: Record<string, string> = {};
  let dropDatabase = async () => {};
  if (kind === "pglite") {
    env.RAPPORT_DATA_DIR = path.join(dir, "data");
  } else {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `rapport_t${label.replace(/\W/g, "")}_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
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
