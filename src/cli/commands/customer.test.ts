import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

const FIXTURES = path.resolve("src/domains/imports/fixtures");

for (const kind of availableBackends()) {
  describe(`rapport customer [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let dir = "";
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, dir, cleanup } = await createCliEnvironment(kind, "customer-cli", {
        migrated: true,
      }));
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
      const file = path.join(dir, "tickets.json");
      fs.copyFileSync(path.join(FIXTURES, "zendesk-export.json"), file);
      await run(["import", "zendesk", file, "--org", "acme"], env);
    }, 170_000);
    afterAll(() => cleanup());

    const target = ["--org", "acme", "--source", "zendesk", "--external-id", "9002"];

    it("exports a customer named by an identity as JSON, then erases them", async () => {
      const exported = await run(["customer", "export", ...target], env);
      expect(exported.code).toBe(0);
      const data = JSON.parse(exported.stdout) as {
        customer: { id: string };
        conversations: { messages: unknown[] }[];
      };
      expect(data.conversations.length).toBeGreaterThan(0);
      expect(data.conversations[0]!.messages.length).toBeGreaterThan(0);

      const refused = await run(["customer", "erase", ...target], env);
      expect(refused.code).not.toBe(0);
      const erased = await run(["customer", "erase", ...target, "--yes"], env);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toContain(`erased customer ${data.customer.id}`);
      const again = await run(
        ["customer", "export", "--org", "acme", "--id", data.customer.id],
        env,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/No such customer/);
    });

    it("explains a missing or malformed customer reference", async () => {
      const none = await run(["customer", "export", "--org", "acme"], env);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/--id, or with --source and --external-id/);
      const bad = await run(["customer", "export", "--org", "acme", "--id", "nope"], env);
      expect(bad.stderr).toMatch(/--id: must be a UUID/);
    });
  });
}
