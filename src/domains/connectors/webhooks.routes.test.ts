import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pino from "pino";
import { beforeAll, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { errorCode, loginAs, type Session, type TestApp } from "../../../test/http.ts";
import { signBody, signDelivery } from "./signature.ts";

// The SecretBox reads its key from the environment on first use; never the developer's data dir.
process.env.RAPPORT_SECRET_KEY ??= "test-only-webhook-secret-key-0123456789";

const MAPPING = {
  conversationExternalId: "$.conversation.id",
  channel: "$.platform",
  "customer.externalId": "$.sender.id",
  "customer.name": "$.sender.name",
  messages: {
    path: "$.messages[*]",
    role: { path: "$.from.type", map: { user: "customer", operator: "agent" } },
    text: "$.body",
    ts: "$.created_at",
    externalId: "$.id",
  },
};

function payload(
  conversationId: string,
  messages: { id: string; type: string; body: string; at: string }[],
) {
  return {
    platform: "chat",
    conversation: { id: conversationId },
    sender: { id: "visitor-1", name: "Vera" },
    messages: messages.map((m) => ({
      id: m.id,
      from: { type: m.type },
      body: m.body,
      created_at: m.at,
    })),
  };
}

interface Created {
  id: string;
  secret: string;
  url: string;
  source: string;
}

describeEachBackend("webhook connector", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let admin: Session;
  let otherAdmin: Session;
  let source: Created;
  const logLines: string[] = [];

  beforeAll(async () => {
    const db = database().db;
    // Every level, captured, to prove the signing secret never reaches the logs.
    const logger = pino({ level: "trace" }, { write: (line: string) => void logLines.push(line) });
    app = createApp({
      db,
      logger,
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576 },
    });
    org = await buildOrg(db);
    other = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    otherAdmin = await loginAs(app, other.users.admin.email);
    const res = await admin.request("POST", "/api/v1/webhook-sources", {
      name: "Chat widget",
      source: "widget",
      mapping: MAPPING,
    });
    expect(res.status).toBe(201);
    source = (await res.json()) as Created;
  });

  const now = () => String(Math.floor(Date.now() / 1000));
  const deliver = (
    body: unknown,
    opts: {
      id?: string;
      delivery?: string;
      ts?: string;
      secret?: string;
      signature?: string | null;
      raw?: string;
    } = {},
  ) => {
    const raw = opts.raw ?? JSON.stringify(body);
    const ts = opts.ts ?? now();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-rapport-timestamp": ts,
    };
    if (opts.signature !== null)
      headers["x-rapport-signature"] =
        opts.signature ?? signDelivery(opts.secret ?? source.secret, ts, raw);
    if (opts.delivery) headers["x-rapport-delivery"] = opts.delivery;
    return app.request(`/api/v1/webhooks/${opts.id ?? source.id}`, {
      method: "POST",
      headers,
      body: raw,
    });
  };
  const count = async (
    table: "conversations" | "messages" | "webhook_deliveries",
    orgId = org.orgId,
  ) =>
    (
      await queryRows<{ n: number }>(
        database().db,
        sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${orgId}`,
      )
    )[0]!.n;

  it("returns the signing secret once, stores it sealed, and never lists it", async () => {
    expect(source.secret).toMatch(/^whsec_/);
    expect(source.url).toBe(`/api/v1/webhooks/${source.id}`);
    const list = await admin.request("GET", "/api/v1/webhook-sources");
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(source.id);
    expect(text).not.toContain(source.secret);
    expect(text).not.toContain("secret");
    const [row] = await queryRows<{ secret_enc: string }>(
      database().db,
      sql`select secret_enc from webhook_sources where id = ${source.id}`,
    );
    expect(row!.secret_enc).not.toContain(source.secret);
  });

  it("refuses a mapping with an invalid path when the source is created", async () => {
    const res = await admin.request("POST", "/api/v1/webhook-sources", {
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
    const res = await admin.request("POST", "/api/v1/webhook-sources", {
      name: "Again",
      source: "widget",
      mapping: MAPPING,
    });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("WEBHOOK_SOURCE_TAKEN");
  });

  it("creates a conversation from a valid signed delivery, redacted", async () => {
    const before = await count("conversations");
    const res = await deliver(
      payload("c-100", [
        {
          id: "m1",
          type: "user",
          body: "Card 4111 1111 1111 1111 was charged twice",
          at: "2026-11-01T10:00:00Z",
        },
        { id: "m2", type: "operator", body: "Sorry, refunding now.", at: "2026-11-01T10:01:00Z" },
      ]),
      { delivery: "d-1" },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; conversationId: string };
    expect(body.status).toBe("created");
    expect(await count("conversations")).toBe(before + 1);
    const rows = await queryRows<{ source: string; external_id: string; channel: string }>(
      database().db,
      sql`select source, external_id, channel from conversations where org_id = ${org.orgId} and id = ${body.conversationId}`,
    );
    expect(rows).toEqual([{ source: "widget", external_id: "c-100", channel: "chat" }]);
    const texts = await queryRows<{ text: string; role: string }>(
      database().db,
      sql`select text, role from messages where org_id = ${org.orgId} and conversation_id = ${body.conversationId} order by seq`,
    );
    expect(texts).toEqual([
      { role: "customer", text: "Card [CARD] was charged twice" },
      { role: "agent", text: "Sorry, refunding now." },
    ]);
  });

  it("appends new messages from a second delivery", async () => {
    const res = await deliver(
      payload("c-100", [
        { id: "m2", type: "operator", body: "Sorry, refunding now.", at: "2026-11-01T10:01:00Z" },
        { id: "m3", type: "user", body: "Thanks!", at: "2026-11-01T10:02:00Z" },
      ]),
      { delivery: "d-2" },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("updated");
    const [n] = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from messages m join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
          where c.org_id = ${org.orgId} and c.source = 'widget' and c.external_id = 'c-100'`,
    );
    expect(n!.n).toBe(3);
  });

  it("answers a replayed delivery 'duplicate' and stores nothing new", async () => {
    const messagesBefore = await count("messages");
    const deliveriesBefore = await count("webhook_deliveries");
    const res = await deliver(
      payload("c-100", [{ id: "m9", type: "user", body: "replayed", at: "2026-11-01T10:09:00Z" }]),
      {
        delivery: "d-1",
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "duplicate" });
    expect(await count("messages")).toBe(messagesBefore);
    expect(await count("webhook_deliveries")).toBe(deliveriesBefore);
  });

  it("catches an exact replay without a delivery id by its signed content", async () => {
    const body = payload("c-200", [
      { id: "x1", type: "user", body: "hello", at: "2026-11-01T11:00:00Z" },
    ]);
    const ts = now();
    expect(((await (await deliver(body, { ts })).json()) as { status: string }).status).toBe(
      "created",
    );
    expect(await (await deliver(body, { ts })).json()).toEqual({ status: "duplicate" });
  });

  it("refuses a bad or missing signature with 401, and an unknown source with the same answer", async () => {
    const body = payload("c-300", [
      { id: "y1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" },
    ]);
    const before = await count("conversations");
    const wrong = await deliver(body, { secret: "whsec_wrong" });
    const missing = await deliver(body, { signature: null });
    const garbage = await deliver(body, { signature: "sha256=zz" });
    const unknown = await deliver(body, { id: randomUUID() });
    for (const res of [wrong, missing, garbage, unknown]) expect(res.status).toBe(401);
    const bodies = await Promise.all(
      [wrong, unknown].map(async (r) => ((await r.json()) as { error: unknown }).error),
    );
    expect(bodies[1]).toEqual(bodies[0]);
    expect(await count("conversations")).toBe(before);
  });

  it("refuses a timestamp more than 5 minutes away with 401", async () => {
    const body = payload("c-301", [
      { id: "z1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" },
    ]);
    const stale = await deliver(body, { ts: String(Math.floor(Date.now() / 1000) - 301) });
    expect(stale.status).toBe(401);
    expect(await errorCode(stale)).toBe("WEBHOOK_TIMESTAMP_STALE");
    const future = await deliver(body, { ts: String(Math.floor(Date.now() / 1000) + 400) });
    expect(future.status).toBe(401);
  });

  it("refuses a body over 512 KiB with 413", async () => {
    const big = payload("c-302", [
      { id: "b1", type: "user", body: "x".repeat(600 * 1024), at: "2026-11-01T12:00:00Z" },
    ]);
    const res = await deliver(big);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 422 with the reason when the payload does not map to a valid conversation, storing nothing", async () => {
    const before = { c: await count("conversations"), d: await count("webhook_deliveries") };
    const badRole = await deliver(
      payload("c-303", [{ id: "r1", type: "robot", body: "hi", at: "2026-11-01T12:00:00Z" }]),
      {
        delivery: "d-bad",
      },
    );
    expect(badRole.status).toBe(422);
    const error = ((await badRole.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("WEBHOOK_MAPPING_FAILED");
    expect(error.message).toContain("messages[0].role");
    const noId = await deliver({ platform: "chat", sender: { id: "v" }, messages: [] });
    expect(noId.status).toBe(422);
    expect(((await noId.json()) as { error: { message: string } }).error.message).toContain(
      "externalId",
    );
    expect({ c: await count("conversations"), d: await count("webhook_deliveries") }).toEqual(
      before,
    );
    // The refused delivery id was not recorded: the same id with a fixed payload is accepted.
    const fixed = await deliver(
      payload("c-303", [{ id: "r1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" }]),
      {
        delivery: "d-bad",
      },
    );
    expect(((await fixed.json()) as { status: string }).status).toBe("created");
  });

  it("answers 400 for a signed body that is not JSON", async () => {
    const res = await deliver(null, { raw: "{not json" });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe("MALFORMED_JSON");
  });

  it("accepts the body-only X-Hub-Signature-256 scheme when the source uses it", async () => {
    const created = await admin.request("POST", "/api/v1/webhook-sources", {
      name: "Social DMs",
      source: "social-dm",
      mapping: { ...MAPPING, signature: "hub-sha256", channel: "social" },
    });
    const hub = (await created.json()) as Created;
    const raw = JSON.stringify(
      payload("dm-1", [{ id: "h1", type: "user", body: "hey", at: "2026-11-01T13:00:00Z" }]),
    );
    const send = (signature: string) =>
      app.request(hub.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signature,
          "x-rapport-delivery": "hub-1",
        },
        body: raw,
      });
    expect((await send(signBody("whsec_wrong", raw))).status).toBe(401);
    const ok = await send(signBody(hub.secret, raw));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe("created");
  });

  it("answers 404 for another organization's source id, which keeps working", async () => {
    const res = await otherAdmin.request("DELETE", `/api/v1/webhook-sources/${source.id}`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe("WEBHOOK_SOURCE_NOT_FOUND");
    const list = (await (await otherAdmin.request("GET", "/api/v1/webhook-sources")).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    const still = await deliver(
      payload("c-400", [
        { id: "k1", type: "user", body: "still here", at: "2026-11-01T14:00:00Z" },
      ]),
    );
    expect(still.status).toBe(200);
  });

  it("stops accepting deliveries once the source is deleted", async () => {
    const created = (await (
      await admin.request("POST", "/api/v1/webhook-sources", {
        name: "Temp",
        source: "temp",
        mapping: MAPPING,
      })
    ).json()) as Created;
    expect((await admin.request("DELETE", `/api/v1/webhook-sources/${created.id}`)).status).toBe(
      204,
    );
    const res = await deliver(payload("t-1", []), { id: created.id, secret: created.secret });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe("WEBHOOK_SIGNATURE_INVALID");
  });

  it("pauses and resumes a source: deliveries are refused while it is disabled", async () => {
    const created = (await (
      await admin.request("POST", "/api/v1/webhook-sources", {
        name: "Pausable",
        source: "pausable",
        mapping: MAPPING,
      })
    ).json()) as Created;
    const send = (conversation: string) =>
      deliver(
        payload(conversation, [
          { id: `${conversation}-1`, type: "user", body: "hello", at: "2026-11-01T15:00:00Z" },
        ]),
        { id: created.id, secret: created.secret },
      );
    const paused = await admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, {
      enabled: false,
    });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({
      id: created.id,
      enabled: false,
      source: "pausable",
    });
    expect((await send("p-1")).status).toBe(401);

    await admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, { enabled: true });
    expect((await send("p-2")).status).toBe(200);
  });

  it("re-maps a source in place: the next delivery uses the new mapping, the secret stays", async () => {
    const created = (await (
      await admin.request("POST", "/api/v1/webhook-sources", {
        name: "Remap",
        source: "remap",
        mapping: MAPPING,
      })
    ).json()) as Created;
    const res = await admin.request("PATCH", `/api/v1/webhook-sources/${created.id}`, {
      name: "Remapped",
      mapping: { ...MAPPING, "customer.externalId": "$.sender.name" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Remapped", url: created.url });
    const ok = await deliver(
      payload("r-1", [{ id: "r-1-1", type: "user", body: "hi", at: "2026-11-01T16:00:00Z" }]),
      { id: created.id, secret: created.secret },
    );
    expect(ok.status).toBe(200);
    const [identity] = await queryRows<{ external_id: string }>(
      database().db,
      sql`select i.external_id from conversations c join customer_identities i
            on i.org_id = c.org_id and i.customer_id = c.customer_id
          where c.org_id = ${org.orgId} and c.source = 'remap' and c.external_id = 'r-1'`,
    );
    expect(identity?.external_id).toBe("Vera");
  });

  it("refuses an update with nothing to change or an invalid mapping, and another organization's source", async () => {
    const empty = await admin.request("PATCH", `/api/v1/webhook-sources/${source.id}`, {});
    expect(empty.status).toBe(400);
    const bad = await admin.request("PATCH", `/api/v1/webhook-sources/${source.id}`, {
      mapping: { ...MAPPING, conversationExternalId: "$..id" },
    });
    expect(bad.status).toBe(400);
    const foreign = await otherAdmin.request("PATCH", `/api/v1/webhook-sources/${source.id}`, {
      enabled: false,
    });
    expect(foreign.status).toBe(404);
    expect(await errorCode(foreign)).toBe("WEBHOOK_SOURCE_NOT_FOUND");
    const list = (await (await admin.request("GET", "/api/v1/webhook-sources")).json()) as {
      items: { id: string; enabled: boolean; name: string }[];
    };
    expect(list.items.find((i) => i.id === source.id)).toMatchObject({
      enabled: true,
      name: "Chat widget",
    });
  });

  it("never writes a signing secret to the logs", () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join("\n");
    expect(all).not.toContain(source.secret);
    expect(all).not.toContain("whsec_");
  });
});
