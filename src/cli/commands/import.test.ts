import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli as run } from "../../../test/cli.ts";
import { availableBackends } from "../../../test/db.ts";

const FIXTURES = path.resolve("src/domains/imports/fixtures");

for (const kind of availableBackends()) {
  describe(`rapport import [${kind}]`, { timeout: 180_000 }, () => {
    let env: Record<string, string> = {};
    let dir = "";
    let cleanup = async () => {};

    beforeAll(async () => {
      ({ env, dir, cleanup } = await createCliEnvironment(kind, "import-cli", { migrated: true }));
      expect((await run(["org", "create", "--slug", "acme", "--name", "Acme"], env)).code).toBe(0);
    }, 170_000);
    afterAll(() => cleanup());

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

    it("fails loudly on a file it does not recognise, and keys runs by source as well as file", async () => {
      const comments = path.resolve("test/fixtures/importers/zendesk/ticket_comments.json");
      const bad = await run(["import", "zendesk", comments, "--org", "acme"], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe("imported 0, updated 0, unchanged 0, rejected 0\n");
      expect(bad.stderr).toContain(
        "not a Zendesk export: found a JSON object with keys comments, meta",
      );
      const ticket = path.join(dir, "ticket.json");
      fs.copyFileSync(path.resolve("test/fixtures/importers/zendesk/ticket.json"), ticket);
      const first = await run(["import", "zendesk", ticket, "--org", "acme"], env);
      expect([first.code, first.stdout]).toEqual([
        0,
        "imported 1, updated 0, unchanged 0, rejected 0\n",
      ]);
      const other = await run(
        ["import", "zendesk", ticket, "--org", "acme", "--source", "zendesk-eu"],
        env,
      );
      expect([other.code, other.stdout]).toEqual([
        0,
        "imported 1, updated 0, unchanged 0, rejected 0\n",
      ]);
    });

    it("imports a folder of per-ticket API responses file by file", async () => {
      const folder = path.join(dir, "zendesk-tickets");
      fs.mkdirSync(folder);
      for (const name of ["ticket.json", "search_ticket.json"])
        fs.copyFileSync(
          path.resolve("test/fixtures/importers/zendesk", name),
          path.join(folder, name),
        );
      const res = await run(
        ["import", "zendesk", folder, "--org", "acme", "--source", "folder"],
        env,
      );
      expect([res.code, res.stdout]).toEqual([
        0,
        "imported 2, updated 0, unchanged 0, rejected 0\n",
      ]);
      fs.mkdirSync(path.join(dir, "empty"));
      const empty = await run(["import", "zendesk", path.join(dir, "empty"), "--org", "acme"], env);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain("an empty folder");
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
