import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../../../test/db.ts";

const BIN = path.resolve("bin/rapport.js");
const FIXTURES = path.resolve("src/domains/imports/fixtures");

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
  describe(`rapport import [${kind}]`, { timeout: 180_000 }, () => {
    const env: Record<string, string> = {};
    let dir = "";
    let dropDatabase = async () => {};

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-import-cli-"));
      if (kind === "pglite") {
        env.RAPPORT_DATA_DIR = path.join(dir, "data");
      } else {
        const url = process.env.TEST_DATABASE_URL!;
        const name = `rapport_timp_${process.pid}_${Date.now()}`;
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
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
      // A first start migrates the new database: slow on a busy machine.
    }, 170_000);
    afterAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
      await dropDatabase();
    });

    it("imports a file, prints the summary, writes the rejects file and exits 1 for rejected records", async () => {
      const file = path.join(dir, "tickets.json");
      fs.copyFileSync(path.join(FIXTURES, "zendesk-export.json"), file);
      const first = await run(["import", "zendesk", file, "--org", "acme", "--batch", "2"], env);
      expect(first.stdout).toBe("imported 3, updated 0, unchanged 0, rejected 1\n");
      expect(first.code).toBe(1);
      const rejects = fs
        .readFileSync(`${file}.rejects.jsonl`, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown);
      expect(rejects).toEqual([
        {
          file: "tickets.json",
          record: 3,
          externalId: "103",
          reason: "comments[0]: created_at is not a timestamp",
        },
      ]);
      const again = await run(["import", "zendesk", file, "--org", "acme"], env);
      expect(again.stdout).toBe("imported 0, updated 0, unchanged 3, rejected 1\n");
      expect(again.stderr).toContain("already imported");
    });

    it("exits 0 when every record imported, and 2 on usage errors without a stack trace", async () => {
      const ok = await run(
        [
          "import",
          "vtt",
          path.join(FIXTURES, "call.vtt"),
          "--org",
          "acme",
          "--started-at",
          "2024-07-01T09:00:00Z",
        ],
        env,
      );
      expect([ok.code, ok.stdout]).toEqual([0, "imported 1, updated 0, unchanged 0, rejected 0\n"]);
      const usages = [
        ["import", "nope", "x.json", "--org", "acme"],
        ["import", "zendesk", path.join(dir, "missing.json"), "--org", "acme"],
        ["import", "zendesk", path.join(FIXTURES, "zendesk-export.json"), "--org", "nope"],
      ];
      for (const args of usages) {
        const res = await run(args, env);
        expect([args.join(" "), res.code]).toEqual([args.join(" "), 2]);
        expect(res.stderr).not.toMatch(/\n\s+at /);
      }
    });
  });
}
