import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import {
  assignContactReason,
  buildConversation,
  buildOrg,
  type TestOrg,
} from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session, type TestApp } from "../../../test/http.ts";

describeEachBackend("cases by contact reason", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("lists only the cases whose conversation has the contact reason", async () => {
    const db = database().db;
    const card = await buildConversation(db, org.orgId);
    const refund = await buildConversation(db, org.orgId);
    const reasonId = await assignContactReason(db, org.orgId, [card]);
    await assignContactReason(db, org.orgId, [refund], { label: "refund" });
    const open = async (title: string, conversationId?: string) => {
      const res = await admin.request("POST", "/api/v1/cases", { title, conversationId });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const cardCase = await open("Card never came", card);
    await open("Refund late", refund);
    await open("No conversation");

    const list = async (query: string) => {
      const res = await admin.request("GET", `/api/v1/cases?${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await list(`reasonId=${reasonId}`)).toEqual([cardCase]);
    expect(await list("")).toHaveLength(3);
    expect((await admin.request("GET", "/api/v1/cases?reasonId=card")).status).toBe(400);
  });
});
