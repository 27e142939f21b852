import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session, type TestApp } from "../../../test/http.ts";

const SHIPPED = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;

describeEachBackend("a fix whose reason is merged into another", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("follows the merge to the surviving reason and keeps measuring", async () => {
    const db = database().db;
    const at = (days: number) =>
      buildConversation(db, org.orgId, { startedAt: new Date(SHIPPED + days * DAY) });
    const targeted = [await at(-10), await at(-5), await at(-3), await at(4)];
    const other = [await at(-8), await at(6)];
    const reasonId = await assignContactReason(db, org.orgId, targeted, {
      label: "activation code",
    });
    const survivorId = await assignContactReason(db, org.orgId, other, { label: "card / code" });
    const created = await admin.request("POST", "/api/v1/fixes", {
      title: "Codes by e-mail too",
      shippedAt: new Date(SHIPPED).toISOString(),
      target: { reasonId },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const impact = async () =>
      (await (await admin.request("GET", `/api/v1/fixes/${id}/impact`)).json()) as {
        before: { conversations: number };
        after: { conversations: number };
      };
    expect(await impact()).toMatchObject({
      before: { conversations: 3 },
      after: { conversations: 1 },
    });

    const merged = await admin.request("POST", `/api/v1/insights/reasons/${survivorId}/merge`, {
      reasonIds: [reasonId],
    });
    expect(merged.status).toBe(200);
    const listed = (await (await admin.request("GET", "/api/v1/fixes")).json()) as {
      items: { id: string; targetReason: { id: string; name: string } | null }[];
    };
    expect(listed.items.find((f) => f.id === id)?.targetReason).toEqual({
      id: survivorId,
      name: "card / code",
    });
    // The survivor now holds both reasons' conversations; the fix reads them there.
    expect(await impact()).toMatchObject({
      before: { conversations: 4 },
      after: { conversations: 2 },
    });
  });
});
