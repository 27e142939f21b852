import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "../../../test/http.ts";

describeEachBackend("redaction settings", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let otherAdmin: Session;

  beforeAll(async () => {
    app = buildTestApp(database());
    org = await buildOrg(database().db);
    const other = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
    otherAdmin = await loginAs(app, other.users.admin.email);
  });

  it("stores and serves the settings per organization, and ingest follows them", async () => {
    const initial = await admin.request("GET", "/api/v1/settings/redaction");
    expect(await initial.json()).toEqual({
      enabled: true,
      cards: true,
      cvv: true,
      iban: true,
      nationalIds: true,
      emails: true,
      phones: true,
    });
    const put = await admin.request("PUT", "/api/v1/settings/redaction", { cards: false });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ enabled: true, cards: false, emails: true });
    const leader = await loginAs(app, org.users.leader.email);
    expect(await (await leader.request("GET", "/api/v1/settings/redaction")).json()).toMatchObject({
      cards: false,
    });
    expect((await leader.request("PUT", "/api/v1/settings/redaction", {})).status).toBe(403);
    expect((await admin.request("PUT", "/api/v1/settings/redaction", { cards: "no" })).status).toBe(
      400,
    );
    // Other organizations keep their own settings.
    expect(
      await (await otherAdmin.request("GET", "/api/v1/settings/redaction")).json(),
    ).toMatchObject({ cards: true });

    const { key } = await createApiKey(database().db, org.orgId, { kind: "cli" }, "k", ["ingest"]);
    const res = await withApiKey(app, key)("POST", "/api/v1/interactions", {
      conversations: [
        {
          externalId: "r-1",
          source: "redaction-test",
          channel: "chat",
          customer: { externalId: "c" },
          messages: [
            {
              role: "customer",
              text: "card 4111111111111111, mail a@b.io",
              ts: "2026-11-01T15:00:00Z",
            },
          ],
        },
      ],
    });
    const id = ((await res.json()) as { results: { id: string }[] }).results[0]!.id;
    const [msg] = await queryRows<{ text: string }>(
      database().db,
      sql`select text from messages where org_id = ${org.orgId} and conversation_id = ${id}`,
    );
    expect(msg!.text).toBe("card 4111111111111111, mail [EMAIL]");
  });
});
