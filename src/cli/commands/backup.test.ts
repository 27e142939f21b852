import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

/** Asserts a command succeeded, showing its stderr when it did not. */
function expectOk(result: { code: number; stderr: string }) {
  expect(result.code, result.stderr).toBe(0);
}

/** The backup's rows (its header carries the time it was made). */
function rowsOf(file: string): string[] {
  return fs.readFileSync(file, "utf8").trim().split("\n").slice(1);
}

for (const kind of availableBackends()) {
  describe(`rapport backup and restore [${kind}]`, { timeout: 180_000 }, () => {
    const envs: { env: Record<string, string>; dir: string; cleanup: () => Promise<void> }[] = [];

    beforeAll(async () => {
      envs.push(await createCliEnvironment(kind, "backup-from", { migrated: true }));
      envs.push(await createCliEnvironment(kind, "backup-to", { migrated: true }));
    }, 170_000);
    afterAll(async () => {
      for (const e of envs) await e.cleanup();
    });

    it("restores a backup onto an empty database, row for row, and refuses a second restore", async () => {
      const [from, to] = envs as [(typeof envs)[0], (typeof envs)[0]];
      expect(
        (await run(["org", "create", "--slug", "acme", "--name", "Acme"], from.env)).code,
      ).toBe(0);
      const user = [
        "user",
        "create",
        "--org",
        "acme",
        "--email",
        "lead@acme.test",
        "--role",
        "leader",
      ];
      expectOk(await run(user, from.env));
      const file = path.join(from.dir, "rapport.backup.jsonl");
      const backup = await run(["backup", file], from.env);
      expectOk(backup);
      expect(backup.stdout).toMatch(/^backed up \d+ rows of \d+ tables/);
      expect((await run(["backup", file], from.env)).stderr).toMatch(/EEXIST|exists/);

      const restore = await run(["restore", file], to.env);
      expectOk(restore);
      const again = path.join(to.dir, "again.jsonl");
      expectOk(await run(["backup", again], to.env));
      expect(rowsOf(again)).toEqual(rowsOf(file));
      const twice = await run(["restore", file], to.env);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/not empty/);
    });
  });
}
