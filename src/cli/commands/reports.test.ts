import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

for (const kind of availableBackends()) {
  describe(`rapport reports [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, cleanup } = await createCliEnvironment(kind, "reports", { migrated: true }));
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
    });
    afterAll(() => cleanup());

    it("rebuilds one organization's rollups, or every organization's", async () => {
      const one = await run(["reports", "rebuild", "--org", "acme"], env);
      expect(one).toMatchObject({ code: 0, stdout: "rebuilt report rollups for acme\n" });
      const all = await run(["reports", "rebuild"], env);
      expect(all.stdout).toBe("rebuilt report rollups for every organization\n");
      expect((await run(["reports", "compact"], env)).stdout).toMatch(
        /^compacted \d+ rollup keys\n$/,
      );
    });

    it("names an unknown organization instead of rebuilding nothing", async () => {
      const res = await run(["reports", "rebuild", "--org", "nope"], env);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain("No organization with slug 'nope'");
    });
  });
}
