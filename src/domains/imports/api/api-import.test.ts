import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "../../../db/client.ts";
import { organizations } from "../../../db/schema/index.ts";
import { Queue } from "../../../jobs/queue.ts";
import { describeEachBackend } from "../../../../test/db.ts";
import { importApi, type ApiImportOptions } from "./api-import.service.ts";

/** Real API responses gathered from public repositories (test/fixtures/importers/ATTRIBUTION.md). */
const FIXTURES = path.resolve("test/fixtures/importers");
const fixture = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as Record<string, unknown>;

type Reply = { status?: number; headers?: Record<string, string>; body: unknown };

/**
 * Replays each vendor's documented responses: the fixtures as pages, with the vendor's own
 * pagination (Zendesk `meta.has_more` + `links.next`, Freshdesk `Link` headers, Chatwoot `page` and
 * `before`) and one 429 with Retry-After per vendor, the first time its list is asked for.
 */
function replay(base: () => string): (url: URL) => Reply {
  const limited = new Set<string>();
  const once429 = (key: string): Reply | undefined => {
    if (limited.has(key)) return undefined;
    limited.add(key);
    return { status: 429, headers: { "retry-after": "0" }, body: { error: "RateLimited" } };
  };
  const zTickets = fixture("zendesk/tickets.json").tickets as Record<string, unknown>[];
  const zUsers = fixture("zendesk/users.json").users as unknown[];
  const zComments = fixture("zendesk/ticket_comments.json").comments as Record<string, unknown>[];
  const fTicket = fixture("freshdesk/ticket_1.json");
  const fConversations = JSON.parse(
    readFileSync(path.join(FIXTURES, "freshdesk/conversations.json"), "utf8"),
  ) as Record<string, unknown>[];
  const chat = fixture("chatwoot/conversations-list.json");
  const chatConversation = (
    (chat.data as Record<string, unknown>).payload as Record<string, unknown>[]
  )[0]!;
  const chatMessage = (chatConversation.messages as Record<string, unknown>[])[0]!;
  const contact = (chatConversation.meta as Record<string, unknown>).sender;

  return (url) => {
    const p = url.pathname;
    const q = url.searchParams;
    if (p === "/api/v2/tickets/count.json") return { body: { count: { value: 2 } } };
    if (p === "/api/v2/tickets.json") {
      const page = q.get("page[after]");
      if (!page) {
        return (
          once429("zendesk") ?? {
            body: {
              tickets: [zTickets[0]],
              users: zUsers,
              meta: { has_more: true, after_cursor: "p2" },
              links: { next: `${base()}/api/v2/tickets.json?page[size]=100&page[after]=p2` },
            },
          }
        );
      }
      // The second page: the same ticket's sibling, without comments of its own (description).
      const second = {
        ...zTickets[0],
        id: 3,
        subject: "Second page",
        description: "Where&nbsp;is my order?",
        comments: undefined,
      };
      return { body: { tickets: [second], users: [], meta: { has_more: false } } };
    }
    if (p === "/api/v2/tickets/2/comments.json") {
      if (!q.get("page[after]")) {
        return {
          body: {
            comments: zComments,
            meta: { has_more: true },
            links: { next: `${base()}/api/v2/tickets/2/comments.json?page[after]=c2` },
          },
        };
      }
      // A reply by the agent of users.json, on the second page of comments.
      const agent = (zUsers as Record<string, unknown>[]).find((u) => u.role !== "end-user")!;
      const reply = {
        ...zComments[1],
        id: 4,
        author_id: agent.id,
        plain_body: "We&nbsp;are on it.",
        created_at: "2019-06-03T03:00:00Z",
      };
      return { body: { comments: [reply], meta: { has_more: false } } };
    }
    if (p === "/api/v2/tickets/3/comments.json")
      return { body: { comments: [], meta: { has_more: false } } };

    if (p === "/api/v2/tickets") {
      if (q.get("page") !== "2") {
        return (
          once429("freshdesk") ?? {
            headers: { link: `<${base()}/api/v2/tickets?per_page=100&page=2>; rel="next"` },
            body: [fTicket],
          }
        );
      }
      // An outbound e-mail (source 10): the agent wrote first.
      return {
        body: [{ ...fTicket, id: 2, source: 10, subject: "We noticed a problem with your order" }],
      };
    }
    if (p === "/api/v2/tickets/1/conversations") {
      if (q.get("page") !== "2") {
        return {
          headers: {
            link: `<${base()}/api/v2/tickets/1/conversations?per_page=100&page=2>; rel="next"`,
          },
          body: fConversations,
        };
      }
      // Eleven customer replies more: past the 10 that include=conversations embeds.
      const reply = fConversations[1]!;
      return {
        body: Array.from({ length: 11 }, (_, i) => ({
          ...reply,
          id: 10 + i,
          incoming: true,
          user_id: fTicket.requester_id,
          body_text: `Follow-up ${i + 1}\n\nOn Thu, May 19, 2016 at 5:36 AM Rachel <rachel@freshdesk.com> wrote:\n> This is a reply`,
          created_at: `2016-05-20T0${Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, "0")}:00Z`,
        })),
      };
    }
    if (p === "/api/v2/tickets/2/conversations") return { body: [] };

    if (p === "/api/v1/accounts/7/conversations") {
      if (q.get("page") === "1") return once429("chatwoot") ?? { body: chat };
      return { body: { data: { meta: {}, payload: [] } } };
    }
    if (p === "/api/v1/accounts/7/conversations/10/messages") {
      const before = q.get("before");
      if (!before) return { body: { meta: { contact }, payload: [chatMessage] } };
      if (before === String(chatMessage.id)) {
        const incoming = {
          ...chatMessage,
          id: 84,
          content: "Is there a demo?",
          message_type: 0,
          created_at: 1635764200,
          sender_type: "Contact",
          sender: { ...(contact as object), type: "contact" },
        };
        return { body: { meta: { contact }, payload: [incoming] } };
      }
      return { body: { meta: { contact }, payload: [] } };
    }
    return { status: 404, body: { error: "not found" } };
  };
}

