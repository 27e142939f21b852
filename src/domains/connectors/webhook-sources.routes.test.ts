import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { errorCode } from "../../../test/http.ts";
import {
  itNeverLogsSecrets,
  MAPPING,
  payload,
  useWebhookHarness,
  type Created,
} from "./webhooks.harness.ts";

/** Managing webhook sources: the secret shown once, mappings, pause, delete, tenants, logs. */
describeEachBackend("webhook sources", ({ database }) => {
  const w = useWebhookHarness(database);

  it("returns the signing secret once, stores it sealed, and never lists it", async () => {
    expect(w.source.secret).toMatch(/^whsec_/);
    expect(w.source.url).toBe(`/api/v1/webhooks/${w.source.id}`);
    const list = await w.admin.request("GET", "/api/v1/webhook-sources");
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(w.source.id);
    expect(text).not.toContain(w.source.secret);
    expect(text).not.toContain("secret");
    const [row] = await queryRows<{ secret_enc: string }>(
      w.database().db,
      sql`select secret_enc from webhook_sources where id = ${w.source.id}`,
    );
    expect(row!.secret_enc).not.toContain(w.source.secret);
  });

  it("refuses a mapping with an invalid path when the source is created", async () => {
    const res = await w.admin.request("POST", "/api/v1/webhook-sources", {
      name: "Broken",
      source: "broken",
      mapping: { ...MAPPING, conversationExternalId: "$..id" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "body.mapping.conversationExternalId",
    );
  });

  it("refuses a second source with the same source name", async () => {
    const res = await w.admin.request("POST", "/api/v1/webhook-sources", {
      name: "Again",
      source: "widget",
      mapping: MAPPING,
    });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("WEBHOOK_SOURCE_TAKEN");
  });

  it("answers 404 for another organization's source id, which keeps working", async () => {
    const res = await w.otherAdmin.request("DELETE", `/api/v1/webhook-sources/${w.source.id}`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe("WEBHOOK_SOURCE_NOT_FOUND");
    const list = (await (await w.otherAdmin.request("GET", "/api/v1/webhook-sources")).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    const still = await w.deliver(
      payload("c-400", [
        { id: "k1", type: "user", body: "still here", at: "2026-11-01T14:00:00Z" },
      ]),
    );
    expect(still.status).toBe(200);
  });

  it("stops accepting deliveries once the source is deleted", async () => {
    const created = (await (
      await w.admin.request("POST", "/api/v1/webhook-sources", {
        name: "Temp",
        source: "temp",
        mapping: MAPPING,
      })
    ).json()) as Created;
    expect((await w.admin.request("DELETE", `/api/v1/webhook-sources/${created.id}`)).status).toBe(
      204,
    );
    const res = await w.deliver(payload("t-1", []), { id: created.id, secret: created.secret });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("WEBHOOK_SIGNATURE_INVALID");
  });

  it("pauses and resumes a source: deliveries are refused while it is disabled", async () => {
    const created = (await (
      await w.admin.request("POST", "/api/v1/webhook-sources", {
        name: "Pausable",
        source: "pausable",
        mapping: MAPPING,
      })
    ).json()) as Created;
    const send = (conversation: string) =>
      w.deliver(
        payload(conversation, [
          { id: `${conversation}-1`, type: "user", body: "hello", at: "2026-11-01T15:00:00Z" },
        ]),
        { id: created.id, secret: created.secret },
      );
    const paused = await w.admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, {
      enabled: false,
    });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({
      id: created.id,
      enabled: false,
      source: "pausable",
    });
    expect((await send("p-1")).status).toBe(401);

    await w.admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, { enabled: true });
    expect((await send("p-2")).status).toBe(200);
  });

  it("re-maps a source in place: the next delivery uses the new mapping, the secret stays", async () => {
    const created = (await (
      await w.admin.request("POST", "/api/v1/webhook-sources", {
        name: "Remap",
        source: "remap",
        mapping: MAPPING,
      })
    ).json()) as Created;
    const res = await w.admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, {
      name: "Remapped",
      mapping: { ...MAPPING, "customer.externalId": "$.sender.name" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Remapped", url: created.url });
    const ok = await w.deliver(
      payload("r-1", [{ id: "r-1-1", type: "user", body: "hi", at: "2026-11-01T16:00:00Z" }]),
      { id: created.id, secret: created.secret },
    );
    expect(ok.status).toBe(200);
    const [identity] = await queryRows<{ external_id: string }>(
      w.database().db,
      sql`select i.external_id from conversations c join customer_identities i
            on i.org_id = c.org_id and i.customer_id = c.customer_id
          where c.org_id = ${w.org.orgId} and c.source = 'remap' and c.external_id = 'r-1'`,
    );
    expect(identity?.external_id).toBe("Vera");
  });

  it("refuses an update with nothing to change or an invalid mapping, and another organization's source", async () => {
    const empty = await w.admin.request("PATCH", `/api/v1/webhook-sources/${w.source.id}`, {});
    expect(empty.status).toBe(400);
    const bad = await w.admin.request("PATCH", `/api/v1/webhook-sources/${w.source.id}`, {
      mapping: { ...MAPPING, conversationExternalId: "$..id" },
    });
    expect(bad.status).toBe(400);
    const foreign = await w.otherAdmin.request("PATCH", `/api/v1/webhook-sources/${w.source.id}`, {
      enabled: false,
    });
    expect(foreign.status).toBe(404);
    expect(await errorCode(foreign)).toBe("WEBHOOK_SOURCE_NOT_FOUND");
    const list = (await (await w.admin.request("GET", "/api/v1/webhook-sources")).json()) as {
      items: { id: string; enabled: boolean; name: string }[];
    };
    expect(list.items.find((i) => i.id === w.source.id)).toMatchObject({
      enabled: true,
      name: "Chat widget",
    });
  });

  itNeverLogsSecrets(w);
});
