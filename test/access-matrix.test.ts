import { beforeAll, expect, it } from "vitest";
import type { RoleName } from "../src/db/schema/index.ts";
import { createApiKey } from "../src/domains/orgs/index.ts";
import { setUpQa } from "./qa-matrix.ts";
import { describeEachBackend } from "./db.ts";
import { buildOrg, type TestOrg } from "./factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  withApiKey,
  type Session,
  type TestApp,
} from "./http.ts";

import { CASE_ROUTES, casePolicy, other, own } from "./access-matrix/routes-cases.ts";
import { ASSIST_ROUTES, setUpAssist } from "./access-matrix/routes-assist.ts";
import { CORE_ROUTES } from "./access-matrix/routes-core.ts";
import { LLM_ROUTES } from "./access-matrix/routes-llm.ts";
import { QA_ROUTES, qaIds } from "./access-matrix/routes-qa.ts";
import { SURVEY_ROUTES } from "./access-matrix/routes-surveys.ts";
import { INSIGHTS_ROUTES, setUpInsights } from "./access-matrix/routes-insights.ts";
import { PEOPLE_ROUTES } from "./access-matrix/routes-people.ts";
import { INSIGHTS_PEOPLE_ROUTES, vendorIds } from "./access-matrix/routes-insights-people.ts";
import { RECOGNITION_ROUTES, setUpRecognition } from "./access-matrix/routes-recognition.ts";
import { ALL, foreign } from "./access-matrix/spec.ts";
import { setUpWidget, WIDGET_ROUTES } from "./access-matrix/routes-widget.ts";

/**
 * Every API route, who may call it, and a request that passes validation (one table per domain
 * group under access-matrix/). The first test fails when a route exists that these tables do not
 * list: a new route cannot ship without its access rules.
 */
const MATRIX = {
  ...CORE_ROUTES,
  ...QA_ROUTES,
  ...SURVEY_ROUTES,
  ...CASE_ROUTES,
  ...LLM_ROUTES,
  ...INSIGHTS_ROUTES,
  ...ASSIST_ROUTES,
  ...WIDGET_ROUTES,
  ...PEOPLE_ROUTES,
  ...INSIGHTS_PEOPLE_ROUTES,
  ...RECOGNITION_ROUTES,
};

