import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { availableBackends } from "../../test/db.ts";

const BIN = path.resolve("bin/rapport.js");

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
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

for (const kind of availableBackends()) {
  describe(`rapport CLI [${kind}]`, { timeout: 180_000 }, () => {
    const env: Record<string, string> = {};
    let dropDatabase = async () => {};

    beforeAll(async () => {
      if (kind === "pglite") {
        env.RAPPORT_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-cli-"));
      } else {
        const url = process.env.TEST_DATABASE_URL!;
        const name = `rapport_tcli_${process.pid}_${Date.now()}`;
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
    });
    afterAll(async () => {
      if (env.RAPPORT_DATA_DIR) fs.rmSync(env.RAPPORT_DATA_DIR, { recursive: true, force: true });
      await dropDatabase();
    });

    it("migrates, creates an organization and a user, and prints an API key alone on stdout", async () => {
      expect((await run(["migrate"], env)).code).toBe(0);
      const org = await run(["org", "create", "--slug", "demo", "--name", "Demo"], env);
      expect(org.code).toBe(0);
      const user = await run(
        ["user", "create", "--org", "demo", "--email", "lead@example.test", "--role", "leader"],
        env,
      );
      expect(user.code).toBe(0);
      expect(user.stdout).toMatch(/^password: \S{12,}$/m);
      const key = await run(["apikey", "create", "--org", "demo", "--scopes", "read,ingest"], env);
      expect(key.code).toBe(0);
      expect(key.stdout).toMatch(/^rpk_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}\n$/);
    });

    it("explains bad input without a stack trace", async () => {
      const badScope = await run(
        ["apikey", "create", "--org", "demo", "--scopes", "read,root"],
        env,
      );
      expect(badScope.code).not.toBe(0);
      expect(badScope.stderr).toContain("--scopes");
      expect(badScope.stderr).not.toMatch(/\n\s+at /);
      const noOrg = await run(["apikey", "create", "--org", "nope", "--scopes", "read"], env);
      expect(noOrg.code).not.toBe(0);
      expect(noOrg.stderr).toContain("No organization with slug 'nope'");
      const badRole = await run(
        ["user", "create", "--org", "demo", "--email", "x@example.test", "--role", "king"],
        env,
      );
      expect(badRole.code).not.toBe(0);
      expect(badRole.stderr).toMatch(/Allowed choices are admin, leader, qa, agent, exec/);
    });

    it("has --help on each command", async () => {
      for (const cmd of [
        ["serve"],
        ["worker"],
        ["migrate"],
        ["demo"],
        ["user", "create"],
        ["apikey", "create"],
        ["analyze"],
      ]) {
        const res = await run([...cmd, "--help"], env);
        expect(res.code).toBe(0);
        expect(res.stdout).toContain("Usage: rapport");
      }
    });
  });
}
