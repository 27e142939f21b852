/**
 * The "Customer Support on Twitter" dataset layout (Kaggle, twcs.csv):
 * `tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id`.
 * A thread is every tweet reachable from a root by `in_response_to_tweet_id`; each thread is one
 * social conversation. `inbound=True` is the customer; otherwise `author_id` is the brand's handle.
 */
import type { IngestConversation, IngestMessage } from "../../conversations/ingest.schemas.ts";
import type { ImportRecord, ReaderContext, RecordRef } from "../records.ts";
import { groupRows, readCsvRows, type ParsedRow } from "../rows.ts";
import { parseTimestamp } from "../time.ts";
import { AppError } from "../../../lib/errors.ts";

const COLUMNS = [
  "tweet_id",
  "author_id",
  "inbound",
  "created_at",
  "text",
  "in_response_to_tweet_id",
];

interface Tweet {
  id: string;
  authorId: string;
  inbound: boolean;
  ts: string;
  text: string;
  inReplyTo?: string;
}

export async function* readTwitter(ctx: ReaderContext): AsyncGenerator<ImportRecord> {
  // Ids in the dataset are small integers: numbers as keys keep the index compact (2.8 M tweets).
  const key = (id: string): string | number => (/^\d{1,15}$/.test(id) ? Number(id) : id);
  const parent = new Map<string | number, string | number>();
  const lineOf = new Map<string | number, number>();
  const roots = new Map<string | number, string>();

  const rootOf = (id: string): string => {
    const start = key(id);
    const cached = roots.get(start);
    if (cached !== undefined) return cached;
    const path: (string | number)[] = [];
    let current = start;
    const seen = new Set<string | number>();
    // Walk up while the parent is in the file; a missing parent makes this tweet the root.
    for (;;) {
      const known = roots.get(current);
      if (known !== undefined) return remember(path, known);
      path.push(current);
      seen.add(current);
      const up = parent.get(current);
      if (up === undefined || !lineOf.has(up) || seen.has(up))
        return remember(path, String(current));
      current = up;
    }
  };
  const remember = (path: (string | number)[], root: string): string => {
    for (const p of path) roots.set(p, root);
    return root;
  };

  yield* groupRows<Tweet>(
    (counted) =>
      readCsvRows(ctx.open(counted), (header) => {
        const missing = COLUMNS.filter((c) => !header.includes(c));
        if (missing.length > 0) {
          throw new AppError("IMPORT_FILE_INVALID", {
            message: `not the Twitter support layout: missing columns ${missing.join(", ")}`,
          });
        }
      }),
    parseTweet,
    {
      index(tweet, line) {
        const k = key(tweet.id);
        lineOf.set(k, line);
        if (tweet.inReplyTo !== undefined) parent.set(k, key(tweet.inReplyTo));
      },
      keyOf: (tweet) => rootOf(tweet.id),
      lastLines() {
        const last = new Map<string, number>();
        for (const [id, line] of lineOf) {
          const root = rootOf(String(id));
          if ((last.get(root) ?? -1) < line) last.set(root, line);
        }
        return last;
      },
    },
    (root, rows, ref) =>
      buildThread(
        ctx.source,
        root,
        rows.map((r) => r.value),
        ref,
      ),
  );
}

function parseTweet(fields: Record<string, unknown>): ParsedRow<Tweet> {
  const id = typeof fields.tweet_id === "string" ? fields.tweet_id.trim() : "";
  if (!/^\d+$/.test(id)) return { ok: false, reason: "tweet_id is not a number" };
  const fail = (reason: string): ParsedRow<Tweet> => ({ ok: false, reason, externalId: id });
  const authorId = typeof fields.author_id === "string" ? fields.author_id.trim() : "";
  if (authorId === "") return fail("author_id is empty");
  const inbound = typeof fields.inbound === "string" ? fields.inbound.trim().toLowerCase() : "";
  if (inbound !== "true" && inbound !== "false") return fail("inbound is neither True nor False");
  const ts = parseTimestamp(fields.created_at);
  if (ts === undefined) return fail("created_at is not a timestamp");
  const text = typeof fields.text === "string" ? fields.text : "";
  const tweet: Tweet = { id, authorId, inbound: inbound === "true", ts, text };
  const reply =
    typeof fields.in_response_to_tweet_id === "string" ? fields.in_response_to_tweet_id.trim() : "";
  // pandas writes float ids ("119237.0") when a column has gaps.
  if (reply !== "") tweet.inReplyTo = reply.replace(/\.0$/, "");
  return { ok: true, value: tweet };
}

/**
 * One conversation per customer of a thread: public threads mix customers (others join a brand's
 * reply to someone else). A brand tweet belongs to the customer of the tweet it answers; the
 * conversation of the thread's first customer keeps the root's id, the others `<root>:<handle>`.
 */
function buildThread(
  source: string,
  root: string,
  tweets: Tweet[],
  ref: RecordRef,
): ImportRecord | ImportRecord[] {
  tweets.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts) || Number(a.id) - Number(b.id));
  const first = tweets.find((t) => t.inbound);
  if (!first)
    return { kind: "reject", ref, externalId: root, reason: "thread has no customer tweet" };
  const customerOf = new Map<string, string>();
  const byCustomer = new Map<string, Tweet[]>();
  for (const t of tweets) {
    const customer = t.inbound
      ? t.authorId
      : ((t.inReplyTo !== undefined ? customerOf.get(t.inReplyTo) : undefined) ?? first.authorId);
    customerOf.set(t.id, customer);
    const own = byCustomer.get(customer);
    if (own) own.push(t);
    else byCustomer.set(customer, [t]);
  }
  return [...byCustomer].map(([customer, own]) =>
    customerConversation(
      source,
      customer === first.authorId ? root : `${root}:${customer}`,
      customer,
      own,
      ref,
    ),
  );
}

function customerConversation(
  source: string,
  externalId: string,
  customerId: string,
  tweets: Tweet[],
  ref: RecordRef,
): ImportRecord {
  const brand = tweets.find((t) => !t.inbound);
  const messages: IngestMessage[] = tweets.map((t) => {
    const m: IngestMessage = {
      role: t.inbound ? "customer" : "agent",
      text: t.text,
      ts: t.ts,
      externalId: t.id,
    };
    if (!t.inbound) m.agentExternalId = t.authorId;
    return m;
  });
  const item: IngestConversation = {
    externalId,
    source,
    channel: "social",
    customer: { externalId: customerId },
    messages,
  };
  if (brand) {
    item.agent = { externalId: brand.authorId, name: brand.authorId };
    item.metadata = { brand: brand.authorId };
  }
  return { kind: "conversation", ref, item };
}
