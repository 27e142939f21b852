import { expect, it } from "vitest";
import { createApiKey } from "../orgs/index.ts";
import { availableBackends, createTestDatabase, describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";
import { restoreBackup, writeBackup } from "./backup.service.ts";

async function answers(app: TestApp, cookie: string, paths: string[]): Promise<string[]> {
  return Promise.all(
    paths.map(async (p) => {
      const res = await app.request(p, { headers: { cookie } });
      expect(res.status).toBe(200);
      return res.text();
    }),
  );
}

describeEachBackend("backup and restore", ({ database, kind }) => {
  it("restores onto an empty database with byte-identical API answers, on either backend", async () => {
    const db = database().db;
    const app = buildTestApp(database());
    const org = await buildOrg(db);
    const ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "ingest", ["ingest"])).key,
    );
    const res = await ingest("POST", "/api/v1/interactions", {
      conversations: Array.from({ length: 5 }, (_, i) => ({
        externalId: `b-${i}`,
        source: "backup",
        channel: "chat",
        subject: `Refund ${i}`,
        customer: { externalId: `c-${i}`, name: `Casey ${i}` },
        metadata: { plan: "pro", n: i },
        messages: [
          { role: "customer", text: `I was charged twice (${i}) 😡`, ts: "2026-11-01T10:00:00Z" },
          { role: "agent", text: "Sorry! Refunding now.", ts: "2026-11-01T10:02:00Z" },
        ],
      })),
    });
    const { results } = (await res.json()) as { results: { id: string }[] };
    const session = await loginAs(app, org.users.admin.email);
    const paths = [
      "/api/v1/conversations?limit=200",
      "/api/v1/conversations?q=charged",
      "/api/v1/users",
      "/api/v1/teams",
      // Reports come from the rollups, which the restore must not count twice.
      "/api/v1/stats/overview?from=2026-10-01&to=2026-11-30",
      ...[org.conversationId, ...results.map((r) => r.id)].map(
        (id) => `/api/v1/conversations/${id}`,
      ),
    ];
    const before = await answers(app, session.cookie, paths);

    const lines: string[] = [];
    const header = await writeBackup(db, (line) => void lines.push(line));
    expect(header.tables.find((t) => t.name === "messages")!.rows).toBeGreaterThan(10);

    for (const target of new Set([kind, ...availableBackends()])) {
      const restored = await createTestDatabase(target);
      try {
        await restoreBackup(restored.db, lines);
        // The same session cookie works: sessions are restored too.
        const after = await answers(buildTestApp(restored), session.cookie, paths);
        expect(after).toEqual(before);
        await expect(restoreBackup(restored.db, lines)).rejects.toThrow(/not empty/);
      } finally {
        await restored.close();
      }
    }
  });
});
