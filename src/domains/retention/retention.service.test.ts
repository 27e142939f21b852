import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { withoutTexts } from "./retention.service.ts";

describe("withoutTexts", () => {
  it("drops every text member at any depth and keeps everything else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const stripped = JSON.stringify(withoutTexts(value));
        // Every object key is a quoted string followed by a colon.
        expect(stripped).not.toMatch(/"text":/);
        const kept = withoutTexts(
          JSON.parse(JSON.stringify(value).replaceAll('"text":', '"txt":')),
        );
        expect(kept).toEqual(JSON.parse(JSON.stringify(value).replaceAll('"text":', '"txt":')));
      }),
    );
  });
});

const DAY = 86_400_000;
const message = (role: string, text: string, ts: Date) => ({ role, text, ts: ts.toISOString() });

describeEachBackend("retention", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  const ids: Record<"old" | "recent", string> = { old: "", recent: "" };

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    const key = (await createApiKey(db, org.orgId, { kind: "cli" }, "i", ["ingest"])).key;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
    const item = (externalId: string, daysAgo: number) => ({
      externalId,
      source: "helpdesk",
      channel: "email",
      subject: `Refund for order ${externalId}`,
      customer: { externalId: `c-${externalId}`, name: "Casey" },
      messages: [
        message(
          "customer",
          "This is unacceptable, I want a refund for the broken kettle.",
          at(daysAgo),
        ),
        message("agent", "I'm so sorry, I will refund you by Friday.", at(daysAgo - 0.01)),
      ],
    });
    const res = await withApiKey(app, key)("POST", "/api/v1/interactions", {
      conversations: [item("old", 400), item("recent", 10)],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { externalId: string; id: string }[] };
    for (const r of body.results) ids[r.externalId as "old" | "recent"] = r.id;
  });

  const transcript = async (id: string) => {
    const admin = await loginAs(app, org.users.admin.email);
    const res = await admin.request("GET", `/api/v1/conversations/${id}`);
    return (await res.json()) as {
      conversation: { subject: string | null; sentiment: unknown };
      messages: { text: string; textRemovedAt: string | null; analysis: unknown }[];
    };
  };

  it("refuses periods that are not whole days from 1 to 3650, and changes nothing", async () => {
    const admin = await loginAs(app, org.users.admin.email);
    for (const rawTextDays of [0, 3651, 1.5, "30", -1]) {
      const res = await admin.request("PUT", "/api/v1/settings/retention", { rawTextDays });
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe("VALIDATION_FAILED");
    }
    const res = await admin.request("PUT", "/api/v1/settings/retention", { rawTextDays: 5, x: 1 });
    expect(res.status).toBe(400);
    const read = await admin.request("GET", "/api/v1/settings/retention");
    expect(await read.json()).toEqual({ rawTextDays: null });
  });

  it("deletes the words of messages past the period and keeps their measurements", async () => {
    const admin = await loginAs(app, org.users.admin.email);
    const before = await transcript(ids.old);
    // The analysis quotes the customer's words (evidence, sentiment terms) before retention runs.
    expect(JSON.stringify(before.messages[0]!.analysis)).toMatch(/"text":/);
    expect(
      (await admin.request("PUT", "/api/v1/settings/retention", { rawTextDays: 365 })).status,
    ).toBe(200);
    const run = await admin.request("POST", "/api/v1/settings/retention/apply");
    expect(await run.json()).toEqual({ messages: 2, conversations: 1 });

    const after = await transcript(ids.old);
    expect(after.conversation.subject).toBeNull();
    expect(after.conversation.sentiment).toEqual(before.conversation.sentiment);
    for (const [i, m] of after.messages.entries()) {
      expect(m.text).toBe("");
      expect(m.textRemovedAt).not.toBeNull();
      expect(JSON.stringify(m.analysis)).not.toMatch(/"text":/);
      // Same scores and signals, only without the quoted words.
      expect(m.analysis).toEqual(withoutTexts(before.messages[i]!.analysis));
    }
    const stored = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from messages where org_id = ${org.orgId}
          and (text like '%kettle%' or search @@ to_tsquery('english', 'kettle'))`,
    );
    expect(Number(stored[0]!.n)).toBe(1); // the recent conversation only
    const recent = await transcript(ids.recent);
    expect(recent.conversation.subject).toBe("Refund for order recent");
    expect(recent.messages.every((m) => m.text !== "" && m.textRemovedAt === null)).toBe(true);
  });

  it("is idempotent: a second run removes nothing", async () => {
    const admin = await loginAs(app, org.users.admin.email);
    const run = await admin.request("POST", "/api/v1/settings/retention/apply");
    expect(await run.json()).toEqual({ messages: 0, conversations: 0 });
  });
});
