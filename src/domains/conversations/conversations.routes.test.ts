import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildConversation, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type Session, type TestApp } from "../../../test/http.ts";

interface Page {
  items: {
    id: string;
    startedAt: string;
    channel: string;
    agent: { id: string } | null;
    preview: string | null;
  }[];
  nextCursor: string | null;
  prevCursor: string | null;
}

describeEachBackend("conversation routes", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  const base = Date.UTC(2026, 9, 1);

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    // 120 conversations, some sharing a start time so that paging must break ties by id.
    for (let i = 0; i < 120; i++) {
      await buildConversation(db, org.orgId, {
        startedAt: new Date(base + Math.floor(i / 3) * 3_600_000),
        channel: i % 4 === 0 ? "phone" : "chat",
        agentId: i % 2 === 0 ? org.agentId : org.otherAgentId,
        teamId: i % 2 === 0 ? org.teamId : org.otherTeamId,
        texts: [`Customer message ${i}`, "Agent reply"],
      });
    }
    admin = await loginAs(app, org.users.admin.email);
  });

  const get = async (s: Session, path: string) => {
    const res = await s.request("GET", path);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it("pages newest first through every conversation without repeats, and back again", async () => {
    const seen: string[] = [];
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        admin,
        `/api/v1/conversations?limit=25&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z${cursor ? `&cursor=${cursor}` : ""}`,
      );
      pages.push(page);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    const starts = pages.flatMap((p) => p.items.map((i) => i.startedAt));
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(pages[0]!.prevCursor).toBeNull();
    // Walking back from the last page returns exactly the previous page.
    const back = await get(
      admin,
      `/api/v1/conversations?limit=25&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&cursor=${pages[4]!.prevCursor}`,
    );
    expect(back.items.map((i) => i.id)).toEqual(pages[3]!.items.map((i) => i.id));
  });

  it("filters by channel, agent, team and date", async () => {
    const phone = await get(
      admin,
      "/api/v1/conversations?channel=phone&limit=200&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z",
    );
    expect(phone.items).toHaveLength(30);
    expect(phone.items.every((i) => i.channel === "phone")).toBe(true);
    const agent = await get(
      admin,
      `/api/v1/conversations?agentId=${org.otherAgentId}&limit=200&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    );
    expect(agent.items).toHaveLength(60);
    const team = await get(
      admin,
      `/api/v1/conversations?teamId=${org.teamId}&limit=200&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    );
    expect(team.items.every((i) => i.agent?.id === org.agentId)).toBe(true);
    const window = await get(
      admin,
      "/api/v1/conversations?from=2026-10-01T00:00:00Z&to=2026-10-01T02:00:00Z",
    );
    expect(window.items).toHaveLength(6);
  });

  it("shows agents only their own conversations", async () => {
    const agent = await loginAs(app, org.users.agent.email);
    const page = await get(agent, "/api/v1/conversations?limit=200");
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.agent?.id === org.agentId)).toBe(true);
    expect(
      (await agent.request("GET", `/api/v1/conversations/${org.otherConversationId}`)).status,
    ).toBe(404);
    expect((await agent.request("GET", `/api/v1/conversations/${org.conversationId}`)).status).toBe(
      200,
    );
  });

  it("returns a transcript in order with roles and timestamps", async () => {
    const res = await admin.request("GET", `/api/v1/conversations/${org.conversationId}`);
    const detail = (await res.json()) as {
      messages: { seq: number; role: string; ts: string }[];
      conversation: { preview: string };
    };
    expect(detail.messages.map((m) => m.role)).toEqual(["customer", "agent", "customer"]);
    expect(detail.messages.map((m) => m.seq)).toEqual([0, 1, 2]);
    expect(new Date(detail.messages[1]!.ts).getTime()).toBeGreaterThan(
      new Date(detail.messages[0]!.ts).getTime(),
    );
    expect(detail.conversation.preview).toBe("My order never arrived.");
  });

  it("previews what the customer came for, not the agent's greeting", async () => {
    const at = new Date(base - 86_400_000);
    const greeted = await buildConversation(database().db, org.orgId, {
      startedAt: at,
      texts: ["Northwind, Tom speaking.", "Hi, my card was charged twice", "Let me look."],
      roles: ["agent", "customer", "agent"],
    });
    const outbound = await buildConversation(database().db, org.orgId, {
      startedAt: at,
      texts: ["Your replacement card has shipped."],
      roles: ["agent"],
    });
    const page = await get(
      admin,
      `/api/v1/conversations?limit=10&to=${new Date(base).toISOString()}`,
    );
    const preview = (id: string) => page.items.find((i) => i.id === id)?.preview;
    expect(preview(greeted)).toBe("Hi, my card was charged twice");
    expect(preview(outbound)).toBe("Your replacement card has shipped.");
  });

  it("pages through conversations started within one millisecond, both ways", async () => {
    const db = database().db;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await buildConversation(db, org.orgId, { texts: [`Same instant ${i}`] }));
    }
    // One millisecond, three microseconds: a cursor cut at the millisecond would skip some.
    await db.execute(sql`update conversations
      set started_at = '2026-09-15T09:00:00.123Z'::timestamptz + (array_position(${sql.param(ids)}::uuid[], id) || ' microseconds')::interval
      where org_id = ${org.orgId} and id = any(${sql.param(ids)}::uuid[])`);
    const window = "from=2026-09-15T00:00:00Z&to=2026-09-16T00:00:00Z";
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      pages.push(
        await get(
          admin,
          `/api/v1/conversations?limit=1&${window}${cursor ? `&cursor=${cursor}` : ""}`,
        ),
      );
      cursor = pages.at(-1)!.nextCursor;
    } while (cursor && pages.length <= ids.length);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual([...ids].reverse());
    const back = await get(
      admin,
      `/api/v1/conversations?limit=1&${window}&cursor=${pages[2]!.prevCursor}`,
    );
    expect(back.items.map((i) => i.id)).toEqual([ids[1]]);
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await admin.request("GET", "/api/v1/conversations?cursor=bm9wZQ");
    expect(res.status).toBe(400);
  });

  it("counts volume per day and channel", async () => {
    // A fixed window: `days` counts back from today, which would make the test depend on the date.
    const res = await admin.request("GET", "/api/v1/stats/volume?from=2026-09-30&to=2026-10-02");
    const body = (await res.json()) as { days: { day: string; channel: string; count: number }[] };
    const oct1 = body.days.filter((d) => d.day === "2026-10-01");
    expect(oct1.reduce((n, d) => n + d.count, 0)).toBe(72);
  });
});
