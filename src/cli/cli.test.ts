import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../test/cli.ts";
import { availableBackends } from "../../test/db.ts";

for (const kind of availableBackends()) {
  describe(`rapport CLI [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, cleanup } = await createCliEnvironment(kind, "cli"));
    });
    afterAll(() => cleanup());

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
