/**
 * Direct API imports of Zendesk, Freshdesk and Chatwoot: each lists the account's tickets or
 * conversations page by page, fetches every page of each one's comments, conversations or messages,
 * and yields records through the same converters as the file importers. Records an earlier,
 * interrupted run committed (`skip`) are yielded as placeholders without fetching their details.
 */
import { asObject, idString, type ImportRecord } from "../records.ts";
import { indexUsersFrom, toRecord as zendeskRecord, type ZendeskUser } from "../formats/zendesk.ts";
import { toRecord as freshdeskRecord } from "../formats/freshdesk.ts";
import { toRecord as chatwootRecord } from "../formats/chatwoot.ts";
import { nextLink, type ApiClient } from "./http.ts";

export interface ApiReadContext {
  source: string;
  /** Records already committed by an earlier attempt: not fetched again. */
  skip: number;
  /** Told the total number of records when the API says it. */
  onTotal?: (total: number) => void;
}

const SKIPPED: ImportRecord = {
  kind: "reject",
  ref: {},
  reason: "committed by an earlier attempt",
};

const list = (body: unknown, key: string): unknown[] => {
  const v = asObject(body)?.[key];
  return Array.isArray(v) ? v : [];
};

/** Zendesk cursor pagination: `meta.has_more` and `links.next`. */
function zendeskNext(body: unknown): string | undefined {
  const o = asObject(body);
  if (asObject(o?.meta)?.has_more !== true) return undefined;
  const next = asObject(o?.links)?.next;
  return typeof next === "string" && next !== "" ? next : undefined;
}

/** Zendesk: tickets with users sideloaded, then each ticket's comments, every page. */
export async function* readZendeskApi(
  client: ApiClient,
  ctx: ApiReadContext,
): AsyncGenerator<ImportRecord> {
  const users = new Map<string, ZendeskUser>();
  let ordinal = 0;
  let url: string | undefined = "/api/v2/tickets.json?page[size]=100&include=users";
  const count = await client.get("/api/v2/tickets/count.json").catch(() => undefined);
  const total = asObject(asObject(count?.body)?.count)?.value;
  if (typeof total === "number") ctx.onTotal?.(total);
  while (url) {
    const { body } = await client.get(url);
    indexUsersFrom(list(body, "users"), users);
    for (const ticket of list(body, "tickets")) {
      ordinal++;
      if (ordinal <= ctx.skip) {
        yield SKIPPED;
        continue;
      }
      const id = idString(asObject(ticket)?.id);
      const comments: unknown[] = [];
      let page: string | undefined =
        id === undefined
          ? undefined
          : `/api/v2/tickets/${id}/comments.json?page[size]=100&include=users`;
      while (page) {
        const res = await client.get(page);
        indexUsersFrom(list(res.body, "users"), users);
        comments.push(...list(res.body, "comments"));
        page = zendeskNext(res.body);
      }
      yield zendeskRecord(ctx.source, { ...asObject(ticket), comments }, users, {
        record: ordinal,
      });
    }
    url = zendeskNext(body);
  }
}

/** Freshdesk: tickets (every one since 2000, with the requester), then all their conversations. */
export async function* readFreshdeskApi(
  client: ApiClient,
  ctx: ApiReadContext,
): AsyncGenerator<ImportRecord> {
  let ordinal = 0;
  // Without updated_since the list returns the last 30 days only.
  let url: string | undefined =
    "/api/v2/tickets?per_page=100&include=requester&order_by=created_at&order_type=asc&updated_since=2000-01-01T00:00:00Z";
  while (url) {
    const { body, headers } = await client.get(url);
    for (const ticket of Array.isArray(body) ? body : []) {
      ordinal++;
      if (ordinal <= ctx.skip) {
        yield SKIPPED;
        continue;
      }
      const id = idString(asObject(ticket)?.id);
      const conversations: unknown[] = [];
      let page: string | undefined =
        id === undefined ? undefined : `/api/v2/tickets/${id}/conversations?per_page=100`;
      while (page) {
        const res = await client.get(page);
        if (Array.isArray(res.body)) conversations.push(...res.body);
        page = nextLink(res.headers);
      }
      yield freshdeskRecord(
        ctx.source,
        { ...asObject(ticket), conversations },
        { record: ordinal },
      );
    }
    url = nextLink(headers);
  }
}

/** Chatwoot: conversations of every status page by page, then all messages of each, oldest last. */
export async function* readChatwootApi(
  client: ApiClient,
  account: string,
  ctx: ApiReadContext,
): AsyncGenerator<ImportRecord> {
  const base = `/api/v1/accounts/${encodeURIComponent(account)}`;
  let ordinal = 0;
  for (let page = 1; ; page++) {
    const { body } = await client.get(
      `${base}/conversations?status=all&assignee_type=all&page=${page}`,
    );
    const data = asObject(asObject(body)?.data);
    const allCount = asObject(data?.meta)?.all_count;
    if (page === 1 && typeof allCount === "number") ctx.onTotal?.(allCount);
    const conversations = list(data, "payload");
    if (conversations.length === 0) break;
    for (const conversation of conversations) {
      ordinal++;
      if (ordinal <= ctx.skip) {
        yield SKIPPED;
        continue;
      }
      const c = asObject(conversation);
      const messages = await chatwootMessages(
        client,
        `${base}/conversations/${idString(c?.id) ?? ""}`,
      );
      yield chatwootRecord(ctx.source, { ...c, messages }, { record: ordinal });
    }
  }
}

/** The messages endpoint returns the latest page; older ones come with `before=<oldest id>`. */
async function chatwootMessages(client: ApiClient, path: string): Promise<unknown[]> {
  const all: unknown[] = [];
  let before: string | undefined;
  for (;;) {
    const { body } = await client.get(`${path}/messages${before ? `?before=${before}` : ""}`);
    const page = list(body, "payload");
    const ids = page.map((m) => Number(asObject(m)?.id)).filter(Number.isFinite);
    if (page.length === 0 || ids.length === 0) break;
    all.unshift(...page);
    const oldest = String(Math.min(...ids));
    if (oldest === before) break;
    before = oldest;
  }
  return all;
}
