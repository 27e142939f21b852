import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { queryRows } from "../../db/client.ts";
import { customers } from "../../db/schema/index.ts";
import { serveApp } from "../../http/listener.ts";
import { Queue } from "../../jobs/queue.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { tokenFor } from "./delivery.ts";
import { decideInvitations } from "./invitations.service.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { SURVEY_LINK_POLICY } from "./pages.routes.ts";
import { createSurvey } from "./surveys.service.ts";

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP/1.1 request (a fresh connection): what a client on the network sees. */
function send(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string[] },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: "127.0.0.1",
        method: opts.method ?? "POST",
        path: opts.path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    for (const chunk of opts.body ?? []) req.write(chunk);
    req.end();
  });
}

/** Headers that differ between any two responses (clock, connection) or carry an id. */
const comparable = (h: Sent["headers"]) => {
  const { date: _d, connection: _c, "keep-alive": _k, ...rest } = h;
  return rest;
};

describeEachBackend("POST /s/{token}: the bare route answers as the Hono route", ({ database }) => {
  let org: TestOrg;
  const logs: Record<string, Record<string, unknown>[]> = { bare: [], hono: [] };
  const servers: Server[] = [];
  const ports = { bare: 0, hono: 0 };
  let client = 0;

  const appLoggingTo = (name: "bare" | "hono") =>
    createApp({
      db: database().db,
      logger: pino(
        { level: "info" },
        new Writable({
          write(chunk: Buffer, _enc, done) {
            logs[name]!.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
            done();
          },
        }),
      ),
      queue: new Queue(database().db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
    });

  beforeAll(async () => {
    const db = database().db;
    org = await buildOrg(db);
    await createSurvey(db, org.orgId, {
      name: "CSAT",
      type: "csat",
      trigger: { event: "conversation_resolved" },
      rules: { sampleRate: 1 },
    });
    await db.execute(
      sql`insert into survey_settings (org_id, cooldown_days) values (${org.orgId}, 0)`,
    );
    const bare = await serveApp(appLoggingTo("bare"), { port: 0, hostname: "127.0.0.1" });
    const app = appLoggingTo("hono");
    const hono = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
        resolve(s as Server),
      );
    });
    servers.push(bare, hono);
    ports.bare = (bare.address() as AddressInfo).port;
    ports.hono = (hono.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  /** A fresh invited conversation's link path. */
  const invite = async (now = new Date()) => {
    const db = database().db;
    const [customer] = await db
      .insert(customers)
      .values({ orgId: org.orgId, name: "Jo", email: `jo${Math.random()}@example.test` })
      .returning();
    const id = await buildConversation(db, org.orgId, {
      customerId: customer!.id,
      teamId: org.teamId,
    });
    await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id], { now });
    const [row] = await invitationsRepo.listInvitationsOf(db, org.orgId, id);
    return `/s/${tokenFor(org.orgId, row!.invitation.id, row!.invitation.expiresAt)}`;
  };

  /** The same request to both servers, each from a new client address and with one request id. */
  const both = async (opts: Parameters<typeof send>[1], paths?: { bare: string; hono: string }) => {
    const from = `10.9.${client >> 8}.${client++ & 255}`;
    const headers = { "x-forwarded-for": from, "x-request-id": `req-${client}`, ...opts.headers };
    const [bare, hono] = await Promise.all([
      send(ports.bare, { ...opts, path: paths?.bare ?? opts.path, headers }),
      send(ports.hono, { ...opts, path: paths?.hono ?? opts.path, headers }),
    ]);
    return { bare, hono };
  };
  const json = { "content-type": "application/json" };

  it("stores an answer with 201, then 200 on resubmission, with the same headers and body shape", async () => {
    const paths = { bare: await invite(), hono: await invite() };
    for (const expected of [201, 200]) {
      const { bare, hono } = await both(
        { path: "", headers: json, body: ['{"score":2,"comment":"Slow"}'] },
        paths,
      );
      expect(bare.status).toBe(expected);
      expect(hono.status).toBe(expected);
      expect(comparable(bare.headers)).toEqual(comparable(hono.headers));
      const [b, h] = [JSON.parse(bare.body), JSON.parse(hono.body)] as Record<string, unknown>[];
      expect(Object.keys(b!)).toEqual(Object.keys(h!));
      expect(b).toMatchObject({ score: 2, comment: "Slow" });
      // The follow-up opens with the first low answer; a resubmission answers with that one.
      expect([typeof b!.followUpId, typeof h!.followUpId]).toEqual(["string", "string"]);
    }
    const stored = await queryRows<{ submissions: number }>(
      database().db,
      sql`select submissions from survey_responses where org_id = ${org.orgId} order by created_at desc limit 2`,
    );
    expect(stored.map((r) => r.submissions)).toEqual([2, 2]);
  });

  it("answers every refusal byte for byte as the Hono route", async () => {
    const path = await invite();
    const expired = await invite(new Date(Date.now() - 400 * 86_400_000));
    const forged = path.slice(0, -3) + (path.endsWith("AAA") ? "BBB" : "AAA");
    const big = JSON.stringify({ comment: "x".repeat(20_000) });
    const cases: [number, string, Parameters<typeof send>[1]][] = [
      [400, "MALFORMED_JSON", { path, headers: json, body: ['{"score":'] }],
      [400, "MALFORMED_JSON", { path, headers: json }],
      [400, "VALIDATION_FAILED", { path, headers: json, body: ['{"score":"five"}'] }],
      [400, "VALIDATION_FAILED", { path, headers: json, body: ['{"score":9}'] }],
      [400, "VALIDATION_FAILED", { path, headers: json, body: ['{"comment":"a\\u0000b"}'] }],
      [404, "SURVEY_LINK_INVALID", { path: forged, headers: json, body: ['{"score":3}'] }],
      [410, "SURVEY_LINK_EXPIRED", { path: expired, headers: json, body: ['{"score":3}'] }],
      [413, "PAYLOAD_TOO_LARGE", { path, headers: json, body: [big] }],
      // Chunked (no Content-Length): read up to the limit, then refused.
      [
        413,
        "PAYLOAD_TOO_LARGE",
        {
          path,
          headers: { ...json, "transfer-encoding": "chunked" },
          body: [big.slice(0, 9000), big.slice(9000)],
        },
      ],
      [
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        { path, headers: { "content-type": "text/plain" }, body: ["3"] },
      ],
    ];
    for (const [status, code, opts] of cases) {
      const { bare, hono } = await both(opts);
      expect([bare.status, hono.status, code]).toEqual([status, status, code]);
      expect(JSON.parse(bare.body)).toMatchObject({ error: { code } });
      expect(bare.body).toBe(hono.body);
      expect(comparable(bare.headers)).toEqual(comparable(hono.headers));
    }
  });

  it("echoes a plain request id, replaces any other, and logs one line per request as Hono does", async () => {
    const path = await invite();
    logs.bare!.length = logs.hono!.length = 0;
    const weird = await both({
      path,
      headers: { ...json, "x-request-id": "no spaces allowed" },
      body: ["{}"],
    });
    expect(weird.bare.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await both({
      path,
      headers: { ...json, "x-request-id": "abc-123" },
      body: ["{}"],
    });
    expect(plain.bare.headers["x-request-id"]).toBe("abc-123");
    const strip = (l: Record<string, unknown>) => {
      const { time: _t, pid: _p, hostname: _h, ms: _m, requestId: _r, ...rest } = l;
      return rest;
    };
    expect(logs.bare!.map(strip)).toEqual(logs.hono!.map(strip));
    expect(logs.bare!.map(strip)).toEqual([
      { level: 30, method: "POST", path, status: 400, msg: "request" },
      { level: 30, method: "POST", path, status: 400, msg: "request" },
    ]);
  });

  it("shares the link's abuse limit with the page (Hono's GET) and answers 429 with Retry-After", async () => {
    const path = await invite();
    for (let i = 0; i < SURVEY_LINK_POLICY.freeAttempts; i++) {
      const page = await send(ports.bare, {
        method: "GET",
        path,
        headers: { "x-forwarded-for": `10.8.0.${i}` },
      });
      expect(page.status).toBe(200);
    }
    const limited = await send(ports.bare, {
      path,
      headers: { ...json, "x-forwarded-for": "10.8.1.1", "x-request-id": "r1" },
      body: ['{"score":4}'],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("60");
    expect(JSON.parse(limited.body)).toMatchObject({
      error: { code: "RATE_LIMITED" },
      requestId: "r1",
    });
  });

  it("leaves forms and other shapes to Hono through the same listener", async () => {
    const path = await invite();
    const form = await send(ports.bare, {
      path: `${path}?lang=fr`,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "10.7.0.1",
      },
      body: ["score=5"],
    });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe(`${path}?saved=1&lang=fr`);
    const withQuery = await send(ports.bare, {
      path: `${path}?x=1`,
      headers: { ...json, "x-forwarded-for": "10.7.0.2" },
      body: ['{"comment":"Thanks"}'],
    });
    expect(withQuery.status).toBe(200);
  });
});
