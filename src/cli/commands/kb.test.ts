import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

for (const kind of availableBackends()) {
  describe(`rapport kb import [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let dir = "";
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, dir, cleanup } = await createCliEnvironment(kind, "kb-cli", { migrated: true }));
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
    }, 170_000);
    afterAll(() => cleanup());

    it("imports a CSV of articles, then updates them on a second import", async () => {
      const file = path.join(dir, "articles.csv");
      fs.writeFileSync(
        file,
        'key,title,body\nr1,Refunds,"Refund the duplicate."\nr2,Parcels,"Redeliver."\n',
      );
      const first = await run(["kb", "import", file, "--org", "acme"], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("imported 2 new and 0 updated articles");
      const again = await run(["kb", "import", file, "--org", "acme"], env);
      expect(again.stdout).toContain("imported 0 new and 2 updated articles");
    });

    it("refuses a file whose format it cannot tell", async () => {
      const file = path.join(dir, "notes.txt");
      fs.writeFileSync(file, "hello");
      const res = await run(["kb", "import", file, "--org", "acme"], env);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain("--format");
    });
  });
}
