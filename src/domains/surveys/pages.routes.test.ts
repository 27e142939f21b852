import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { createApp } from "../../app.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { errorCode } from "../../../test/http.ts";
import { customers } from "../../db/schema/index.ts";
import { tokenFor } from "./delivery.ts";
import { decideInvitations } from "./invitations.service.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { createSurvey } from "./surveys.service.ts";
import { CreateSurveyBodySchema } from "./surveys.schemas.ts";
import { SURVEY_CLIENT_POLICY, SURVEY_LINK_POLICY } from "./pages.routes.ts";

describeEachBackend("survey respondent pages: bad input and abuse", ({ database }) => {
  let app: ReturnType<typeof createApp>;
  let org: TestOrg;
  let surveyId: string;
  let ip = 0;

  /** Each case from its own client address, so the per-address limit is tested on its own. */
  const send = (path: string, init: RequestInit = {}, from = `10.0.0.${++ip}`) =>
    app.request(path, {
      ...init,
      headers: { "x-forwarded-for": from, ...(init.headers as object) },
    });
  const postJson = (path: string, body: unknown, from?: string) =>
    send(
      path,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
      from,
    );

  /** A fresh invited conversation and its link path. */
  const invite = async (now = new Date()) => {
    const db = database().db;
    const [customer] = await db
      .insert(customers)
      .values({ orgId: org.orgId, name: "Jo", email: `jo${Math.random()}@example.test` })
      .returning();
    const id = await buildConversation(db, org.orgId, {
      customerId: customer!.id,
      teamId: org.teamId,
      agentId: org.agentId,
    });
    await decideInvitations({ db, queue: new Queue(db) }, org.orgId, [id], { now });
    const [row] = await invitationsRepo.listInvitationsOf(db, org.orgId, id);
    expect(row!.invitation.status).toBe("queued");
    return {
      conversationId: id,
      path: `/s/${tokenFor(org.orgId, row!.invitation.id, row!.invitation.expiresAt)}`,
    };
  };
  const responsesOf = async (conversationId: string) =>
    Number(
      (
        await queryRows<{ n: number }>(
          database().db,
          sql`select count(*)::int as n from survey_responses where conversation_id = ${conversationId}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    const db = database().db;
    app = createApp({
      db,
      logger: createLogger("silent"),
      queue: new Queue(db),
      config: { cookieSecure: false, bodyLimitBytes: 1_048_576, trustProxy: true },
    });
    org = await buildOrg(db);
    surveyId = (
      await createSurvey(db, org.orgId, {
        name: "CSAT",
        type: "csat",
        trigger: { event: "conversation_resolved" },
        rules: { sampleRate: 1 },
      })
    ).id;
    await db.execute(
      sql`insert into survey_settings (org_id, cooldown_days) values (${org.orgId}, 0)`,
    );
    expect(surveyId).toBeTruthy();
  });

  it("records the one-click rating from the email link and shows the rest of the form", async () => {
    const { conversationId, path } = await invite();
    const res = await send(`${path}?score=4`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('role="status"');
    expect(html).toMatch(/value="4" checked/);
    expect(await responsesOf(conversationId)).toBe(1);
    // The page's own form posts update the same response, then redirect to the thanks.
    const form = await send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "score=5&comment=Quick+and+kind",
    });
    expect(form.status).toBe(303);
    expect(await responsesOf(conversationId)).toBe(1);
  });

  it("refuses forged, malformed and replaced links with 404, expired ones with 410", async () => {
    const { path } = await invite();
    const forged = path.slice(0, -3) + (path.endsWith("AAA") ? "BBB" : "AAA");
    for (const p of [forged, "/s/not-a-token", "/s/" + "x".repeat(71)]) {
      const page = await send(p);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("not valid");
      expect(await errorCode(await postJson(p, { score: 3 }))).toBe("SURVEY_LINK_INVALID");
    }
    const old = await invite(new Date(Date.now() - 30 * 86_400_000));
    expect((await send(old.path)).status).toBe(410);
    expect(await errorCode(await postJson(old.path, { score: 3 }))).toBe("SURVEY_LINK_EXPIRED");
    expect(await responsesOf(old.conversationId)).toBe(0);
  });

  it("refuses out-of-range scores, oversize and unsafe text, unknown fields and junk with a 4xx, storing nothing", async () => {
    const { conversationId, path } = await invite();
    const cases: [unknown, number, string][] = [
      [{ score: 6 }, 400, "VALIDATION_FAILED"],
      [{ score: 0 }, 400, "VALIDATION_FAILED"],
      [{ score: 2.5 }, 400, "VALIDATION_FAILED"],
      [{ score: "5" }, 400, "VALIDATION_FAILED"],
      [{ comment: "x".repeat(2001) }, 400, "VALIDATION_FAILED"],
      [{ comment: "bad \u0000 byte" }, 400, "VALIDATION_FAILED"],
      [{ score: 3, admin: true }, 400, "VALIDATION_FAILED"],
      [{ answers: { nope: 1 } }, 400, "VALIDATION_FAILED"],
      [{}, 400, "VALIDATION_FAILED"],
      ["{not json", 400, "MALFORMED_JSON"],
      [JSON.stringify({ comment: "y".repeat(20_000) }), 413, "PAYLOAD_TOO_LARGE"],
    ];
    for (const [body, status, code] of cases) {
      const res = await postJson(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(await errorCode(res)).toBe(code);
    }
    expect((await send(`${path}?score=99`)).status).toBe(400);
    const text = await send(path, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "5",
    });
    expect(text.status).toBe(415);
    expect(await responsesOf(conversationId)).toBe(0);
  });

  it("shows script in an answer as text on the page", async () => {
    const { path } = await invite();
    const evil = `<img src=x onerror=alert(1)><script>alert("x")</script>`;
    expect((await postJson(path, { score: 3, comment: evil })).status).toBe(201);
    const html = await (await send(path)).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("passes the app's CSP: no script at all, forms post only to the page itself", async () => {
    const { path } = await invite();
    const res = await send(path);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|\son\w+=/i);
    expect(html).toContain(`action="${path}"`);
    expect(html).toContain('<html lang="en">');
    const fr = await send(`${path}?lang=fr`);
    expect(await fr.text()).toContain('<html lang="fr">');
  });

  it("limits floods per link and per client address with 429, counting nothing twice", async () => {
    const { conversationId, path } = await invite();
    let last = 0;
    for (let i = 0; i <= SURVEY_LINK_POLICY.freeAttempts; i++)
      last = (await postJson(path, { score: 3 })).status;
    expect(last).toBe(429);
    expect(await responsesOf(conversationId)).toBe(1);
    let fromOne = 0;
    for (let i = 0; i <= SURVEY_CLIENT_POLICY.freeAttempts; i++)
      fromOne = (await send(`/s/flood-${i}`, {}, "10.9.9.9")).status;
    expect(fromOne).toBe(429);
    const blocked = await send("/s/anything", {}, "10.9.9.9");
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("serves a custom survey's own questions and texts in the respondent's language", async () => {
    const db = database().db;
    const other = await buildOrg(db);
    // The body the web app's form sends: a title in one language only, options per language.
    const body = CreateSurveyBodySchema.parse({
      name: "Custom",
      type: "custom",
      trigger: { event: "conversation_resolved" },
      defaultLocale: "en",
      texts: { fr: { title: "Votre avis" } },
      questions: [
        {
          id: "q1",
          kind: "rating",
          min: 0,
          max: 4,
          texts: { en: "How did we do?", fr: "Comment était-ce ?" },
        },
        {
          id: "q2",
          kind: "single",
          texts: { en: "Which part?", fr: "Quelle partie ?" },
          options: [
            { id: "o1", texts: { en: "Delivery", fr: "Livraison" } },
            { id: "o2", texts: { en: "Billing", fr: "Facturation" } },
          ],
        },
        { id: "q3", kind: "text", texts: { en: "Anything else?", fr: "Autre chose ?" } },
      ],
    });
    await createSurvey(db, other.orgId, body);
    const [customer] = await db
      .insert(customers)
      .values({ orgId: other.orgId, name: "Kim", email: "kim@example.test" })
      .returning();
    const id = await buildConversation(db, other.orgId, { customerId: customer!.id });
    await decideInvitations({ db, queue: new Queue(db) }, other.orgId, [id]);
    const [row] = await invitationsRepo.listInvitationsOf(db, other.orgId, id);
    const path = `/s/${tokenFor(other.orgId, row!.invitation.id, row!.invitation.expiresAt)}`;
    const fr = await (await send(`${path}?lang=fr`)).text();
    for (const text of ["Votre avis", "Comment était-ce ?", "Livraison", "Autre chose ?"])
      expect(fr).toContain(text);
    const en = await (await send(path)).text();
    expect(en).toContain("Which part?");
    expect(en).not.toContain("Votre avis");
    const res = await postJson(path, { answers: { q1: 0, q2: "o2", q3: "Slow refund" } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ score: 0, comment: "Slow refund" });
  });
});