describeEachBackend("access matrix", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  const sessions = {} as Record<RoleName, Session>;
  let keys: Record<"read" | "admin" | "ingest", string>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    for (const role of ALL) sessions[role] = await loginAs(app, a.users[role].email);
    const mk = async (scope: "read" | "admin" | "ingest") =>
      (await createApiKey(db, a.orgId, { kind: "cli" }, scope, [scope])).key;
    keys = { read: await mk("read"), admin: await mk("admin"), ingest: await mk("ingest") };
    foreign.apiKeyId = (await createApiKey(db, b.orgId, { kind: "cli" }, "b", ["read"])).id;
    const bAdmin = await loginAs(app, b.users.admin.email);
    await setUpAssist(db, a, b);
    const qaSetup = await setUpQa(db, a, b);
    Object.assign(qaIds, qaSetup.a);
    Object.assign(foreign, qaSetup.foreign);
    await setUpInsights(db, a, b);
    await setUpRecognition(db, a, b);
    const created = async (path: string, body: unknown) => {
      const res = await bAdmin.request("POST", path, body);
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    foreign.mailboxId = await created("/api/v1/mailboxes", {
      name: "B support",
      address: "help@b.example.test",
      host: "127.0.0.1",
      port: 1,
      secure: false,
      username: "u",
      password: "p",
    });
    foreign.surveyId = await created("/api/v1/surveys", {
      name: "B survey",
      type: "csat",
      trigger: { event: "conversation_resolved" },
    });
    foreign.pulseId = await created("/api/v1/pulse-surveys", { name: "B pulse" });
    await setUpWidget(app, a, b);
    const aAdmin = await loginAs(app, a.users.admin.email);
    for (const [session, ids] of [
      [aAdmin, own],
      [bAdmin, other],
    ] as const) {
      const make = async (path: string, body: unknown) => {
        const res = await session.request("POST", path, body);
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      ids.caseId = await make("/api/v1/cases", { title: "Matrix case" });
      ids.slaPolicyId = await make("/api/v1/sla-policies", casePolicy());
      ids.rootCauseId = await make("/api/v1/root-causes", { code: "billing", label: "Billing" });
    }
    vendorIds.own = await (async () => {
      const res = await aAdmin.request("POST", "/api/v1/vendors", { name: "A vendor" });
      return ((await res.json()) as { id: string }).id;
    })();
    vendorIds.other = await created("/api/v1/vendors", { name: "B vendor" });
    foreign.webhookSourceId = await created("/api/v1/webhook-sources", {
      name: "B widget",
      source: "b-widget",
      mapping: {
        conversationExternalId: "$.id",
        "customer.externalId": "$.user",
        messages: { path: "$.messages[*]", role: "customer", text: "$.text", ts: "$.ts" },
      },
    });
  });

  /** Allowed means past every guard, and a server error is never an acceptable answer. */
  const expectAllowed = (status: number) => {
    expect(status).toBeLessThan(500);
    expect([401, 403]).not.toContain(status);
  };

  it("lists every route the API serves", () => {
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const served = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, spec] of Object.entries(MATRIX)) {
    const method = route.split(" ")[0]!;
    const send = (s: Session, path: string) =>
      s.request(method, path, spec.body?.() ?? (method === "GET" ? undefined : {}));

    if (spec.roles !== "public") {
      it(`${route}: 401 without a session or key`, async () => {
        const res = await app.request(spec.path(a), { method });
        expect(res.status).toBe(401);
        expect(await errorCode(res)).toBe("UNAUTHENTICATED");
      });

      for (const role of ALL) {
        const allowed = spec.roles.includes(role);
        it(`${route}: ${role} is ${allowed ? "allowed" : "refused with 403"}`, async () => {
          // Logging out ends the session, so that route gets a session of its own.
          const session = route.endsWith("/logout")
            ? await loginAs(app, a.users[role].email)
            : sessions[role];
          const res = await send(session, spec.path(a));
          if (allowed) expectAllowed(res.status);
          else expect(res.status).toBe(403);
        });
      }

      if (method !== "GET") {
        it(`${route}: cookie write without the CSRF token is refused`, async () => {
          const res = await app.request(spec.path(a), {
            method,
            headers: { cookie: sessions.admin.cookie, "content-type": "application/json" },
            body: JSON.stringify(spec.body?.() ?? {}),
          });
          expect(res.status).toBe(403);
          expect(await errorCode(res)).toBe("CSRF_FAILED");
        });
      }

      it(`${route}: API keys ${spec.scope ? `need the '${spec.scope}' scope` : "are refused"}`, async () => {
        const body = spec.body?.();
        const wrongScope = spec.scope === "read" ? keys.ingest : keys.read;
        const refused = await withApiKey(app, wrongScope)(method, spec.path(a), body);
        expect(refused.status).toBe(403);
        const withScope = await withApiKey(
          app,
          spec.scope ? keys[spec.scope === "write" ? "admin" : spec.scope] : keys.admin,
        )(method, spec.path(a), body);
        if (spec.scope) expectAllowed(withScope.status);
        else expect(withScope.status).toBe(403);
      });
    }

    for (const d of spec.denied ?? []) {
      it(`${route}: ${d.role} is refused with 403 on another's record`, async () => {
        expect((await send(sessions[d.role], d.path(a))).status).toBe(403);
      });
    }

    if (spec.roles === "public" && method === "GET") {
      it(`${route}: public, answers without a login`, async () => {
        expect((await app.request(spec.path(a))).status).toBe(200);
      });
    }

    if (spec.roles === "public" && method !== "GET") {
      it(`${route}: public, and an empty body is never a server error`, async () => {
        const res = await app.request(spec.path(a), {
          method,
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });
    }

    if (spec.foreignPath) {
      it(`${route}: another organization's id answers 404`, async () => {
        const res = await send(sessions.admin, spec.foreignPath!(b));
        expect(res.status).toBe(404);
        if (spec.scope) {
          const viaKey = await withApiKey(app, keys.admin)(
            method,
            spec.foreignPath!(b),
            spec.body?.(),
          );
          expect(viaKey.status).toBe(404);
        }
      });
      it(`${route}: a malformed id answers 400 naming the parameter`, async () => {
        const path = spec.path(a).replace(/[0-9a-f-]{36}/, "not-a-uuid");
        const res = await send(sessions.admin, path);
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { message: string } };
        expect(body.error.message).toContain("param.id");
      });
    }
  }
});
