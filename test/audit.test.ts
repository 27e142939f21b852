import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "./db.ts";
import { buildOrg, type TestOrg } from "./factories.ts";
import { buildTestApp, loginAs, type Session } from "./http.ts";

describeEachBackend("audit log of channel settings", ({ database }) => {
  let org: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    const app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("records who created and deleted mailboxes and webhook sources, and redaction changes", async () => {
    const mailbox = await admin.request("POST", "/api/v1/mailboxes", {
      name: "Support",
      address: "help@example.test",
      host: "127.0.0.1",
      port: 1,
      secure: false,
      username: "u",
      password: "p",
    });
    expect(mailbox.status).toBe(201);
    const mailboxId = ((await mailbox.json()) as { id: string }).id;
    expect((await admin.request("DELETE", `/api/v1/mailboxes/${mailboxId}`)).status).toBe(204);
    const source = await admin.request("POST", "/api/v1/webhook-sources", {
      name: "Widget",
      source: "widget",
      mapping: {
        conversationExternalId: "$.id",
        "customer.externalId": "$.user",
        messages: { path: "$.messages[*]", role: "customer", text: "$.text", ts: "$.ts" },
      },
    });
    expect(source.status).toBe(201);
    const sourceId = ((await source.json()) as { id: string }).id;
    expect(
      (await admin.request("PATCH", `/api/v1/webhook-sources/${sourceId}`, { enabled: false }))
        .status,
    ).toBe(200);
    expect((await admin.request("DELETE", `/api/v1/webhook-sources/${sourceId}`)).status).toBe(204);
    expect(
      (await admin.request("PUT", "/api/v1/settings/redaction", { enabled: true, phones: false }))
        .status,
    ).toBe(200);

    const res = await admin.request("GET", "/api/v1/audit-log");
    const entries = (
      (await res.json()) as {
        items: { action: string; actorUserId: string | null; details: object }[];
      }
    ).items;
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "mailbox.created",
        "mailbox.deleted",
        "webhook_source.created",
        "webhook_source.updated",
        "webhook_source.deleted",
        "redaction.updated",
      ]),
    );
    expect(
      entries
        .filter((e) => e.action.startsWith("mailbox."))
        .every((e) => e.actorUserId === org.users.admin.id),
    ).toBe(true);
    // Secrets never reach the audit log.
    expect(JSON.stringify(entries)).not.toMatch(/"password"|secret/i);
  });
});
