/**
 * Internal chat channels for the culture view: each message is analysed as an internal message;
 * only those marked `disrespect` toward customers are kept, redacted with the org's settings and
 * attributed to the agent who wrote them (by email or external id) when known.
 */
import { analyzeMessage } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import { getRedactionSettings, redactText } from "../conversations/index.ts";
import type { ChannelMessagesBody } from "./culture.schemas.ts";
import * as repo from "./culture.repo.ts";

const MAX_SPANS = 5;

function disrespectSpans(text: string): string[] | null {
  const signal = analyzeMessage({ role: "internal", text }).signals.find(
    (s) => s.name === "disrespect",
  );
  return signal ? signal.evidence.map((e) => e.text).slice(0, MAX_SPANS) : null;
}

export async function ingestChannelMessages(db: Db, orgId: string, body: ChannelMessagesBody) {
  const marked = body.items.flatMap((item) => {
    const spans = disrespectSpans(item.text);
    return spans ? [{ item, spans }] : [];
  });
  if (marked.length === 0) return { received: body.items.length, marked: 0, stored: 0 };
  const settings = await getRedactionSettings(db, orgId);
  const authors = await repo.findAuthors(
    db,
    orgId,
    marked.flatMap(({ item }) => (item.author?.email ? [item.author.email] : [])),
    marked.flatMap(({ item }) => (item.author?.externalId ? [item.author.externalId] : [])),
  );
  const byEmail = new Map(authors.filter((a) => a.email).map((a) => [a.email!, a.id]));
  const byExternal = new Map(
    authors.filter((a) => a.external_id).map((a) => [a.external_id!, a.id]),
  );
  const stored = await repo.insertChannelMessages(
    db,
    marked.map(({ item, spans }) => ({
      orgId,
      source: body.source,
      externalId: item.externalId,
      channel: item.channel,
      authorAgentId:
        (item.author?.email && byEmail.get(item.author.email)) ||
        (item.author?.externalId && byExternal.get(item.author.externalId)) ||
        null,
      sentAt: new Date(item.sentAt),
      text: redactText(item.text, settings).text,
      spans: spans.map((s) => redactText(s, settings).text),
    })),
  );
  return { received: body.items.length, marked: marked.length, stored };
}
