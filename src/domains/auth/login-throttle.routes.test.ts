import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { beforeAll, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { queryRows } from "../../db/client.ts";
import type { AppEnv } from "../../http/context.ts";
import { onError } from "../../http/on-error.ts";
import { rateLimit } from "../../http/rate-limit.middleware.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, TEST_PASSWORD, type TestOrg } from "../../../test/factories.ts";
import type { TestApp } from "../../../test/http.ts";
import { LOGIN_CLIENT_POLICY } from "../throttle/index.ts";

interface ErrorBody {
  error: { code: string; message: string; details?: { retryAfterSeconds?: number } };
  requestId: string;
}

describeEachBackend("login throttling", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;

  beforeAll(async () => {
    const db = database().db;
    // Behind a trusted proxy, so each test can speak from a client address of its own.
    app = createApp({
      db,
      logger: createLogger("silent"),
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
    });
    org = await buildOrg(db);
  });

  const login = (email: string, password: string, client: string) =>
    app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.9.9.9, ${client}` },
      body: JSON.stringify({ email, password }),
    });

  it("answers 429 with Retry-After within 10 wrong passwords for one account, even to the right one", async () => {
    const email = org.users.qa.email;
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      // A different client each time: the account's own limit is what stops this.
      const res = await login(email, `wrong-${i}`, `10.0.0.${i}`);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const wait = Number(limited!.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    const body = (await limited!.json()) as ErrorBody;
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.details?.retryAfterSeconds).toBe(wait);
    expect(body.requestId).toBeTruthy();

    const right = await login(email, TEST_PASSWORD, "10.0.1.1");
    expect(right.status).toBe(429);
    // Another account is not affected.
    expect((await login(org.users.exec.email, TEST_PASSWORD, "10.0.1.2")).status).toBe(200);
  });

  it("writes an audit entry in the user's organization when the block starts, without the password", async () => {
    const rows = await queryRows<{ action: string; target_id: string; details: unknown }>(
      database().db,
      sql`select action, target_id, details from audit_log where org_id = ${org.orgId} and action = 'auth.login_throttled'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.target_id).toBe(org.users.qa.id);
    expect(JSON.stringify(rows[0]!.details)).not.toContain("wrong-");
  });

  it("throttles an unknown email exactly like a known one (no enumeration)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login("ghost@nowhere.test", "x", `10.0.2.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("throttles one client address spraying many accounts", async () => {
    const client = "10.0.3.3";
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_CLIENT_POLICY.freeAttempts; i++)
      statuses.push((await login(`spray-${i}@nowhere.test`, "x", client)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    // The same account from another address is still allowed to try.
    expect((await login(org.users.leader.email, TEST_PASSWORD, "10.0.3.4")).status).toBe(200);
  });

  it("forgets an account's failures after a successful login", async () => {
    const email = org.users.leader.email;
    for (let i = 0; i < 4; i++) await login(email, "wrong", `10.0.4.${i}`);
    expect((await login(email, TEST_PASSWORD, "10.0.4.9")).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await login(email, "wrong", `10.0.5.${i}`)).status).toBe(401);
  });

  it("rateLimit() guards a public endpoint with the same machinery", async () => {
    const policy = {
      name: `test-public-${Date.now()}`,
      freeAttempts: 3,
      baseBlockSeconds: 60,
      maxBlockSeconds: 600,
      forgetAfterSeconds: 3600,
    };
    const pub = new Hono<AppEnv>();
    pub.onError(onError);
    pub.use(requestId());
    pub.use(async (c, next) => {
      c.set("deps", {
        db: database().db,
        logger: createLogger("silent"),
        queue: new Queue(database().db),
        config: { cookieSecure: false, bodyLimitBytes: 1000, trustProxy: true },
      });
      await next();
    });
    pub.post("/survey", rateLimit(policy), (c) => c.json({ ok: true }));
    const send = (client: string) =>
      pub.request("/survey", { method: "POST", headers: { "x-forwarded-for": client } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send("10.1.1.1")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await send("10.1.1.2")).status).toBe(200);
  });
});
