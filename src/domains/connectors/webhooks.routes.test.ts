import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { errorCode } from "../../../test/http.ts";
import { signBody } from "./signature.ts";
import {
  itNeverLogsSecrets,
  MAPPING,
  payload,
  useWebhookHarness,
  type Created,
} from "./webhooks.harness.ts";

/** Receiving deliveries: signatures, replays, limits, mapping errors, stored conversations. */
describeEachBackend("webhook deliveries", ({ database }) => {
  const w = useWebhookHarness(database);

  it("creates a conversation from a valid signed delivery, redacted", async () => {
    const before = await w.count("conversations");
    const res = await w.deliver(
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
    expect(await w.count("conversations")).toBe(before + 1);
    const rows = await queryRows<{ source: string; external_id: string; channel: string }>(
      w.database().db,
      sql`select source, external_id, channel from conversations where org_id = ${w.org.orgId} and id = ${body.conversationId}`,
    );
    expect(rows).toEqual([{ source: "widget", external_id: "c-100", channel: "chat" }]);
    const texts = await queryRows<{ text: string; role: string }>(
      w.database().db,
      sql`select text, role from messages where org_id = ${w.org.orgId} and conversation_id = ${body.conversationId} order by seq`,
    );
    expect(texts).toEqual([
      { role: "customer", text: "Card [CARD] was charged twice" },
      { role: "agent", text: "Sorry, refunding now." },
    ]);
  });

  it("appends new messages from a second delivery", async () => {
    const res = await w.deliver(
      payload("c-100", [
        { id: "m2", type: "operator", body: "Sorry, refunding now.", at: "2026-11-01T10:01:00Z" },
        { id: "m3", type: "user", body: "Thanks!", at: "2026-11-01T10:02:00Z" },
      ]),
      { delivery: "d-2" },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("updated");
    const [n] = await queryRows<{ n: number }>(
      w.database().db,
      sql`select count(*)::int as n from messages m join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
          where c.org_id = ${w.org.orgId} and c.source = 'widget' and c.external_id = 'c-100'`,
    );
    expect(n!.n).toBe(3);
  });

  it("answers a replayed delivery 'duplicate' and stores nothing new", async () => {
    const messagesBefore = await w.count("messages");
    const deliveriesBefore = await w.count("webhook_deliveries");
    const res = await w.deliver(
      payload("c-100", [{ id: "m9", type: "user", body: "replayed", at: "2026-11-01T10:09:00Z" }]),
      {
        delivery: "d-1",
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "duplicate" });
    expect(await w.count("messages")).toBe(messagesBefore);
    expect(await w.count("webhook_deliveries")).toBe(deliveriesBefore);
  });

  it("catches an exact replay without a delivery id by its signed content", async () => {
    const body = payload("c-200", [
      { id: "x1", type: "user", body: "hello", at: "2026-11-01T11:00:00Z" },
    ]);
    const ts = w.now();
    expect(((await (await w.deliver(body, { ts })).json()) as { status: string }).status).toBe(
      "created",
    );
    expect(await (await w.deliver(body, { ts })).json()).toEqual({ status: "duplicate" });
  });

  it("catches a captured delivery re-sent with a new or no X-Rapport-Delivery (not signed)", async () => {
    const body = payload("c-250", [
      { id: "r1", type: "user", body: "once only", at: "2026-11-01T11:30:00Z" },
    ]);
    const ts = w.now();
    const first = await w.deliver(body, { ts, delivery: "evt-original" });
    expect(((await first.json()) as { status: string }).status).toBe("created");
    const messagesBefore = await w.count("messages");
    const deliveriesBefore = await w.count("webhook_deliveries");
    for (const delivery of ["evt-forged-1", "evt-forged-2", undefined]) {
      const replay = await w.deliver(body, { ts, ...(delivery ? { delivery } : {}) });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ status: "duplicate" });
    }
    expect(await w.count("messages")).toBe(messagesBefore);
    // A duplicate records nothing, not even the forged id.
    expect(await w.count("webhook_deliveries")).toBe(deliveriesBefore);
  });

  it("answers 422, not 500, for a mapped field holding NUL or a lone surrogate", async () => {
    // JSON escapes, as a sender would write them; the raw characters would be malformed JSON.
    for (const bad of ["a\\u0000b", "a\\ud800b"]) {
      const raw = JSON.stringify(
        payload("c-260", [{ id: "n1", type: "user", body: "BAD", at: "2026-11-01T11:40:00Z" }]),
      ).replace("BAD", bad);
      const res = await w.deliver(null, { raw });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("WEBHOOK_MAPPING_FAILED");
      expect(body.error.message).toContain("messages[0].text");
    }
  });

  it("refuses a bad or missing signature with 401, and an unknown source with the same answer", async () => {
    const body = payload("c-300", [
      { id: "y1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" },
    ]);
    const before = await w.count("conversations");
    const wrong = await w.deliver(body, { secret: "whsec_wrong" });
    const missing = await w.deliver(body, { signature: null });
    const garbage = await w.deliver(body, { signature: "sha256=zz" });
    const unknown = await w.deliver(body, { id: randomUUID() });
    for (const res of [wrong, missing, garbage, unknown]) expect(res.status).toBe(401);
    const bodies = await Promise.all(
      [wrong, unknown].map(async (r) => ((await r.json()) as { error: unknown }).error),
    );
    expect(bodies[1]).toEqual(bodies[0]);
    expect(await w.count("conversations")).toBe(before);
  });

  it("refuses a timestamp more than 5 minutes away with 401", async () => {
    const body = payload("c-301", [
      { id: "z1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" },
    ]);
    const stale = await w.deliver(body, { ts: String(Math.floor(Date.now() / 1000) - 301) });
    expect(stale.status).toBe(401);
    expect(await errorCode(stale)).toBe("WEBHOOK_TIMESTAMP_STALE");
    const future = await w.deliver(body, { ts: String(Math.floor(Date.now() / 1000) + 400) });
    expect(future.status).toBe(401);
  });

  it("refuses a body over 512 KiB with 413", async () => {
    const big = payload("c-302", [
      { id: "b1", type: "user", body: "x".repeat(600 * 1024), at: "2026-11-01T12:00:00Z" },
    ]);
    const res = await w.deliver(big);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 422 with the reason when the payload does not map to a valid conversation, storing nothing", async () => {
    const before = { c: await w.count("conversations"), d: await w.count("webhook_deliveries") };
    const badRole = await w.deliver(
      payload("c-303", [{ id: "r1", type: "robot", body: "hi", at: "2026-11-01T12:00:00Z" }]),
      {
        delivery: "d-bad",
      },
    );
    expect(badRole.status).toBe(422);
    const error = ((await badRole.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("WEBHOOK_MAPPING_FAILED");
    expect(error.message).toContain("messages[0].role");
    const noId = await w.deliver({ platform: "chat", sender: { id: "v" }, messages: [] });
    expect(noId.status).toBe(422);
    expect(((await noId.json()) as { error: { message: string } }).error.message).toContain(
      "externalId",
    );
    expect({ c: await w.count("conversations"), d: await w.count("webhook_deliveries") }).toEqual(
      before,
    );
    // The refused delivery id was not recorded: the same id with a fixed payload is accepted.
    const fixed = await w.deliver(
      payload("c-303", [{ id: "r1", type: "user", body: "hi", at: "2026-11-01T12:00:00Z" }]),
      {
        delivery: "d-bad",
      },
    );
    expect(((await fixed.json()) as { status: string }).status).toBe("created");
  });

  it("answers 400 for a signed body that is not JSON", async () => {
    const res = await w.deliver(null, { raw: "{not json" });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe("MALFORMED_JSON");
  });

  it("accepts the body-only X-Hub-Signature-256 scheme when the source uses it", async () => {
    const created = await w.admin.request("POST", "/api/v1/webhook-sources", {
      name: "Social DMs",
      source: "social-dm",
      mapping: { ...MAPPING, signature: "hub-sha256", channel: "social" },
    });
    const hub = (await created.json()) as Created;
    const raw = JSON.stringify(
      payload("dm-1", [{ id: "h1", type: "user", body: "hey", at: "2026-11-01T13:00:00Z" }]),
    );
    const send = (signature: string) =>
      w.app.request(hub.url, {
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

  itNeverLogsSecrets(w);
});
