import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

for (const kind of availableBackends()) {
  describe(`rapport cases [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, cleanup } = await createCliEnvironment(kind, "cases", { migrated: true }));
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
    });
    afterAll(() => cleanup());

    it("recomputes an organization's open case clocks and says how many changed", async () => {
      const res = await run(["cases", "recompute", "--org", "acme"], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(
        /^recomputed the clocks of 0 open cases of acme in \d+\.\d s: 0 changed\n$/,
      );
    });

    it("names an unknown organization", async () => {
      const res = await run(["cases", "recompute", "--org", "nope"], env);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain("No organization with slug 'nope'");
    });
  });
}
