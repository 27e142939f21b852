/**
 * Shared set-up for the webhook route tests: an app whose logs are captured, two organizations with
 * an admin session each, one source ("widget") in the first, and helpers to sign and send deliveries.
 */
import { sql } from "drizzle-orm";
import pino from "pino";
import { beforeAll, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { queryRows, type Database } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { loginAs, type Session, type TestApp } from "../../../test/http.ts";
import { signDelivery } from "./signature.ts";

// The SecretBox reads its key from the environment on first use; never the developer's data dir.
process.env.RAPPORT_SECRET_KEY ??= "test-only-webhook-secret-key-0123456789";

export const MAPPING = {
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

export function payload(
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

export interface Created {
  id: string;
  secret: string;
  url: string;
  source: string;
}

export interface DeliveryOptions {
  id?: string;
  delivery?: string;
  ts?: string;
  secret?: string;
  signature?: string | null;
  raw?: string;
}

export interface WebhookHarness {
  database: () => Database;
  app: TestApp;
  org: TestOrg;
  other: TestOrg;
  admin: Session;
  otherAdmin: Session;
  /** The "widget" source of `org`, with its secret as created. */
  source: Created;
  /** Every log line the app wrote, at every level. */
  logLines: string[];
  now(): string;
  /** Posts a delivery signed with the source's secret (or `opts`), to the source's URL. */
  deliver(body: unknown, opts?: DeliveryOptions): Response | Promise<Response>;
  count(
    table: "conversations" | "messages" | "webhook_deliveries",
    orgId?: string,
  ): Promise<number>;
}

/** Registers the suite's `beforeAll`; the returned object's fields are filled in by then. */
export function useWebhookHarness(database: () => Database): WebhookHarness {
  const logLines: string[] = [];
  const w = {
    database,
    logLines,
    now: () => String(Math.floor(Date.now() / 1000)),
    deliver(body: unknown, opts: DeliveryOptions = {}) {
      const raw = opts.raw ?? JSON.stringify(body);
      const ts = opts.ts ?? w.now();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-rapport-timestamp": ts,
      };
      if (opts.signature !== null)
        headers["x-rapport-signature"] =
          opts.signature ?? signDelivery(opts.secret ?? w.source.secret, ts, raw);
      if (opts.delivery) headers["x-rapport-delivery"] = opts.delivery;
      return w.app.request(`/api/v1/webhooks/${opts.id ?? w.source.id}`, {
        method: "POST",
        headers,
        body: raw,
      });
    },
    async count(table: "conversations" | "messages" | "webhook_deliveries", orgId = w.org.orgId) {
      const rows = await queryRows<{ n: number }>(
        database().db,
        sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${orgId}`,
      );
      return rows[0]!.n;
    },
  } as WebhookHarness;

  beforeAll(async () => {
    const db = database().db;
    // Every level, captured, to prove the signing secret never reaches the logs.
    const logger = pino({ level: "trace" }, { write: (line: string) => void logLines.push(line) });
    w.app = createApp({
      db,
      logger,
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576 },
    });
    w.org = await buildOrg(db);
    w.other = await buildOrg(db);
    w.admin = await loginAs(w.app, w.org.users.admin.email);
    w.otherAdmin = await loginAs(w.app, w.other.users.admin.email);
    const res = await w.admin.request("POST", "/api/v1/webhook-sources", {
      name: "Chat widget",
      source: "widget",
      mapping: MAPPING,
    });
    expect(res.status).toBe(201);
    w.source = (await res.json()) as Created;
  });
  return w;
}

/** Run last in a suite: nothing it did wrote a signing secret to the logs, at any level. */
export function itNeverLogsSecrets(w: WebhookHarness): void {
  it("never writes a signing secret to the logs", () => {
    expect(w.logLines.length).toBeGreaterThan(0);
    const all = w.logLines.join("\n");
    expect(all).not.toContain(w.source.secret);
    expect(all).not.toContain("whsec_");
  });
}
