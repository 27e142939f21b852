import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { OpenAPIHono } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversations } from "../db/schema/index.ts";
import { createApiKey } from "../domains/orgs/index.ts";
import { resolvePrincipal } from "../http/auth.middleware.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { onError } from "../http/on-error.ts";
import { Queue } from "../jobs/queue.ts";
import { createLogger } from "../logger.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildOrg } from "../../test/factories.ts";
import { liveServerOf, mountLiveCalls } from "./live.ts";
import { isType, LiveClient } from "./test-client.ts";

/**
 * A platform that disconnects without `end`: after the grace period the call is stored as
 * ended. `createApp` uses a 30 s grace, so this suite mounts the live route on a minimal app with
 * a short one (the same middleware the real app runs before it: deps, principal, errors).
 */
describeEachBackend("live calls: a platform that disconnects", ({ database }) => {
  let server: ServerType;
  let app: OpenAPIHono<AppEnv>;
  let url: string;
  let orgId: string;

  beforeAll(async () => {
    const { db } = database();
    const deps: AppDeps = {
      db,
      logger: createLogger("silent"),
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576 },
    };
    app = new OpenAPIHono<AppEnv>();
    app.onError(onError);
    app.use("*", async (c, next) => {
      c.set("deps", deps);
      await next();
    });
    app.use("/api/v1/*", resolvePrincipal);
    mountLiveCalls(app, deps, { closeGraceMs: 200, storeEvery: 100 });
    orgId = (await buildOrg(db)).orgId;
    const key = (await createApiKey(db, orgId, { kind: "cli" }, "platform", ["ingest"])).key;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    liveServerOf(app)!.inject(server);
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/live?access_token=${key}`;
  });

  afterAll(async () => {
    await liveServerOf(app)?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("stores the call as closed after the grace period", async () => {
    const callId = "dropped-call";
    const platform = await LiveClient.connect(url);
    platform.send({ type: "start", callId });
    platform.send({
      type: "utterance",
      callId,
      speaker: "customer",
      text: "Hello?",
      startOffset: 0,
      endOffset: 1,
    });
    await platform.next(isType("analysis", callId), "analysis");
    platform.close();

    const { db } = database();
    let stored: { status: string; messageCount: number } | undefined;
    for (let attempt = 0; attempt < 100 && stored?.status !== "closed"; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      [stored] = await db
        .select({ status: conversations.status, messageCount: conversations.messageCount })
        .from(conversations)
        .where(
          and(
            eq(conversations.orgId, orgId),
            eq(conversations.source, "live"),
            eq(conversations.externalId, callId),
          ),
        );
    }
    expect(stored).toEqual({ status: "closed", messageCount: 1 });
  });
});