describeEachBackend("importApi (replay server)", ({ database }) => {
  let server: Server;
  let base = "";
  let dir = "";
  const waits: number[] = [];
  let orgSeq = 0;
  const newOrg = async () => {
    const [org] = await database()
      .db.insert(organizations)
      .values({ slug: `api-${process.pid}-${orgSeq++}`, name: "API import" })
      .returning();
    return org!.id;
  };
  const run = (orgId: string, opts: Partial<ApiImportOptions> & Pick<ApiImportOptions, "vendor">) =>
    importApi({ db: database().db, queue: new Queue(database().db) }, orgId, {
      baseUrl: base,
      token: "test-token",
      rejectsPath: path.join(dir, `${opts.vendor}.rejects.jsonl`),
      onWait: (s) => waits.push(s),
      ...opts,
    });
  const messages = (orgId: string, externalId: string) =>
    queryRows<{
      role: string;
      text: string;
      raw_text: string | null;
      ts: string;
      channel: string;
      agent: string | null;
    }>(
      database().db,
      sql`select m.role::text as role, m.text, m.raw_text, to_char(m.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ts,
            c.channel::text as channel, a.external_id as agent
          from conversations c join messages m on m.org_id = c.org_id and m.conversation_id = c.id
          left join agents a on a.org_id = m.org_id and a.id = m.agent_id
          where c.org_id = ${orgId} and c.external_id = ${externalId} order by m.seq`,
    );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "rapport-api-import-"));
    const answer = replay(() => base);
    server = createServer((req, res) => {
      const reply = answer(new URL(req.url ?? "/", base));
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("imports Zendesk tickets across pages with every page of comments, waiting out a 429", async () => {
    const orgId = await newOrg();
    const summary = await run(orgId, { vendor: "zendesk", email: "agent@example.com" });
    expect([summary.created, summary.rejected]).toEqual([2, 0]);
    expect(waits).toContain(0);
    const ticket = await messages(orgId, "2");
    expect(ticket.map((m) => [m.role, m.text, m.ts, m.channel])).toEqual([
      ["customer", "Mail to create fixture ticket for testing", "2019-06-03T01:23:47Z", "email"],
      ["customer", "Mail to create fixture ticket for testing", "2019-06-03T02:23:47Z", "email"],
      ["agent", "We are on it.", "2019-06-03T03:00:00Z", "email"],
    ]);
    const described = await messages(orgId, "3");
    expect(described.map((m) => [m.role, m.text])).toEqual([["customer", "Where is my order?"]]);
    // A second run finds the import finished: nothing fetched, everything unchanged.
    const again = await run(orgId, { vendor: "zendesk", email: "agent@example.com" });
    expect([again.alreadyImported, again.unchanged]).toEqual([true, 2]);
  });

  it("imports Freshdesk tickets with all their conversations, outbound ones starting with the agent", async () => {
    const orgId = await newOrg();
    const summary = await run(orgId, { vendor: "freshdesk" });
    expect([summary.created, summary.rejected]).toEqual([2, 0]);
    const ticket = await messages(orgId, "1");
    expect(ticket).toHaveLength(1 + 2 + 11);
    expect(ticket.slice(0, 3).map((m) => [m.role, m.text, m.ts])).toEqual([
      ["customer", "This is a sample ticket, feel free to delete it.", "2016-05-18T04:36:04Z"],
      ["internal", "This is a private note", "2016-05-19T05:36:12Z"],
      ["agent", "This is a reply", "2016-05-19T05:36:14Z"],
    ]);
    // The quoted agent reply is stripped from what is analysed and kept in the raw text.
    expect(ticket[13]).toMatchObject({ role: "customer", text: "Follow-up 11" });
    expect(ticket[13]!.raw_text).toContain("> This is a reply");
    const outbound = await messages(orgId, "2");
    expect(outbound.map((m) => [m.role, m.agent, m.channel])).toEqual([
      ["agent", "6010396333", "email"],
    ]);
  });

  it("imports Chatwoot conversations page by page with every page of messages", async () => {
    const orgId = await newOrg();
    const summary = await run(orgId, { vendor: "chatwoot", account: "7" });
    expect([summary.created, summary.rejected]).toEqual([1, 0]);
    const conversation = await messages(orgId, "10");
    expect(conversation.map((m) => [m.role, m.text, m.ts, m.channel, m.agent])).toEqual([
      ["customer", "Is there a demo?", "2021-11-01T10:56:40Z", "chat", null],
      ["agent", "Ok", "2021-11-01T10:57:45Z", "chat", "1"],
    ]);
  });
});
