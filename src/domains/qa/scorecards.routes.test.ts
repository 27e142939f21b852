import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../db/client.ts";
import { Queue } from "../../jobs/queue.ts";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { enqueueMissingAnalyses } from "../conversations/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { STARTER_SCORECARDS } from "./starter.ts";

const definition = (overrides: Record<string, unknown> = {}) => ({
  name: "Chat basics",
  channels: ["chat"],
  sections: [
    {
      key: "basics",
      name: "Basics",
      criteria: [
        {
          key: "greeting",
          name: "Greets",
          weight: 60,
          rule: {
            expect: [{ type: "signal", signal: "greeting", role: "agent", present: true }],
          },
        },
        { key: "tone", name: "Tone", weight: 40, scale: "five_point" },
      ],
    },
  ],
  ...overrides,
});

describeEachBackend("scorecard builder", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let qa: Session;
  let worker: Worker;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    qa = await loginAs(app, org.users.qa.email);
    worker = startWorker(
      { db, queue: new Queue(db), logger: createLogger("silent") },
      JOB_DEFINITIONS,
      {
        pollMs: 60_000,
      },
    );
    // The back-fill scores analysed conversations (the listener takes the others as they are analysed).
    await enqueueMissingAnalyses({ db, queue: new Queue(db) }, org.orgId);
    await worker.drain();
  });
  afterAll(async () => worker.stop());

  const count = async (table: string) =>
    (
      await queryRows<{ n: number }>(
        database().db,
        sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${org.orgId}`,
      )
    )[0]!.n;

  it.each([
    [
      "weights that do not add up",
      definition({
        sections: [{ key: "s", name: "S", criteria: [{ key: "a", name: "A", weight: 30 }] }],
      }),
      "weights must add up to 100",
    ],
    [
      "a negative weight",
      definition({
        sections: [
          {
            key: "s",
            name: "S",
            criteria: [
              { key: "a", name: "A", weight: -10 },
              { key: "b", name: "B", weight: 110 },
            ],
          },
        ],
      }),
      "negative",
    ],
    [
      "a rule naming an unknown signal",
      definition({
        sections: [
          {
            key: "s",
            name: "S",
            criteria: [
              {
                key: "a",
                name: "A",
                weight: 100,
                rule: { expect: [{ type: "signal", signal: "telepathy", present: true }] },
              },
            ],
          },
        ],
      }),
      "unknown signal",
    ],
    [
      "a critical criterion without a fail answer",
      definition({
        sections: [
          {
            key: "s",
            name: "S",
            criteria: [{ key: "a", name: "A", weight: 100, scale: "five_point", critical: true }],
          },
        ],
      }),
      "fail answer",
    ],
  ])("refuses %s with 400 and creates nothing", async (_name, body, message) => {
    const before = await count("qa_scorecards");
    const res = await qa.request("POST", "/api/v1/scorecards", body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    expect(await count("qa_scorecards")).toBe(before);
  });

  it("builds, publishes with a back-fill, and never edits a published version in place", async () => {
    const created = await qa.request("POST", "/api/v1/scorecards", definition());
    expect(created.status).toBe(201);
    const card = (await created.json()) as { id: string; status: string; version: number };
    expect(card).toMatchObject({ status: "draft", version: 1 });

    const edited = await qa.request(
      "PUT",
      `/api/v1/scorecards/${card.id}/versions/1`,
      definition({ name: "Chat basics v1" }),
    );
    expect(edited.status).toBe(200);
    const backtest = await qa.request("GET", `/api/v1/scorecards/${card.id}/versions/1/backtest`);
    expect(backtest.status).toBe(200);

    const published = await qa.request("POST", `/api/v1/scorecards/${card.id}/versions/1/publish`);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ status: "published", name: "Chat basics v1" });
    await worker.drain();
    const detail = (await (await qa.request("GET", `/api/v1/scorecards/${card.id}`)).json()) as {
      backfill: { total: number; done: number; finished: boolean };
    };
    expect(detail.backfill).toMatchObject({ finished: true });
    expect(detail.backfill.done).toBe(detail.backfill.total);
    const scored = await queryRows<{ n: number }>(
      database().db,
      sql`select count(*)::int as n from qa_evaluations where org_id = ${org.orgId} and scorecard_id = ${card.id}`,
    );
    expect(scored[0]!.n).toBe(detail.backfill.total);

    const inPlace = await qa.request(
      "PUT",
      `/api/v1/scorecards/${card.id}/versions/1`,
      definition({ name: "Sneaky" }),
    );
    expect(inPlace.status).toBe(409);
    expect(await errorCode(inPlace)).toBe("SCORECARD_VERSION_PUBLISHED");
    const again = await qa.request("POST", `/api/v1/scorecards/${card.id}/versions/1/publish`);
    expect(again.status).toBe(409);

    const draft = await qa.request(
      "POST",
      `/api/v1/scorecards/${card.id}/versions`,
      definition({ name: "Chat basics v2" }),
    );
    expect(draft.status).toBe(201);
    expect(await draft.json()).toMatchObject({ version: 1, draft: { version: 2 } });
    expect(
      (await qa.request("POST", `/api/v1/scorecards/${card.id}/versions`, definition())).status,
    ).toBe(409);
    expect(
      (await qa.request("POST", `/api/v1/scorecards/${card.id}/versions/2/publish`)).status,
    ).toBe(200);
    await worker.drain();
    const versions = await queryRows<{ version: number; status: string }>(
      database().db,
      sql`select version, status from qa_scorecard_versions where org_id = ${org.orgId}
          and scorecard_id = ${card.id} order by version`,
    );
    expect(versions).toEqual([
      { version: 1, status: "retired" },
      { version: 2, status: "published" },
    ]);
  });

  it("lets agents read scorecards but not build them", async () => {
    const agent = await loginAs(app, org.users.agent.email);
    expect((await agent.request("GET", "/api/v1/scorecards")).status).toBe(200);
    expect((await agent.request("POST", "/api/v1/scorecards", definition())).status).toBe(403);
  });

  it("answers 404 for another organization's scorecard", async () => {
    const other = await buildOrg(database().db);
    const otherQa = await loginAs(app, other.users.qa.email);
    const { items } = (await (await otherQa.request("GET", "/api/v1/scorecards")).json()) as {
      items: { id: string }[];
    };
    const res = await qa.request("GET", `/api/v1/scorecards/${items[0]!.id}`);
    expect(res.status).toBe(404);
    const edit = await qa.request(
      "PUT",
      `/api/v1/scorecards/${items[0]!.id}/versions/1`,
      STARTER_SCORECARDS.chat,
    );
    expect(edit.status).toBe(404);
  });

  it("scores conversations stored before the scorecard existed", async () => {
    const id = await buildConversation(database().db, org.orgId, {
      agentId: org.agentId,
      startedAt: new Date("2020-01-06T00:00:00Z"),
    });
    await new Queue(database().db).enqueue("qa.score-conversations", {
      orgId: org.orgId,
      conversationIds: [id],
    });
    await worker.drain();
    const res = await qa.request("GET", `/api/v1/conversations/${id}/qa`);
    const { items } = (await res.json()) as { items: { kind: string }[] };
    expect(items.length).toBeGreaterThanOrEqual(2);
  });
});
